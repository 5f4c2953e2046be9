; Two loads of one array, consecutive in the thread index and a uniform
; stretch apart (a reduction's first add: in[base + t] and
; in[base + t + blockDim.x]), get an implicit barrier between them, at the
; start of the block every thread reaches between the two. Neighbours a
; small constant apart, two different arrays, loads a barrier separates
; already, and code after an early return stay as they are.
; RUN: %tx-opt -passes=tx-split-block-streams -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @first_add(
; CHECK:       join:
; CHECK-NEXT:    %sum = phi float
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    %hi = add i32 %lo, %ntid
; CHECK-NOT:     __tx_implicit_barrier
; CHECK:         ret void
define void @first_add(ptr %in, ptr %out, i32 %n) {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %twice = shl i32 %ntid, 1
  %base = mul i32 %bid, %twice
  %lo = add i32 %base, %tid
  %lo.in = icmp ult i32 %lo, %n
  br i1 %lo.in, label %load.lo, label %join

load.lo:
  %lo.64 = zext i32 %lo to i64
  %p.lo = getelementptr inbounds float, ptr %in, i64 %lo.64
  %v.lo = load float, ptr %p.lo
  br label %join

join:
  %sum = phi float [ %v.lo, %load.lo ], [ 0.0, %entry ]
  %hi = add i32 %lo, %ntid
  %hi.in = icmp ult i32 %hi, %n
  br i1 %hi.in, label %load.hi, label %done

load.hi:
  %hi.64 = zext i32 %hi to i64
  %p.hi = getelementptr inbounds float, ptr %in, i64 %hi.64
  %v.hi = load float, ptr %p.hi
  %sum.hi = fadd float %sum, %v.hi
  br label %done

done:
  %total = phi float [ %sum.hi, %load.hi ], [ %sum, %join ]
  %tid.64 = zext i32 %tid to i64
  %q = getelementptr inbounds float, ptr %out, i64 %tid.64
  store float %total, ptr %q
  ret void
}

; in[i] and in[i + 1]: one stretch.
; CHECK-LABEL: define void @neighbours(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @neighbours(ptr %in, ptr %out, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %a.64 = zext i32 %tid to i64
  %p.a = getelementptr inbounds float, ptr %in, i64 %a.64
  %v.a = load float, ptr %p.a
  %ok = icmp ult i32 %tid, %n
  br i1 %ok, label %more, label %join

more:
  br label %join

join:
  %b = add i32 %tid, 1
  %b.64 = zext i32 %b to i64
  %p.b = getelementptr inbounds float, ptr %in, i64 %b.64
  %v.b = load float, ptr %p.b
  %s = fadd float %v.a, %v.b
  %q = getelementptr inbounds float, ptr %out, i64 %a.64
  store float %s, ptr %q
  ret void
}

; a[t] and b[t + k]: two arrays, two long streams across the blocks.
; CHECK-LABEL: define void @two_arrays(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @two_arrays(ptr %a, ptr %b, ptr %out, i32 %k) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %a.64 = zext i32 %tid to i64
  %p.a = getelementptr inbounds float, ptr %a, i64 %a.64
  %v.a = load float, ptr %p.a
  br label %join

join:
  %i = add i32 %tid, %k
  %i.64 = zext i32 %i to i64
  %p.b = getelementptr inbounds float, ptr %b, i64 %i.64
  %v.b = load float, ptr %p.b
  %s = fadd float %v.a, %v.b
  %q = getelementptr inbounds float, ptr %out, i64 %a.64
  store float %s, ptr %q
  ret void
}

; A barrier between the two loads separates them already.
; CHECK-LABEL: define void @separated(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @separated(ptr %in, ptr %out, i32 %k) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %a.64 = zext i32 %tid to i64
  %p.a = getelementptr inbounds float, ptr %in, i64 %a.64
  %v.a = load float, ptr %p.a
  call void @llvm.nvvm.barrier0()
  br label %join

join:
  %i = add i32 %tid, %k
  %i.64 = zext i32 %i to i64
  %p.b = getelementptr inbounds float, ptr %in, i64 %i.64
  %v.b = load float, ptr %p.b
  %s = fadd float %v.a, %v.b
  %q = getelementptr inbounds float, ptr %out, i64 %a.64
  store float %s, ptr %q
  ret void
}

; Threads past n return first: the second load's block is not reached by
; every thread, so no barrier may go there.
; CHECK-LABEL: define void @early_return(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @early_return(ptr %in, ptr %out, i32 %n, i32 %k) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %a.64 = zext i32 %tid to i64
  %p.a = getelementptr inbounds float, ptr %in, i64 %a.64
  %v.a = load float, ptr %p.a
  %ok = icmp ult i32 %tid, %n
  br i1 %ok, label %join, label %exit

join:
  %i = add i32 %tid, %k
  %i.64 = zext i32 %i to i64
  %p.b = getelementptr inbounds float, ptr %in, i64 %i.64
  %v.b = load float, ptr %p.b
  %s = fadd float %v.a, %v.b
  %q = getelementptr inbounds float, ptr %out, i64 %a.64
  store float %s, ptr %q
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2, !3, !4}
!0 = !{ptr @first_add, !"kernel", i32 1}
!1 = !{ptr @neighbours, !"kernel", i32 1}
!2 = !{ptr @two_arrays, !"kernel", i32 1}
!3 = !{ptr @separated, !"kernel", i32 1}
!4 = !{ptr @early_return, !"kernel", i32 1}
