; Chains with parameters: 32-bit values from before the chain that its
; steps read (CUB clamps a partial warp's shuffles at the last valid lane,
; a run-time value). Each lane publishes its input with the parameters
; packed above it; shuffles with run-time operands compute their source
; lanes in the body and gather.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s
; No chain body computes on <32 x i128> (x86 scalarises it): 128-bit lanes
; are their 64-bit halves.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | sed -n '/^define internal .*@__tx_shfl_chain_body/,/^}/p' | %FileCheck --check-prefix=BODIES %s
; BODIES: define internal <32 x i64> @__tx_shfl_chain_body(<64 x i64> %lanes
; BODIES-NOT: i128
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck --check-prefix=APART %s

target triple = "x86_64-pc-linux-gnu"

; A 64-bit sum over the lanes up to %last, as CUB shuffles it: two 32-bit
; words per step. Input and clamp fill an i128.
define void @partial_sum64(ptr %out, i64 %x, i32 %last) {
  %lo0 = trunc i64 %x to i32
  %hi0.s = lshr i64 %x, 32
  %hi0 = trunc i64 %hi0.s to i32
  %slo0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo0, i32 1, i32 %last)
  %shi0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi0, i32 1, i32 %last)
  %zlo0 = zext i32 %slo0 to i64
  %zhi0 = zext i32 %shi0 to i64
  %hi0.up = shl i64 %zhi0, 32
  %v0 = or i64 %hi0.up, %zlo0
  %x1 = add i64 %x, %v0
  %lo1 = trunc i64 %x1 to i32
  %hi1.s = lshr i64 %x1, 32
  %hi1 = trunc i64 %hi1.s to i32
  %slo1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo1, i32 2, i32 %last)
  %shi1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi1, i32 2, i32 %last)
  %zlo1 = zext i32 %slo1 to i64
  %zhi1 = zext i32 %shi1 to i64
  %hi1.up = shl i64 %zhi1, 32
  %v1 = or i64 %hi1.up, %zlo1
  %x2 = add i64 %x1, %v1
  store i64 %x2, ptr %out
  ret void
}

; CHECK-LABEL: define void @partial_sum64(
; CHECK: %[[X:[0-9]+]] = zext i64 %x to i128
; CHECK: %[[LAST:[0-9]+]] = zext i32 %last to i128
; CHECK: %[[UP:[0-9]+]] = shl i128 %[[LAST]], 64
; CHECK: %packed = or i128 %[[X]], %[[UP]]
; CHECK-NEXT: %chain = call i64 @__tx_shfl_chain.i128.i64(ptr @__tx_shfl_chain_body, i128 %packed)
; CHECK-NOT: shfl.sync
; CHECK: store i64 %chain, ptr %out

; The same in a kernel with a vote: the chain, which needs 128 bits, is
; fused all the same (votes have services that read 128-bit lane slots).
define void @with_vote(ptr %out, i64 %x, i32 %last) {
  %lo0 = trunc i64 %x to i32
  %hi0.s = lshr i64 %x, 32
  %hi0 = trunc i64 %hi0.s to i32
  %slo0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo0, i32 1, i32 %last)
  %shi0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi0, i32 1, i32 %last)
  %zlo0 = zext i32 %slo0 to i64
  %zhi0 = zext i32 %shi0 to i64
  %hi0.up = shl i64 %zhi0, 32
  %v0 = or i64 %hi0.up, %zlo0
  %x1 = add i64 %x, %v0
  store i64 %x1, ptr %out
  %any = call i1 @llvm.nvvm.vote.any.sync(i32 -1, i1 true)
  ret void
}

; CHECK-LABEL: define void @with_vote(
; CHECK-NOT: shfl.sync
; CHECK: call i64 @__tx_shfl_chain.i128.i64(
; CHECK: call i1 @llvm.nvvm.vote.any.sync

; Five 32-bit parameters and a 32-bit input do not fit in 128 bits.
define void @too_many(ptr %out, i32 %x, i32 %a, i32 %b, i32 %c, i32 %d, i32 %e) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 %a, i32 %b)
  %v1 = add i32 %s0, %c
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 %d, i32 %e)
  store i32 %s1, ptr %out
  ret void
}

; CHECK-LABEL: define void @too_many(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.down.i32
; CHECK-NOT: __tx_shfl_chain

; A value computed after the first shuffle by a step that is not lane-wise
; is not a parameter (the lanes publish before it exists): the chain stops
; before its use. (A lane-wise step from a parameter joins the chain.)
define void @late(ptr %out, i32 %x, i32 %y) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %late = sdiv i32 %y, 3
  %v1 = add i32 %s0, %late
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 2, i32 31)
  store i32 %s1, ptr %out
  ret void
}

