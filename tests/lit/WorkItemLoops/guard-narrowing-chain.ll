; Index-set narrowing finds a region's `if (threadIdx.x < U)` after blocks
; that only lead to it (one way in, one way out, no effects), as in the
; step of an unrolled tree reduction, where the barrier's continuation
; block branches to the test. Not after a block with an effect, and not at
; a block the region can come back to.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @unrolled_tree(ptr addrspace(3) %buf) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr addrspace(3) %buf, i64 %t64
  store float 1.0, ptr addrspace(3) %p
  call void @llvm.nvvm.barrier0()
  br label %pass

pass:
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br label %step

step:
  %active = icmp ult i32 %tid1, 64
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
  store float 5.0, ptr addrspace(3) %buf
  br label %step2

step2:
  %few = icmp ult i32 %tid2, 32
  br i1 %few, label %mark, label %done

mark:
  %t2 = zext i32 %tid2 to i64
  %r = getelementptr float, ptr addrspace(3) %buf, i64 %t2
  store float 0.0, ptr addrspace(3) %r
  br label %done

done:
  call void @llvm.nvvm.barrier0()
  %tid3 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br label %again

again:
  %k = phi i32 [ 0, %done ], [ %k1, %more ]
  %few3 = icmp ult i32 %tid3, 16
  br i1 %few3, label %more, label %end

more:
  %k1 = add i32 %k, 1
  %t3 = zext i32 %tid3 to i64
  %s = getelementptr float, ptr addrspace(3) %buf, i64 %t3
  store float 4.0, ptr addrspace(3) %s
  %loop = icmp ult i32 %k1, 3
  br i1 %loop, label %again, label %end

end:
  call void @llvm.nvvm.barrier0()
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @unrolled_tree, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_unrolled_tree(
; CHECK: r1.pre:
; CHECK: %narrowed.any = icmp ult i32 0, %[[BOUND:[0-9]+]]
; CHECK-NEXT: %end.x = select i1 %{{in.step[0-9]*}}, i32 %[[BOUND]], i32 %ntid.x
; CHECK: r1.x.latch:
; CHECK-NEXT: %[[INC:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC]], %end.x
; CHECK: %active.r1 = icmp ult i32 %tid.x{{[0-9]*}}, 64
; CHECK-NEXT: select i1 true, i1 %narrowed.any, i1 %active.r1
; Region 2 stores before its test: every thread runs.
; CHECK: r2.pre:
; CHECK-NOT: %end.x
; CHECK: r2.x.latch:
; CHECK-NEXT: %[[INC2:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC2]], %ntid.x
; Region 3's test heads a loop the region comes back to: every thread runs.
; CHECK: r3.pre:
; CHECK-NOT: %end.x
; CHECK: r3.x.latch:
; CHECK-NEXT: %[[INC3:[0-9]+]] = add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT: icmp ult i32 %[[INC3]], %ntid.x
