; Index tests of other widths and forms: a 64-bit sum of a lead and the
; zero-extended thread index (size_t indices) is checked for unsigned wrap
; in 64 bits; a 32-bit sum extended before an unsigned test, in 32 bits;
; an `if (i < n)` around a load whose value a join's phi takes is entered
; on true; `if (i >= n)` whose other side only branches to the join, on
; false. Loops left alone: a region's scalar general version, a function
; optimised for size, an if/else (both sides work), an equality test, a
; test of 2 * x, and a loop whose value is used after it.
; RUN: %tx-opt -passes=tx-unguarded-rows -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-unguarded-rows -S %s | %tx-opt -passes=verify -S -o /dev/null -

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @wide_sum(
; CHECK:         call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 %base, i64 %{{[0-9]+}})
; CHECK:         %row.unguarded = and i1
; CHECK:       x.unguarded:
; CHECK:         br i1 true, label %load.unguarded, label %join.unguarded
; CHECK:       x:
; CHECK:         %in.range = icmp ult i64 %i, %n
; CHECK-NEXT:    br i1 %in.range, label %load, label %join
define void @wide_sum(ptr noalias %in, ptr noalias %out, i64 %base, i64 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %tid.64 = zext i32 %tid to i64
  %i = add i64 %base, %tid.64
  %in.range = icmp ult i64 %i, %n
  br i1 %in.range, label %load, label %join

load:
  %src = getelementptr inbounds float, ptr %in, i64 %i
  %v = load float, ptr %src, align 4, !llvm.access.group !3
  br label %join

join:
  %sum = phi float [ %v, %load ], [ 0.0, %x ]
  %dst = getelementptr inbounds float, ptr %out, i64 %tid.64
  store float %sum, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; CHECK-LABEL: define void @extended_sum(
; CHECK:         call { i32, i1 } @llvm.uadd.with.overflow.i32(i32 %base, i32 %row.last)
; CHECK:         %row.unguarded = and i1
; CHECK:       x.unguarded:
; CHECK:         br i1 true, label %body.unguarded, label %latch.unguarded
define void @extended_sum(ptr noalias %out, i32 %base, i64 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add i32 %base, %tid
  %i.64 = zext i32 %i to i64
  %in.range = icmp ugt i64 %n, %i.64
  br i1 %in.range, label %body, label %latch

body:
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; An else that only branches to the join skips like the join itself.
; CHECK-LABEL: define void @empty_else(
; CHECK:         %row.unguarded = and i1
; CHECK:       x.unguarded:
; CHECK:         br i1 false, label %else.unguarded, label %then.unguarded
define void @empty_else(ptr noalias %out, i32 %base, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add nsw i32 %base, %tid
  %out.of.range = icmp sge i32 %i, %n
  br i1 %out.of.range, label %else, label %then

then:
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

else:
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; A lead that reaches the index through a disjoint `or` (InstCombine's
; form of 256 * j + x), computed from a uniform value the in-step code
; chooses with a select on a constant over its per-thread slot: the select
; is folded and the lead moves before the loop.
; CHECK-LABEL: define void @uniform_lead(
; CHECK:         %lead = shl nuw nsw i32 %j.uniform, 8
; CHECK:         %row.unguarded = and i1
; CHECK:       x.unguarded:
; CHECK-NOT:     select
; CHECK:         br i1 true, label %body.unguarded, label %latch.unguarded
; CHECK:       x:
; CHECK-NOT:     select
; CHECK:         %i = or disjoint i32 %lead, %tid
define void @uniform_lead(ptr noalias %out, ptr noalias %slot, i32 %j.uniform, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %j.slot = load i32, ptr %slot, align 4, !llvm.access.group !3
  %j = select i1 true, i32 %j.uniform, i32 %j.slot
  %lead = shl nuw nsw i32 %j, 8
  %i = or disjoint i32 %lead, %tid
  %in.range = icmp slt i32 %i, %n
  br i1 %in.range, label %body, label %latch

body:
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; A lead computed under another guard (`if (y < h) { r = y * w; if (r + x
; < n) ... }`) moves before the loop, where its `mul nsw` may be poison
; when y >= h: every term of the condition is frozen, so that the `and`
; with the guard's false term is false, not poison.
; CHECK-LABEL: define void @nested_guard(
; CHECK:         %ok = icmp slt i32 %y, %h
; CHECK-NEXT:    %[[OK:[0-9]+]] = freeze i1 %ok
; CHECK-NEXT:    and i1 %{{[0-9]+}}, %[[OK]]
; CHECK-NEXT:    %row = mul nsw i32 %y, %w
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %row, i32 %row.last)
; CHECK:         = add i32 %row, %row.last
; CHECK-NEXT:    = icmp slt i32 %{{[0-9]+}}, %n
; CHECK-NEXT:    %[[TEST:[0-9]+]] = and i1 %{{[0-9]+}}, %{{[0-9]+}}
; CHECK-NEXT:    %[[FROZEN:[0-9]+]] = freeze i1 %[[TEST]]
; CHECK-NEXT:    %row.unguarded = and i1 %{{[0-9]+}}, %[[FROZEN]]
; CHECK:       x.unguarded:
; CHECK:         br i1 true, label %in.unguarded, label %latch.unguarded
define void @nested_guard(ptr noalias %out, i32 %y, i32 %h, i32 %w, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %ok = icmp slt i32 %y, %h
  br i1 %ok, label %in, label %latch

in:
  %row = mul nsw i32 %y, %w
  %g = add i32 %row, %tid
  %c = icmp slt i32 %g, %n
  br i1 %c, label %body, label %latch

body:
  %g.64 = sext i32 %g to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %g.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; CHECK-LABEL: define void @general_version(
; CHECK-NOT:     row.unguarded
; CHECK:         ret void
define void @general_version(ptr noalias %out, i32 %base, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add i32 %base, %tid
  %in.range = icmp slt i32 %i, %n
  br i1 %in.range, label %body, label %latch

body:
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !5

done:
  ret void
}

; CHECK-LABEL: define void @size_optimised(
; CHECK-NOT:     row.unguarded
; CHECK:         ret void
define void @size_optimised(ptr noalias %out, i32 %base, i32 %n, i32 %ntid) optsize {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add i32 %base, %tid
  %in.range = icmp slt i32 %i, %n
  br i1 %in.range, label %body, label %latch

body:
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; CHECK-LABEL: define void @if_else(
; CHECK-NOT:     row.unguarded
; CHECK:         ret void
define void @if_else(ptr noalias %out, i32 %base, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add i32 %base, %tid
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  %in.range = icmp slt i32 %i, %n
  br i1 %in.range, label %then, label %else

then:
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

else:
  store float 2.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; CHECK-LABEL: define void @equality_and_scaled(
; CHECK-NOT:     row.unguarded
; CHECK:         ret void
define void @equality_and_scaled(ptr noalias %out, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %first = icmp eq i32 %tid, 0
  br i1 %first, label %one, label %scaled

one:
  store float 1.0, ptr %out, align 4, !llvm.access.group !3
  br label %scaled

scaled:
  %twice = shl nuw nsw i32 %tid, 1
  %fits = icmp ult i32 %twice, %n
  br i1 %fits, label %body, label %latch

body:
  %twice.64 = zext i32 %twice to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %twice.64
  store float 2.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret void
}

; CHECK-LABEL: define i32 @used_after(
; CHECK-NOT:     row.unguarded
; CHECK:         ret i32
define i32 @used_after(ptr noalias %out, i32 %base, i32 %n, i32 %ntid) {
entry:
  br label %x

x:
  %tid = phi i32 [ 0, %entry ], [ %tid.next, %latch ]
  %i = add i32 %base, %tid
  %in.range = icmp slt i32 %i, %n
  br i1 %in.range, label %body, label %latch

body:
  %i.64 = sext i32 %i to i64
  %dst = getelementptr inbounds float, ptr %out, i64 %i.64
  store float 1.0, ptr %dst, align 4, !llvm.access.group !3
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %done, !llvm.loop !0

done:
  ret i32 %i
}

!0 = distinct !{!0, !1, !2, !4}
!1 = !{!"llvm.loop.unroll.runtime.disable"}
!2 = !{!"tx.lowering.loop"}
!3 = distinct !{}
!4 = !{!"llvm.loop.parallel_accesses", !3}
!5 = distinct !{!5, !2, !6, !7}
!6 = !{!"llvm.loop.vectorize.enable", i1 false}
!7 = !{!"llvm.loop.unroll.disable"}
