; An unrolled warp reduction -- five xor shuffles, each feeding the next
; through an fadd, its copies in blocks joined by plain branches -- becomes
; one collective whose body does the whole chain for a warp in vector code:
; each shuffle a constant permutation of the 32 lanes, with the lane's own
; value where its source did not arrive. A conversion of the result stays
; outside the chain.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @warp_sum(ptr %out, float %x) {
entry:
  %b0 = bitcast float %x to i32
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b0, i32 16, i32 31)
  %f0 = bitcast i32 %s0 to float
  %v1 = fadd float %x, %f0
  br label %step1

step1:
  %b1 = bitcast float %v1 to i32
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 8, i32 31)
  %f1 = bitcast i32 %s1 to float
  %v2 = fadd float %v1, %f1
  br label %step2

step2:
  %b2 = bitcast float %v2 to i32
  %s2 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b2, i32 4, i32 31)
  %f2 = bitcast i32 %s2 to float
  %v3 = fadd float %v2, %f2
  %wide = fpext float %v3 to double
  store double %wide, ptr %out
  ret void
}

; CHECK-LABEL: define void @warp_sum(
; CHECK-NOT: llvm.nvvm.shfl
; CHECK: %chain = call float @__tx_shfl_chain.f32.f32(ptr @__tx_shfl_chain_body, float %x)
; CHECK-NEXT: %wide = fpext float %chain to double
; CHECK-NEXT: store double %wide, ptr %out

; A shfl_down sum in segments of 16 lanes (packed operand 0x101f): lanes
; whose source is past their segment keep their own value.
define void @segment_sum(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 8, i32 4127)
  %v1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 4, i32 4127)
  %v2 = add i32 %v1, %s1
  store i32 %v2, ptr %out
  ret void
}

; CHECK-LABEL: define void @segment_sum(
; CHECK: %chain = call i32 @__tx_shfl_chain.i32.i32(ptr @__tx_shfl_chain_body.1, i32 %x)
; CHECK-NEXT: store i32 %chain, ptr %out

; Not chains: a value between the shuffles is needed elsewhere; a store
; between them (the cut would move past it); a single shuffle; an offset
; known only at run time.
define void @escapes(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 16, i32 31)
  %v1 = add i32 %x, %s0
  store i32 %v1, ptr %out
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v1, i32 8, i32 31)
  %v2 = add i32 %v1, %s1
  %p = getelementptr i32, ptr %out, i64 1
  store i32 %v2, ptr %p
  ret void
}

define void @single(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 16, i32 31)
  %v1 = add i32 %x, %s0
  store i32 %v1, ptr %out
  ret void
}

define void @variable(ptr %out, i32 %x, i32 %offset) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 %offset, i32 31)
  %v1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v1, i32 %offset, i32 31)
  %v2 = add i32 %v1, %s1
  store i32 %v2, ptr %out
  ret void
}

; CHECK-LABEL: define void @escapes(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.bfly.i32
; CHECK-LABEL: define void @single(
; CHECK: call i32 @llvm.nvvm.shfl.sync.bfly.i32
; A run-time offset is a parameter: each lane publishes it with its value,
; packed into an i64, and the body computes the source lanes and gathers.
; CHECK-LABEL: define void @variable(
; CHECK: %packed = or i64
; CHECK-NEXT: %chain = call i32 @__tx_shfl_chain.i64.i32(ptr @__tx_shfl_chain_body.2, i64 %packed)
; CHECK-NOT: shfl.sync
; CHECK: ret void

; The bodies. Lane L arrived where bit L of the mask is set; each step moves
; the lanes by a constant permutation and keeps a lane's own value where its
; source did not arrive.
; CHECK-LABEL: define internal <32 x float> @__tx_shfl_chain_body(<32 x float> %lanes, i32 %arrived.mask)
; CHECK: %arrived.lanes = icmp ne <32 x i32>
; CHECK: %[[B0:[0-9]+]] = bitcast <32 x float> %lanes to <32 x i32>
; CHECK: %lanes.moved = shufflevector <32 x i32> %[[B0]], <32 x i32> poison, <32 x i32> <i32 16, i32 17, {{.*}}, i32 31, i32 0, i32 1, {{.*}}, i32 15>
; CHECK: %[[SRC:[0-9]+]] = shufflevector <32 x i1> %arrived.lanes, <32 x i1> poison, <32 x i32> <i32 16,
; CHECK: %lanes.shuffled = select <32 x i1> %[[SRC]], <32 x i32> %lanes.moved, <32 x i32> %[[B0]]
; CHECK: fadd <32 x float> %lanes,
; CHECK: shufflevector <32 x i32> %{{[0-9]+}}, <32 x i32> poison, <32 x i32> <i32 8, i32 9,
; CHECK: shufflevector <32 x i32> %{{[0-9]+}}, <32 x i32> poison, <32 x i32> <i32 4, i32 5,
; CHECK: %[[SUM:[0-9]+]] = fadd <32 x float>
; CHECK-NEXT: ret <32 x float> %[[SUM]]

; Segments of 16 lanes: lanes 8-15 and 24-31 keep their own value (their
; sources, 16-23 and 32-39, are past the end of their segment).
; CHECK-LABEL: define internal <32 x i32> @__tx_shfl_chain_body.1(
; CHECK: shufflevector <32 x i32> %lanes, <32 x i32> poison, <32 x i32> <i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 15, i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 15, i32 24, i32 25, i32 26, i32 27, i32 28, i32 29, i32 30, i32 31, i32 24, i32 25, i32 26, i32 27, i32 28, i32 29, i32 30, i32 31>

; CHECK-LABEL: define internal <32 x i32> @__tx_shfl_chain_body.2(<32 x i64> %lanes, i32 %arrived.mask)
; CHECK: %[[X:[0-9]+]] = trunc <32 x i64> %lanes to <32 x i32>
; CHECK-NEXT: %[[OFF:[0-9]+]] = lshr <32 x i64> %lanes, <i64 32,
; CHECK: %[[OFF32:[0-9]+]] = trunc <32 x i64> %[[OFF]] to <32 x i32>
; CHECK: %src.lanes = select
; CHECK: %lanes.moved = call <32 x i32> @llvm.masked.gather.v32i32.v32p0(
; CHECK: %lanes.shuffled = select <32 x i1> %{{[0-9]+}}, <32 x i32> %lanes.moved, <32 x i32> %[[X]]
; CHECK-COUNT-1: @llvm.masked.gather.v32i32.v32p0(
; CHECK: ret <32 x i32>

declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0, !1, !2, !3, !4}
!0 = !{ptr @warp_sum, !"kernel", i32 1}
!1 = !{ptr @segment_sum, !"kernel", i32 1}
!2 = !{ptr @escapes, !"kernel", i32 1}
!3 = !{ptr @single, !"kernel", i32 1}
!4 = !{ptr @variable, !"kernel", i32 1}
