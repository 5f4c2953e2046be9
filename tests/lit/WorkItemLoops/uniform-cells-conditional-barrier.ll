; A loop whose barrier is conditional (on a uniform test): after the barrier,
; region 1 reads the counter at the loop's latch both on entry (from the
; barrier) and after this thread's own increment (round the loop, past the
; skipped barrier). Kept in one cell, a thread could read another thread's
; increment there, so region 1 keeps the counter in the threads' own slots
; even in step, spreading the cell region 0 left first.
; The block provably stays in step, which alone needs no general versions
; (always-in-step.ll); <general-versions> keeps them to test them here.
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @conditional_barrier(ptr %out, i32 %n) {
entry:
  br label %loop

loop:
  %r = phi i32 [ 0, %entry ], [ %r.next, %latch ]
  %odd = and i32 %r, 1
  %sync = icmp eq i32 %odd, 0
  br i1 %sync, label %bar, label %latch

bar:
  call void @llvm.nvvm.barrier0()
  br label %latch

latch:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %v = add i32 %r, %tid
  %idx = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %idx
  store i32 %v, ptr %p
  %r.next = add i32 %r, 1
  %more = icmp slt i32 %r.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @conditional_barrier, !"kernel", i32 1}

; Region 0 runs in step and keeps the counter in its cell.
; CHECK-LABEL: define internal void @__txblk_conditional_barrier(
; CHECK: %r.reg2mem.cell.current = alloca i1
; CHECK: r0.pre:
; CHECK: store i1 true, ptr %r.reg2mem.cell.current
; CHECK: r1.pre:
; CHECK: br i1 %{{in.step[0-9]*}}, label %r1.z.cells, label %r1.z.general.slots
; CHECK: r1.x:
; CHECK: %[[OWN:r.reg2mem.slot[0-9]+]] = getelementptr inbounds i8, ptr %slot
; In step, the latch reads and writes this thread's slot, not the cell.
; CHECK: latch.r1:
; CHECK-NEXT: load i32, ptr %[[OWN]]
; CHECK: store i32 %r.next.r1, ptr %[[OWN]]
; CHECK: r1.z.cells:
; CHECK-NOT: store i1 true
; CHECK: br i1 %{{[0-9]+}}, label %r.reg2mem.spread{{[0-9]+}}, label %r.reg2mem.spread.done{{[0-9]+}}
; A spread runs only as threads leave step: its loop stays scalar.
; CHECK: br i1 %{{[0-9]+}}, label %r.reg2mem.spread{{[0-9]+}}, label %r.reg2mem.spread.done{{[0-9]+}}, !llvm.loop ![[SCALAR:[0-9]+]]
; CHECK: r.reg2mem.spread.done{{[0-9]+}}:
; CHECK-NEXT: store i1 false, ptr %r.reg2mem.cell.current
; CHECK-NEXT: br label %r1.z
; CHECK-DAG: ![[SCALAR]] = distinct !{![[SCALAR]], ![[NOVEC:[0-9]+]], ![[NOUNROLL:[0-9]+]]}
; CHECK-DAG: ![[NOVEC]] = !{!"llvm.loop.vectorize.enable", i1 false}
; CHECK-DAG: ![[NOUNROLL]] = !{!"llvm.loop.unroll.disable"}