; CHECK-LABEL: define void @late(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.down.i32
; CHECK-NOT: __tx_shfl_chain

; The optimiser sank the step that joins the last shuffled words into the
; block of the one lane that stores the sum: the chain has three outputs
; (the sum so far and the two words), packed into one i128 result and taken
; apart after the call, where the join block uses them.
define void @sunk_join(ptr %out, i64 %x, i32 %lane) {
entry:
  %lo0 = trunc i64 %x to i32
  %hi0.s = lshr i64 %x, 32
  %hi0 = trunc i64 %hi0.s to i32
  %slo0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo0, i32 1, i32 31)
  %shi0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi0, i32 1, i32 31)
  %zlo0 = zext i32 %slo0 to i64
  %zhi0 = zext i32 %shi0 to i64
  %hi0.up = shl i64 %zhi0, 32
  %v0 = or i64 %hi0.up, %zlo0
  %x1 = add i64 %x, %v0
  %lo1 = trunc i64 %x1 to i32
  %hi1.s = lshr i64 %x1, 32
  %hi1 = trunc i64 %hi1.s to i32
  %slo1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo1, i32 2, i32 31)
  %shi1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi1, i32 2, i32 31)
  %first = icmp eq i32 %lane, 0
  br i1 %first, label %join, label %done

join:
  %zlo1 = zext i32 %slo1 to i64
  %zhi1 = zext i32 %shi1 to i64
  %hi1.up = shl i64 %zhi1, 32
  %v1 = or i64 %hi1.up, %zlo1
  %x2 = add i64 %x1, %v1
  store i64 %x2, ptr %out
  br label %done

done:
  ret void
}

; CHECK-LABEL: define void @sunk_join(
; CHECK: %chain = call i128 @__tx_shfl_chain.i64.i128(ptr @__tx_shfl_chain_body.{{[0-9]+}}, i64 %x)
; CHECK-NEXT: %[[X1:[0-9]+]] = trunc i128 %chain to i64
; CHECK-NEXT: %[[F1:[0-9]+]] = lshr i128 %chain, 64
; CHECK-NEXT: %[[LO:[0-9]+]] = trunc i128 %[[F1]] to i32
; CHECK-NEXT: %[[F2:[0-9]+]] = lshr i128 %chain, 96
; CHECK-NEXT: %[[HI:[0-9]+]] = trunc i128 %[[F2]] to i32
; CHECK-NOT: shfl.sync
; CHECK: join:
; CHECK-NEXT: zext i32 %[[LO]] to i64
; CHECK-NEXT: zext i32 %[[HI]] to i64
; CHECK: add i64 %[[X1]],

; A dead step between the outputs (no pass has removed it yet) keeps using
; the original shuffle, which stays; the live users get the fused result.
define void @dead_between_outputs(ptr %out, i64 %x, i32 %lane) {
entry:
  %lo0 = trunc i64 %x to i32
  %hi0.s = lshr i64 %x, 32
  %hi0 = trunc i64 %hi0.s to i32
  %slo0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo0, i32 1, i32 31)
  %shi0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi0, i32 1, i32 31)
  %zlo0 = zext i32 %slo0 to i64
  %zhi0 = zext i32 %shi0 to i64
  %hi0.up = shl i64 %zhi0, 32
  %v0 = or i64 %hi0.up, %zlo0
  %x1 = add i64 %x, %v0
  %lo1 = trunc i64 %x1 to i32
  %hi1.s = lshr i64 %x1, 32
  %hi1 = trunc i64 %hi1.s to i32
  %slo1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo1, i32 2, i32 31)
  %dead = add i32 %slo1, 1
  %shi1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi1, i32 2, i32 31)
  %first = icmp eq i32 %lane, 0
  br i1 %first, label %join, label %done

join:
  %zlo1 = zext i32 %slo1 to i64
  %zhi1 = zext i32 %shi1 to i64
  %hi1.up = shl i64 %zhi1, 32
  %v1 = or i64 %hi1.up, %zlo1
  %x2 = add i64 %x1, %v1
  store i64 %x2, ptr %out
  br label %done

done:
  ret void
}

