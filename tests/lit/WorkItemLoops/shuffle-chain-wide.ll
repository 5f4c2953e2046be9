; A shuffle chain whose lanes publish more than 64 bits (a 64-bit value
; packed with a 32-bit parameter, as FuseWarpShuffles makes for CUB's
; partial-warp reductions) gets 128-bit exchange slots: the lane stores its
; packed i128, the body reads the lanes as their 64-bit halves (<64 x i64>:
; x86 scalarises <32 x i128>), and a partial warp's
; arrivals are recorded by the runtime's 128-bit variant. A vote in the
; same kernel keeps 64-bit slots, in an exchange array of its own (a lane
; that has gone on to the vote must not overwrite the wide slot of a lane
; still at the chain), and compares them as one <32 x i64>.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @partial_sum(ptr %out, i32 %last) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %x = zext i32 %tid to i64
  %xi = zext i64 %x to i128
  %li = zext i32 %last to i128
  %ls = shl i128 %li, 64
  %packed = or i128 %xi, %ls
  %sum = call i64 @__tx_shfl_chain.i128.i64(ptr @body, i128 %packed)
  %p = getelementptr i64, ptr %out, i64 %x
  store i64 %sum, ptr %p
  %big = icmp ugt i64 %sum, 100
  %votes = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %big)
  %q = getelementptr i32, ptr %out, i32 %votes
  store i32 %tid, ptr %q
  ret void
}

define internal <32 x i64> @body(<64 x i64> %lanes, i32 %mask) alwaysinline {
  %v = shufflevector <64 x i64> %lanes, <64 x i64> poison, <32 x i32> <i32 0, i32 2, i32 4, i32 6, i32 8, i32 10, i32 12, i32 14, i32 16, i32 18, i32 20, i32 22, i32 24, i32 26, i32 28, i32 30, i32 32, i32 34, i32 36, i32 38, i32 40, i32 42, i32 44, i32 46, i32 48, i32 50, i32 52, i32 54, i32 56, i32 58, i32 60, i32 62>
  %moved = shufflevector <32 x i64> %v, <32 x i64> poison, <32 x i32> <i32 1, i32 0, i32 3, i32 2, i32 5, i32 4, i32 7, i32 6, i32 9, i32 8, i32 11, i32 10, i32 13, i32 12, i32 15, i32 14, i32 17, i32 16, i32 19, i32 18, i32 21, i32 20, i32 23, i32 22, i32 25, i32 24, i32 27, i32 26, i32 29, i32 28, i32 31, i32 30>
  %sum = add <32 x i64> %v, %moved
  ret <32 x i64> %sum
}

declare i64 @__tx_shfl_chain.i128.i64(ptr, i128)

; A 64-bit input with a 128-bit result (two outputs packed, as
; FuseWarpShuffles makes when the optimiser sank the last step): 16-byte
; slots; the body takes the low halves of the input slots and returns its
; result as halves, stored as they are.
define void @packed_result(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %x = zext i32 %tid to i64
  %pair = call i128 @__tx_shfl_chain.i64.i128(ptr @pair_body, i64 %x)
  %lo = trunc i128 %pair to i64
  %p = getelementptr i64, ptr %out, i64 %x
  store i64 %lo, ptr %p
  ret void
}

define internal <64 x i64> @pair_body(<32 x i64> %lanes, i32 %mask) alwaysinline {
  %moved = shufflevector <32 x i64> %lanes, <32 x i64> poison, <32 x i32> <i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 15, i32 16, i32 17, i32 18, i32 19, i32 20, i32 21, i32 22, i32 23, i32 24, i32 25, i32 26, i32 27, i32 28, i32 29, i32 30, i32 31, i32 0>
  %halves = shufflevector <32 x i64> %lanes, <32 x i64> %moved, <64 x i32> <i32 0, i32 32, i32 1, i32 33, i32 2, i32 34, i32 3, i32 35, i32 4, i32 36, i32 5, i32 37, i32 6, i32 38, i32 7, i32 39, i32 8, i32 40, i32 9, i32 41, i32 10, i32 42, i32 11, i32 43, i32 12, i32 44, i32 13, i32 45, i32 14, i32 46, i32 15, i32 47, i32 16, i32 48, i32 17, i32 49, i32 18, i32 50, i32 19, i32 51, i32 20, i32 52, i32 21, i32 53, i32 22, i32 54, i32 23, i32 55, i32 24, i32 56, i32 25, i32 57, i32 26, i32 58, i32 27, i32 59, i32 28, i32 60, i32 29, i32 61, i32 30, i32 62, i32 31, i32 63>
  ret <64 x i64> %halves
}

