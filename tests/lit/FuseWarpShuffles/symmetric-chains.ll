; A chain after which every lane holds the same value when the whole warp
; arrives is marked tx.warp.symmetric, which the divergence analysis reads
; (a block reduction's second step gives every thread the block's sum):
; the butterfly all-reduce `v += shfl_xor(v, 16) ... 1` (a float one goes
; through i32 bitcasts), a max over all lanes, a broadcast from lane 0.
; Not: a shfl_down reduction (only lane 0 gets the sum), a butterfly that
; stops before bit 1, a member mask that is not the whole warp, an
; operation whose result depends on the operands' order (fsub), minnum
; (which may pick either zero).
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @xor_all_reduce(ptr %out, float %x) {
  %b0 = bitcast float %x to i32
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b0, i32 16, i32 31)
  %f0 = bitcast i32 %s0 to float
  %v1 = fadd float %x, %f0
  %b1 = bitcast float %v1 to i32
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 8, i32 31)
  %f1 = bitcast i32 %s1 to float
  %v2 = fadd float %f1, %v1
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
  %v5 = fadd float %v4, %f4
  store float %v5, ptr %out
  ret void
}
; CHECK-LABEL: define void @xor_all_reduce(
; CHECK: call float @__tx_shfl_chain.f32.f32({{.*}}), !tx.warp.symmetric

define void @max_then_broadcast(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %v1 = call i32 @llvm.smax.i32(i32 %x, i32 %s0)
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v1, i32 2, i32 31)
  %v2 = call i32 @llvm.smax.i32(i32 %v1, i32 %s1)
  %b = call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1, i32 %v2, i32 0, i32 31)
  %r = add i32 %b, 7
  store i32 %r, ptr %out
  ret void
}
; CHECK-LABEL: define void @max_then_broadcast(
; CHECK: call i32 @__tx_shfl_chain.i32.i32({{.*}}), !tx.warp.symmetric

define void @down_reduce(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 16, i32 31)
  %v1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %v1, i32 8, i32 31)
  %v2 = add i32 %v1, %s1
  store i32 %v2, ptr %out
  ret void
}
; CHECK-LABEL: define void @down_reduce(
; CHECK: call i32 @__tx_shfl_chain.i32.i32(ptr @{{[^,]*}}, i32 %x){{$}}

define void @partial_butterfly(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 16, i32 31)
  %v1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v1, i32 8, i32 31)
  %v2 = add i32 %v1, %s1
  store i32 %v2, ptr %out
  ret void
}
; CHECK-LABEL: define void @partial_butterfly(
; CHECK: call i32 @__tx_shfl_chain.i32.i32(ptr @{{[^,]*}}, i32 %x){{$}}

define void @half_warp_members(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 65535, i32 %x, i32 1, i32 31)
  %v1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 65535, i32 %v1, i32 2, i32 31)
  %v2 = add i32 %v1, %s1
  %b = call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 65535, i32 %v2, i32 0, i32 31)
  store i32 %b, ptr %out
  ret void
}
; CHECK-LABEL: define void @half_warp_members(
; CHECK: call i32 @__tx_shfl_chain.i32.i32(ptr @{{[^,]*}}, i32 %x){{$}}

define void @ordered_ops(ptr %out, float %x) {
  %b0 = bitcast float %x to i32
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b0, i32 1, i32 31)
  %f0 = bitcast i32 %s0 to float
  %v1 = fsub float %x, %f0
  %b1 = bitcast float %v1 to i32
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 2, i32 31)
  %f1 = bitcast i32 %s1 to float
  %v2 = call float @llvm.minnum.f32(float %v1, float %f1)
  store float %v2, ptr %out
  ret void
}
; CHECK-LABEL: define void @ordered_ops(
; CHECK: call float @__tx_shfl_chain.f32.f32(ptr @{{[^,]*}}, float %x){{$}}

declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.idx.i32(i32, i32, i32, i32)
declare i32 @llvm.smax.i32(i32, i32)
declare float @llvm.minnum.f32(float, float)

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5}
!0 = !{ptr @xor_all_reduce, !"kernel", i32 1}
!1 = !{ptr @max_then_broadcast, !"kernel", i32 1}
!2 = !{ptr @down_reduce, !"kernel", i32 1}
!3 = !{ptr @partial_butterfly, !"kernel", i32 1}
!4 = !{ptr @half_warp_members, !"kernel", i32 1}
!5 = !{ptr @ordered_ops, !"kernel", i32 1}
