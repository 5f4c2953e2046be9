; memcheck instrumentation: each access is checked against the object it is
; known to fall in (a local array, a module variable, the block's shared
; memory: inline, failing into __tx_memcheck_region_fault), or else against
; the range its site hit last (failing into __tx_memcheck_access, which
; looks the address up). Accesses at constant offsets inside their object
; and by-value parameters are not checked; device malloc/free go through
; the runtime; a constructor registers the module's variables.
; RUN: %tx-opt -passes=tx-memcheck -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = global [64 x i32] zeroinitializer, align 4

; The site records carry the position of the access and its flags
; (write = 2, space << 8) and alignment.
; CHECK-DAG: @__tx_memcheck.site{{.*}} = private global { ptr, ptr, ptr, i32, i32, i32, i32 } { ptr @__tx_memcheck.empty, ptr @{{.*}}, ptr @{{.*}}, i32 7, i32 3, i32 2, i32 4 }
; CHECK-DAG: @__tx_memcheck_shared_bytes = external thread_local(initialexec) global i64
; CHECK-DAG: @llvm.global_ctors = appending global {{.*}} @__tx_memcheck.register

; CHECK-LABEL: define void @global_store(
; CHECK:         %[[RANGE:.*]] = load atomic ptr, ptr @__tx_memcheck.site{{.*}} monotonic
; CHECK-NEXT:    %[[LO:.*]] = load atomic i64, ptr %[[RANGE]] monotonic
; CHECK:         %[[HI:.*]] = load atomic i64, ptr %{{.*}} monotonic
; CHECK:         br i1 %{{.*}}, label %memcheck.fail, label %{{.*}}, !prof
; CHECK:       memcheck.fail:
; CHECK-NEXT:    call void @__tx_memcheck_access(ptr @__tx_memcheck.site{{.*}}, ptr %p, i64 4)
; CHECK:         store float 1.000000e+00, ptr %p
define void @global_store(ptr %p) !dbg !5 {
  store float 1.0, ptr %p, align 4, !dbg !8
  ret void
}

; CHECK-LABEL: define i32 @local_array(
; The constant-index store is inside the array: no check.
; CHECK:         %a = alloca [8 x i32]
; CHECK-NEXT:    store i32 0, ptr %a
; CHECK:         call void @__tx_memcheck_region_fault(ptr @__tx_memcheck.site{{.*}}, ptr %slot, i64 4, ptr %a, i64 32)
; CHECK:         load i32, ptr %slot
define i32 @local_array(i64 %i) {
  %a = alloca [8 x i32], align 4
  store i32 0, ptr %a, align 4
  %slot = getelementptr inbounds [8 x i32], ptr %a, i64 0, i64 %i
  %v = load i32, ptr %slot, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @variable(
; CHECK-NOT:     __tx_memcheck
; CHECK:         load i32, ptr getelementptr
; CHECK:         call void @__tx_memcheck_region_fault({{.*}}, ptr %slot, i64 4, ptr @table, i64 256)
define i32 @variable(i64 %i) {
  %first = load i32, ptr getelementptr inbounds ([64 x i32], ptr @table, i64 0, i64 3), align 4
  %slot = getelementptr inbounds [64 x i32], ptr @table, i64 0, i64 %i
  %v = load i32, ptr %slot, align 4
  %sum = add i32 %first, %v
  ret i32 %sum
}

; Shared memory is bounded by the running block's shared bytes.
; CHECK-LABEL: define void @shared(
; CHECK:         %[[BYTES:.*]] = load i64, ptr @__tx_memcheck_shared_bytes
; CHECK:         call void @__tx_memcheck_region_fault({{.*}}, ptr %slot, i64 4, ptr %base, i64 %[[BYTES]])
define void @shared(i64 %i) {
  %base = call ptr @__tx_shared_base()
  %slot = getelementptr inbounds i32, ptr %base, i64 %i
  store i32 1, ptr %slot, align 4
  ret void
}

; CHECK-LABEL: define i32 @byval_param(
; CHECK-NOT:     __tx_memcheck
; CHECK:         ret i32
define i32 @byval_param(ptr byval({ i32, i32 }) %s, i64 %i) {
  %slot = getelementptr inbounds i32, ptr %s, i64 %i
  %v = load i32, ptr %slot, align 4
  ret i32 %v
}

; A memcpy checks both ranges, with its length; an empty one nothing.
; CHECK-LABEL: define void @copy(
; CHECK:         icmp ne i64 %n, 0
; CHECK:         call void @__tx_memcheck_access({{.*}}, ptr %d, i64 %n)
; CHECK:         icmp ne i64 %n, 0
; CHECK:         call void @__tx_memcheck_access({{.*}}, ptr %s, i64 %n)
; CHECK:         call void @llvm.memcpy
define void @copy(ptr %d, ptr %s, i64 %n) {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}

; CHECK-LABEL: define void @heap(
; CHECK:         %h = call ptr @__tx_memcheck_malloc(i64 16, ptr @__tx_memcheck.site
; CHECK:         call void @__tx_memcheck_free(ptr %h, ptr @__tx_memcheck.site
; CHECK-NOT:     call {{.*}} @malloc
define void @heap() {
  %h = call ptr @malloc(i64 16)
  call void @free(ptr %h)
  ret void
}

; The constructor hands the runtime every variable of the module.
; CHECK-LABEL: define internal void @__tx_memcheck.register(
; CHECK:         call void @__tx_memcheck_register_module(ptr @__tx_memcheck.variables, i32 {{[0-9]+}})

declare ptr @__tx_shared_base()
declare ptr @malloc(i64)
declare void @free(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "scale.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = distinct !DISubprogram(name: "global_store", scope: !1, file: !1, line: 6, type: !6, scopeLine: 6, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 7, column: 3, scope: !5)
