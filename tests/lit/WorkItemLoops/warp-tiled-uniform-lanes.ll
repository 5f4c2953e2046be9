; A region that opens with a lane test against a bound the same in every
; thread (`lane < n`: a round of a warp-stride loop, see
; ImplicitLoopBarriers/warp-stride.ll) runs, in step, only the lanes below
; min(n, 32) of each warp: the bound is computed before the loops and the
; warp's lane loop ends there, so the body runs unmasked. A bound that
; differs between threads (read from memory per thread) is no such test:
; that region keeps its test in the loop.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @uniform_bound(i32 %n, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %src = getelementptr float, ptr %out, i64 %t64
  %v = load float, ptr %src
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid1, 31
  %in = icmp ult i32 %lane, %n
  br i1 %in, label %store, label %join

store:
  %li = zext i32 %lane to i64
  %dst = getelementptr float, ptr %out, i64 %li
  store float %v, ptr %dst
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %tid2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane2 = and i32 %tid2, 31
  %t2 = zext i32 %tid2 to i64
  %own = getelementptr i32, ptr %out, i64 %t2
  %mine = load i32, ptr %own
  %in2 = icmp ult i32 %lane2, %mine
  br i1 %in2, label %store2, label %done

store2:
  %li2 = zext i32 %lane2 to i64
  %dst2 = getelementptr float, ptr %out, i64 %li2
  store float 0.0, ptr %dst2
  br label %done

done:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @uniform_bound, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_uniform_bound(
; CHECK:       r1.pre:
; CHECK:         [[WIDE:%[0-9]+]] = zext i32 %n to i64
; CHECK-NEXT:    [[CLAMP:%[0-9]+]] = call i64 @llvm.umin.i64(i64 [[WIDE]], i64 32)
; CHECK-NEXT:    %lanes.bound = trunc i64 [[CLAMP]] to i32
; CHECK:       r1.w:
; CHECK:         %[[END:[0-9]+]] = call i32 @llvm.umin.i32(i32 %ntid.x, i32 %{{[0-9]+}})
; CHECK-NEXT:    %[[UPTO:[0-9]+]] = add nuw nsw i32 %warp.base, %lanes.bound
; CHECK-NEXT:    %lanes.end = call i32 @llvm.umin.i32(i32 %[[END]], i32 %[[UPTO]])
; CHECK-NEXT:    %lanes.any = icmp ult i32 %{{[0-9]+}}, %lanes.end
; CHECK-NEXT:    %end.x = select i1 true, i32 %lanes.end, i32 %[[END]]
; CHECK:         %in.r1 = icmp ult i32 %lane, %n
; CHECK-NEXT:    select i1 true, i1 %lanes.any, i1 %in.r1
; Region 2: the per-thread bound stays a test in the loop.
; CHECK:       r2.pre:
; CHECK-NOT:     lanes.bound
; CHECK:       r2.w:
; CHECK-NOT:     lanes.end
; CHECK:         %in2.r2 = icmp ult i32 %lane{{[0-9]+}}, %mine.r2
; CHECK-NEXT:    br i1 %in2.r2
