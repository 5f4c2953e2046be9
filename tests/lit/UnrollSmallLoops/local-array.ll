; An innermost loop that indexes a local array with its counter is fully
; unrolled, so that every index is a constant (SROA, next in the pipeline,
; then makes the array scalars). A loop over global memory is not.
; RUN: %tx-opt -passes=tx-unroll-small-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @load_point(ptr %points, ptr %out, i32 %n) {
entry:
  %x = alloca [4 x float], align 4
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br label %loop

loop:
  %d = phi i32 [ 0, %entry ], [ %d.next, %loop ]
  %row = mul i32 %d, %n
  %idx = add i32 %row, %tid
  %src = getelementptr float, ptr %points, i32 %idx
  %v = load float, ptr %src
  %dst = getelementptr [4 x float], ptr %x, i32 0, i32 %d
  store float %v, ptr %dst
  %d.next = add i32 %d, 1
  %more = icmp ult i32 %d.next, 4
  br i1 %more, label %loop, label %exit

exit:
  %first = load float, ptr %x
  store float %first, ptr %out
  ret void
}

; CHECK-LABEL: define void @load_point(
; CHECK-NOT: phi i32
; CHECK: store float %v, ptr %x
; CHECK: getelementptr [4 x float], ptr %x, i32 0, i32 1
; CHECK: getelementptr [4 x float], ptr %x, i32 0, i32 2
; CHECK: getelementptr [4 x float], ptr %x, i32 0, i32 3
; CHECK: ret void

define void @copy_global(ptr %in, ptr %out) {
entry:
  br label %loop

loop:
  %d = phi i32 [ 0, %entry ], [ %d.next, %loop ]
  %src = getelementptr float, ptr %in, i32 %d
  %v = load float, ptr %src
  %dst = getelementptr float, ptr %out, i32 %d
  store float %v, ptr %dst
  %d.next = add i32 %d, 1
  %more = icmp ult i32 %d.next, 4
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-LABEL: define void @copy_global(
; CHECK: %d = phi i32
; CHECK: br i1 %more, label %loop, label %exit

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @load_point, !"kernel", i32 1}
!1 = !{ptr @copy_global, !"kernel", i32 1}
