; Matches and reductions read the warp's 32 lane slots inline: a match is
; one vector compare of the slots with the lane's own value, zero-extended
; to the slot; a __reduce_*_sync is one vector reduction of the slots of the
; member lanes, the others replaced by the operation's identity (0 for add,
; or, xor and umax; INT_MAX for a signed min, INT_MIN for a signed max; all
; ones for umin and and), with no call into the runtime.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @match_reduce(ptr %out, i32 %mask) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %key = and i32 %tid, 3
  %same = call i32 @llvm.nvvm.match.any.sync.i32(i32 -1, i32 %key)
  %r.add = call i32 @llvm.nvvm.redux.sync.add(i32 %tid, i32 %mask)
  %r.min = call i32 @llvm.nvvm.redux.sync.min(i32 %tid, i32 %mask)
  %r.max = call i32 @llvm.nvvm.redux.sync.max(i32 %tid, i32 %mask)
  %r.umin = call i32 @llvm.nvvm.redux.sync.umin(i32 %tid, i32 %mask)
  %r.umax = call i32 @llvm.nvvm.redux.sync.umax(i32 %tid, i32 %mask)
  %r.and = call i32 @llvm.nvvm.redux.sync.and(i32 %tid, i32 %mask)
  %r.or = call i32 @llvm.nvvm.redux.sync.or(i32 %tid, i32 %mask)
  %r.xor = call i32 @llvm.nvvm.redux.sync.xor(i32 %tid, i32 %mask)
  %p.same = getelementptr i32, ptr %out, i32 8
  store i32 %same, ptr %p.same
  %p.add = getelementptr i32, ptr %out, i32 0
  store i32 %r.add, ptr %p.add
  %p.min = getelementptr i32, ptr %out, i32 1
  store i32 %r.min, ptr %p.min
  %p.max = getelementptr i32, ptr %out, i32 2
  store i32 %r.max, ptr %p.max
  %p.umin = getelementptr i32, ptr %out, i32 3
  store i32 %r.umin, ptr %p.umin
  %p.umax = getelementptr i32, ptr %out, i32 4
  store i32 %r.umax, ptr %p.umax
  %p.and = getelementptr i32, ptr %out, i32 5
  store i32 %r.and, ptr %p.and
  %p.or = getelementptr i32, ptr %out, i32 6
  store i32 %r.or, ptr %p.or
  %p.xor = getelementptr i32, ptr %out, i32 7
  store i32 %r.xor, ptr %p.xor
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.match.any.sync.i32(i32, i32)
declare i32 @llvm.nvvm.redux.sync.add(i32, i32)
declare i32 @llvm.nvvm.redux.sync.min(i32, i32)
declare i32 @llvm.nvvm.redux.sync.max(i32, i32)
declare i32 @llvm.nvvm.redux.sync.umin(i32, i32)
declare i32 @llvm.nvvm.redux.sync.umax(i32, i32)
declare i32 @llvm.nvvm.redux.sync.and(i32, i32)
declare i32 @llvm.nvvm.redux.sync.or(i32, i32)
declare i32 @llvm.nvvm.redux.sync.xor(i32, i32)

!nvvm.annotations = !{!0}
!0 = !{ptr @match_reduce, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_match_reduce(
; The match's key, recomputed after the cut, and its zero extension.
; CHECK: %[[K:[0-9]+]] = and i32 %tid.x{{[0-9]+}}, 3
; CHECK: %[[KEY:[0-9]+]] = zext i32 %[[K]] to i64
; CHECK-NEXT: %slots = load <32 x i64>, ptr %lanes, align 8
; CHECK-NEXT: %.splatinsert = insertelement <32 x i64> poison, i64 %[[KEY]], i64 0
; CHECK: icmp eq <32 x i64> %slots, %.splat
; CHECK: %[[S0:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T0:[0-9]+]] = trunc <32 x i64> %[[S0]] to <32 x i32>
; CHECK: %[[K0:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T0]], <32 x i32> zeroinitializer
; CHECK-NEXT: call i32 @llvm.vector.reduce.add.v32i32(<32 x i32> %[[K0]])
; CHECK: %[[S1:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T1:[0-9]+]] = trunc <32 x i64> %[[S1]] to <32 x i32>
; CHECK: %[[K1:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T1]], <32 x i32> <i32 2147483647,
; CHECK-NEXT: call i32 @llvm.vector.reduce.smin.v32i32(<32 x i32> %[[K1]])
; CHECK: %[[S2:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T2:[0-9]+]] = trunc <32 x i64> %[[S2]] to <32 x i32>
; CHECK: %[[K2:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T2]], <32 x i32> <i32 -2147483648,
; CHECK-NEXT: call i32 @llvm.vector.reduce.smax.v32i32(<32 x i32> %[[K2]])
; CHECK: %[[S3:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T3:[0-9]+]] = trunc <32 x i64> %[[S3]] to <32 x i32>
; CHECK: %[[K3:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T3]], <32 x i32> <i32 -1,
; CHECK-NEXT: call i32 @llvm.vector.reduce.umin.v32i32(<32 x i32> %[[K3]])
; CHECK: %[[S4:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T4:[0-9]+]] = trunc <32 x i64> %[[S4]] to <32 x i32>
; CHECK: %[[K4:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T4]], <32 x i32> zeroinitializer
; CHECK-NEXT: call i32 @llvm.vector.reduce.umax.v32i32(<32 x i32> %[[K4]])
; CHECK: %[[S5:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T5:[0-9]+]] = trunc <32 x i64> %[[S5]] to <32 x i32>
; CHECK: %[[K5:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T5]], <32 x i32> <i32 -1,
; CHECK-NEXT: call i32 @llvm.vector.reduce.and.v32i32(<32 x i32> %[[K5]])
; CHECK: %[[S6:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T6:[0-9]+]] = trunc <32 x i64> %[[S6]] to <32 x i32>
; CHECK: %[[K6:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T6]], <32 x i32> zeroinitializer
; CHECK-NEXT: call i32 @llvm.vector.reduce.or.v32i32(<32 x i32> %[[K6]])
; CHECK: %[[S7:slots[0-9]+]] = load <32 x i64>, ptr %lanes{{[0-9]+}}, align 8
; CHECK-NEXT: %[[T7:[0-9]+]] = trunc <32 x i64> %[[S7]] to <32 x i32>
; CHECK: %[[K7:[0-9]+]] = select <32 x i1> %arrived.lanes{{[0-9]*}}, <32 x i32> %[[T7]], <32 x i32> zeroinitializer
; CHECK-NEXT: call i32 @llvm.vector.reduce.xor.v32i32(<32 x i32> %[[K7]])
; CHECK-NOT: call i32 @__tx_warp_
