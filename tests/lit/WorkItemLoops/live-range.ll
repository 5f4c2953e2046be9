; Threads may return while others of the block go on to a barrier: here
; only the first 32 threads reach the shuffle's cut. The block function then
; tracks the live threads' range; after the cut, when they are in step and
; the block is one-dimensional, the region's loop runs only that range.
; Where the threads go the same way (a uniform condition), no tracking.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @first_warp(ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %low = icmp ult i32 %tid, 32
  br i1 %low, label %reduce, label %exit

reduce:
  %r = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %tid, i32 1, i32 31)
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  br label %exit

exit:
  ret void
}

define void @uniform_exit(ptr %out, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %go = icmp ult i32 %n, 32
  br i1 %go, label %wait, label %exit

wait:
  call void @llvm.nvvm.barrier0()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %n, ptr %p
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @first_warp, !"kernel", i32 1}
!1 = !{ptr @uniform_exit, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_first_warp(
; CHECK: %live.lo = alloca i32
; CHECK: %block.1d = icmp eq i32
; The dispatch: in step only if the live threads are one dense range.
; CHECK: dispatch:
; CHECK: %dense = icmp eq i32 %live.count{{[0-9]*}}
; CHECK: %narrow = and i1
; CHECK: store i32 %{{[0-9]+}}, ptr %range.lo
; Each thread folds its index into the live range unless it returned.
; CHECK: r0.x.done:
; CHECK: %live = icmp ne i32 %state.new, 2147483647
; CHECK: select i1 %live, i32 %{{[0-9]+}}, i32 -1
; CHECK: call i32 @llvm.umin.i32
; The region after the cut runs [range.lo, range.end).
; CHECK: r1.pre:
; CHECK: %[[LO:range.lo[0-9]*]] = load i32, ptr %range.lo
; CHECK: %[[END:range.end[0-9]*]] = load i32, ptr %range.end
; CHECK: r1.x:
; CHECK-NEXT: %tid.x{{[0-9]*}} = phi i32 [ %[[LO]], %r1.y ]
; CHECK: r1.x.latch:
; CHECK-NEXT: %[[INC:[0-9]+]] = add nuw nsw i32 %tid.x
; CHECK-NEXT: icmp ult i32 %[[INC]], %[[END]]

; CHECK-LABEL: define internal void @__txblk_uniform_exit(
; CHECK-NOT: live.lo
; CHECK: ret void
