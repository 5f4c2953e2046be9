; A barrier inside a loop whose trip count comes from blockDim: the kernel is
; cut into region 0 (entry to barrier) and region 1 (after the barrier, back
; round the loop to the barrier or to the exit). The loop counter lives
; across the barrier, so it gets a per-thread scratch slot (kept in one cell
; while the block is in step); the thread's state word picks the next region.
; The block provably stays in step, which alone needs no general versions
; (always-in-step.ll); <general-versions> keeps them to test them here.
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @tree(ptr %data) {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %half = lshr i32 %ntid, 1
  br label %loop

loop:
  %s = phi i32 [ %half, %entry ], [ %next, %body ]
  %more = icmp ugt i32 %s, 0
  br i1 %more, label %body, label %exit

body:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %next = lshr i32 %s, 1
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @tree, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_tree(
; CHECK: %scratch = load ptr
; CHECK: %s.reg2mem.cell.current = alloca i1
; CHECK: dispatch:
; CHECK-NEXT: %next = load i32, ptr %next.state
; CHECK-NEXT: %last = load i32, ptr %last.state
; CHECK-NEXT: %[[SAME:[0-9]+]] = icmp eq i32 %next, %last
; CHECK-NEXT: store i1 %[[SAME]], ptr %in.step
; CHECK-NEXT: switch i32 %next, label %done [
; CHECK-NEXT: i32 1, label %r1.pre
; The switch is tagged for OutlineRegionDispatch to find the loop by.
; CHECK-NEXT: ], !tx.dispatch ![[#]]
; The counter is uniform: every thread starts in step, so region 0 keeps it
; in one cell, thread 0's slot, and marks the other threads' copies stale.
; CHECK: r0.pre:
; CHECK: store i1 true, ptr %s.reg2mem.cell.current
; CHECK: r0.x:
; CHECK: %state = getelementptr inbounds i32
; CHECK: store i32 %half, ptr %slot, align 4, !alias.scope
; Every way out of the thread's body meets here with the next state.
; The loop test is uniform, so threads in step all leave the same way: any
; thread's next state is the region's outcome, with no per-thread state.
; Out of step, each thread records its own.
; CHECK: r0.x.done:
; CHECK-NEXT: %state.new = phi i32 [ 1, %r0.to.bar0 ], [ 2147483647, %exit.r0 ]
; CHECK-NEXT: br i1 %in.step{{[0-9]*}}, label %r0.x.together, label %r0.x.record
; CHECK: r0.x.together:
; CHECK-NEXT: store i32 %state.new, ptr %next.state
; CHECK-NEXT: store i32 %state.new, ptr %last.state
; CHECK: r0.x.record:
; CHECK-NEXT: store i32 %state.new, ptr %state
; CHECK: call i32 @llvm.umin.i32(i32 %{{[0-9]+}}, i32 %state.new)
; CHECK: call i32 @llvm.umax.i32(i32 %{{[0-9]+}}, i32 %state.new)
; With all threads in step, region 1 reads the counter once, from the cell
; if it is current. Region 1's loop nest has two versions, chosen by
; in.step: in step (the condition folded to true), where every thread
; reads and writes the cell, and general (folded to false), entered after
; copying a current cell to every thread's slot.
; CHECK: r1.pre:
; CHECK: %[[STEP:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK: %s.reg2mem.uniform = load i32, ptr %slot
; CHECK: br i1 %[[STEP]], label %r1.z.cells, label %r1.z.general.slots
; CHECK: body.split.cont.r1:
; CHECK-NEXT: %[[OWN:[0-9]+]] = load i32, ptr %slot
; CHECK-NEXT: select i1 true, i32 %s.reg2mem.uniform, i32 %[[OWN]]
; CHECK: store i32 %next.r1, ptr %slot,
; Out of step, region 1 only runs threads waiting at barrier 0.
; CHECK: r1.x.general:
; CHECK: %state.cur.general = load i32
; CHECK-NEXT: icmp eq i32 %state.cur.general, 1
; CHECK: %[[OWN2:[0-9]+]] = load i32, ptr %s.reg2mem.slot{{[0-9]+}}.general
; CHECK-NEXT: select i1 false, i32 %s.reg2mem.uniform, i32 %[[OWN2]]
; CHECK: r1.z.cells:
; CHECK-NEXT: store i32 %s.reg2mem.uniform, ptr %slot
; CHECK-NEXT: store i1 true, ptr %s.reg2mem.cell.current
; CHECK-NEXT: br label %r1.z
; CHECK: r1.z.general.slots:
; CHECK: %[[CUR:[0-9]+]] = load i1, ptr %s.reg2mem.cell.current
; CHECK: %[[MANY:[0-9]+]] = icmp ugt i64 %nthreads, 1
; CHECK: %[[SPREAD:[0-9]+]] = and i1 %[[CUR]], %[[MANY]]
; CHECK: br i1 %[[SPREAD]], label %s.reg2mem.spread, label %s.reg2mem.spread.done
; CHECK: s.reg2mem.spread:
; CHECK: %s.reg2mem.spread.thread = phi i64 [ 1, %r1.z.general.slots ]
; CHECK: s.reg2mem.spread.done:
; CHECK-NEXT: store i1 false, ptr %s.reg2mem.cell.current
; CHECK-NEXT: br label %r1.z.general
; CHECK-NOT: llvm.nvvm.barrier0
; CHECK: ![[K:[0-9]+]] = !{ptr @__txblk_tree, !"tree", i64 {{[1-9][0-9]*}}, i32 1,
