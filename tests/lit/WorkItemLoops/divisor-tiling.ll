; Thread loops tiled by a power-of-two divisor (DivisorTiling.cpp). In
; @tile_of_tid each thread takes row tid / 16 and column tid % 16 of a
; tile: the x loop becomes a loop over tiles of 16 threads around a loop
; over one tile, where the row is the tile and the column x - 16 * tile
; (unit stride: a vector load and store per row instead of a gather and a
; scatter). In @tile_of_round the index is Row + tid (a block-stride
; loop's round, Row the same in every thread), divided by 16 (sdiv, srem)
; and by 64 (lshr, and): tiles of 16, where the index / 64 is tile >> 2
; and index % 64 is (16 * tile) % 64 plus the offset in the tile. The
; signed forms agree with the unsigned ones only for Row >= 0 without
; overflow: the in-step version, the tiled one, is entered only where that
; holds, and the general version runs one tile with the body unchanged.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

@tile = internal addrspace(3) global [64 x [24 x i16]] undef, align 2

define void @tile_of_tid(ptr %in) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %row = udiv i32 %tid, 16
  %col = urem i32 %tid, 16
  %r64 = zext i32 %row to i64
  %c64 = zext i32 %col to i64
  %off = mul i64 %r64, 100
  %idx = add i64 %off, %c64
  %src = getelementptr i16, ptr %in, i64 %idx
  %v = load i16, ptr %src
  %dst = getelementptr [64 x [24 x i16]], ptr addrspace(3) @tile, i64 0, i64 %r64, i64 %c64
  store i16 %v, ptr addrspace(3) %dst
  ret void
}

define void @tile_of_round(ptr %in, i32 %base) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  call void @llvm.nvvm.barrier0()
  %e = add nsw i32 %base, %tid
  %row = sdiv i32 %e, 16
  %col = srem i32 %e, 16
  %brow = lshr i32 %e, 6
  %bcol = and i32 %e, 63
  %r64 = sext i32 %row to i64
  %c64 = sext i32 %col to i64
  %off = mul i64 %r64, 100
  %idx = add i64 %off, %c64
  %src = getelementptr i16, ptr %in, i64 %idx
  %v = load i16, ptr %src
  %dst = getelementptr [64 x [24 x i16]], ptr addrspace(3) @tile, i64 0, i64 %r64, i64 %c64
  store i16 %v, ptr addrspace(3) %dst
  %b64 = zext i32 %brow to i64
  %bc64 = zext i32 %bcol to i64
  %dst2 = getelementptr [64 x [24 x i16]], ptr addrspace(3) @tile, i64 0, i64 %b64, i64 %bc64
  store i16 %v, ptr addrspace(3) %dst2
  call void @llvm.nvvm.barrier0()
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @tile_of_tid, !"kernel", i32 1}
!1 = !{ptr @tile_of_round, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_tile_of_tid(
; CHECK: %[[LAST:[0-9]+]] = lshr i32 %{{[0-9]+}}, 4
; CHECK-NEXT: %end.tile = select i1 true, i32 %[[LAST]], i32 1
; CHECK: r0.tile:
; CHECK-NEXT: %tile = phi i32 [ 0, %r0.y ], [ %[[NEXT:[0-9]+]], %r0.tile.latch ]
; CHECK-NEXT: %tile.base = shl i32 %tile, 4
; CHECK: r0.x:
; CHECK-NEXT: %tid.x = phi i32 [ %start.x, %r0.tile ]
; CHECK-NEXT: %in.tile = sub i32 %tid.x, %tile.base
; CHECK: r0.tile.latch:
; CHECK-NEXT: %[[NEXT]] = add nuw nsw i32 %tile, 1
; CHECK-NEXT: icmp ult i32 %[[NEXT]], %end.tile
; CHECK: %row.r0 = udiv i32 %tid.x, 16
; CHECK-NEXT: %[[ROW:[0-9]+]] = lshr i32 %tile, 0
; CHECK-NEXT: select i1 true, i32 %[[ROW]], i32 %row.r0
; CHECK: %col.r0 = urem i32 %tid.x, 16
; CHECK-NEXT: select i1 true, i32 %in.tile, i32 %col.r0

; CHECK-LABEL: define internal void @__txblk_tile_of_round(
; CHECK: r1.pre:
; CHECK: %[[ROW64:[0-9]+]] = sext i32 %base to i64
; CHECK: %[[END64:[0-9]+]] = add i64 %[[ROW64]],
; CHECK: icmp sge i64 %[[ROW64]], 0
; CHECK: icmp sle i64 %[[END64]], 2147483647
; CHECK: %tile.ok = freeze i1
; CHECK: %in.step.tiled = and i1 %[[STEP:[a-z.0-9]+]], %tile.ok
; In step but not tiled, the general version checks the threads' states,
; which in-step regions leave stale: they are rewritten first.
; CHECK-NEXT: %[[UNTILED:[0-9]+]] = xor i1 %tile.ok, true
; CHECK-NEXT: %[[REFRESH:[0-9]+]] = and i1 %[[STEP]], %[[UNTILED]]
; CHECK: br i1 %{{[0-9]+}}, label %r1.pre.refresh, label %r1.pre.refreshed
; CHECK: %first.tile = select i1 true,
; CHECK: r1.tile:
; CHECK: %[[TILEX:[0-9]+]] = sub i32 %tile.base, %base
; CHECK: %in.tile = sub i32 %tid.x{{[0-9]*}}, %[[TILEX]]
; CHECK: %row.r1 = sdiv i32 %e.r1, 16
; CHECK-NEXT: %[[Q16:[0-9]+]] = lshr i32 %tile, 0
; CHECK-NEXT: select i1 true, i32 %[[Q16]], i32 %row.r1
; CHECK: %col.r1 = srem i32 %e.r1, 16
; CHECK-NEXT: select i1 true, i32 %in.tile, i32 %col.r1
; CHECK: %brow.r1 = lshr i32 %e.r1, 6
; CHECK-NEXT: %[[Q64:[0-9]+]] = lshr i32 %tile, 2
; CHECK-NEXT: select i1 true, i32 %[[Q64]], i32 %brow.r1
; CHECK: %bcol.r1 = and i32 %e.r1, 63
; CHECK-NEXT: %[[PART:[0-9]+]] = and i32 %tile.base, 63
; CHECK-NEXT: %[[R64:[0-9]+]] = add i32 %[[PART]], %in.tile
; CHECK-NEXT: select i1 true, i32 %[[R64]], i32 %bcol.r1
; The general version: one tile, the body's own divisions.
; CHECK: %first.tile.general = select i1 false,
; CHECK: %end.tile.general = select i1 false, i32 %{{[0-9]+}}, i32 1
; The refresh, laid out after the nests:
; CHECK: r1.pre.refresh:
; CHECK: store i32 1, ptr %{{[0-9]+}}
; CHECK: r1.pre.refreshed:
; CHECK-NEXT: br i1 %in.step.tiled, label %r1.z, label %r1.z.general
