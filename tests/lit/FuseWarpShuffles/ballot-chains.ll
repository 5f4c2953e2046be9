; Ballots with a constant member mask are steps of a chain too: CUB's
; MatchAny (one ballot per bit of a digit, the predicated `not` of the PTX
; a lane-wise xor) becomes one collective whose body casts the lanes'
; predicates to the mask, once per warp. Blocks that unrolling left between
; the ballots join their predecessor where they follow it in the layout.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s
; Chains of the same steps share one body (match_any's and rank's).
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s --check-prefix=ONE
; ONE-COUNT-1: define internal <32 x i32> @__tx_shfl_chain_body(
; ONE-NOT: define {{.*}}@__tx_shfl_chain_body.

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @match_any(
; CHECK-NOT: vote.ballot
; CHECK: %chain = call i32 @__tx_shfl_chain.i32.i32(ptr @__tx_shfl_chain_body, i32 %digit)
; CHECK-NEXT: store i32 %chain, ptr %out
define void @match_any(ptr %out, i32 %digit) {
entry:
  %b0 = and i32 %digit, 1
  %p0 = icmp ne i32 %b0, 0
  %v0 = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %p0)
  %n0 = xor i1 %p0, true
  %s0 = sext i1 %n0 to i32
  %m0 = xor i32 %v0, %s0
  br label %bit1

bit1:
  %b1 = and i32 %digit, 2
  %p1 = icmp ne i32 %b1, 0
  %v1 = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %p1)
  %n1 = xor i1 %p1, true
  %s1 = sext i1 %n1 to i32
  %m1 = xor i32 %v1, %s1
  %peers = and i32 %m0, %m1
  store i32 %peers, ptr %out
  ret void
}

; The ranking after it uses four values of the chain (the peers, their
; leader, the lane's rank among them, whether it leads), too many for a lane
; slot in a kernel with other votes; all of them come from the peers mask,
; which is the chain's only output, and the steps after it stay outside.
; The chain's steps are match_any's: its body.
; CHECK-LABEL: define void @rank(
; CHECK: %chain = call i32 @__tx_shfl_chain.i32.i32(ptr @__tx_shfl_chain_body, i32 %digit)
; CHECK-NEXT: %none = icmp eq i32 %chain, 0
; CHECK-NEXT: %clz = call i32 @llvm.ctlz.i32(i32 %chain, i1 true)
; CHECK: %below = and i32 %chain, %lt
; CHECK-NEXT: %rank = call i32 @llvm.ctpop.i32(i32 %below)
; CHECK-NEXT: %leads = icmp eq i32 %lane, %leader
; CHECK: call i32 @llvm.nvvm.vote.ballot.sync(i32 %any, i1 %leads)
define void @rank(ptr %out, i32 %digit, i32 %any) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid, 31
  %b0 = and i32 %digit, 1
  %p0 = icmp ne i32 %b0, 0
  %v0 = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %p0)
  %n0 = xor i1 %p0, true
  %s0 = sext i1 %n0 to i32
  %m0 = xor i32 %v0, %s0
  %b1 = and i32 %digit, 2
  %p1 = icmp ne i32 %b1, 0
  %v1 = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %p1)
  %n1 = xor i1 %p1, true
  %s1 = sext i1 %n1 to i32
  %m1 = xor i32 %v1, %s1
  %peers = and i32 %m0, %m1
  %none = icmp eq i32 %peers, 0
  %clz = call i32 @llvm.ctlz.i32(i32 %peers, i1 true)
  %top = select i1 %none, i32 32, i32 %clz
  %leader = sub nsw i32 31, %top
  %shift = xor i32 %lane, 31
  %lt = lshr i32 -1, %shift
  %below = and i32 %peers, %lt
  %rank = call i32 @llvm.ctpop.i32(i32 %below)
  %leads = icmp eq i32 %lane, %leader
  %voted = call i32 @llvm.nvvm.vote.ballot.sync(i32 %any, i1 %leads)
  store i32 %peers, ptr %out
  %o1 = getelementptr i32, ptr %out, i64 1
  store i32 %leader, ptr %o1
  %o2 = getelementptr i32, ptr %out, i64 2
  store i32 %rank, ptr %o2
  %o3 = getelementptr i32, ptr %out, i64 3
  store i32 %voted, ptr %o3
  ret void
}

; A ballot over a run-time member mask is not a chain step.
; CHECK-LABEL: define void @runtime_mask(
; CHECK-COUNT-2: call i32 @llvm.nvvm.vote.ballot.sync(i32 %mask
define void @runtime_mask(ptr %out, i32 %digit, i32 %mask) {
entry:
  %b0 = and i32 %digit, 1
  %p0 = icmp ne i32 %b0, 0
  %v0 = call i32 @llvm.nvvm.vote.ballot.sync(i32 %mask, i1 %p0)
  %b1 = and i32 %digit, 2
  %p1 = icmp ne i32 %b1, 0
  %v1 = call i32 @llvm.nvvm.vote.ballot.sync(i32 %mask, i1 %p1)
  %peers = and i32 %v0, %v1
  store i32 %peers, ptr %out
  ret void
}

; The body: each ballot is the arrived members' predicates as a mask, the
; same in every lane.
; CHECK-LABEL: define internal <32 x i32> @__tx_shfl_chain_body(<32 x i32> %lanes, i32 %arrived.mask)
; CHECK: %[[P:[0-9]+]] = icmp ne <32 x i32> %{{[0-9]+}}, zeroinitializer
; CHECK-NEXT: %[[BITS:[0-9]+]] = bitcast <32 x i1> %[[P]] to i32
; CHECK-NEXT: %[[MEMBERS:[0-9]+]] = and i32 %arrived.mask, -1
; CHECK-NEXT: %[[VOTES:[0-9]+]] = and i32 %[[BITS]], %[[MEMBERS]]
; CHECK: %lanes.ballot.splat = shufflevector <32 x i32> %lanes.ballot.splatinsert
; CHECK: ret <32 x i32>

declare i32 @llvm.nvvm.vote.ballot.sync(i32, i1)
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.ctlz.i32(i32, i1)
declare i32 @llvm.ctpop.i32(i32)

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @match_any, !"kernel", i32 1}
!1 = !{ptr @rank, !"kernel", i32 1}
!2 = !{ptr @runtime_mask, !"kernel", i32 1}
