; A kernel whose loop spins on memory other blocks write -- a volatile load
; (CUB's radix-sort look-back), or a plain load in a loop with a fence
; (CUB's scan look-back: __threadfence_block, ld.cg, WARP_ANY) -- is
; registered with TX_KERNEL_WAITS_FOR_BLOCKS (2), so that the runtime starts
; its blocks in order. A loop that only reads memory does not count.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @volatile_spin(ptr %flags, ptr %out) {
entry:
  %b = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %prev = sub i32 %b, 1
  %idx = sext i32 %prev to i64
  %slot = getelementptr inbounds i32, ptr %flags, i64 %idx
  br label %wait

wait:
  %v = load volatile i32, ptr %slot, align 4
  %ready = icmp ne i32 %v, 0
  br i1 %ready, label %done, label %wait

done:
  store i32 %v, ptr %out, align 4
  ret void
}

define void @fenced_vote(ptr %status, ptr %out) {
entry:
  br label %wait

wait:
  fence syncscope("block") acq_rel
  %s = load i32, ptr %status, align 4
  %invalid = icmp eq i32 %s, 99
  %any = call i1 @llvm.nvvm.vote.any.sync(i32 -1, i1 %invalid)
  br i1 %any, label %wait, label %done

done:
  store i32 %s, ptr %out, align 4
  ret void
}

define void @plain_loop(ptr %in, ptr %out, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %next, %loop ]
  %sum = phi i32 [ 0, %entry ], [ %add, %loop ]
  %idx = sext i32 %i to i64
  %p = getelementptr inbounds i32, ptr %in, i64 %idx
  %v = load i32, ptr %p, align 4
  %add = add i32 %sum, %v
  %next = add i32 %i, 1
  %more = icmp slt i32 %next, %n
  br i1 %more, label %loop, label %done

done:
  store i32 %add, ptr %out, align 4
  ret void
}

; CHECK-DAG: !{ptr @__txblk_volatile_spin, !"volatile_spin", i64 {{[0-9]+}}, i32 2,
; CHECK-DAG: !{ptr @__txblk_fenced_vote, !"fenced_vote", i64 {{[0-9]+}}, i32 3,
; CHECK-DAG: !{ptr @__txblk_plain_loop, !"plain_loop", i64 {{[0-9]+}}, i32 0,

declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i1 @llvm.nvvm.vote.any.sync(i32, i1)

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @volatile_spin, !"kernel", i32 1}
!1 = !{ptr @fenced_vote, !"kernel", i32 1}
!2 = !{ptr @plain_loop, !"kernel", i32 1}
