; A loop whose trip count is the same in every thread (here a kernel
; argument), inside a branch on the thread index, reading thread-dependent
; addresses: its header phis are marked tx.lockstep and it gets implicit
; barriers. Loops that already walk consecutive memory per thread, and
; loops with a small constant trip count, are left alone -- unless each
; iteration reads a stretch of its own a cache line or more away (items per
; thread), which interleaved in the thread loop would be eight streams, or
; the loop unrolled would be too large for its thread loop to vectorise.
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

; Eight iterations, but of a body that unrolled would pass MaxUnrolledSize
; (a cluster loop unrolled by hand in the source): a thread loop around
; all of it would stay scalar, so it is interchanged like a long loop.
; CHECK-LABEL: define void @eight_large(
; CHECK:       loop:
; CHECK-NEXT:    %j = phi i32 {{.*}}, !tx.lockstep
; CHECK-NEXT:    %dist = phi float {{.*}}, !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK:       done:
; CHECK:         call void @__tx_implicit_barrier()
define void @eight_large(ptr %points, ptr %centroids, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %pp = getelementptr inbounds float, ptr %points, i64 %t64
  %x = load float, ptr %pp
  br label %loop

loop:
  %j = phi i32 [ 0, %entry ], [ %j.next, %loop ]
  %dist = phi float [ 0.0, %entry ], [ %acc15, %loop ]
  %j64 = zext i32 %j to i64
  %row = mul nuw nsw i64 %j64, 16
  %crow = getelementptr inbounds float, ptr %centroids, i64 %row
  %cp0 = getelementptr inbounds float, ptr %crow, i64 0
  %c0 = load float, ptr %cp0
  %diff0 = fsub float %x, %c0
  %sq0 = fmul float %diff0, %diff0
  %acc0 = fadd float %dist, %sq0
  %cp1 = getelementptr inbounds float, ptr %crow, i64 1
  %c1 = load float, ptr %cp1
  %diff1 = fsub float %x, %c1
  %sq1 = fmul float %diff1, %diff1
  %acc1 = fadd float %acc0, %sq1
  %cp2 = getelementptr inbounds float, ptr %crow, i64 2
  %c2 = load float, ptr %cp2
  %diff2 = fsub float %x, %c2
  %sq2 = fmul float %diff2, %diff2
  %acc2 = fadd float %acc1, %sq2
  %cp3 = getelementptr inbounds float, ptr %crow, i64 3
  %c3 = load float, ptr %cp3
  %diff3 = fsub float %x, %c3
  %sq3 = fmul float %diff3, %diff3
  %acc3 = fadd float %acc2, %sq3
  %cp4 = getelementptr inbounds float, ptr %crow, i64 4
  %c4 = load float, ptr %cp4
  %diff4 = fsub float %x, %c4
  %sq4 = fmul float %diff4, %diff4
  %acc4 = fadd float %acc3, %sq4
  %cp5 = getelementptr inbounds float, ptr %crow, i64 5
  %c5 = load float, ptr %cp5
  %diff5 = fsub float %x, %c5
  %sq5 = fmul float %diff5, %diff5
  %acc5 = fadd float %acc4, %sq5
  %cp6 = getelementptr inbounds float, ptr %crow, i64 6
  %c6 = load float, ptr %cp6
  %diff6 = fsub float %x, %c6
  %sq6 = fmul float %diff6, %diff6
  %acc6 = fadd float %acc5, %sq6
  %cp7 = getelementptr inbounds float, ptr %crow, i64 7
  %c7 = load float, ptr %cp7
  %diff7 = fsub float %x, %c7
  %sq7 = fmul float %diff7, %diff7
  %acc7 = fadd float %acc6, %sq7
  %cp8 = getelementptr inbounds float, ptr %crow, i64 8
  %c8 = load float, ptr %cp8
  %diff8 = fsub float %x, %c8
  %sq8 = fmul float %diff8, %diff8
  %acc8 = fadd float %acc7, %sq8
  %cp9 = getelementptr inbounds float, ptr %crow, i64 9
  %c9 = load float, ptr %cp9
  %diff9 = fsub float %x, %c9
  %sq9 = fmul float %diff9, %diff9
  %acc9 = fadd float %acc8, %sq9
  %cp10 = getelementptr inbounds float, ptr %crow, i64 10
  %c10 = load float, ptr %cp10
  %diff10 = fsub float %x, %c10
  %sq10 = fmul float %diff10, %diff10
  %acc10 = fadd float %acc9, %sq10
  %cp11 = getelementptr inbounds float, ptr %crow, i64 11
  %c11 = load float, ptr %cp11
  %diff11 = fsub float %x, %c11
  %sq11 = fmul float %diff11, %diff11
  %acc11 = fadd float %acc10, %sq11
  %cp12 = getelementptr inbounds float, ptr %crow, i64 12
  %c12 = load float, ptr %cp12
  %diff12 = fsub float %x, %c12
  %sq12 = fmul float %diff12, %diff12
  %acc12 = fadd float %acc11, %sq12
  %cp13 = getelementptr inbounds float, ptr %crow, i64 13
  %c13 = load float, ptr %cp13
  %diff13 = fsub float %x, %c13
  %sq13 = fmul float %diff13, %diff13
  %acc13 = fadd float %acc12, %sq13
  %cp14 = getelementptr inbounds float, ptr %crow, i64 14
  %c14 = load float, ptr %cp14
  %diff14 = fsub float %x, %c14
  %sq14 = fmul float %diff14, %diff14
  %acc14 = fadd float %acc13, %sq14
  %cp15 = getelementptr inbounds float, ptr %crow, i64 15
  %c15 = load float, ptr %cp15
  %diff15 = fsub float %x, %c15
  %sq15 = fmul float %diff15, %diff15
  %acc15 = fadd float %acc14, %sq15
  %j.next = add nuw nsw i32 %j, 1
  %again = icmp ult i32 %j.next, 8
  br i1 %again, label %loop, label %done

done:
  %q = getelementptr inbounds float, ptr %out, i64 %t64
  store float %acc15, ptr %q
  ret void
}

; Eight iterations of a small body, but its inner loop of four iterations
; is flattened too: unrolled whole, 8 x 4 copies of the inner body pass
; MaxUnrolledSize (four clusters a round, unrolled by hand), so the outer
; loop is interchanged.
; CHECK-LABEL: define void @eight_of_inner_four(
; CHECK:       loop:
; CHECK-NEXT:    %j = phi i32 {{.*}}, !tx.lockstep
; CHECK-NEXT:    %dist = phi float {{.*}}, !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK:       done:
; CHECK:         call void @__tx_implicit_barrier()
define void @eight_of_inner_four(ptr %points, ptr %centroids, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %pp = getelementptr inbounds float, ptr %points, i64 %t64
  %x = load float, ptr %pp
  br label %loop

loop:
  %j = phi i32 [ 0, %entry ], [ %j.next, %latch ]
  %dist = phi float [ 0.0, %entry ], [ %acc3.lcssa, %latch ]
  br label %inner

inner:
  %u = phi i32 [ 0, %loop ], [ %u.next, %inner ]
  %d = phi float [ %dist, %loop ], [ %acc3, %inner ]
  %k = add nuw nsw i32 %j, %u
  %k64 = zext i32 %k to i64
  %row = mul nuw nsw i64 %k64, 4
  %crow = getelementptr inbounds float, ptr %centroids, i64 %row
  %cp0 = getelementptr inbounds float, ptr %crow, i64 0
  %c0 = load float, ptr %cp0
  %diff0 = fsub float %x, %c0
  %sq0 = fmul float %diff0, %diff0
  %acc0 = fadd float %d, %sq0
  %cp1 = getelementptr inbounds float, ptr %crow, i64 1
  %c1 = load float, ptr %cp1
  %diff1 = fsub float %x, %c1
  %sq1 = fmul float %diff1, %diff1
  %acc1 = fadd float %acc0, %sq1
  %cp2 = getelementptr inbounds float, ptr %crow, i64 2
  %c2 = load float, ptr %cp2
  %diff2 = fsub float %x, %c2
  %sq2 = fmul float %diff2, %diff2
  %acc2 = fadd float %acc1, %sq2
  %cp3 = getelementptr inbounds float, ptr %crow, i64 3
  %c3 = load float, ptr %cp3
  %diff3 = fsub float %x, %c3
  %sq3 = fmul float %diff3, %diff3
  %acc3 = fadd float %acc2, %sq3
  %u.next = add nuw nsw i32 %u, 1
  %more = icmp ult i32 %u.next, 4
  br i1 %more, label %inner, label %latch

latch:
  %acc3.lcssa = phi float [ %acc3, %inner ]
  %j.next = add nuw nsw i32 %j, 1
  %again = icmp ult i32 %j.next, 8
  br i1 %again, label %loop, label %done

done:
  %q = getelementptr inbounds float, ptr %out, i64 %t64
  store float %acc3.lcssa, ptr %q
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare float @llvm.minnum.f32(float, float)

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5}
!0 = !{ptr @nearest, !"kernel", i32 1}
!1 = !{ptr @row_sum, !"kernel", i32 1}
!2 = !{ptr @four, !"kernel", i32 1}
!3 = !{ptr @items_per_thread, !"kernel", i32 1}
!4 = !{ptr @eight_large, !"kernel", i32 1}
!5 = !{ptr @eight_of_inner_four, !"kernel", i32 1}
