; A region with one way out sends every thread it runs to the same state.
; Run in step, its threads store no state of their own and fold nothing
; into the smallest and largest state: the preheader records the outcome
; (the one barrier, or Exit) up front. Out of step, each thread still
; records its state. A region with two ways out (a barrier or returning)
; always records per thread.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @copy_through_barrier(ptr %out, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %x = mul i32 %tid, %n
  call void @llvm.nvvm.barrier0()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %x, ptr %p
  %inrange = icmp ult i32 %tid, %n
  br i1 %inrange, label %more, label %exit

more:
  call void @llvm.nvvm.barrier0()
  store i32 0, ptr %p
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @copy_through_barrier, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_copy_through_barrier(
; Region 0 ends at barrier 0 for every thread.
; CHECK: r0.pre:
; CHECK-NEXT: %[[STEP0:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK-NEXT: %[[NEXT0:[0-9]+]] = select i1 %[[STEP0]], i32 1, i32 2147483647
; CHECK-NEXT: store i32 %[[NEXT0]], ptr %next.state
; CHECK-NEXT: %[[LAST0:[0-9]+]] = select i1 %[[STEP0]], i32 1, i32 0
; CHECK-NEXT: store i32 %[[LAST0]], ptr %last.state
; CHECK: r0.x.done:
; CHECK-NEXT: %state.new = phi i32 [ 1, %r0.to.bar0 ]
; CHECK-NEXT: br i1 %[[STEP0]], label %r0.x.latch, label %r0.x.record
; CHECK: r0.x.record:
; CHECK-NEXT: store i32 %state.new, ptr %state
; CHECK: call i32 @llvm.umin.i32
; Region 1 either waits at barrier 1 or returns: every thread records.
; CHECK: r1.pre:
; CHECK: store i32 2147483647, ptr %next.state
; CHECK-NEXT: store i32 0, ptr %last.state
; CHECK: r1.x.done:
; CHECK-NEXT: %[[NEW1:state.new[0-9]+]] = phi i32
; CHECK-NEXT: store i32 %[[NEW1]], ptr %state
; Region 2 returns for every thread: in step, the smallest state is Exit
; and, returned threads being left out of it, the largest stays 0.
; CHECK: r2.pre:
; CHECK-NEXT: %[[STEP2:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK: select i1 %[[STEP2]], i32 2147483647, i32 2147483647
; CHECK: r2.x.done:
; CHECK-NEXT: %[[NEW2:state.new[0-9]+]] = phi i32
; CHECK-NEXT: br i1 %[[STEP2]], label %r2.x.latch, label %r2.x.record
