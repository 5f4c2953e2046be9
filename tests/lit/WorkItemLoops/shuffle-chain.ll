; A fused chain of shuffles (FuseWarpShuffles) is one cut. After it, the
; region's preheader runs the chain's body once per warp: when every lane
; arrived, straight from the exchange slots into the snapshot (no memcpy);
; otherwise after the runtime has recorded who arrived, in place, with each
; warp's arrival mask, writing only the lanes that arrived. Each thread then
; reads its own result from its snapshot slot.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @warp_sum(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %x = sitofp i32 %tid to float
  %sum = call float @__tx_shfl_chain.f32.f32(ptr @body, float %x)
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %out, i64 %t64
  store float %sum, ptr %p
  ret void
}

define internal <32 x float> @body(<32 x float> %lanes, i32 %mask) alwaysinline {
  %moved = shufflevector <32 x float> %lanes, <32 x float> poison, <32 x i32> <i32 1, i32 0, i32 3, i32 2, i32 5, i32 4, i32 7, i32 6, i32 9, i32 8, i32 11, i32 10, i32 13, i32 12, i32 15, i32 14, i32 17, i32 16, i32 19, i32 18, i32 21, i32 20, i32 23, i32 22, i32 25, i32 24, i32 27, i32 26, i32 29, i32 28, i32 31, i32 30>
  %sum = fadd <32 x float> %lanes, %moved
  ret <32 x float> %sum
}

declare float @__tx_shfl_chain.f32.f32(ptr, float)
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0}
!0 = !{ptr @warp_sum, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_warp_sum(
; Before the cut each lane publishes its operand (32-bit lanes).
; CHECK: r0.x:
; CHECK: %[[BITS:[0-9]+]] = bitcast float %x.r0 to i32
; CHECK: store i32 %{{[0-9]+}}, ptr
; CHECK: r1.pre.all:
; CHECK-NOT: llvm.memcpy
; CHECK: r1.pre.some:
; CHECK: r1.pre.all.chain:
; CHECK: %warp = phi i64
; CHECK: %[[IN:[0-9]+]] = load <32 x i32>, ptr %{{[0-9]+}}, align 4
; CHECK: %[[INF:[0-9]+]] = bitcast <32 x i32> %[[IN]] to <32 x float>
; CHECK: %[[OUT:[0-9]+]] = call <32 x float> @body(<32 x float> %[[INF]], i32 -1)
; CHECK: %[[OUTI:[0-9]+]] = bitcast <32 x float> %[[OUT]] to <32 x i32>
; CHECK: store <32 x i32> %[[OUTI]], ptr %{{[0-9]+}}, align 4
; A warp's whole chain per iteration: the loop over warps (like every loop
; the lowering builds) is not unrolled by a run-time trip count.
; CHECK: br i1 %{{[0-9]+}}, label %r1.pre.all.chain, label %r1.pre.all.chained, !llvm.loop ![[WARPS:[0-9]+]]
; Threads in step store no state of their own; before the runtime reads
; the states (a partial warp), those threads' states are written.
; CHECK: r1.pre.some.refresh:
; CHECK: store i32 1, ptr
; CHECK: br i1 %{{[0-9]+}}, label %r1.pre.some.refresh, label %r1.pre.some.refreshed, !llvm.loop ![[STATES:[0-9]+]]
; CHECK: r1.pre.some.refreshed:
; CHECK: call void @__tx_warp_arrivals32(
; CHECK: r1.pre.some.refreshed.chain:
; CHECK: %[[MASK:[0-9]+]] = load i32, ptr
; CHECK: call <32 x float> @body(<32 x float> %{{[0-9]+}}, i32 %[[MASK]])
; CHECK: call void @llvm.masked.store.v32i32.p0(<32 x i32> %{{[0-9]+}}, ptr %{{[0-9]+}}, i32 4, <32 x i1> %arrived.lanes)
; The thread's result, in the region's loop.
; CHECK: %chain.result = load i32, ptr
; CHECK-NEXT: %[[R:[0-9]+]] = bitcast i32 %chain.result to float
; CHECK: store float %[[R]], ptr
; CHECK: ![[NORUNTIME:[0-9]+]] = !{!"llvm.loop.unroll.runtime.disable"}
; CHECK: ![[LOWERING:[0-9]+]] = !{!"tx.lowering.loop"}
; CHECK: ![[WARPS]] = distinct !{![[WARPS]], ![[NORUNTIME]], ![[LOWERING]]}
; CHECK: ![[STATES]] = distinct !{![[STATES]], ![[NORUNTIME]], ![[LOWERING]]}
