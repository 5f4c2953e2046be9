; A tile loop's per-thread accumulator: %acc (the header's phi) lives across
; the first barrier, its next value %acc.next across the second. Kept in
; slots of their own, every iteration would copy %acc.next's slot into
; %acc's, per thread. The phi is dead once %acc.next exists, so both share
; one slot: the fadd stores straight into it, and the use after the loop
; reads it there.
; In @still_needed the phi is used after its next value is computed (the
; store after the second barrier): the two live at once and keep two slots.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

@tile = internal addrspace(3) global [256 x float] undef, align 4

define void @tiled_sum(ptr %in, ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %slot = getelementptr inbounds [256 x float], ptr addrspace(3) @tile, i64 0, i64 %t64
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %latch ]
  %acc = phi float [ 0.0, %entry ], [ %acc.next, %latch ]
  %k64 = zext i32 %k to i64
  %src = getelementptr float, ptr %in, i64 %k64
  %x = load float, ptr %src
  store float %x, ptr addrspace(3) %slot
  call void @llvm.nvvm.barrier0()
  %v = load float, ptr addrspace(3) %slot
  %acc.next = fadd float %acc, %v
  call void @llvm.nvvm.barrier0()
  br label %latch

latch:
  %k.next = add nuw nsw i32 %k, 1
  %more = icmp ult i32 %k.next, %steps
  br i1 %more, label %loop, label %exit

exit:
  %dst = getelementptr float, ptr %out, i64 %t64
  store float %acc.next, ptr %dst
  ret void
}

define void @still_needed(ptr %in, ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %slot = getelementptr inbounds [256 x float], ptr addrspace(3) @tile, i64 0, i64 %t64
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %latch ]
  %acc = phi float [ 0.0, %entry ], [ %acc.next, %latch ]
  store float %acc, ptr addrspace(3) %slot
  call void @llvm.nvvm.barrier0()
  %v = load float, ptr addrspace(3) %slot
  %acc.next = fadd float %acc, %v
  call void @llvm.nvvm.barrier0()
  %k64 = zext i32 %k to i64
  %dst = getelementptr float, ptr %out, i64 %k64
  store float %acc, ptr %dst
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

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @tiled_sum, !"kernel", i32 1}
!1 = !{ptr @still_needed, !"kernel", i32 1}
!2 = !{ptr @two_phis, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_tiled_sum(
; CHECK-NOT: acc.next.reg2mem
; CHECK: r1.x:
; CHECK: %[[ACC:acc.reg2mem.slot[0-9]*]] = getelementptr inbounds i8, ptr %slot1
; CHECK: %[[OLD:[0-9]+]] = load float, ptr %[[ACC]]
; CHECK-NEXT: %acc.next.r1 = fadd float %[[OLD]], %v.r1
; CHECK-NEXT: store float %acc.next.r1, ptr %[[ACC]]
; CHECK: r2.x:
; CHECK: %[[ACC2:acc.reg2mem.slot[0-9]*]] = getelementptr inbounds i8, ptr %slot1
; CHECK-NOT: store float {{.*}}, ptr %[[ACC2]]
; CHECK: %acc.next.shared.r2 = load float, ptr %[[ACC2]]
; CHECK-NEXT: store float %acc.next.shared.r2, ptr %dst.r2
; CHECK-LABEL: define internal void @__txblk_still_needed(
; CHECK: %acc.next.reg2mem.slot
; CHECK: %acc.next.r1 = fadd
; CHECK-NEXT: store float %acc.next.r1, ptr %acc.next.reg2mem.slot
; CHECK: %acc.next.reload.r2 = load float, ptr %acc.next.reg2mem.slot
; CHECK-NEXT: store float %acc.next.reload.r2, ptr %acc.reg2mem.slot

; Two phis take the same next value: it shares the first one's slot, and
; the second phi's slot is filled from there at the latch.
define void @two_phis(ptr %in, ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %slot = getelementptr inbounds [256 x float], ptr addrspace(3) @tile, i64 0, i64 %t64
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %latch ]
  %p = phi float [ 0.0, %entry ], [ %n, %latch ]
  %q = phi float [ 1.0, %entry ], [ %n, %latch ]
  call void @llvm.nvvm.barrier0()
  %s = fadd float %p, %q
  store float %s, ptr addrspace(3) %slot
  %v = load float, ptr addrspace(3) %slot
  %n = fmul float %v, 0.5
  call void @llvm.nvvm.barrier0()
  br label %latch

latch:
  %k.next = add nuw nsw i32 %k, 1
  %more = icmp ult i32 %k.next, %steps
  br i1 %more, label %loop, label %exit

exit:
  %dst = getelementptr float, ptr %out, i64 %t64
  store float %n, ptr %dst
  ret void
}
; CHECK-LABEL: define internal void @__txblk_two_phis(
; CHECK-NOT: %n.reg2mem
; CHECK: %n.r1 = fmul float
; CHECK-NEXT: store float %n.r1, ptr %[[P:p.reg2mem.slot[0-9]*]]
; CHECK: %[[N:n.shared.*]] = load float, ptr %[[P2:p.reg2mem.slot[0-9]*]]
; CHECK-NEXT: store float %[[N]], ptr %q.reg2mem.slot
