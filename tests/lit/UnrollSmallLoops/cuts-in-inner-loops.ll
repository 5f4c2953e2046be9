; A constant-trip loop whose only cut lies in an inner loop that stays a
; loop (a bitonic sort: stages k = 2, 4, 8, 16 around steps j = k/2 .. 1,
; a barrier per step) is not unrolled: each copy would keep the inner
; loop's state machine, so the copies only multiply regions. A nest of
; constant-trip loops still unrolls whole: the inner loop first, whose cuts
; then lie in the outer loop itself.
; RUN: %tx-opt -passes=tx-unroll-small-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @bitonic(
; CHECK: stage:
; CHECK: step:
; CHECK: call void @llvm.nvvm.barrier0()
; CHECK-NOT: call void @llvm.nvvm.barrier0()
; CHECK: br i1 %step.more, label %step, label %stage.latch
; CHECK: br i1 %stage.more, label %stage, label %exit
define void @bitonic(ptr %out) {
entry:
  br label %stage

stage:
  %k = phi i32 [ 2, %entry ], [ %k.next, %stage.latch ]
  %j0 = lshr i32 %k, 1
  br label %step

step:
  %j = phi i32 [ %j0, %stage ], [ %j.next, %step ]
  %p = getelementptr i32, ptr %out, i32 %j
  store i32 %k, ptr %p
  call void @llvm.nvvm.barrier0()
  %j.next = lshr i32 %j, 1
  %step.more = icmp ugt i32 %j, 1
  br i1 %step.more, label %step, label %stage.latch

stage.latch:
  %k.next = shl i32 %k, 1
  %stage.more = icmp ult i32 %k.next, 17
  br i1 %stage.more, label %stage, label %exit

exit:
  ret void
}

; Two by three barriers, all straight-line.
; CHECK-LABEL: define void @nest(
; CHECK-COUNT-6: call void @llvm.nvvm.barrier0()
; CHECK-NOT: call void @llvm.nvvm.barrier0()
; CHECK-NOT: br i1 %{{.*}}, label %inner
; CHECK: ret void
define void @nest(ptr %out) {
entry:
  br label %outer

outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  br label %inner

inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %ij = add i32 %i, %j
  %p = getelementptr i32, ptr %out, i32 %ij
  store i32 %ij, ptr %p
  call void @llvm.nvvm.barrier0()
  %j.next = add i32 %j, 1
  %inner.more = icmp ult i32 %j.next, 3
  br i1 %inner.more, label %inner, label %outer.latch

outer.latch:
  %i.next = add i32 %i, 1
  %outer.more = icmp ult i32 %i.next, 2
  br i1 %outer.more, label %outer, label %exit

exit:
  ret void
}

declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @bitonic, !"kernel", i32 1}
!1 = !{ptr @nest, !"kernel", i32 1}
