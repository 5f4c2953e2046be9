; A kernel of 2-D blocks without barriers or shared memory runs a span of
; blocks along x per call (flag 4, TX_KERNEL_RUNS_BLOCK_SPANS): its loop
; nest is z, y, then the blocks of the span, then x, so that each row of
; threads sweeps the rows of all blocks of the span. blockIdx.x is that
; loop's counter (kept in the context for the runtime's reports); the span
; ends at blockIdx.x + BlockSpanX (offset 72 of the context). A 1-D kernel,
; and a 2-D one with a barrier or shared memory, run one block per call.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_stencil(
; CHECK:         %ctaid.x = load i32
; CHECK:         %span.x = load i32
; CHECK:         %span.end = add nuw nsw i32 %ctaid.x, %span.x
; CHECK:       r0.y:
; CHECK-NEXT:    %tid.y = phi i32
; CHECK-NEXT:    br label %r0.bx
; CHECK:       r0.bx:
; CHECK-NEXT:    %ctaid.x.span = phi i32 [ %ctaid.x, %r0.y ], [ %[[NEXT:.*]], %r0.bx.latch ]
; CHECK-NEXT:    %[[IDX:.*]] = getelementptr inbounds i8, ptr %ctx, i64 12
; CHECK-NEXT:    store volatile i32 %ctaid.x.span, ptr %[[IDX]]
; CHECK-NEXT:    br label %r0.x
; CHECK:       r0.x.latch:
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.bx.latch
; CHECK:       r0.bx.latch:
; CHECK-NEXT:    %[[NEXT]] = add nuw nsw i32 %ctaid.x.span, 1
; CHECK-NEXT:    %[[MORE:.*]] = icmp ult i32 %[[NEXT]], %span.end
; CHECK-NEXT:    br i1 %[[MORE]], label %r0.bx, label %r0.y.latch
; CHECK:       entry.r0:
; CHECK:         mul i32 %ctaid.x.span, %ntid.x
define void @stencil(ptr %in, ptr %out, i32 %n) {
entry:
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %bdx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %x0 = mul i32 %bx, %bdx
  %x = add i32 %x0, %tx
  %row = mul i32 %ty, %n
  %i = add i32 %row, %x
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %in, i64 %i64
  %v = load float, ptr %p
  %q = getelementptr inbounds float, ptr %out, i64 %i64
  store float %v, ptr %q
  ret void
}

; CHECK-LABEL: define internal void @__txblk_rows_1d(
; CHECK-NOT:     ctaid.x.span
; CHECK:         ret void
define void @rows_1d(ptr %out) {
entry:
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %x = add i32 %bx, %tx
  %x64 = zext i32 %x to i64
  %q = getelementptr inbounds i32, ptr %out, i64 %x64
  store i32 %x, ptr %q
  ret void
}

; CHECK-LABEL: define internal void @__txblk_with_barrier(
; CHECK-NOT:     ctaid.x.span
; CHECK:         ret void
define void @with_barrier(ptr %out) {
entry:
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %x = add i32 %bx, %ty
  %x64 = zext i32 %x to i64
  %q = getelementptr inbounds i32, ptr %out, i64 %x64
  store i32 %x, ptr %q
  call void @llvm.nvvm.barrier0()
  store i32 0, ptr %q
  ret void
}

; CHECK: !tx.kernels = !{![[K0:[0-9]+]], ![[K1:[0-9]+]], ![[K2:[0-9]+]]}
; CHECK: ![[K0]] = !{ptr @__txblk_stencil, !"stencil", i64 0, i32 4,
; CHECK: ![[K1]] = !{ptr @__txblk_rows_1d, !"rows_1d", i64 0, i32 0,
; CHECK: ![[K2]] = !{ptr @__txblk_with_barrier, !"with_barrier", i64 {{[0-9]+}}, i32 1,

declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @stencil, !"kernel", i32 1}
!1 = !{ptr @rows_1d, !"kernel", i32 1}
!2 = !{ptr @with_barrier, !"kernel", i32 1}
