; Thread loops tiled by the warps of the linear thread index: `%laneid` and
; CUB's LaneId() compute the lane as (x + ntid.x * (y + ntid.y * z)) & 31,
; whose warps span rows when blockDim.x is not a multiple of 32. The x loop
; then runs per row over the warps of that index: bounds first + row and
; end + row, X from max(first + row, 32 W) - row, the lane (X + row) - 32 W
; and the warp W. A region that opens with a test on that lane narrows each
; warp to the lanes that pass, in the same index.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

define void @linear_lanes(ptr addrspace(3) %buf, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %src = getelementptr float, ptr %out, i64 %t64
  %v = load float, ptr %src
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
  %first = icmp eq i32 %lane, 0
  br i1 %first, label %store, label %join

store:
  %warp = lshr i32 %linear, 5
  %wi = zext i32 %warp to i64
  %slot = getelementptr float, ptr addrspace(3) %buf, i64 %wi
  store float %v, ptr addrspace(3) %slot
  br label %join

join:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.z()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @linear_lanes, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_linear_lanes(
; CHECK:       r1.y:
; CHECK-NEXT:    %tid.y{{[0-9]*}} = phi
; CHECK:         %[[ROW:[0-9]+]] = mul i32 %ntid.x,
; CHECK-NEXT:    %first.l = add nuw nsw i32 0, %[[ROW]]
; CHECK-NEXT:    %end.l = add nuw nsw i32 %ntid.x, %[[ROW]]
; CHECK-NEXT:    %first.w = lshr i32 %first.l, 5
; CHECK-NEXT:    %[[SUM:[0-9]+]] = add nuw i32 %end.l, 31
; CHECK-NEXT:    %end.w = lshr i32 %[[SUM]], 5
; CHECK-NEXT:    br label %r1.w
; CHECK:       r1.w:
; CHECK-NEXT:    %warp = phi i32 [ %first.w, %r1.y ], [ %{{[0-9]+}}, %r1.w.latch ]
; CHECK-NEXT:    %warp.base = shl nuw nsw i32 %warp, 5
; CHECK-NEXT:    %[[STARTL:[0-9]+]] = call i32 @llvm.umax.i32(i32 %first.l, i32 %warp.base)
; CHECK-NEXT:    %[[WEND:[0-9]+]] = add nuw nsw i32 %warp.base, 32
; CHECK-NEXT:    %[[ENDL:[0-9]+]] = call i32 @llvm.umin.i32(i32 %end.l, i32 %[[WEND]])
; CHECK-NEXT:    %start.x = sub nuw nsw i32 %[[STARTL]], %[[ROW]]
; CHECK-NEXT:    %end.x = sub nuw nsw i32 %[[ENDL]], %[[ROW]]
; CHECK-NEXT:    %[[ONE:[0-9]+]] = add nuw nsw i32 %warp.base, 1
; CHECK-NEXT:    %lanes.end = call i32 @llvm.umin.i32(i32 %[[ENDL]], i32 %[[ONE]])
; CHECK-NEXT:    %lanes.any = icmp ult i32 %[[STARTL]], %lanes.end
; The narrowed end goes back to X, never below the start.
; CHECK-NEXT:    %[[ATLEAST:[0-9]+]] = call i32 @llvm.umax.i32(i32 %lanes.end, i32 %[[STARTL]])
; CHECK-NEXT:    %[[NARROWED:[0-9]+]] = sub nuw nsw i32 %[[ATLEAST]], %[[ROW]]
; CHECK-NEXT:    %end.x{{[0-9]+}} = select i1 true, i32 %[[NARROWED]], i32 %end.x
; CHECK:       r1.x:
; CHECK-NEXT:    %tid.x{{[0-9]+}} = phi i32 [ %start.x, %r1.w ]
; CHECK-NEXT:    %[[L:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]+}}, %[[ROW]]
; CHECK-NEXT:    %lane = sub nuw nsw i32 %[[L]], %warp.base
; CHECK:         %first.r1 = icmp eq i32 %lane, 0
; CHECK:         %wi.r1 = zext i32 %warp to i64
