; A thread loop whose body is guarded by tests of the global index against
; bounds the same for the whole row (a stencil's `if (X < 1 || Y < 1 ||
; X >= N - 1 || Y >= N - 1) return;`) gets a version without the guards,
; entered when, at the row's first and last thread, every index test has
; the value that leads into the body, the row's own tests (on Y) do too,
; and Lead + x cannot wrap. The loop as it was runs the other rows. The
; lead (blockIdx.x * blockDim.x, computed inside the loop) and Y's tests
; move before the loops.
; RUN: %tx-opt -passes=tx-unguarded-rows -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-unguarded-rows -S %s | %tx-opt -passes=verify -S -o /dev/null -

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @stencil(
; CHECK:       row:
; CHECK:         %row.last = select i1 %{{[0-9]+}}, i32 %{{[0-9]+}}, i32 0
; CHECK:         %lead = mul i32 %ctaid, %ntid
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %lead, i32 %row.last)
; CHECK:         icmp slt i32 %{{[0-9]+}}, 1
; CHECK:         %y.first = icmp eq i32 %y, 0
; CHECK:         icmp slt i32 %{{[0-9]+}}, %n.1
; CHECK:         %y.last = icmp slt i32 %y, %n.1
; CHECK-NEXT:    %[[YLAST:[0-9]+]] = freeze i1 %y.last
; CHECK-NEXT:    %row.unguarded = and i1 %{{[0-9]+}}, %[[YLAST]]
; CHECK:         br i1 %row.unguarded, label %row.guarded.unguarded, label %row.guarded
; The version: every test a constant, the body straight through.
; CHECK:       x.unguarded:
; CHECK:         %or.cond.unguarded = select i1 false, i1 true, i1 false
; CHECK-NEXT:    br i1 %or.cond.unguarded, label %skip.unguarded, label %inner.unguarded
; CHECK:       inner.unguarded:
; CHECK-NEXT:    %x.lt.unguarded = icmp slt i32 %gx.unguarded, %n.1
; CHECK-NEXT:    %and.cond.unguarded = select i1 true, i1 true, i1 false
; CHECK:         br i1 %and.cond.unguarded, label %body.unguarded, label %skip.unguarded
; CHECK:       latch.unguarded:
; CHECK:         br i1 %more.unguarded, label %x.unguarded, label %row.latch, !llvm.loop ![[COPY:[0-9]+]]
; The loop as it was keeps its tests and its loop ID.
; CHECK:       x:
; CHECK:         %x.ge = icmp slt i32 %gx, 1
; CHECK:         %or.cond = select i1 %x.ge, i1 true, i1 %y.first
; CHECK:       latch:
; CHECK:         br i1 %more, label %x, label %row.latch, !llvm.loop ![[ORIG:[0-9]+]]
; CHECK-DAG:   ![[ORIG]] = distinct !{![[ORIG]], ![[RT:[0-9]+]], ![[TX:[0-9]+]], ![[PAR:[0-9]+]]}
; CHECK-DAG:   ![[COPY]] = distinct !{![[COPY]], ![[RT]], ![[TX]], ![[PAR]]}
define void @stencil(ptr noalias %in, ptr noalias %out, i32 %n, i32 %ctaid, i32 %ntid, i32 %rows, i32 %y0) {
entry:
  %n.1 = add nsw i32 %n, -1
  br label %row

row:
  %ty = phi i32 [ 0, %entry ], [ %ty.next, %row.latch ]
  br label %x

x:
  %tid = phi i32 [ 0, %row ], [ %tid.next, %latch ]
  %lead = mul i32 %ctaid, %ntid
  %gx = add i32 %lead, %tid
  %y = add nuw nsw i32 %y0, %ty
  %x.ge = icmp slt i32 %gx, 1
  %y.first = icmp eq i32 %y, 0
  %or.cond = select i1 %x.ge, i1 true, i1 %y.first
  br i1 %or.cond, label %skip, label %inner

inner:
  %x.lt = icmp slt i32 %gx, %n.1
  %y.last = icmp slt i32 %y, %n.1
  %and.cond = select i1 %x.lt, i1 %y.last, i1 false
  br i1 %and.cond, label %body, label %skip

body:
  %row.off = mul nsw i32 %y, %n
  %at = add nsw i32 %row.off, %gx
  %at.64 = sext i32 %at to i64
  %src = getelementptr inbounds float, ptr %in, i64 %at.64
  %v = load float, ptr %src, align 4, !llvm.access.group !3
  %dst = getelementptr inbounds float, ptr %out, i64 %at.64
  store float %v, ptr %dst, align 4, !llvm.access.group !3
  br label %skip

skip:
  br label %latch

latch:
  %tid.next = add nuw nsw i32 %tid, 1
  %more = icmp ult i32 %tid.next, %ntid
  br i1 %more, label %x, label %row.latch, !llvm.loop !0

row.latch:
  %ty.next = add nuw nsw i32 %ty, 1
  %rows.more = icmp ult i32 %ty.next, %rows
  br i1 %rows.more, label %row, label %done

done:
  ret void
}

!0 = distinct !{!0, !1, !2, !4}
!1 = !{!"llvm.loop.unroll.runtime.disable"}
!2 = !{!"tx.lowering.loop"}
!3 = distinct !{}
!4 = !{!"llvm.loop.parallel_accesses", !3}