; CHECK-LABEL: define void @dead_between_outputs(
; CHECK: %slo1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo1, i32 2, i32 31)
; CHECK-NEXT: %dead = add i32 %slo1, 1
; CHECK: %chain = call i128 @__tx_shfl_chain.i64.i128(
; CHECK: join:
; CHECK-NOT: %slo1
; CHECK: ret void

; A 32-bit output followed by a 64-bit one: the second lies across the
; halves, its low 32 bits above the first output, its high 32 bits at the
; bottom of the high half.
define void @straddle(ptr %out, i32 %x, i1 %c) {
entry:
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %w = zext i32 %s0 to i64
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %s0, i32 2, i32 31)
  %z = zext i32 %s1 to i64
  %sum = add i64 %w, %z
  br i1 %c, label %use, label %done

use:
  store i32 %s1, ptr %out
  %p = getelementptr i64, ptr %out, i64 1
  store i64 %sum, ptr %p
  br label %done

done:
  ret void
}

; CHECK-LABEL: define void @straddle(
; CHECK: %chain = call i128 @__tx_shfl_chain.i32.i128(ptr @__tx_shfl_chain_body.4, i32 %x)
; CHECK-NEXT: trunc i128 %chain to i32
; CHECK-NEXT: %[[AT32:[0-9]+]] = lshr i128 %chain, 32
; CHECK-NEXT: trunc i128 %[[AT32]] to i64
; The body of @partial_sum64: the input is the low 64 bits, the clamp the
; 32 above them; each shuffle's source lanes come from the clamp at run
; time (lane + 1 where that is at most the clamp, else the lane itself).
; Only the choice varies, the candidates are fixed: a constant permutation
; (lane 31's source, 32, out of the warp: poison) and a select, no gather.
; The two shuffles of each step move the halves of one 64-bit value alike:
; the body moves whole 64-bit lanes, with no splitting and joining.
; The lanes come as their 64-bit halves (no <32 x i128>, which x86 would
; scalarise): the input is the low halves, the clamp the high ones'.
; CHECK-LABEL: define internal <32 x i64> @__tx_shfl_chain_body(<64 x i64> %lanes, i32 %arrived.mask)
; CHECK-NOT: i128
; CHECK: %lanes.lo = shufflevector <64 x i64> %lanes, <64 x i64> poison, <32 x i32> <i32 0, i32 2, i32 4, {{.*}}, i32 62>
; CHECK-NEXT: %lanes.hi = shufflevector <64 x i64> %lanes, <64 x i64> poison, <32 x i32> <i32 1, i32 3, i32 5, {{.*}}, i32 63>
; CHECK-NEXT: %[[CLAMP:[0-9]+]] = trunc <32 x i64> %lanes.hi to <32 x i32>
; CHECK: %[[OK:[0-9]+]] = icmp ule <32 x i32> <i32 1, i32 2, {{.*}}, i32 32>, %{{[0-9]+}}
; CHECK-NEXT: %[[SRC:src.lanes[0-9]*]] = select <32 x i1> %[[OK]], <32 x i32> <i32 1, i32 2, {{.*}}>, <32 x i32> <i32 0, i32 1,
; CHECK-NEXT: %[[MOVED:lanes.moved[0-9]*]] = shufflevector <32 x i64> %lanes.lo, <32 x i64> poison, <32 x i32> <i32 1, i32 2, {{.*}}, i32 31, i32 poison>
; CHECK-NEXT: %[[PICKED:[0-9]+]] = select <32 x i1> %[[OK]], <32 x i64> %[[MOVED]], <32 x i64> %lanes.lo
; CHECK: lshr <32 x i32> %{{.*}}, %[[SRC]]
; CHECK: %[[SHUFFLED:lanes.shuffled[0-9]*]] = select <32 x i1> %{{[0-9]+}}, <32 x i64> %[[PICKED]], <32 x i64> %lanes.lo
; CHECK-NEXT: %[[X1:[0-9]+]] = add <32 x i64> %lanes.lo, %[[SHUFFLED]]
; CHECK: shufflevector <32 x i64> %[[X1]], <32 x i64> poison, <32 x i32> <i32 2, i32 3, {{.*}}, i32 31, i32 poison, i32 poison>
; CHECK-NOT: masked.gather
; CHECK-NOT: <32 x i32> %lanes.moved
; CHECK: ret <32 x i64>

; The body of @sunk_join returns its three outputs as 128-bit lanes'
; halves: the 64-bit sum in the low half, the two shuffled words above it
; (moved as words: they leave the chain apart).
; CHECK-LABEL: define internal <64 x i64> @__tx_shfl_chain_body.2(<32 x i64> %lanes, i32 %arrived.mask)
; CHECK-NOT: i128
; CHECK: %[[STEP0:lanes.moved[0-9]*]] = shufflevector <32 x i64> %lanes, <32 x i64> poison, <32 x i32> <i32 1, i32 2,
; CHECK: %[[SUM:[0-9]+]] = add <32 x i64> %lanes,
; CHECK: %[[W1:[0-9]+]] = zext <32 x i32> %lanes.shuffled{{[0-9]+}} to <32 x i64>
; CHECK-NEXT: %[[W2:[0-9]+]] = zext <32 x i32> %lanes.shuffled{{[0-9]+}} to <32 x i64>
; CHECK-NEXT: %[[W2UP:[0-9]+]] = shl <32 x i64> %[[W2]], <i64 32,
; CHECK-NEXT: %[[HIGH:[0-9]+]] = or <32 x i64> %[[W1]], %[[W2UP]]
; CHECK-NEXT: %lanes.halves = shufflevector <32 x i64> %[[SUM]], <32 x i64> %[[HIGH]], <64 x i32> <i32 0, i32 32, i32 1, i32 33, {{.*}}, i32 31, i32 63>
; CHECK-NEXT: ret <64 x i64> %lanes.halves

; CHECK-LABEL: define internal <64 x i64> @__tx_shfl_chain_body.4(<32 x i32> %lanes, i32 %arrived.mask)
; CHECK: %[[SUM:[0-9]+]] = add <32 x i64>
; CHECK-NEXT: %[[WORD:[0-9]+]] = zext <32 x i32> %lanes.shuffled2 to <32 x i64>
; CHECK-NEXT: %[[SUMUP:[0-9]+]] = shl <32 x i64> %[[SUM]], <i64 32,
; CHECK-NEXT: %[[LOW:[0-9]+]] = or <32 x i64> %[[WORD]], %[[SUMUP]]
; CHECK-NEXT: %[[HIGH:[0-9]+]] = lshr <32 x i64> %[[SUM]], <i64 32,
; CHECK-NEXT: %lanes.halves = shufflevector <32 x i64> %[[LOW]], <32 x i64> %[[HIGH]], <64 x i32> <i32 0, i32 32,
; CHECK-NEXT: ret <64 x i64> %lanes.halves

; The halves of a 64-bit value clamped at different lanes move apart: the
; body shuffles them as 32-bit words, not as one 64-bit lane.
define void @halves_apart(ptr %out, i64 %x, i32 %last, i32 %other) {
  %lo0 = trunc i64 %x to i32
  %hi0.s = lshr i64 %x, 32
  %hi0 = trunc i64 %hi0.s to i32
  %slo0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo0, i32 1, i32 %last)
  %shi0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi0, i32 1, i32 %other)
  %zlo0 = zext i32 %slo0 to i64
  %zhi0 = zext i32 %shi0 to i64
  %hi0.up = shl i64 %zhi0, 32
  %v0 = or i64 %hi0.up, %zlo0
  %x1 = add i64 %x, %v0
  store i64 %x1, ptr %out
  ret void
}

