; A uniform slot read twice in one block of a region (an unrolled loop
; reads its counter in every copy): in step, both reads take the block's
; one value (an earlier read is no store), so the counter stays uniform in
; every copy and the copies' loads indexed by it stay uniform too.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers,tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_accumulate(
; CHECK:       body.r1:
; CHECK:         %[[FIRST:[0-9]+]] = select i1 true, i32 %k.reg2mem.uniform, i32
; CHECK-NEXT:    %k64.r1 = zext i32 %[[FIRST]] to i64
; CHECK:         %[[AGAIN:[0-9]+]] = select i1 true, i32 %k.reg2mem.uniform, i32
; CHECK-NEXT:    %k.next.r1 = add nuw nsw i32 %[[AGAIN]], 1
; CHECK:       body.1.r1:
; CHECK:         %[[THIRD:[0-9]+]] = select i1 true, i32 %k.reg2mem.uniform, i32
; CHECK-NEXT:    %k.next.1.r1 = add nuw nsw i32 %[[THIRD]], 2

define void @accumulate(ptr %x, ptr %w, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %px = getelementptr inbounds float, ptr %x, i64 %t64
  %xv = load float, ptr %px
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %k64 = zext i32 %k to i64
  %pw = getelementptr inbounds float, ptr %w, i64 %k64
  %wv = load float, ptr %pw
  %d = fsub float %xv, %wv
  %dd = fmul float %d, %d
  %sum.next = fadd float %sum, %dd
  %k.next = add nuw nsw i32 %k, 1
  br label %loop

exit:
  %po = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum, ptr %po
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0}
!0 = !{ptr @accumulate, !"kernel", i32 1}
