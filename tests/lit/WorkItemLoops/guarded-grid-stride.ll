; A grid-stride loop after ImplicitLoopBarriers (see
; ImplicitLoopBarriers/guarded-grid-stride.ll): the guarded round's bound,
; n - (base + k * stride), is computed in the region's preheader from the
; counter's uniform snapshot, so index-set narrowing applies: in step, the
; x loop ends at min(blockDim.x, bound), and the guard in the body becomes
; the loop-invariant "the range is not empty".
; RUN: %tx-opt -passes=tx-implicit-loop-barriers,tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_scale(
; CHECK:       r1.pre:
; CHECK:         %[[STEP:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK:         %[[K:tx.iteration.reg2mem.uniform[0-9]*]] = load i32, ptr %slot
; CHECK-NEXT:    %[[OFF:.*]] = mul i32 %[[K]], %stride
; CHECK-NEXT:    %tx.row.start.r1.pre = add i32 %base, %[[OFF]]
; CHECK:         %tx.row.threads.r1.pre = trunc i64 %{{.*}} to i32
; CHECK-NEXT:    %[[END:[0-9]+]] = call i32 @llvm.umin.i32(i32 %ntid.x, i32 %tx.row.threads.r1.pre)
; CHECK-NEXT:    %narrowed.any = icmp ult i32 0, %[[END]]
; CHECK-NEXT:    %end.x = select i1 %[[STEP]], i32 %[[END]], i32 %ntid.x
; CHECK:         %tx.guard.in.r1 = icmp ult i32 %tid.x{{[0-9]*}}, %{{.*}}
; CHECK-NEXT:    select i1 true, i1 %narrowed.any, i1 %tx.guard.in.r1
define void @scale(i32 %n, ptr %x) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = add i32 %base, %tid
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %w = fmul float %v, 2.0
  store float %w, ptr %p
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()

!nvvm.annotations = !{!0}
!0 = !{ptr @scale, !"kernel", i32 1}
