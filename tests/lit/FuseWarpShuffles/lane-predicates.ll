; CUB's warp reduction steps, translated from inline PTX: each shuffle's
; result is added only where the source lane is inside the segment, a test
; on %laneid (lowered to the linear thread index & 31). The lane index is
; known in the chain's body (lane L is L), so the steps fuse into one chain
; like plain shuffles do. The same test on another value is not a lane
; index and ends the chain.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @cub_steps(ptr %out, i32 %x) {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %tz = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %nx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %ny = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %yz = mul i32 %ny, %tz
  %row = add i32 %ty, %yz
  %rows = mul i32 %nx, %row
  %linear = add i32 %tx, %rows
  %lane = and i32 %linear, 31
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %src0 = add i32 %lane, 1
  %in0 = icmp ule i32 %src0, 31
  %sum0 = add i32 %s0, %x
  %v1 = select i1 %in0, i32 %sum0, i32 %x
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 2, i32 31)
  %src1 = add i32 %lane, 2
  %in1 = icmp ule i32 %src1, 31
  %sum1 = add i32 %s1, %v1
  %v2 = select i1 %in1, i32 %sum1, i32 %v1
  store i32 %v2, ptr %out
  ret void
}

; CHECK-LABEL: define void @cub_steps(
; CHECK-NOT: llvm.nvvm.shfl
; CHECK: %chain = call i32 @__tx_shfl_chain.i32.i32(ptr @__tx_shfl_chain_body, i32 %x)
; CHECK-NEXT: store i32 %chain, ptr %out

define void @not_a_lane(ptr %out, i32 %x, i32 %y) {
  %lane = and i32 %y, 31
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %src0 = add i32 %lane, 1
  %in0 = icmp ule i32 %src0, 31
  %sum0 = add i32 %s0, %x
  %v1 = select i1 %in0, i32 %sum0, i32 %x
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 2, i32 31)
  %v2 = add i32 %s1, %v1
  store i32 %v2, ptr %out
  ret void
}

; A predicate on another value (%y & 31, computed before the chain) makes
; that value a parameter of the chain, published with the lane's input;
; the body reads it per lane.
; CHECK-LABEL: define void @not_a_lane(
; CHECK: %packed = or i64
; CHECK-NEXT: %chain = call i32 @__tx_shfl_chain.i64.i32(ptr @__tx_shfl_chain_body.1, i64 %packed)
; CHECK-NOT: shfl.sync
; CHECK: ret void

; In the body the lane index is the vector of lane numbers, so the tests
; fold to constant lane masks: after the shift by 1 only lane 31 keeps its
; value, after the shift by 2 lanes 30 and 31.
; CHECK-LABEL: define internal <32 x i32> @__tx_shfl_chain_body(
; CHECK: select <32 x i1> <i1 true, {{.*}}, i1 true, i1 false>
; CHECK: select <32 x i1> <i1 true, {{.*}}, i1 true, i1 false, i1 false>

; CHECK-LABEL: define internal <32 x i32> @__tx_shfl_chain_body.1(<32 x i64> %lanes,
; CHECK: %[[SHIFTED:[0-9]+]] = lshr <32 x i64> %lanes, <i64 32,
; CHECK: %[[Y:[0-9]+]] = trunc <32 x i64> %[[SHIFTED]] to <32 x i32>
; CHECK: add <32 x i32> %[[Y]], <i32 1,

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.z()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @cub_steps, !"kernel", i32 1}
!1 = !{ptr @not_a_lane, !"kernel", i32 1}
