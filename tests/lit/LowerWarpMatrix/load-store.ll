; WMMA loads and stores become one copy per lane: lane L's elements start at
; L * (tile elements / 32) in the fragment's order. f16 A fragments repeat
; their 16 bytes in the second half of their registers; an accumulator in
; column-major memory is copied element by element.
; RUN: %tx-opt -passes=tx-lower-warp-matrix -S %s | %FileCheck %s

define void @load_a(ptr %p, i32 %ldm, ptr %out) {
  %r = call { <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half> } @llvm.nvvm.wmma.m16n16k16.load.a.row.stride.f16.p0(ptr %p, i32 %ldm)
  store { <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half> } %r, ptr %out
  ret void
}
; The lane is the linear thread index's low five bits.
; CHECK-LABEL: define void @load_a(
; CHECK: call void @llvm.lifetime.start.p0(i64 -1, ptr %wmma.lane)
; CHECK: %[[LANE:.*]] = and i32 %{{.*}}, 31
; CHECK: %[[L64:.*]] = zext i32 %[[LANE]] to i64
; CHECK: %[[FIRST:.*]] = mul i64 %[[L64]], 8
; CHECK: %[[ROW:.*]] = udiv i64 %[[FIRST]], 16
; CHECK: %[[COL:.*]] = urem i64 %[[FIRST]], 16
; CHECK: mul i64 %[[ROW]]
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %wmma.lane, ptr align 2 %{{.*}}, i64 16, i1 false)
; CHECK: %[[HIGH:.*]] = getelementptr i8, ptr %wmma.lane, i64 16
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %[[HIGH]], ptr align 1 %wmma.lane, i64 16, i1 false)
; CHECK: load {{.*}}, ptr %wmma.lane
; CHECK: call void @llvm.lifetime.end.p0(i64 -1, ptr %wmma.lane)
; CHECK-NOT: llvm.nvvm.wmma

define void @store_col(ptr %p, float %d0, float %d1, float %d2, float %d3, float %d4, float %d5, float %d6, float %d7, i32 %ldm) {
  call void @llvm.nvvm.wmma.m16n16k16.store.d.col.stride.f32.p0(ptr %p, float %d0, float %d1, float %d2, float %d3, float %d4, float %d5, float %d6, float %d7, i32 %ldm)
  ret void
}
; Eight 4-byte copies, row and column swapped in the address.
; CHECK-LABEL: define void @store_col(
; CHECK-COUNT-8: call void @llvm.memcpy.p0.p0.i64(ptr align 4 %{{.*}}, ptr align 1 %{{.*}}, i64 4, i1 false)
; CHECK-NOT: llvm.nvvm.wmma

define i32 @load_s4(ptr %p, i32 %ldm) {
  %r = call i32 @llvm.nvvm.wmma.m8n8k32.load.a.row.stride.s4.p0(ptr %p, i32 %ldm)
  ret i32 %r
}
; Eight nibbles: a 4-byte copy, the offset in bits divided by 8.
; CHECK-LABEL: define i32 @load_s4(
; CHECK: %[[BITS:.*]] = mul i64 %{{.*}}, 4
; CHECK: lshr i64 %[[BITS]], 3
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %wmma.lane, ptr align 4 %{{.*}}, i64 4, i1 false)

declare { <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half> } @llvm.nvvm.wmma.m16n16k16.load.a.row.stride.f16.p0(ptr, i32)
declare void @llvm.nvvm.wmma.m16n16k16.store.d.col.stride.f32.p0(ptr, float, float, float, float, float, float, float, float, i32)
declare i32 @llvm.nvvm.wmma.m8n8k32.load.a.row.stride.s4.p0(ptr, i32)
