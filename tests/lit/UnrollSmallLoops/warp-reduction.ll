; A warp reduction's loop (five shuffles, offsets 16 to 1) is fully
; unrolled: each shuffle gets a constant offset and the value it carries is
; a plain SSA value, with no copy past the exit iteration left behind.
; A loop without a cut is left to the optimiser after the thread loops; a
; loop around a cut with a trip count unknown at compile time stays a loop,
; and so does one whose copies would take the kernel past 32 cuts -- unless
; it holds shuffles alone, whose copies fuse back into one cut.
; RUN: %tx-opt -passes=tx-unroll-small-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @warp_sum(ptr %out, float %x) {
entry:
  br label %loop

loop:
  %offset = phi i32 [ 16, %entry ], [ %next, %loop ]
  %v = phi float [ %x, %entry ], [ %sum, %loop ]
  %bits = bitcast float %v to i32
  %got = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %bits, i32 %offset, i32 31)
  %other = bitcast i32 %got to float
  %sum = fadd float %v, %other
  %next = lshr i32 %offset, 1
  %more = icmp ugt i32 %offset, 1
  br i1 %more, label %loop, label %exit

exit:
  store float %sum, ptr %out
  ret void
}

; CHECK-LABEL: define void @warp_sum(
; CHECK: shfl.sync.bfly.i32(i32 -1, i32 %{{.*}}, i32 16, i32 31)
; CHECK: shfl.sync.bfly.i32(i32 -1, i32 %{{.*}}, i32 8, i32 31)
; CHECK: shfl.sync.bfly.i32(i32 -1, i32 %{{.*}}, i32 4, i32 31)
; CHECK: shfl.sync.bfly.i32(i32 -1, i32 %{{.*}}, i32 2, i32 31)
; CHECK: shfl.sync.bfly.i32(i32 -1, i32 %{{.*}}, i32 1, i32 31)
; CHECK-NOT: shfl.sync
; CHECK-NOT: phi float
; CHECK: ret void

define void @no_cut(ptr %out) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %out, i32 %i
  store i32 %i, ptr %p
  %i.next = add i32 %i, 1
  %more = icmp ult i32 %i.next, 4
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-LABEL: define void @no_cut(
; CHECK: %i = phi i32
; CHECK: br i1 %more, label %loop, label %exit

define void @unknown_trips(ptr %out, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void @llvm.nvvm.barrier0()
  %p = getelementptr i32, ptr %out, i32 %i
  store i32 %i, ptr %p
  %i.next = add i32 %i, 1
  %more = icmp ult i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-LABEL: define void @unknown_trips(
; CHECK: %i = phi i32
; CHECK: call void @llvm.nvvm.barrier0()
; CHECK: br i1 %more, label %loop, label %exit

define void @over_budget(ptr %out, i32 %x) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %v = phi i32 [ %x, %entry ], [ %b, %loop ]
  %a = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v, i32 1, i32 31)
  %b = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a, i32 2, i32 31)
  store i32 %a, ptr %out
  %i.next = add i32 %i, 1
  %more = icmp ult i32 %i.next, 17
  br i1 %more, label %loop, label %exit

exit:
  store i32 %b, ptr %out
  ret void
}

; 17 iterations of 2 shuffles would be 34 cuts (the store between them
; keeps FuseWarpShuffles from making chains of them).
; CHECK-LABEL: define void @over_budget(
; CHECK: %i = phi i32
; CHECK: br i1 %more, label %loop, label %exit

define void @chains_past_the_cut_budget(ptr %out, i32 %x) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %v = phi i32 [ %x, %entry ], [ %b, %loop ]
  %a = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v, i32 1, i32 31)
  %b = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a, i32 2, i32 31)
  %i.next = add i32 %i, 1
  %more = icmp ult i32 %i.next, 17
  br i1 %more, label %loop, label %exit

exit:
  store i32 %b, ptr %out
  ret void
}

; The same 34 shuffles with nothing else in the loop: unrolled, they are one
; chain, which FuseWarpShuffles makes one cut, so the cut budget does not
; apply (a budget of 256 such shuffles per kernel does).
; CHECK-LABEL: define void @chains_past_the_cut_budget(
; CHECK-NOT: phi i32
; CHECK-COUNT-34: call i32 @llvm.nvvm.shfl.sync.bfly.i32
; CHECK-NOT: call i32 @llvm.nvvm.shfl
; CHECK: store i32

declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2, !3, !4}
!0 = !{ptr @warp_sum, !"kernel", i32 1}
!1 = !{ptr @no_cut, !"kernel", i32 1}
!2 = !{ptr @unknown_trips, !"kernel", i32 1}
!3 = !{ptr @over_budget, !"kernel", i32 1}
!4 = !{ptr @chains_past_the_cut_budget, !"kernel", i32 1}
