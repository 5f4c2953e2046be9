; A warp-stride loop (`for (c = lane; c < n; c += 32)`, lane =
; threadIdx.x & 31: each warp walks a row of its own, as in a row softmax)
; becomes a guarded uniform loop like a grid-stride loop: rounds while
; k * 32 < n, the body for the lanes below n - k * 32. A lane is at most
; the mask, so that is what the no-wrap check adds to the lead. The rounds
; ask for no row prefetches (each warp's row is its own, and the rounds
; stream through it). A start of threadIdx.x % 24 is no lane of a power of
; two: such a loop stays a per-thread loop.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @row_max(
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 0, i32 31)
; CHECK:         br i1 %tx.guarded.ok, label %tx.guarded.pre, label %tx.unguarded.pre
; CHECK:       loop:
; CHECK-NEXT:    %tx.iteration = phi i32 [ 0, %tx.guarded.pre ], [ {{%.*}}, %tx.guard.join ], !tx.lockstep
; CHECK:         %tx.row.runs = icmp slt i32 {{%.*}}, %n
; CHECK:       tx.guard:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NOT:     @__tx_prefetch_row
; CHECK:         %tx.row.threads = trunc i64 {{%.*}} to i32
; CHECK-NEXT:    [[TID:%.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    [[LANE:%.*]] = and i32 [[TID]], 31
; CHECK-NEXT:    %tx.guard.in = icmp ult i32 [[LANE]], %tx.row.threads
; CHECK-NEXT:    br i1 %tx.guard.in, label %loop.stay, label %tx.guard.skip
; CHECK:       loop.stay:
; CHECK:         [[TID2:%.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    [[LANE2:%.*]] = and i32 [[TID2]], 31
; CHECK-NEXT:    %tx.stride.iv = add nsw i32 %tx.row.start, [[LANE2]]
define void @row_max(i32 %n, ptr %x, ptr %out) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %warp = lshr i32 %tid, 5
  %lane = and i32 %tid, 31
  %row = mul i32 %ctaid, 8
  %r = add i32 %row, %warp
  %r64 = zext i32 %r to i64
  %rowoff = mul i64 %r64, 1024
  %rowp = getelementptr inbounds float, ptr %x, i64 %rowoff
  br label %loop

loop:
  %c = phi i32 [ %lane, %entry ], [ %c.next, %body ]
  %m = phi float [ 0xFFF0000000000000, %entry ], [ %m.next, %body ]
  %more = icmp slt i32 %c, %n
  br i1 %more, label %body, label %exit

body:
  %c64 = zext i32 %c to i64
  %p = getelementptr inbounds float, ptr %rowp, i64 %c64
  %v = load float, ptr %p
  %m.next = call float @llvm.maxnum.f32(float %m, float %v)
  %c.next = add nsw i32 %c, 32
  br label %loop

exit:
  %o = getelementptr inbounds float, ptr %out, i64 %r64
  store float %m, ptr %o
  ret void
}

; CHECK-LABEL: define void @not_a_lane(
; CHECK-NOT:     tx.guard
; CHECK:         ret void
define void @not_a_lane(i32 %n, ptr %x) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = urem i32 %tid, 24
  br label %loop

loop:
  %c = phi i32 [ %start, %entry ], [ %c.next, %body ]
  %more = icmp slt i32 %c, %n
  br i1 %more, label %body, label %exit

body:
  %c64 = zext i32 %c to i64
  %p = getelementptr inbounds float, ptr %x, i64 %c64
  store float 0.0, ptr %p
  %c.next = add nsw i32 %c, 24
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare float @llvm.maxnum.f32(float, float)

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @row_max, !"kernel", i32 1}
!1 = !{ptr @not_a_lane, !"kernel", i32 1}
