; A warp shuffle is a cut: before it each lane publishes its operand in its
; exchange slot (32 bits wide where a kernel's collectives are all
; shuffles, 64 otherwise); the region after it snapshots the arrived lanes
; and reads the source lane's value (own value when out of segment or absent). When
; all threads are in step and the warps are whole, the snapshot is a memcpy
; and the arrival masks are not read. An xor/up/down shuffle reads
; lane +-offset unconditionally (the scratch area's guard bytes keep it
; readable) and selects: contiguous in the thread index, a vector load, not
; a gather. An indexed shuffle selects the source lane.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @rotate(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %v = mul i32 %tid, 3
  %r = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v, i32 1, i32 31)
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  ret void
}

define void @broadcast(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %v = mul i32 %tid, 3
  %r = call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1, i32 %v, i32 5, i32 31)
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  ret void
}

define void @vote(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %odd = trunc i32 %tid to i1
  %r = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %odd)
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.vote.ballot.sync(i32, i1)
declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.idx.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @rotate, !"kernel", i32 1}
!1 = !{ptr @broadcast, !"kernel", i32 1}
!2 = !{ptr @vote, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_rotate(
; Region 0 publishes v (zero-extended) and stops at the cut. v depends only
; on the thread index, so it is recomputed after the cut, not kept in a slot.
; CHECK: r0.x:
; CHECK: %v.r0 = mul i32 %tid.x, 3
; CHECK-NEXT: %[[V64:[0-9]+]] = zext i32 %v.r0 to i64
; CHECK-NEXT: %[[V32:[0-9]+]] = trunc i64 %[[V64]] to i32
; CHECK: store i32 %[[V32]], ptr
; CHECK: r0.x.done:
; CHECK-NEXT: %state.new = phi i32 [ 1, %r0.to.bar0 ]
; The region after the cut first records who arrived.
; CHECK: r1.pre:
; CHECK: %all.arrived = and i1 %in.step
; CHECK: br i1 %all.arrived, label %r1.pre.all, label %r1.pre.some
; CHECK: r1.pre.all:
; CHECK: call void @llvm.memcpy
; CHECK: r1.pre.some:
; CHECK: call void @__tx_warp_arrivals32(
; The mask is read only when not all lanes arrived: the region has an
; in-step version, where all arrived (the branch's condition folds to
; false), and a general one, where some may be missing (step-versions.ll).
; CHECK: %lane = trunc i64
; CHECK: %[[SOME:[0-9]+]] = xor i1 true, true
; CHECK: br i1 %[[SOME]], label %[[READ:[0-9]+]], label %[[JOIN:[0-9]+]]
; CHECK: [[READ]]:
; CHECK: load i32
; CHECK: [[JOIN]]:
; CHECK-NEXT: %arrived = phi i32 [ %{{[0-9]+}}, %[[READ]] ], [ -1,
; CHECK: xor i32 %lane, 1
; CHECK: %own.value = load i32
; CHECK: %[[UP:[0-9]+]] = add i64 %tid.linear{{[0-9]*}}, 1
; CHECK: %[[UPP:[0-9]+]] = getelementptr inbounds i32, ptr %slot1, i64 %[[UP]]
; CHECK-NEXT: %src.lane.value = load i32, ptr %[[UPP]]
; CHECK-NEXT: select i1 %{{[0-9]+}}, i32 %src.lane.value, i32 %own.value
; CHECK: %[[DOWN:[0-9]+]] = add i64 %tid.linear{{[0-9]*}}, -1
; CHECK: %src.lane.value{{[0-9]+}} = load i32
; CHECK: .split.cont.r1.general:
; CHECK: %{{[0-9]+}} = xor i1 false, true
; CHECK-NOT: llvm.nvvm.shfl
; CHECK-LABEL: define internal void @__txblk_broadcast(
; CHECK: %src.lane = select i1
; CHECK-NOT: llvm.nvvm.shfl
; A vote publishes into 64-bit lane slots and compares the warp's 32 slots
; at once: one vector load and compare, the mask its bits.
; CHECK-LABEL: define internal void @__txblk_vote(
; CHECK: store i64
; CHECK: call void @__tx_warp_arrivals(
; CHECK: %slots = load <32 x i64>, ptr %lanes, align 8
; CHECK-NEXT: icmp ne <32 x i64> %slots, zeroinitializer
; CHECK-NEXT: bitcast <32 x i1> %{{[0-9]+}} to i32
; CHECK-NOT: call i32 @__tx_warp_
