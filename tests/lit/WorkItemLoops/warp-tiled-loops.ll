; Thread loops tiled by warps: a region whose lane (x & 31, x % 32) or warp
; (x >> 5, x / 32) of threadIdx.x indexes memory or is tested runs its x
; loop warp by warp, X from max(first, 32 W) to min(end, 32 W + 32); the
; lane becomes X - 32 W (affine in the inner loop: Buf[Lane] is a vector
; load, not a gather) and the warp W (invariant: Buf[Warp] is one address
; per warp). A region that opens with a lane test whose failing threads only
; leave it runs, in step, only the lanes that pass: lane 0 of each warp.
; A lane used only in arithmetic (region 0) leaves the loop flat.
; The block provably stays in step, which alone needs no general versions
; (always-in-step.ll); <general-versions> keeps them to test them here.
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @warp_sums(ptr addrspace(3) %buf, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %src = getelementptr float, ptr %out, i64 %t64
  %v = load float, ptr %src
  %lane.scaled = and i32 %tid, 31
  %f = uitofp i32 %lane.scaled to float
  %w = fmul float %v, %f
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid1, 31
  %first = icmp eq i32 %lane, 0
  br i1 %first, label %store, label %join

store:
  %warp = lshr i32 %tid1, 5
  %wi = zext i32 %warp to i64
  %slot = getelementptr float, ptr addrspace(3) %buf, i64 %wi
  store float %w, ptr addrspace(3) %slot
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %tid2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane2 = urem i32 %tid2, 32
  %li = zext i32 %lane2 to i64
  %from = getelementptr float, ptr addrspace(3) %buf, i64 %li
  %x = load float, ptr addrspace(3) %from
  %t2 = zext i32 %tid2 to i64
  %dst = getelementptr float, ptr %out, i64 %t2
  store float %x, ptr %dst
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @warp_sums, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_warp_sums(
; CHECK:       r0.y:
; CHECK-NEXT:    %tid.y = phi
; CHECK-NEXT:    br label %r0.x
; CHECK:         %lane.scaled.r0 = and i32 %tid.x, 31
; Region 1: the store's lane test narrows each warp to its lane 0.
; CHECK:       r1.pre:
; CHECK:         %[[SUM:[0-9]+]] = add nuw i32 %ntid.x, 31
; CHECK-NEXT:    %end.w = lshr i32 %[[SUM]], 5
; CHECK:       r1.w:
; CHECK-NEXT:    %warp = phi i32 [ 0, %r1.y ], [ %[[NEXTW:[0-9]+]], %r1.w.latch ]
; CHECK-NEXT:    %warp.base = shl nuw nsw i32 %warp, 5
; CHECK-NEXT:    %[[START:[0-9]+]] = call i32 @llvm.umax.i32(i32 0, i32 %warp.base)
; CHECK-NEXT:    %[[WEND:[0-9]+]] = add nuw nsw i32 %warp.base, 32
; CHECK-NEXT:    %[[END:[0-9]+]] = call i32 @llvm.umin.i32(i32 %ntid.x, i32 %[[WEND]])
; CHECK-NEXT:    %[[ONE:[0-9]+]] = add nuw nsw i32 %warp.base, 1
; CHECK-NEXT:    %lanes.end = call i32 @llvm.umin.i32(i32 %[[END]], i32 %[[ONE]])
; CHECK-NEXT:    %lanes.any = icmp ult i32 %[[START]], %lanes.end
; CHECK-NEXT:    %end.x = select i1 true, i32 %lanes.end, i32 %[[END]]
; CHECK-NEXT:    br label %r1.x
; CHECK:       r1.x:
; CHECK-NEXT:    %tid.x{{[0-9]+}} = phi i32 [ %[[START]], %r1.w ]
; CHECK-NEXT:    %lane = sub nuw nsw i32 %tid.x{{[0-9]+}}, %warp.base
; CHECK:       r1.x.latch:
; CHECK:         icmp ult i32 %{{[0-9]+}}, %end.x
; CHECK-NEXT:    br i1 %{{[0-9]+}}, label %r1.x, label %r1.w.latch
; CHECK:       r1.w.latch:
; CHECK-NEXT:    %[[NEXTW]] = add nuw nsw i32 %warp, 1
; CHECK-NEXT:    %[[MORE:[0-9]+]] = icmp ult i32 %[[NEXTW]], %end.w
; CHECK-NEXT:    br i1 %[[MORE]], label %r1.w, label %r1.y.latch
; In step the test only says whether the warp runs a lane at all.
; CHECK:         %first.r1 = icmp eq i32 %lane, 0
; CHECK-NEXT:    select i1 true, i1 %lanes.any, i1 %first.r1
; CHECK:         %wi.r1 = zext i32 %warp to i64
; The general version keeps every lane and its test.
; CHECK:         %end.x.general = select i1 false,
; CHECK:         %first.r1.general = icmp eq i32 %lane.general, 0
; CHECK-NEXT:    select i1 false, i1 %lanes.any.general, i1 %first.r1.general
; Region 2 reads Buf[Lane]: tiled, not narrowed (no opening test).
; CHECK:       r2.w:
; CHECK-NOT:     lanes.end
; CHECK:         %lane{{[0-9]+}} = sub nuw nsw i32 %tid.x{{[0-9]+}}, %warp.base{{[0-9]+}}
; CHECK:         %li.r2 = zext i32 %lane{{[0-9]+}} to i64
