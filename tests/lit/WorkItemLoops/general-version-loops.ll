; A region with an in-step and a general version (a barrier in a loop whose
; counter is uniform). The general version runs only while the block is out
; of step: its thread loops stay scalar and rolled (vectorising them behind
; run-time alias checks was most of the device code's compile time in
; kernels of many regions), while the in-step version keeps the lowering's
; usual properties. The kernel's own loop inside the region keeps its
; pragma in the in-step version and, as before, no loop ID in the general
; one (a loop ID is not shared between two loops), though it carries the
; run-time unrolling property the lowering's loops have too (the loop
; vectoriser sets it): the lowering's loops are told apart by a property of
; their own, tx.lowering.loop.
; (<general-versions>: this kernel's block may well stay in step, which alone
; would need no general versions; always-in-step.ll.)
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @tree(ptr %data, i32 %n) {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %half = lshr i32 %ntid, 1
  br label %loop

loop:
  %s = phi i32 [ %half, %entry ], [ %next, %inner.done ]
  %more = icmp ugt i32 %s, 0
  br i1 %more, label %body, label %exit

body:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  br label %inner

inner:
  %k = phi i32 [ 0, %body ], [ %k.next, %inner ]
  %v = load float, ptr %p
  %v1 = fadd float %v, 1.0
  store float %v1, ptr %p
  %k.next = add i32 %k, 1
  %again = icmp ult i32 %k.next, %n
  br i1 %again, label %inner, label %inner.done, !llvm.loop !1

inner.done:
  %next = lshr i32 %s, 1
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @tree, !"kernel", i32 1}
!1 = distinct !{!1, !2, !3}
!2 = !{!"llvm.loop.unroll.count", i32 4}
!3 = !{!"llvm.loop.unroll.runtime.disable"}

; CHECK-LABEL: r1.x.latch:
; CHECK-NEXT: add
; CHECK-NEXT: icmp
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x, label %r1.y.latch, !llvm.loop ![[STEP_X:[0-9]+]]
; CHECK: br i1 %again.r1, label %inner.r1, label %inner.done.r1, !llvm.loop ![[USER:[0-9]+]]
; CHECK-LABEL: r1.x.latch.general:
; CHECK-NEXT: add
; CHECK-NEXT: icmp
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x.general, label %r1.y.latch.general, !llvm.loop ![[GEN_X:[0-9]+]]
; CHECK-LABEL: r1.y.latch.general:
; CHECK-NEXT: add
; CHECK-NEXT: icmp
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.y.general, label %r1.z.latch.general, !llvm.loop ![[GEN_Y:[0-9]+]]
; CHECK: br i1 %again.r1.general, label %inner.r1.general, label %inner.done.r1.general{{$}}

; CHECK-DAG: ![[STEP_X]] = distinct !{![[STEP_X]], ![[RUNTIME:[0-9]+]], ![[LOWERING:[0-9]+]], ![[PARALLEL:[0-9]+]], ![[INTERLEAVE:[0-9]+]]}
; CHECK-DAG: ![[RUNTIME]] = !{!"llvm.loop.unroll.runtime.disable"}
; CHECK-DAG: ![[LOWERING]] = !{!"tx.lowering.loop"}
; CHECK-DAG: ![[USER]] = distinct !{![[USER]], ![[COUNT:[0-9]+]], ![[RUNTIME]]}
; CHECK-DAG: ![[COUNT]] = !{!"llvm.loop.unroll.count", i32 4}
; CHECK-DAG: ![[GEN_X]] = distinct !{![[GEN_X]], ![[SCALAR:[0-9]+]], ![[ROLLED:[0-9]+]]}
; CHECK-DAG: ![[SCALAR]] = !{!"llvm.loop.vectorize.enable", i1 false}
; CHECK-DAG: ![[ROLLED]] = !{!"llvm.loop.unroll.disable"}
; CHECK-DAG: ![[GEN_Y]] = distinct !{![[GEN_Y]], ![[SCALAR]], ![[ROLLED]]}
