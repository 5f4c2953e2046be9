; Matches and reductions read the warp's 32 lane slots inline: a match is
; one vector compare of the slots with the lane's own value (zero-extended
; to the slot), a __reduce_*_sync one vector reduction of the slots of the
; member lanes, the others replaced by the operation's identity (INT_MAX
; for a signed min, 0 for an add), with no call into the runtime.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @match_reduce(ptr %out, i32 %mask) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %key = and i32 %tid, 3
  %same = call i32 @llvm.nvvm.match.any.sync.i32(i32 -1, i32 %key)
  %min = call i32 @llvm.nvvm.redux.sync.min(i32 %tid, i32 %mask)
  %sum = call i32 @llvm.nvvm.redux.sync.add(i32 %key, i32 -1)
  %t64 = zext i32 %tid to i64
  %p = getelementptr [3 x i32], ptr %out, i64 %t64
  store i32 %same, ptr %p
  %q = getelementptr i32, ptr %p, i64 1
  store i32 %min, ptr %q
  %r = getelementptr i32, ptr %p, i64 2
  store i32 %sum, ptr %r
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.match.any.sync.i32(i32, i32)
declare i32 @llvm.nvvm.redux.sync.min(i32, i32)
declare i32 @llvm.nvvm.redux.sync.add(i32, i32)

!nvvm.annotations = !{!0}
!0 = !{ptr @match_reduce, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_match_reduce(
; CHECK: %slots = load <32 x i64>, ptr %lanes, align 8
; CHECK: icmp eq <32 x i64> %slots, %.splat
; CHECK: %[[MIN:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[MIN32:[0-9]+]] = trunc <32 x i64> %[[MIN]] to <32 x i32>
; CHECK: %arrived.lanes = icmp ne <32 x i32>
; CHECK-NEXT: %[[KEPT:[0-9]+]] = select <32 x i1> %arrived.lanes, <32 x i32> %[[MIN32]], <32 x i32> <i32 2147483647,
; CHECK-NEXT: call i32 @llvm.vector.reduce.smin.v32i32(<32 x i32> %[[KEPT]])
; CHECK: %[[SUM:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[SUM32:[0-9]+]] = trunc <32 x i64> %[[SUM]] to <32 x i32>
; CHECK: select <32 x i1> %arrived.lanes{{[0-9]+}}, <32 x i32> %[[SUM32]], <32 x i32> zeroinitializer
; CHECK-NEXT: call i32 @llvm.vector.reduce.add.v32i32(
; CHECK-NOT: call i32 @__tx_warp_
