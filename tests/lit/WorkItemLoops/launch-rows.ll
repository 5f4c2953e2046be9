; A kernel whose launches all give the same constant block of several rows
; ("tx-launch-rows"="Y,Z" beside its width, LaunchWidths.h) gets a version
; with blockDim.y and .z constants as well, which the general block
; function calls only for blocks of exactly that shape. Rows that could not
; be a block with that width (more than 1024 threads) or that do not parse
; leave the version for the width alone, as does a mark of one row (never
; made: y and z of 1 fold the loops away, see FixedWidthBlocks.cpp).
; RUN: %tx-opt -passes=tx-workitem-loops,verify -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_tile(ptr %args, ptr noalias %ctx)
; CHECK-NEXT:  launch.width:
; CHECK:         %[[XF:.*]] = getelementptr inbounds i8, ptr %ctx, i64 24
; CHECK-NEXT:    %[[X:.*]] = load i32, ptr %[[XF]], align 4
; CHECK-NEXT:    %[[ISX:.*]] = icmp eq i32 %[[X]], 16
; CHECK-NEXT:    %[[YF:.*]] = getelementptr inbounds i8, ptr %ctx, i64 28
; CHECK-NEXT:    %[[Y:.*]] = load i32, ptr %[[YF]], align 4
; CHECK-NEXT:    %[[ISY:.*]] = icmp eq i32 %[[Y]], 8
; CHECK-NEXT:    %[[XY:.*]] = and i1 %[[ISX]], %[[ISY]]
; CHECK-NEXT:    %[[ZF:.*]] = getelementptr inbounds i8, ptr %ctx, i64 32
; CHECK-NEXT:    %[[Z:.*]] = load i32, ptr %[[ZF]], align 4
; CHECK-NEXT:    %[[ISZ:.*]] = icmp eq i32 %[[Z]], 2
; CHECK-NEXT:    %[[ALL:.*]] = and i1 %[[XY]], %[[ISZ]]
; CHECK-NEXT:    br i1 %[[ALL]], label %launch.width.fixed, label %entry
; CHECK:       launch.width.fixed:
; CHECK-NEXT:    tail call void @__txblk_tile.x16.y8.z2(ptr %args, ptr %ctx)
; CHECK-NEXT:    ret void
; The general function still reads the block's shape.
; CHECK:         icmp ult i32 %{{.*}}, %ntid.y
; CHECK:         icmp ult i32 %{{.*}}, %ntid.z
; CHECK:       }

; The version reads none of blockDim: its loops run to the constants.
; CHECK-LABEL: define internal void @__txblk_tile.x16.y8.z2(
; CHECK-NOT:     ntid
; CHECK:         icmp ult i32 %{{.*}}, 16
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.x, label %r0.y.latch
; CHECK-NOT:     ntid
; CHECK:         icmp ult i32 %{{.*}}, 8
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.y, label %r0.z.latch
; CHECK-NOT:     ntid
; CHECK:         icmp ult i32 %{{.*}}, 2
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.z, label %r0.next
; CHECK-NOT:     ntid
; CHECK:       }

; 32 x 64 threads is no block: only the width is fixed.
; CHECK-LABEL: define internal void @__txblk_toolarge(
; CHECK-NEXT:  launch.width:
; CHECK:         icmp eq i32 %{{.*}}, 32
; CHECK-NEXT:    br i1
; CHECK:         tail call void @__txblk_toolarge.x32(ptr %args, ptr %ctx)
; CHECK-LABEL: define internal void @__txblk_toolarge.x32(
; CHECK:         %ntid.y = load i32

; CHECK-LABEL: define internal void @__txblk_malformed(
; CHECK:         tail call void @__txblk_malformed.x32(ptr %args, ptr %ctx)
; CHECK-LABEL: define internal void @__txblk_malformed.x32(
; CHECK:         %ntid.y = load i32

; CHECK-LABEL: define internal void @__txblk_onerow(
; CHECK:         tail call void @__txblk_onerow.x32(ptr %args, ptr %ctx)
; CHECK-LABEL: define internal void @__txblk_onerow.x32(
; CHECK:         %ntid.y = load i32

define void @tile(ptr %x) #0 {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %row = mul i32 %ty, 16
  %i = add i32 %row, %tx
  %i64 = zext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %q = getelementptr inbounds float, ptr %p, i64 1
  store float 2.0, ptr %q
  ret void
}

define void @toolarge(ptr %x) #1 {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i64 = zext i32 %tx to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  ret void
}

define void @malformed(ptr %x) #2 {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i64 = zext i32 %tx to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  ret void
}

define void @onerow(ptr %x) #3 {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i64 = zext i32 %tx to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare void @llvm.nvvm.barrier0()

attributes #0 = { "tx-launch-width"="16" "tx-launch-rows"="8,2" }
attributes #1 = { "tx-launch-width"="32" "tx-launch-rows"="64,1" }
attributes #2 = { "tx-launch-width"="32" "tx-launch-rows"="8" }
attributes #3 = { "tx-launch-width"="32" "tx-launch-rows"="1,1" }

!nvvm.annotations = !{!0, !1, !2, !3}
!0 = !{ptr @tile, !"kernel", i32 1}
!1 = !{ptr @toolarge, !"kernel", i32 1}
!2 = !{ptr @malformed, !"kernel", i32 1}
!3 = !{ptr @onerow, !"kernel", i32 1}
