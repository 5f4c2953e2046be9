; The loops around a region's x loop. A large kernel that reads neither
; threadIdx.y nor threadIdx.z (or only to compute its linear rank) runs its
; rows of threads as one loop whose y counter wraps into z: no z loop, and
; neither counter an induction variable (the optimiser's loop passes would
; otherwise rewrite every address of the x loop in terms of them, once per
; level). <wrapped-rows> applies that rule to kernels of any size; without
; it, small kernels keep a y loop in a z loop, both affine, and so does a
; kernel that reads threadIdx.y for itself.
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>' -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s --check-prefix=SMALL

target triple = "x86_64-pc-linux-gnu"

define void @rows_unread(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx = zext i32 %tid to i64
  %p = getelementptr float, ptr %out, i64 %idx
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %q = getelementptr float, ptr %p, i64 1
  store float 2.0, ptr %q
  ret void
}

; Reads threadIdx.y and .z only in its rank, (z * ntid.y + y) * ntid.x + x.
define void @rank_only(ptr %out) {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %tz = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %ny = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %nx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %zy = mul i32 %tz, %ny
  %row = add i32 %zy, %ty
  %base = mul i32 %row, %nx
  %rank = add i32 %base, %tx
  %idx = zext i32 %rank to i64
  %p = getelementptr float, ptr %out, i64 %idx
  store float 1.0, ptr %p
  ret void
}

; Uses threadIdx.y in its rank and for itself: reads its row index.
define void @mixed_use(ptr %out) {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %tz = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %ny = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %nx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %zy = mul i32 %tz, %ny
  %row = add i32 %zy, %ty
  %base = mul i32 %row, %nx
  %rank = add i32 %base, %tx
  %idx = zext i32 %rank to i64
  %p = getelementptr float, ptr %out, i64 %idx
  %f = uitofp i32 %ty to float
  store float %f, ptr %p
  ret void
}

define void @rows_read(ptr %out) {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %row = mul i32 %ty, 32
  %i = add i32 %row, %tx
  %idx = zext i32 %i to i64
  %p = getelementptr float, ptr %out, i64 %idx
  store float 1.0, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.z()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2, !3}
!0 = !{ptr @rows_unread, !"kernel", i32 1}
!1 = !{ptr @rank_only, !"kernel", i32 1}
!2 = !{ptr @mixed_use, !"kernel", i32 1}
!3 = !{ptr @rows_read, !"kernel", i32 1}

; Both regions of @rows_unread: r0.z only enters the row loop r0.y, which
; carries both counters; the linear index is x plus the row's offset.
; CHECK-LABEL: define internal void @__txblk_rows_unread(
; CHECK:       r0.z:
; CHECK-NEXT:    br label %r0.y
; CHECK:       r0.y:
; CHECK-NEXT:    %tid.z = phi i32 [ 0, %r0.z ], [ %[[NZ:[0-9]+]], %r0.y.latch ]
; CHECK-NEXT:    %tid.y = phi i32 [ 0, %r0.z ], [ %[[NY:[0-9]+]], %r0.y.latch ]
; CHECK:       r0.x:
; CHECK:         %[[ROW:[0-9]+]] = mul i32 %ntid.y, %tid.z
; CHECK-NEXT:    %[[ROWY:[0-9]+]] = add i32 %tid.y, %[[ROW]]
; CHECK-NEXT:    %[[OFF:[0-9]+]] = mul nuw nsw i32 %ntid.x, %[[ROWY]]
; CHECK-NEXT:    %{{[0-9]+}} = add nuw nsw i32 %tid.x, %[[OFF]]
; CHECK:       r0.y.latch:
; CHECK-NEXT:    %[[INCY:[0-9]+]] = add nuw nsw i32 %tid.y, 1
; CHECK-NEXT:    %row.wrap = icmp eq i32 %[[INCY]], %ntid.y
; CHECK-NEXT:    %[[CARRY:[0-9]+]] = zext i1 %row.wrap to i32
; CHECK-NEXT:    %[[NZ]] = add nuw nsw i32 %tid.z, %[[CARRY]]
; CHECK-NEXT:    %[[NY]] = select i1 %row.wrap, i32 0, i32 %[[INCY]]
; CHECK-NEXT:    %[[MORE:[0-9]+]] = icmp ult i32 %[[NZ]], %ntid.z
; CHECK-NEXT:    br i1 %[[MORE]], label %r0.y, label %r0.z.latch
; CHECK:       r0.z.latch:
; CHECK-NEXT:    br label %r0.next
; CHECK:       r1.z:
; CHECK-NEXT:    br label %r1.y
; CHECK:       r1.y.latch:
; CHECK:         %row.wrap{{[0-9]*}} = icmp eq i32 %{{[0-9]+}}, %ntid.y
; CHECK:       r1.z.latch:
; CHECK-NEXT:    br label %r1.next

; CHECK-LABEL: define internal void @__txblk_rank_only(
; CHECK:       r0.z:
; CHECK-NEXT:    br label %r0.y
; CHECK:       r0.y.latch:
; CHECK:         %row.wrap = icmp eq

; CHECK-LABEL: define internal void @__txblk_mixed_use(
; CHECK:       r0.z:
; CHECK-NEXT:    %tid.z = phi i32
; CHECK-NOT:     row.wrap
; CHECK-LABEL: define internal void @__txblk_rows_read(

; (@rows_read also runs a span of blocks per call, block-spans.ll: the bx
; loop between y and x.)
; CHECK:       r0.z:
; CHECK-NEXT:    %tid.z = phi i32 [ 0, %r0.pre ], [ %[[NZ2:[0-9]+]], %r0.z.latch ]
; CHECK-NEXT:    br label %r0.y
; CHECK:       r0.y:
; CHECK-NEXT:    %tid.y = phi i32 [ 0, %r0.z ], [ %[[NY2:[0-9]+]], %r0.y.latch ]
; CHECK:       r0.y.latch:
; CHECK-NEXT:    %[[NY2]] = add nuw nsw i32 %tid.y, 1
; CHECK-NEXT:    %[[MOREY:[0-9]+]] = icmp ult i32 %[[NY2]], %ntid.y
; CHECK-NEXT:    br i1 %[[MOREY]], label %r0.y, label %r0.z.latch
; CHECK:       r0.z.latch:
; CHECK-NEXT:    %[[NZ2]] = add nuw nsw i32 %tid.z, 1
; CHECK-NEXT:    %[[MOREZ:[0-9]+]] = icmp ult i32 %[[NZ2]], %ntid.z
; CHECK-NEXT:    br i1 %[[MOREZ]], label %r0.z, label %r0.next

; Without <wrapped-rows>, these small kernels keep the affine nest
; (row-loops-size.ll: a large one wraps).
; SMALL-LABEL: define internal void @__txblk_rows_unread(
; SMALL:       r0.z:
; SMALL-NEXT:    %tid.z = phi i32
; SMALL-NOT:     row.wrap
; SMALL-LABEL: define internal void @__txblk_rank_only(
; SMALL:       r0.z:
; SMALL-NEXT:    %tid.z = phi i32
; SMALL-NOT:     row.wrap
; SMALL-LABEL: define internal void @__txblk_mixed_use(
; SMALL:       r0.z:
; SMALL-NEXT:    %tid.z = phi i32
; SMALL-LABEL: define internal void @__txblk_rows_read(
; SMALL:       r0.z:
; SMALL-NEXT:    %tid.z = phi i32