; APART-LABEL: define void @halves_apart(
; APART: call i64 @__tx_shfl_chain.i128.i64(ptr @[[BODY:__tx_shfl_chain_body[.0-9]*]],
; APART: define internal <32 x i64> @[[BODY]](
; APART-NOT: shufflevector <32 x i64> %lanes.lo, <32 x i64> poison, <32 x i32> <i32 1,
; APART: shufflevector <32 x i32> %{{[0-9]+}}, <32 x i32> poison, <32 x i32> <i32 1, i32 2,
; APART-NOT: shufflevector <32 x i64> %lanes.lo, <32 x i64> poison, <32 x i32> <i32 1,
; APART: shufflevector <32 x i32> %{{[0-9]+}}, <32 x i32> poison, <32 x i32> <i32 1, i32 2,
; APART-NOT: shufflevector <32 x i64> %lanes.lo, <32 x i64> poison, <32 x i32> <i32 1,
; APART: ret <32 x i64>

declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)
declare i1 @llvm.nvvm.vote.any.sync(i32, i1)

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5, !6, !7}
!0 = !{ptr @partial_sum64, !"kernel", i32 1}
!1 = !{ptr @with_vote, !"kernel", i32 1}
!2 = !{ptr @too_many, !"kernel", i32 1}
!3 = !{ptr @late, !"kernel", i32 1}
!4 = !{ptr @sunk_join, !"kernel", i32 1}
!5 = !{ptr @dead_between_outputs, !"kernel", i32 1}
!6 = !{ptr @straddle, !"kernel", i32 1}
!7 = !{ptr @halves_apart, !"kernel", i32 1}
