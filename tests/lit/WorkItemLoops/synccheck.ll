; synccheck: when the threads of a block leave a region at different cuts,
; the dispatch calls the runtime with the per-thread states and a table of
; the cuts (source line, and whether each is a __syncthreads(): the shuffle
; is not). A constructor announces the check. Without synccheck, none of it.
; RUN: %tx-opt -passes='tx-workitem-loops<synccheck>' -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s --check-prefix=OFF

target triple = "x86_64-pc-linux-gnu"

; CHECK-DAG: @synccheck.barriers = private constant [3 x { ptr, i32, i32 }] [{ ptr, i32, i32 } { ptr @synccheck.file, i32 7, i32 1 }, { ptr, i32, i32 } { ptr @synccheck.file, i32 9, i32 1 }, { ptr, i32, i32 } { ptr @synccheck.file, i32 11, i32 0 }]
; CHECK-DAG: @synccheck.file = private unnamed_addr constant [10 x i8] c"/src/k.cu\00"
; CHECK-DAG: @llvm.global_ctors = appending global {{.*}} @__tx_check_start.synccheck

; CHECK:     dispatch:
; CHECK:       %next = load i32
; CHECK-NEXT:  %last = load i32
; CHECK-NEXT:  %[[DIVERGED:.*]] = icmp ne i32 %next, %last
; CHECK-NEXT:  br i1 %[[DIVERGED]], label %synccheck, label %dispatch.checked, !prof
; CHECK:     synccheck:
; CHECK-NEXT:  call void @__tx_synccheck_dispatch(ptr %{{.*}}, i64 %nthreads, ptr @synccheck.barriers, i32 3)
; CHECK-NEXT:  br label %dispatch.checked

; CHECK-LABEL: define internal void @__tx_check_start.synccheck(
; CHECK:         call void @__tx_check_start(ptr @{{.*}})

; OFF-NOT: __tx_synccheck_dispatch
; OFF-NOT: __tx_check_start

define void @branches(ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %low = icmp ult i32 %tid, 16
  br i1 %low, label %a, label %b

a:
  call void @llvm.nvvm.barrier0(), !dbg !8
  br label %join

b:
  call void @llvm.nvvm.barrier0(), !dbg !9
  br label %join

join:
  %r = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %tid, i32 1, i32 31), !dbg !10
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!nvvm.annotations = !{!11}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "k.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "branches", scope: !1, file: !1, line: 5, type: !6, scopeLine: 5, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 7, column: 3, scope: !5)
!9 = !DILocation(line: 9, column: 3, scope: !5)
!10 = !DILocation(line: 11, column: 3, scope: !5)
!11 = !{ptr @branches, !"kernel", i32 1}
