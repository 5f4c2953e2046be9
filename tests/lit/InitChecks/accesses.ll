; initcheck instrumentation: reads of memory whose object is unknown at
; compile time call __tx_initcheck_read (with their site) first, writes
; __tx_initcheck_write; an atomic does both, a memcpy reads its source and
; writes its destination. Local arrays, module variables, __shared__
; memory and by-value parameters are left alone. A constructor announces
; the check.
; RUN: %tx-opt -passes=tx-initcheck -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.P = type { [4 x i32] }

@table = internal global [16 x i32] zeroinitializer

; The atomic's site says read | atomic (5).
; CHECK-DAG: @__tx_memcheck.site.{{[0-9]+}} = private global { ptr, ptr, ptr, i32, i32, i32, i32 } { ptr @__tx_memcheck.empty, ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 0, i32 5, i32 1 }
; CHECK-DAG: @llvm.global_ctors = appending global {{.*}} @__tx_check_start.initcheck

; CHECK-LABEL: define void @kernel(
; CHECK:         call void @__tx_initcheck_read(ptr @__tx_memcheck.site, ptr %in.i, i64 4)
; CHECK-NEXT:    %v = load float, ptr %in.i
; CHECK-NEXT:    %out.i = getelementptr
; CHECK-NEXT:    call void @__tx_initcheck_write(ptr %out.i, i64 4)
; CHECK-NEXT:    store float %v, ptr %out.i
; The atomic: a read (flags read | atomic = 5) and a write.
; CHECK-NEXT:    call void @__tx_initcheck_read(ptr @__tx_memcheck.site.{{[0-9]+}}, ptr %counter, i64 4)
; CHECK-NEXT:    call void @__tx_initcheck_write(ptr %counter, i64 4)
; CHECK-NEXT:    atomicrmw add ptr %counter
; CHECK-NEXT:    call void @__tx_initcheck_read(ptr @__tx_memcheck.site.{{[0-9]+}}, ptr %in, i64 64)
; CHECK-NEXT:    call void @__tx_initcheck_write(ptr %out, i64 64)
; CHECK-NEXT:    call void @llvm.memcpy
; Locals, variables, shared memory and by-value parameters: nothing.
; CHECK-NOT:     __tx_initcheck
; CHECK:         ret void
define void @kernel(ptr %in, ptr %out, ptr %counter, ptr byval(%struct.P) %p, i64 %i) {
  %in.i = getelementptr inbounds float, ptr %in, i64 %i
  %v = load float, ptr %in.i, align 4
  %out.i = getelementptr inbounds float, ptr %out, i64 %i
  store float %v, ptr %out.i, align 4
  %old = atomicrmw add ptr %counter, i32 1 monotonic
  call void @llvm.memcpy.p0.p0.i64(ptr %out, ptr %in, i64 64, i1 false)
  %local = alloca [8 x i32], align 4
  %l.i = getelementptr inbounds [8 x i32], ptr %local, i64 0, i64 %i
  store i32 1, ptr %l.i, align 4
  %t.i = getelementptr inbounds [16 x i32], ptr @table, i64 0, i64 %i
  %t = load i32, ptr %t.i, align 4
  %base = call ptr @__tx_shared_base()
  %s.i = getelementptr inbounds i32, ptr %base, i64 %i
  store i32 %t, ptr %s.i, align 4
  %p.i = getelementptr inbounds i32, ptr %p, i64 %i
  %pv = load i32, ptr %p.i, align 4
  store i32 %pv, ptr %s.i, align 4
  ret void
}

declare ptr @__tx_shared_base()
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK-LABEL: define internal void @__tx_check_start.initcheck(
; CHECK:         call void @__tx_check_start(ptr @__tx_check.tool)
