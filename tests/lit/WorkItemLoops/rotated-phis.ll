; Phis that pass their values round (%a takes %b's, %b takes %c's, as
; SROA leaves a shift register such as cuRAND's XORWOW state) live across
; the barrier, so each goes to a slot of its own and the latch copies them
; from slot to slot. The copies are parallel: each must read the slot it
; copies from before that slot takes its next value, in whatever order the
; phis come (here %c's copy is stored first).
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @rotate(ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %latch ]
  %c = phi i32 [ 2, %entry ], [ %n, %latch ]
  %b = phi i32 [ 1, %entry ], [ %c, %latch ]
  %a = phi i32 [ %tid, %entry ], [ %b, %latch ]
  call void @llvm.nvvm.barrier0()
  %twice = shl i32 %c, 1
  %n = add i32 %a, %twice
  %k64 = zext i32 %k to i64
  %row = shl i64 %k64, 8
  %at = add i64 %row, %t64
  %dst = getelementptr i32, ptr %out, i64 %at
  %ab = add i32 %a, %b
  store i32 %ab, ptr %dst
  br label %latch

latch:
  %k.next = add nuw nsw i32 %k, 1
  %more = icmp ult i32 %k.next, %steps
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @rotate, !"kernel", i32 1}

; CHECK-LABEL: latch.r1:
; CHECK: [[C:%[0-9]+]] = load i32, ptr %c.reg2mem.slot
; CHECK-NEXT: store i32 %n.r1, ptr %c.reg2mem.slot
; CHECK-NEXT: [[B:%[0-9]+]] = load i32, ptr %b.reg2mem.slot
; CHECK-NEXT: store i32 [[C]], ptr %b.reg2mem.slot
; CHECK-NEXT: store i32 [[B]], ptr %a.reg2mem.slot
; CHECK-NEXT: br i1 %more.r1