declare i128 @__tx_shfl_chain.i64.i128(ptr, i64)
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.vote.ballot.sync(i32, i1)

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @partial_sum, !"kernel", i32 1}
!1 = !{ptr @packed_result, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_partial_sum(
; The slots: %big's, the 64-bit and the 128-bit exchanges, the snapshot.
; CHECK: %slot = getelementptr inbounds i8, ptr %scratch
; CHECK: %[[EX64:slot[0-9]+]] = getelementptr inbounds i8, ptr %scratch
; CHECK: %[[EX128:slot[0-9]+]] = getelementptr inbounds i8, ptr %scratch
; CHECK: %[[SNAP:slot[0-9]+]] = getelementptr inbounds i8, ptr %scratch
; CHECK: r0.x:
; CHECK: %[[PUB:[0-9]+]] = getelementptr inbounds i128, ptr %[[EX128]], i64 %tid.linear
; CHECK-NEXT: store i128 %packed.r0, ptr %[[PUB]], align 16
; CHECK: r1.pre.all.chain:
; CHECK: %[[INP:[0-9]+]] = getelementptr inbounds i128, ptr %[[EX128]], i64
; CHECK-NEXT: %[[IN:[0-9]+]] = load <64 x i64>, ptr %[[INP]], align 16
; CHECK-NEXT: %[[OUT:[0-9]+]] = call <32 x i64> @body(<64 x i64> %[[IN]], i32 -1)
; CHECK-NEXT: %[[OUTP:[0-9]+]] = getelementptr inbounds i128, ptr %[[SNAP]], i64
; CHECK-NEXT: %[[WIDE:lanes.halves[0-9]*]] = shufflevector <32 x i64> %[[OUT]], <32 x i64> zeroinitializer, <64 x i32> <i32 0, i32 32, i32 1, i32 33,
; CHECK-NEXT: store <64 x i64> %[[WIDE]], ptr %[[OUTP]], align 16
; CHECK: call void @__tx_warp_arrivals128(ptr %{{slot[0-9]+}}, i32 %{{[0-9]+}}, i32 1, ptr %{{slot[0-9]+}}, ptr %[[EX128]], ptr %[[SNAP]])
; A partial warp: only its arrived lanes' slots, both halves of each, are
; written.
; CHECK: r1.pre.some.refreshed.chain:
; CHECK: %[[SOME:[0-9]+]] = call <32 x i64> @body(<64 x i64> %{{[0-9]+}}, i32 %{{[0-9]+}})
; CHECK: %[[SWIDE:lanes.halves[0-9]+]] = shufflevector <32 x i64> %[[SOME]], <32 x i64> zeroinitializer,
; CHECK: %[[HMASK:[0-9]+]] = shufflevector <32 x i1> %arrived.lanes, <32 x i1> poison, <64 x i32> <i32 0, i32 0, i32 1, i32 1, i32 2, i32 2,
; CHECK-NEXT: call void @llvm.masked.store.v64i64.p0(<64 x i64> %[[SWIDE]], ptr %{{[0-9]+}}, i32 16, <64 x i1> %[[HMASK]])
; CHECK: %chain.result = load i128, ptr %{{[0-9]+}}, align 16
; CHECK-NEXT: trunc i128 %chain.result to i64
; CHECK: %[[VPUB:[0-9]+]] = getelementptr inbounds i64, ptr %[[EX64]], i64 %tid.linear
; CHECK-NEXT: store i64 %{{[0-9]+}}, ptr %[[VPUB]], align 8
; The vote's snapshot, whole warps in step: a copy of its own array.
; CHECK: r2.pre.all:
; CHECK-NEXT: getelementptr inbounds i64, ptr %[[SNAP]], i64 0
; CHECK-NEXT: getelementptr inbounds i64, ptr %[[EX64]], i64 0
; CHECK: call void @llvm.memcpy
; CHECK: call void @__tx_warp_arrivals(ptr %{{slot[0-9]+}}, i32 %{{[0-9]+}}, i32 2, ptr %{{slot[0-9]+}}, ptr %[[EX64]], ptr %[[SNAP]])
; CHECK: %slots = load <32 x i64>, ptr %lanes, align 8
; CHECK-NEXT: icmp ne <32 x i64> %slots, zeroinitializer
; CHECK-NOT: call i32 @__tx_warp_

; CHECK-LABEL: define internal void @__txblk_packed_result(
; CHECK: r1.pre.all.chain:
; CHECK: %[[PIN:[0-9]+]] = load <64 x i64>, ptr %{{[0-9]+}}, align 16
; CHECK-NEXT: %lanes.lo = shufflevector <64 x i64> %[[PIN]], <64 x i64> poison, <32 x i32> <i32 0, i32 2, {{.*}}, i32 62>
; CHECK-NEXT: %[[POUT:[0-9]+]] = call <64 x i64> @pair_body(<32 x i64> %lanes.lo, i32 -1)
; CHECK-NEXT: %[[PDST:[0-9]+]] = getelementptr inbounds i128, ptr %{{slot[0-9]*}}, i64
; CHECK-NEXT: store <64 x i64> %[[POUT]], ptr %[[PDST]], align 16
; CHECK: %chain.result = load i128, ptr %{{[0-9]+}}, align 16
