; A block reduction's second step: every warp reads the per-warp partials
; at its lane (threadIdx.x % 32) from shared memory and all-reduces them
; with shfl_xor, so every thread gets the block's sum, which lives on past
; the next barrier. That sum is uniform only in blocks of whole warps whose
; lanes follow threadIdx.x (a 24x4 block's warps start at different x):
; the block computes aligned.warps once, counts as in step only where it
; holds (storing the states the general versions read where it does not),
; and there reads the sum once before the loops. Region 0 keeps such slots
; per thread. A sum of values that differ between warps (threadIdx.y) is
; divergent: no such test.
; RUN: %tx-opt -passes=tx-shared-layout,tx-fuse-warp-shuffles,tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

@partial = internal addrspace(3) global [32 x float] undef, align 4

define void @block_sum(ptr %out) {
entry:
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tx, 31
  call void @llvm.nvvm.barrier0()
  %idx = zext i32 %lane to i64
  %p = getelementptr inbounds [32 x float], ptr addrspace(3) @partial, i64 0, i64 %idx
  %v0 = load float, ptr addrspace(3) %p, align 4
  %b0 = bitcast float %v0 to i32
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b0, i32 16, i32 31)
  %f0 = bitcast i32 %s0 to float
  %v1 = fadd float %v0, %f0
  %b1 = bitcast float %v1 to i32
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 8, i32 31)
  %f1 = bitcast i32 %s1 to float
  %v2 = fadd float %v1, %f1
  %b2 = bitcast float %v2 to i32
  %s2 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b2, i32 4, i32 31)
  %f2 = bitcast i32 %s2 to float
  %v3 = fadd float %v2, %f2
  %b3 = bitcast float %v3 to i32
  %s3 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b3, i32 2, i32 31)
  %f3 = bitcast i32 %s3 to float
  %v4 = fadd float %v3, %f3
  %b4 = bitcast float %v4 to i32
  %s4 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b4, i32 1, i32 31)
  %f4 = bitcast i32 %s4 to float
  %sum = fadd float %v4, %f4
  call void @llvm.nvvm.barrier0()
  %inv = fdiv float 1.0, %sum
  %o = zext i32 %tx to i64
  %q = getelementptr inbounds float, ptr %out, i64 %o
  store float %inv, ptr %q, align 4
  ret void
}

define void @rows_sum(ptr %out) {
entry:
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  call void @llvm.nvvm.barrier0()
  %v0 = sitofp i32 %ty to float
  %b0 = bitcast float %v0 to i32
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b0, i32 16, i32 31)
  %f0 = bitcast i32 %s0 to float
  %v1 = fadd float %v0, %f0
  %b1 = bitcast float %v1 to i32
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 8, i32 31)
  %f1 = bitcast i32 %s1 to float
  %sum = fadd float %v1, %f1
  call void @llvm.nvvm.barrier0()
  %o = zext i32 %tx to i64
  %q = getelementptr inbounds float, ptr %out, i64 %o
  store float %sum, ptr %q, align 4
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @block_sum, !"kernel", i32 1}
!1 = !{ptr @rows_sum, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_block_sum(
; CHECK: %aligned.warps = and i1
; CHECK: %chain.reg2mem.cell.current = alloca i1
; Region 0 does not keep the sum in its cell.
; CHECK: r0.pre:
; CHECK-NOT: store i1 true, ptr %chain.reg2mem.cell.current
; CHECK: r1.pre:
; In step, the region after the barrier reads the sum once, before its loops.
; CHECK: r3.pre:
; CHECK: %[[ONCE:chain.reg2mem.uniform[0-9]*]] = load float, ptr %slot1
; CHECK: select i1 true, float %[[ONCE]], float %chain.reload.r3
; CHECK: unaligned.states:
; CHECK: store i32 %next, ptr
; CHECK: unaligned.stored:
; CHECK-NEXT: %[[STEP:[0-9]+]] = and i1 %{{[0-9]+}}, %aligned.warps
; CHECK-NEXT: store i1 %[[STEP]], ptr %in.step

; CHECK-LABEL: define internal void @__txblk_rows_sum(
; CHECK-NOT: aligned.warps
; CHECK: ret void
