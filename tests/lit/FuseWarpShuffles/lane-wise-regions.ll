; A warp reduction step over a struct keeps its `if (lane + offset <= last)`
; as a branch when the operator is too large for SimplifyCFG (a struct's
; fields) or branches itself (ArgMin's tie-break): the lane-wise blocks
; between a block with shuffles and its post-dominator are flattened into
; selects, so that the steps form one chain.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; Two steps of an ArgMin over (key, value) pairs: the taken arm itself
; branches on the values before comparing the keys. (The lane, from
; threadIdx.x alone, is a parameter: key, value and lane fill an i128.)
; CHECK-LABEL: define void @arg_min(
; CHECK-NOT: br i1
; CHECK-NOT: shfl.sync
; CHECK: call i64 @__tx_shfl_chain.i128.i64(
; CHECK-NOT: shfl.sync
; CHECK: ret void
define void @arg_min(ptr %out, i32 %key, i32 %value) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid, 31
  %k1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %key, i32 1, i32 31)
  %v1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %value, i32 1, i32 31)
  %edge1 = icmp eq i32 %lane, 31
  br i1 %edge1, label %join1, label %cmp1

cmp1:
  %less1 = icmp slt i32 %v1, %value
  br i1 %less1, label %join1, label %tie1

tie1:
  %same1 = icmp eq i32 %value, %v1
  %kless1 = icmp slt i32 %k1, %key
  %take1 = select i1 %same1, i1 %kless1, i1 false
  %tk1 = select i1 %take1, i32 %k1, i32 %key
  %tv1 = select i1 %take1, i32 %v1, i32 %value
  br label %join1

join1:
  %key1 = phi i32 [ %key, %entry ], [ %k1, %cmp1 ], [ %tk1, %tie1 ]
  %value1 = phi i32 [ %value, %entry ], [ %v1, %cmp1 ], [ %tv1, %tie1 ]
  %k2 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %key1, i32 2, i32 31)
  %v2 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %value1, i32 2, i32 31)
  %edge2 = icmp ugt i32 %lane, 29
  br i1 %edge2, label %join2, label %take2

take2:
  %less2 = icmp slt i32 %v2, %value1
  %key2.t = select i1 %less2, i32 %k2, i32 %key1
  %value2.t = select i1 %less2, i32 %v2, i32 %value1
  br label %join2

join2:
  %key2 = phi i32 [ %key1, %join1 ], [ %key2.t, %take2 ]
  %value2 = phi i32 [ %value1, %join1 ], [ %value2.t, %take2 ]
  store i32 %key2, ptr %out
  %p = getelementptr i32, ptr %out, i32 1
  store i32 %value2, ptr %p
  ret void
}

; The arm is flattened only where it is lane-wise: a load stays behind its
; branch, and the shuffles stay as they are.
; CHECK-LABEL: define void @arm_with_load(
; CHECK: br i1 %edge, label %join, label %arm
; CHECK: arm:
; CHECK-NEXT: load i32
; CHECK: call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %sum, i32 2, i32 31)
define void @arm_with_load(ptr %out, ptr %in, i32 %x) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid, 31
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %edge = icmp eq i32 %lane, 31
  br i1 %edge, label %join, label %arm

arm:
  %bias = load i32, ptr %in
  %t = add i32 %x, %s1
  %tb = add i32 %t, %bias
  br label %join

join:
  %sum = phi i32 [ %x, %entry ], [ %tb, %arm ]
  %s2 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %sum, i32 2, i32 31)
  %r = add i32 %sum, %s2
  store i32 %r, ptr %out
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @arg_min, !"kernel", i32 1}
!1 = !{ptr @arm_with_load, !"kernel", i32 1}
