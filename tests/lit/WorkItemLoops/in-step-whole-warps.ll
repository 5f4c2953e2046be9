; A block function built for a fixed width of whole warps (64) stays in
; step through warp collectives: in step, every lane of every warp arrives
; at a collective's cut, and a block reduction's result (the xor
; all-reduce's), uniform only in blocks of whole warps whose lanes follow
; threadIdx.x, is uniform there outright. Such a version keeps only its
; regions' in-step versions and has no dispatch: each region goes straight
; on to the next, entered through the step test that traps. The general
; function (any width) and a version for 16 threads, less than a warp,
; keep the dispatch and the per-thread state checks. A region whose way
; out a guarded loop's overflow test decides (llvm.sadd.with.overflow of
; block values) leaves it together; one of the thread index does not.
; RUN: %tx-opt -passes=tx-shared-layout,tx-fuse-warp-shuffles,tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

@partial = internal addrspace(3) global [32 x float] undef, align 4

; CHECK-LABEL: define internal void @__txblk_block_sum(
; CHECK:       dispatch:
; CHECK-LABEL: define internal void @__txblk_block_sum.x64(
; CHECK-NOT:   dispatch:
; CHECK-NOT:   .general
; CHECK:       r1.pre:
; CHECK:         br i1 %in.step{{[0-9]*}}, label %{{.*}}, label %out.of.step{{$}}
; CHECK-NOT:   dispatch:
; CHECK-NOT:   .general
; CHECK:       out.of.step:
; CHECK-NEXT:    call void @__tx_trap(
; CHECK-NOT:   .general
; CHECK:       store i1 true, ptr %chain.reg2mem.cell.current
; CHECK-NOT:   .general
; CHECK-LABEL: define internal void @__txblk_block_sum16(
; CHECK:       dispatch:
; CHECK-LABEL: define internal void @__txblk_block_sum16.x16(
; CHECK-NOT:   out.of.step:
; CHECK:       dispatch:
define void @block_sum(ptr %out) #0 {
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

; The same kernel launched 16 wide.
define void @block_sum16(ptr %out) #1 {
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

; Region 0 leaves either for the loop's barrier or past it, on a test of
; the block's width and n that guards against overflow: in step, in the
; general function too.
; CHECK-LABEL: define internal void @__txblk_guarded_count(
; CHECK-NOT:   dispatch:
; CHECK:       out.of.step:
; CHECK-LABEL: define internal void @__txblk_guarded_count.x64(
; CHECK-NOT:   dispatch:
; CHECK:       out.of.step:
define void @guarded_count(ptr %out, i32 %n) #0 {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %sum = call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %n, i32 %ntid)
  %over = extractvalue { i32, i1 } %sum, 1
  br i1 %over, label %exit, label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %next, %loop ]
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %o = zext i32 %tx to i64
  %q = getelementptr inbounds i32, ptr %out, i64 %o
  store i32 %i, ptr %q, align 4
  call void @llvm.nvvm.barrier0()
  %next = add i32 %i, 1
  %more = icmp slt i32 %next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; The same test on the thread index sends threads to two barriers.
; CHECK-LABEL: define internal void @__txblk_thread_split.x64(
; CHECK-NOT:   out.of.step:
; CHECK:       dispatch:
define void @thread_split(ptr %out, i32 %n) #0 {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %o = zext i32 %tid to i64
  %q = getelementptr inbounds i32, ptr %out, i64 %o
  %sum = call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %n, i32 %tid)
  %over = extractvalue { i32, i1 } %sum, 1
  br i1 %over, label %left, label %right

left:
  call void @llvm.nvvm.barrier0()
  store i32 1, ptr %q, align 4
  br label %exit

right:
  call void @llvm.nvvm.barrier0()
  store i32 2, ptr %q, align 4
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare { i32, i1 } @llvm.sadd.with.overflow.i32(i32, i32)

attributes #0 = { "tx-launch-width"="64" }
attributes #1 = { "tx-launch-width"="16" }

!nvvm.annotations = !{!0, !1, !2, !3}
!0 = !{ptr @block_sum, !"kernel", i32 1}
!1 = !{ptr @block_sum16, !"kernel", i32 1}
!2 = !{ptr @guarded_count, !"kernel", i32 1}
!3 = !{ptr @thread_split, !"kernel", i32 1}
