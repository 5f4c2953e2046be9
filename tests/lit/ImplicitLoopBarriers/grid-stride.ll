; A grid-stride loop (start from the thread index, uniform stride computed
; in the loop as CUDA code does) whose start is not Lead + threadIdx.x (here
; each thread takes every other element), so its threads cannot be told
; apart by a bound on threadIdx.x (guarded-grid-stride.ll has that form):
; the stride is hoisted, an iteration counter marked tx.lockstep replaces
; the induction variable by start + k * stride, and implicit barriers cut
; the loop at its header and its exit, so that WorkItemLoops runs each
; iteration over all threads.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @dot(
; CHECK:       entry:
; CHECK:         %stride = mul i32 %nctaid, %ntid
; CHECK:       loop:
; CHECK-NEXT:    %tx.iteration = phi i32 [ 0, %entry ], [ [[NEXTK:%.*]], %body ], !tx.lockstep
; CHECK-NEXT:    %sum = phi float
; CHECK-NOT:     !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    [[OFF:%.*]] = mul i32 %tx.iteration, %stride
; CHECK-NEXT:    %tx.stride.iv = add i32 %start, [[OFF]]
; CHECK-NEXT:    %more = icmp slt i32 %tx.stride.iv, %n
; CHECK:       body:
; CHECK:         [[NEXTK]] = add i32 %tx.iteration, 1
; CHECK:       exit:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    atomicrmw fadd
define void @dot(i32 %n, ptr %x, ptr %out) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %tid2 = shl i32 %tid, 1
  %start = add i32 %base, %tid2
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride = mul i32 %nctaid, %ntid
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  %r = atomicrmw fadd ptr %out, float %sum monotonic
  ret void
}

; A loop with a thread-dependent stride is not a grid-stride loop.
; CHECK-LABEL: define void @divergent_step(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @divergent_step(i32 %n, ptr %x) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %step = add i32 %tid, 1
  br label %loop

loop:
  %i = phi i32 [ %tid, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  %i.next = add i32 %i, %step
  br label %loop

exit:
  ret void
}

; A loop that already has a barrier is cut by WorkItemLoops as it is.
; CHECK-LABEL: define void @has_barrier(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @has_barrier(i32 %n, ptr %x) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  br label %loop

loop:
  %i = phi i32 [ %tid, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %i.next = add i32 %i, %ntid
  br label %loop

exit:
  ret void
}

; A CSR row per thread: the start is loaded, so each thread's range is
; walked best one thread at a time.
; CHECK-LABEL: define void @csr_row(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @csr_row(ptr %rows, ptr %vals, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = sext i32 %tid to i64
  %rp = getelementptr inbounds i32, ptr %rows, i64 %t64
  %begin = load i32, ptr %rp
  %rp1 = getelementptr inbounds i32, ptr %rp, i64 1
  %end = load i32, ptr %rp1
  br label %loop

loop:
  %j = phi i32 [ %begin, %entry ], [ %j.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp slt i32 %j, %end
  br i1 %more, label %body, label %exit

body:
  %j64 = sext i32 %j to i64
  %p = getelementptr inbounds float, ptr %vals, i64 %j64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %j.next = add i32 %j, 1
  br label %loop

exit:
  %op = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum, ptr %op
  ret void
}

; A lane walking its warp's row (start threadIdx.x % 32): the rows differ
; across a region's threads, so this is left alone.
; CHECK-LABEL: define void @lane_row(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @lane_row(i32 %n, ptr %x) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %lane = urem i32 %tid, 32
  br label %loop

loop:
  %i = phi i32 [ %lane, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  %i.next = add i32 %i, 32
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2, !3, !4}
!0 = !{ptr @dot, !"kernel", i32 1}
!1 = !{ptr @divergent_step, !"kernel", i32 1}
!2 = !{ptr @has_barrier, !"kernel", i32 1}
!3 = !{ptr @csr_row, !"kernel", i32 1}
!4 = !{ptr @lane_row, !"kernel", i32 1}
