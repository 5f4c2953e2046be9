; A region that mixes lanes and warps of threadIdx.x with those of the
; linear index (CUB's BlockExchange: warp = x / 32, lane = %laneid, and
; x & -32 for the warp's first thread) is tiled by x. The linear index's
; lane equals x's where blockDim.x is a multiple of 32 (rows.aligned): the
; in-step version, compiled for in.step.aligned, reads x's lane; the general
; version selects at run time. Threads in step whose rows are not whole
; warps run the general version, after their stale states are refreshed.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

define void @mixed(ptr addrspace(3) %buf, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %src = getelementptr i32, ptr %out, i64 %t64
  %v = load i32, ptr %src
  call void @llvm.nvvm.barrier0()
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %tz = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %nx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %ny = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %zy = mul i32 %ny, %tz
  %row = add i32 %ty, %zy
  %rowbase = mul i32 %nx, %row
  %linear = add i32 %tx, %rowbase
  %lane = and i32 %linear, 31
  %warp = lshr i32 %tx, 5
  %wbase = and i32 %tx, -32
  %slot = mul i32 %warp, 64
  %idx = add i32 %slot, %lane
  %i64 = zext i32 %idx to i64
  %p = getelementptr i32, ptr addrspace(3) %buf, i64 %i64
  store i32 %v, ptr addrspace(3) %p
  %b64 = zext i32 %wbase to i64
  %q = getelementptr i32, ptr %out, i64 %b64
  store i32 %v, ptr %q
  %lbase = and i32 %linear, -32
  %l64 = zext i32 %lbase to i64
  %r = getelementptr i32, ptr %out, i64 %l64
  store i32 %v, ptr %r
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.z()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @mixed, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_mixed(
; CHECK:       r1.pre:
; CHECK:         %[[LOW:[0-9]+]] = and i32 %ntid.x, 31
; CHECK-NEXT:    %rows.aligned = icmp eq i32 %[[LOW]], 0
; CHECK-NEXT:    %[[UNALIGNED:[0-9]+]] = xor i1 %rows.aligned, true
; CHECK-NEXT:    %[[STALE:[0-9]+]] = and i1 %in.step{{[0-9]+}}, %[[UNALIGNED]]
; CHECK:         br i1 %{{[0-9]+}}, label %r1.pre.refresh, label %r1.pre.refreshed
; CHECK:       r1.y:
; CHECK:         %[[ROWBASE:[0-9]+]] = mul i32 %ntid.x,
; CHECK-NEXT:    br label %r1.w
; CHECK:       r1.x:
; CHECK-NEXT:    %tid.x{{[0-9]+}} = phi
; CHECK-NEXT:    %lane = sub nuw nsw i32 %tid.x{{[0-9]+}}, %warp.base
; CHECK-NEXT:    %warp.base.linear = add i32 %warp.base, %[[ROWBASE]]
; CHECK:       r1.pre.refreshed:
; CHECK:         %in.step.aligned = and i1 %in.step{{[0-9]+}}, %rows.aligned
; CHECK:         br i1 %in.step.aligned, label %r1.z, label %r1.z.general
; The in-step version: x's lane and warp, and the warp base of the rows.
; CHECK:         %lane.r1 = and i32 %linear.r1, 31
; CHECK-NEXT:    %[[LANE:[0-9]+]] = select i1 true, i32 %lane, i32 %lane.r1
; CHECK-NEXT:    %slot.r1 = mul i32 %warp, 64
; CHECK-NEXT:    %idx.r1 = add i32 %slot.r1, %[[LANE]]
; CHECK:         %b64.r1 = zext i32 %warp.base to i64
; CHECK:         %lbase.r1 = and i32 %linear.r1, -32
; CHECK-NEXT:    %[[LBASE:[0-9]+]] = select i1 true, i32 %warp.base.linear, i32 %lbase.r1
; The general version decides at run time.
; CHECK:         select i1 %rows.aligned, i32 %lane.general, i32 %lane.r1.general
