; A region whose opening `if (threadIdx.x < U)` sends the threads two ways
; (the passing ones to a warp collective's cut, the others, doing nothing,
; to the end or to a barrier): in step, in a one-dimensional block, the x
; loop runs only [range.lo, U), the threads record no state of their own,
; and the region's outcome is set in bulk before the loops (r1.guarded).
; The threads turned away get their state stored there (those that return
; always; the others only where two groups stay live, so that the next
; region, out of step, can read them); where the two groups stay live the
; passing threads' states are stored as well.
; Not when the turned-away threads have something to do.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; The block reduction's last step: warp 0 folds, the other warps return.
define void @warp_zero_returns(ptr addrspace(3) %buf, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr addrspace(3) %buf, i64 %t64
  store i32 %tid, ptr addrspace(3) %p
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %warp0 = icmp ult i32 %tid1, 32
  br i1 %warp0, label %fold, label %exit

fold:
  %t1 = zext i32 %tid1 to i64
  %q = getelementptr i32, ptr addrspace(3) %buf, i64 %t1
  %v = load i32, ptr addrspace(3) %q
  %r = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v, i32 1, i32 31)
  %o = getelementptr i32, ptr %out, i64 %t1
  store i32 %r, ptr %o
  br label %exit

exit:
  ret void
}

; The other warps wait at the next barrier (a layernorm's block sum).
define void @warp_zero_then_all(ptr addrspace(3) %buf, ptr %out, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr addrspace(3) %buf, i64 %t64
  store i32 %tid, ptr addrspace(3) %p
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %few = icmp ult i32 %tid1, %n
  br i1 %few, label %fold, label %join

fold:
  %t1 = zext i32 %tid1 to i64
  %q = getelementptr i32, ptr addrspace(3) %buf, i64 %t1
  %v = load i32, ptr addrspace(3) %q
  %r = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v, i32 1, i32 31)
  store i32 %r, ptr addrspace(3) %q
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %tid2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t2 = zext i32 %tid2 to i64
  %s = load i32, ptr addrspace(3) %buf
  %o = getelementptr i32, ptr %out, i64 %t2
  store i32 %s, ptr %o
  ret void
}

; The turned-away threads store before returning: every thread runs.
define void @turned_away_store(ptr addrspace(3) %buf, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr addrspace(3) %buf, i64 %t64
  store i32 %tid, ptr addrspace(3) %p
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %warp0 = icmp ult i32 %tid1, 32
  %t1 = zext i32 %tid1 to i64
  br i1 %warp0, label %fold, label %other

fold:
  %q = getelementptr i32, ptr addrspace(3) %buf, i64 %t1
  %v = load i32, ptr addrspace(3) %q
  %r = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v, i32 1, i32 31)
  %o = getelementptr i32, ptr %out, i64 %t1
  store i32 %r, ptr %o
  br label %exit

other:
  %o2 = getelementptr i32, ptr %out, i64 %t1
  store i32 0, ptr %o2
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @warp_zero_returns, !"kernel", i32 1}
!1 = !{ptr @warp_zero_then_all, !"kernel", i32 1}
!2 = !{ptr @turned_away_store, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_warp_zero_returns(
; CHECK: r1.pre:
; CHECK: %[[STEP:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK: %[[LO:range.lo[0-9]*]] = load i32, ptr %range.lo
; CHECK: %[[END:range.end[0-9]*]] = load i32, ptr %range.end
; Narrowed in step and in a one-dimensional block only.
; CHECK: %[[NARROWS:[0-9]+]] = and i1 %[[STEP]], %block.1d
; CHECK: %[[SPLIT:end.x[0-9]*]] = select i1 %[[NARROWS]], i32 %{{[0-9]+}}, i32 %[[END]]
; CHECK: br label %r1.guarded
; The x loop ends at the split.
; CHECK: r1.x.latch:
; CHECK-NEXT: %[[INC:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC]], %[[SPLIT]]
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x, label %r1.y.latch, !llvm.loop ![[R1X:[0-9]+]]
; The outcome: the passing threads' state (2, the shuffle's cut), the
; returned threads out of the live range.
; CHECK: r1.guarded:
; CHECK: %[[FROM:[0-9]+]] = call i32 @llvm.umax.i32(i32 %[[LO]], i32 %[[SPLIT]])
; CHECK: %[[ANY:[0-9]+]] = icmp ult i32 %[[LO]], %[[FROM]]
; CHECK: select i1 %[[ANY]], i32 2, i32 2147483647
; CHECK: store i32 %{{[0-9]+}}, ptr %next.state
; CHECK: store i32 %{{[0-9]+}}, ptr %live.count
; CHECK: br i1 %{{[0-9]+}}, label %r1.guarded.fail, label %r1.guarded.fail.done
; In step, rows narrowed exactly run a version of their own.
; CHECK: r1.entered:
; CHECK-NEXT: br i1 %[[STEP]], label %r1.entered.in.step, label %r1.z.general
; CHECK: r1.entered.in.step:
; CHECK-NEXT: br i1 %[[NARROWS]], label %r1.entered.in.step.pick, label %r1.entered.in.step.pick.unnarrowed
; Its threads record nothing themselves.
; CHECK: r1.x.done:
; CHECK-NEXT: %state.new{{[0-9a-z.]*}} = phi i32
; CHECK-NEXT: br i1 true, label %r1.x.latch, label %r1.x.record
; Only the returned threads' states are stored.
; CHECK-NOT: r1.guarded.pass:
; CHECK: r1.guarded.fail:
; CHECK: store i32 2147483647, ptr %{{[0-9]+}}
; CHECK: r1.guarded.fail.done:
; CHECK-NEXT: br label %r1.entered
; The other versions' threads record theirs where the narrowing is not exact.
; CHECK: r1.x.done.general:
; CHECK-NEXT: %state.new{{[0-9a-z.]*}} = phi i32
; CHECK-NEXT: br i1 %[[NARROWS]], label %r1.x.latch.general, label %r1.x.record.general
; CHECK: r1.x.done.unnarrowed:
; CHECK-NEXT: %state.new{{[0-9a-z.]*}} = phi i32
; CHECK-NEXT: br i1 false, label %r1.x.latch.unnarrowed, label %r1.x.record.unnarrowed
; It runs every in-step block that is not 1-D, so it is compiled as the
; nest would be (not kept scalar as the version for rows whose sums wrap).
; CHECK: r1.x.latch.unnarrowed:
; CHECK-NEXT: add nuw nsw i32
; CHECK-NEXT: icmp ult i32
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x.unnarrowed, label %r1.y.latch.unnarrowed, !llvm.loop ![[R1X]]

; CHECK-LABEL: define internal void @__txblk_warp_zero_then_all(
; CHECK: r1.guarded:
; Two groups stay live (the cut and the barrier): both groups' states are
; stored, the passing threads' first.
; CHECK: r1.guarded.pass:
; CHECK: store i32 2, ptr %{{[0-9]+}}
; CHECK: r1.guarded.fail:
; CHECK: store i32 3, ptr %{{[0-9]+}}

; CHECK-LABEL: define internal void @__txblk_turned_away_store(
; CHECK-NOT: guarded
; CHECK: ret void
