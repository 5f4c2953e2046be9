; A loop whose trip count is the same in every thread (here a kernel
; argument), inside a branch on the thread index, reading thread-dependent
; addresses: its header phis are marked tx.lockstep and it gets implicit
; barriers. Loops that already walk consecutive memory per thread, and
; loops with a small constant trip count, are left alone -- unless each
; iteration reads a stretch of its own a cache line or more away (items per
; thread), which interleaved in the thread loop would be eight streams.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @nearest(
; CHECK:       loop:
; CHECK-NEXT:    %c = phi i32 {{.*}}, !tx.lockstep
; CHECK-NEXT:    %best = phi float {{.*}}, !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK:       done:
; CHECK-NEXT:    %best.lcssa = phi float
; CHECK-NEXT:    call void @__tx_implicit_barrier()
define void @nearest(i32 %k, i32 %m, ptr %points, ptr %centroids, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %active = icmp slt i32 %tid, %m
  br i1 %active, label %pre, label %end

pre:
  %t64 = sext i32 %tid to i64
  %pp = getelementptr inbounds float, ptr %points, i64 %t64
  br label %loop

loop:
  %c = phi i32 [ 0, %pre ], [ %c.next, %loop ]
  %best = phi float [ 0x46293E5940000000, %pre ], [ %best.next, %loop ]
  %p = load float, ptr %pp
  %c64 = sext i32 %c to i64
  %cp = getelementptr inbounds float, ptr %centroids, i64 %c64
  %cv = load float, ptr %cp
  %d = fsub float %p, %cv
  %d2 = fmul float %d, %d
  %best.next = call float @llvm.minnum.f32(float %best, float %d2)
  %c.next = add i32 %c, 1
  %again = icmp slt i32 %c.next, %k
  br i1 %again, label %loop, label %done

done:
  %best.lcssa = phi float [ %best.next, %loop ]
  %op = getelementptr inbounds float, ptr %out, i64 %t64
  store float %best.lcssa, ptr %op
  br label %end

end:
  ret void
}

; Row per thread: consecutive along the loop already.
; CHECK-LABEL: define void @row_sum(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @row_sum(i32 %n, ptr %a, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %row = mul i32 %tid, %n
  br label %loop

loop:
  %j = phi i32 [ 0, %entry ], [ %j.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %idx = add nsw i32 %row, %j
  %i64 = sext i32 %idx to i64
  %p = getelementptr inbounds float, ptr %a, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %j.next = add nsw i32 %j, 1
  %again = icmp slt i32 %j.next, %n
  br i1 %again, label %loop, label %done

done:
  %sum.lcssa = phi float [ %sum.next, %loop ]
  %t64 = sext i32 %tid to i64
  %op = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum.lcssa, ptr %op
  ret void
}

; Four iterations: the unroller's job.
; CHECK-LABEL: define void @four(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @four(ptr %a) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = sext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %a, i64 %t64
  br label %loop

loop:
  %c = phi i32 [ 0, %entry ], [ %c.next, %loop ]
  %v = load float, ptr %p
  %v2 = fmul float %v, 2.0
  store float %v2, ptr %p
  %c.next = add i32 %c, 1
  %again = icmp slt i32 %c.next, 4
  br i1 %again, label %loop, label %done

done:
  ret void
}

; Eight items per thread, In[base + j * 256 + tid] with an int index built
; from the unsigned threadIdx.x (no nsw, so the address is a sign extension
; of the recurrence): interchanged although the trip count is small.
; CHECK-LABEL: define void @items_per_thread(
; CHECK:       loop:
; CHECK-NEXT:    %j = phi i32 {{.*}}, !tx.lockstep
; CHECK-NEXT:    %sum = phi float {{.*}}, !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK:       done:
; CHECK:         call void @__tx_implicit_barrier()
define void @items_per_thread(ptr %in, ptr %out, i32 %base) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br label %loop

loop:
  %j = phi i32 [ 0, %entry ], [ %j.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %row = mul nsw i32 %j, 256
  %first = add nsw i32 %base, %row
  %i = add i32 %first, %tid
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %in, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %j.next = add nuw nsw i32 %j, 1
  %again = icmp ult i32 %j.next, 8
  br i1 %again, label %loop, label %done

done:
  %t64 = zext i32 %tid to i64
  %q = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum.next, ptr %q
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare float @llvm.minnum.f32(float, float)

!nvvm.annotations = !{!0, !1, !2, !3}
!0 = !{ptr @nearest, !"kernel", i32 1}
!1 = !{ptr @row_sum, !"kernel", i32 1}
!2 = !{ptr @four, !"kernel", i32 1}
!3 = !{ptr @items_per_thread, !"kernel", i32 1}
