; A kernel without barriers becomes one z/y/x loop nest over the block's
; threads; threadIdx becomes the loop counters and nothing goes to scratch.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @add_one(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %i = add i32 %base, %tid
  %idx = zext i32 %i to i64
  %p = getelementptr float, ptr %out, i64 %idx
  %v = load float, ptr %p
  %w = fadd float %v, 1.0
  store float %w, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()

!nvvm.annotations = !{!0}
!0 = !{ptr @add_one, !"kernel", i32 1}

; CHECK-NOT: define void @add_one
; CHECK-LABEL: define internal void @__txblk_add_one(ptr %args, ptr noalias %ctx)
; CHECK: entry:
; CHECK: %out = load ptr
; CHECK: %ntid.x = load i32
; CHECK: %ctaid.x = load i32
; The block-uniform product is computed once, before the loops.
; CHECK: %base = mul i32 %ctaid.x, %ntid.x
; CHECK-NOT: scratch
; CHECK: dispatch:
; CHECK-NEXT: br label %done
; CHECK: r0.x:
; CHECK-NEXT: %tid.x = phi i32 [ 0, %r0.y ], [ %[[INC:[0-9]+]], %r0.x.latch ]
; CHECK: r0.x.latch:
; CHECK-NEXT: %[[INC]] = add nuw nsw i32 %tid.x, 1
; CHECK-NEXT: icmp ult i32 %[[INC]], %ntid.x
; CHECK: %i.r0 = add i32 %base, %tid.x
; CHECK: br label %r0.x.latch
; CHECK: !tx.kernels = !{![[K:[0-9]+]]}
; CHECK: ![[K]] = !{ptr @__txblk_add_one, !"add_one", i64 0, i32 0,
