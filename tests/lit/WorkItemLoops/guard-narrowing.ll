; Index-set narrowing: a region that starts with `if (threadIdx.x < U)`,
; where the threads turned away only go on to the region's one barrier,
; runs its x loop over [0, min(blockDim.x, U)) when the threads are in step
; (the general version still visits every thread, to record its state). In
; step, the guard becomes "the range is not empty" (the x loop tests after
; its first thread), which is loop-invariant: the body runs unmasked.
; Not when turned-away threads have something to do.
; The block provably stays in step, which alone needs no general versions
; (always-in-step.ll); <general-versions> keeps them to test them here.
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @tree_step(ptr addrspace(3) %buf, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr addrspace(3) %buf, i64 %t64
  store float 1.0, ptr addrspace(3) %p
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %active = icmp slt i32 %tid1, 64
  br i1 %active, label %add, label %join

add:
  %t1 = zext i32 %tid1 to i64
  %q = getelementptr float, ptr addrspace(3) %buf, i64 %t1
  %v = load float, ptr addrspace(3) %q
  %w = fadd float %v, 2.0
  store float %w, ptr addrspace(3) %q
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %tid2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %few = icmp ult i32 %tid2, %n
  br i1 %few, label %mark, label %other

mark:
  %t2 = zext i32 %tid2 to i64
  %r = getelementptr float, ptr addrspace(3) %buf, i64 %t2
  store float 0.0, ptr addrspace(3) %r
  br label %done

other:
  store float 3.0, ptr addrspace(3) %buf
  br label %done

done:
  call void @llvm.nvvm.barrier0()
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @tree_step, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_tree_step(
; CHECK: r1.pre:
; CHECK: %[[STEP:in.step[0-9]*]] = load i1, ptr %in.step
; A signed test: a negative bound would run no thread.
; CHECK: %[[NTID:[0-9]+]] = zext i32 %ntid.x to i64
; CHECK-NEXT: %[[POS:[0-9]+]] = call i64 @llvm.smax.i64(i64 64, i64 0)
; CHECK-NEXT: %[[MIN:[0-9]+]] = call i64 @llvm.umin.i64(i64 %[[NTID]], i64 %[[POS]])
; CHECK-NEXT: %[[BOUND:[0-9]+]] = trunc i64 %[[MIN]] to i32
; CHECK-NEXT: %narrowed.any = icmp ult i32 0, %[[BOUND]]
; CHECK-NEXT: %end.x = select i1 %[[STEP]], i32 %[[BOUND]], i32 %ntid.x
; CHECK: r1.x.latch:
; CHECK-NEXT: %[[INC:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC]], %end.x
; CHECK: %active.r1 = icmp slt i32 %tid.x{{[0-9]*}}, 64
; CHECK-NEXT: select i1 true, i1 %narrowed.any, i1 %active.r1
; CHECK: %active.r1.general = icmp slt i32 %tid.x{{[0-9]*}}.general, 64
; CHECK-NEXT: select i1 false, i1 %narrowed.any, i1 %active.r1.general
; Region 2's turned-away threads store: it keeps the whole range.
; CHECK: r2.pre:
; CHECK-NOT: %end.x
; CHECK: r2.x.latch:
; CHECK-NEXT: %[[INC2:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC2]], %ntid.x
