; A small branch arm that only reads the kernel's static shared memory at an
; address provably inside it (from the index's known bits), aligned
; whatever the index, runs unconditionally: the join's phi becomes a
; select, so that a thread loop over it vectorises. The hoisted code loses
; its poison-generating flags (nneg, inbounds) but keeps its aliasing
; metadata. Not when the read may leave the static shared bytes, when the
; index may be poison, when the arm writes, reads global memory or a
; volatile location, may be misaligned, or in a function that is no kernel.
; RUN: %tx-opt -passes=tx-speculate-shared-loads -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @lane_read(
; CHECK:       entry:
; CHECK:         %active = icmp ult i32 %lane, %nwarps
; CHECK-NEXT:    %idx = zext i32 %lane to i64
; CHECK-NEXT:    %p = getelementptr float, ptr %base, i64 %idx
; CHECK-NEXT:    %v = load float, ptr %p, align 4, !tbaa
; CHECK-NEXT:    %r.spec = select contract i1 %active, float %v, float 0.000000e+00
; CHECK-NEXT:    br label %join
; CHECK:       join:
; CHECK-NEXT:    store float %r.spec, ptr %out
define void @lane_read(ptr %out, i32 %nwarps) !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  %tid = call noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid, 31
  %active = icmp ult i32 %lane, %nwarps
  br i1 %active, label %read, label %join

read:
  %idx = zext nneg i32 %lane to i64
  %p = getelementptr inbounds float, ptr %base, i64 %idx
  %v = load float, ptr %p, align 4, !tbaa !2
  br label %join

join:
  %r = phi contract float [ %v, %read ], [ 0.0, %entry ]
  store float %r, ptr %out
  ret void
}

; Both arms read (a diamond), the second at a constant offset past an
; array of 32 floats; the condition picks the false arm.
; CHECK-LABEL: define void @diamond(
; CHECK:         %a = load i32, ptr %pa, align 4
; CHECK:         %b = load i32, ptr %pb, align 4
; CHECK-NEXT:    %r.spec = select i1 %c, i32 %a, i32 %b
; CHECK-NEXT:    br label %join
define void @diamond(ptr %out, i1 %c) !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  %tid = call noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %k = and i32 %tid, 15
  br i1 %c, label %left, label %right

left:
  %ia = zext i32 %k to i64
  %pa = getelementptr i32, ptr %base, i64 %ia
  %a = load i32, ptr %pa, align 4
  br label %join

right:
  %second = getelementptr i8, ptr %base, i64 128
  %ib = zext i32 %k to i64
  %pb = getelementptr i32, ptr %second, i64 %ib
  %b = load i32, ptr %pb, align 4
  br label %join

join:
  %r = phi i32 [ %a, %left ], [ %b, %right ]
  store i32 %r, ptr %out
  ret void
}

; CHECK-LABEL: define void @kept(
; An index of up to 127 floats leaves the 256 static bytes.
; CHECK:         br i1 %c, label %wide, label %j1
; The thread index itself has no known bound.
; CHECK:         br i1 %c, label %unbounded, label %j2
; A store in the arm.
; CHECK:         br i1 %c, label %writes, label %j3
; A read of global memory.
; CHECK:         br i1 %c, label %global, label %j4
; A volatile read.
; CHECK:         br i1 %c, label %volatile, label %j5
; An odd byte offset under a 4-byte-aligned read.
; CHECK:         br i1 %c, label %odd, label %j6
; An index that may be poison (an nsw add of unknown values).
; CHECK:         br i1 %c, label %maypoison, label %j7
define void @kept(ptr %out, ptr %g, i1 %c, i32 %n) !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  %tid = call noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %k127 = and i32 %tid, 127
  br i1 %c, label %wide, label %j1
wide:
  %i1 = zext i32 %k127 to i64
  %p1 = getelementptr float, ptr %base, i64 %i1
  %v1 = load float, ptr %p1, align 4
  br label %j1
j1:
  %r1 = phi float [ %v1, %wide ], [ 0.0, %entry ]
  store volatile float %r1, ptr %out
  br i1 %c, label %unbounded, label %j2
unbounded:
  %i2 = zext i32 %tid to i64
  %p2 = getelementptr float, ptr %base, i64 %i2
  %v2 = load float, ptr %p2, align 4
  br label %j2
j2:
  %r2 = phi float [ %v2, %unbounded ], [ 0.0, %j1 ]
  store volatile float %r2, ptr %out
  %k7 = and i32 %tid, 7
  br i1 %c, label %writes, label %j3
writes:
  %i3 = zext i32 %k7 to i64
  %p3 = getelementptr float, ptr %base, i64 %i3
  %v3 = load float, ptr %p3, align 4
  store float 1.0, ptr %p3
  br label %j3
j3:
  %r3 = phi float [ %v3, %writes ], [ 0.0, %j2 ]
  store volatile float %r3, ptr %out
  br i1 %c, label %global, label %j4
global:
  %i4 = zext i32 %k7 to i64
  %p4 = getelementptr float, ptr %g, i64 %i4
  %v4 = load float, ptr %p4, align 4
  br label %j4
j4:
  %r4 = phi float [ %v4, %global ], [ 0.0, %j3 ]
  store volatile float %r4, ptr %out
  br i1 %c, label %volatile, label %j5
volatile:
  %i5 = zext i32 %k7 to i64
  %p5 = getelementptr float, ptr %base, i64 %i5
  %v5 = load volatile float, ptr %p5, align 4
  br label %j5
j5:
  %r5 = phi float [ %v5, %volatile ], [ 0.0, %j4 ]
  store volatile float %r5, ptr %out
  br i1 %c, label %odd, label %j6
odd:
  %shifted = getelementptr i8, ptr %base, i64 2
  %i6 = zext i32 %k7 to i64
  %p6 = getelementptr float, ptr %shifted, i64 %i6
  %v6 = load float, ptr %p6, align 4
  br label %j6
j6:
  %r6 = phi float [ %v6, %odd ], [ 0.0, %j5 ]
  store volatile float %r6, ptr %out
  %sum = add nsw i32 %n, %tid
  %k7p = and i32 %sum, 7
  br i1 %c, label %maypoison, label %j7
maypoison:
  %i7 = zext i32 %k7p to i64
  %p7 = getelementptr float, ptr %base, i64 %i7
  %v7 = load float, ptr %p7, align 4
  br label %j7
j7:
  %r7 = phi float [ %v7, %maypoison ], [ 0.0, %j6 ]
  store volatile float %r7, ptr %out
  ret void
}

; Not a kernel: its shared memory is the common area, not sized here.
; CHECK-LABEL: define void @helper(
; CHECK:         br i1 %active, label %read, label %join
define void @helper(ptr %out) !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  %tid = call noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = and i32 %tid, 31
  %active = icmp ult i32 %lane, 4
  br i1 %active, label %read, label %join
read:
  %idx = zext i32 %lane to i64
  %p = getelementptr float, ptr %base, i64 %idx
  %v = load float, ptr %p, align 4
  br label %join
join:
  %r = phi float [ %v, %read ], [ 0.0, %entry ]
  store float %r, ptr %out
  ret void
}

declare ptr @__tx_shared_base()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!1, !4, !5}
!0 = !{i64 256, i64 256}
!1 = !{ptr @lane_read, !"kernel", i32 1}
!2 = !{!3, !3, i64 0}
!3 = !{!"float", !6, i64 0}
!4 = !{ptr @diamond, !"kernel", i32 1}
!5 = !{ptr @kept, !"kernel", i32 1}
!6 = !{!"omnipotent char", !7, i64 0}
!7 = !{!"Simple C++ TBAA"}
