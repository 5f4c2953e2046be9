; In a function the pass makes optsize, a count-less `#pragma unroll`
; (llvm.loop.unroll.enable) is dropped from a loop whose full unrolling
; would exceed 300 instructions (trip count times the loop's
; instructions), the loop's other attributes kept; it stays on a smaller
; loop, on a loop of unknown trip count, and in a function left as it
; was. A pragma with a count stays.
; RUN: %tx-opt -passes='tx-optsize-large-functions<7>' -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; 100 trips of 6 instructions: dropped.
; CHECK-LABEL: define void @large.trip(
; CHECK: br i1 %done, label %exit, label %loop, !llvm.loop [[LARGE:![0-9]+]]
define void @large.trip(ptr %p) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at = getelementptr i32, ptr %p, i64 %i
  store i32 1, ptr %at
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 100
  br i1 %done, label %exit, label %loop, !llvm.loop !0
exit:
  ret void
}

; 40 trips of 7 instructions: 280, kept.
; CHECK-LABEL: define void @small.trip(
; CHECK: br i1 %done, label %exit, label %loop, !llvm.loop [[KEPT:![0-9]+]]
define void @small.trip(ptr %p) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at = getelementptr i32, ptr %p, i64 %i
  %v = load i32, ptr %at
  store i32 %v, ptr %p
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 40
  br i1 %done, label %exit, label %loop, !llvm.loop !3
exit:
  ret void
}

; CHECK-LABEL: define void @unknown.trip(
; CHECK: br i1 %done, label %exit, label %loop, !llvm.loop [[UNKNOWN:![0-9]+]]
define void @unknown.trip(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at = getelementptr i32, ptr %p, i64 %i
  store i32 1, ptr %at
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop, !llvm.loop !4
exit:
  ret void
}

; CHECK-LABEL: define void @counted(
; CHECK: br i1 %done, label %exit, label %loop, !llvm.loop [[COUNTED:![0-9]+]]
define void @counted(ptr %p) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at = getelementptr i32, ptr %p, i64 %i
  store i32 1, ptr %at
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 100
  br i1 %done, label %exit, label %loop, !llvm.loop !5
exit:
  ret void
}

; Six instructions, not past 7: not optsize, its hint kept.
; CHECK-LABEL: define void @not.sized(
; CHECK: br i1 %done, label %exit, label %loop, !llvm.loop [[NOTSIZED:![0-9]+]]
define void @not.sized() {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 1000
  br i1 %done, label %exit, label %loop, !llvm.loop !7
exit:
  ret void
}

; CHECK: [[LARGE]] = distinct !{[[LARGE]], [[PROGRESS:![0-9]+]]}
; CHECK-NEXT: [[PROGRESS]] = !{!"llvm.loop.mustprogress"}
; CHECK: [[KEPT]] = distinct !{[[KEPT]], [[ENABLE:![0-9]+]]}
; CHECK: [[ENABLE]] = !{!"llvm.loop.unroll.enable"}
; CHECK: [[UNKNOWN]] = distinct !{[[UNKNOWN]], [[ENABLE]]}
; CHECK: [[COUNTED]] = distinct !{[[COUNTED]], [[COUNT:![0-9]+]]}
; CHECK: [[COUNT]] = !{!"llvm.loop.unroll.count", i32 4}
; CHECK: [[NOTSIZED]] = distinct !{[[NOTSIZED]], [[ENABLE]]}
!0 = distinct !{!0, !1, !2}
!1 = !{!"llvm.loop.mustprogress"}
!2 = !{!"llvm.loop.unroll.enable"}
!3 = distinct !{!3, !2}
!4 = distinct !{!4, !2}
!5 = distinct !{!5, !6}
!6 = !{!"llvm.loop.unroll.count", i32 4}
!7 = distinct !{!7, !2}
