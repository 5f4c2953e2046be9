; Index-set narrowing of an element-wise kernel's `if (i < n)`, where
; i = blockIdx.x * blockDim.x + threadIdx.x: in step, the x loop runs the
; threads [0, n - base) of the block (none when n <= base), and the body
; runs without the test. The sum is unsigned 32-bit arithmetic converted to
; int (as CUDA's index expression is), so the row must not cross INT_MAX:
; where it would, a version of the loop nest kept scalar tests each thread
; (the body of one nest would be predicated on the choice between the two,
; which LLVM found not worth vectorising where it is large).
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s
; The same with `if (i >= n) return;` and a 64-bit bound (size_t n).
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s --check-prefix=RET
; A sign-extended sum compared unsigned (`i >= 0 && i < n` folded into one
; test, with i = base - 1 + threadIdx.x): a negative lead fails the row's
; first threads, so the passing threads are no prefix and the test stays.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s --check-prefix=NEG

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_relax(
; CHECK:       r0.pre:
; CHECK:         %[[LEAD:[0-9]+]] = sext i32 %base to i64
; CHECK-NEXT:    %[[N:[0-9]+]] = sext i32 %n to i64
; CHECK-NEXT:    %[[NTID:[0-9]+]] = zext i32 %ntid.x to i64
; CHECK-NEXT:    %[[E:[0-9]+]] = add i64 %[[LEAD]], %[[NTID]]
; CHECK-NEXT:    %[[LAST:[0-9]+]] = sub i64 %[[E]], 1
; CHECK-NEXT:    %narrowed.fits = icmp sle i64 %[[LAST]], 2147483647
; CHECK-NEXT:    %[[ABOVE:[0-9]+]] = icmp sgt i64 %[[N]], %[[LEAD]]
; CHECK-NEXT:    %[[D:[0-9]+]] = sub i64 %[[N]], %[[LEAD]]
; CHECK-NEXT:    %[[SPAN:[0-9]+]] = select i1 %[[ABOVE]], i64 %[[D]], i64 0
; CHECK-NEXT:    %[[MIN:[0-9]+]] = call i64 @llvm.umin.i64(i64 %[[NTID]], i64 %[[SPAN]])
; CHECK-NEXT:    %[[T:[0-9]+]] = trunc i64 %[[MIN]] to i32
; CHECK-NEXT:    %[[END:[0-9]+]] = select i1 %narrowed.fits, i32 %[[T]], i32 %ntid.x
; CHECK-NEXT:    %narrowed.any = icmp ult i32 0, %[[END]]
; CHECK-NEXT:    %narrowed.exact = and i1 %{{.*}}, %narrowed.fits
; CHECK-NEXT:    %end.x = select i1 %{{.*}}, i32 %[[END]], i32 %ntid.x
; CHECK-NEXT:    br i1 %narrowed.exact, label %r0.pre.pick, label %r0.pre.pick.unnarrowed
; CHECK:         %in.r0 = icmp slt i32 %i.r0, %n
; CHECK-NEXT:    %[[PASS:[0-9]+]] = select i1 true, i1 %narrowed.any, i1 %in.r0
; CHECK-NEXT:    br i1 %[[PASS]]
; CHECK:         %in.r0.unnarrowed = icmp slt i32 %i.r0.unnarrowed, %n
; CHECK-NEXT:    %[[TEST:[0-9]+]] = select i1 false, i1 %narrowed.any, i1 %in.r0.unnarrowed
; CHECK-NEXT:    br i1 %[[TEST]]
; CHECK:       r0.x.latch.unnarrowed:
; CHECK:         br i1 %{{.*}}, label %r0.x.unnarrowed, label %r0.y.latch.unnarrowed, !llvm.loop ![[SCALAR:[0-9]+]]
; CHECK:       ![[SCALAR]] = distinct !{![[SCALAR]], ![[NOVEC:[0-9]+]], ![[NOUNROLL:[0-9]+]]}
; CHECK-NEXT:  ![[NOVEC]] = !{!"llvm.loop.vectorize.enable", i1 false}
; CHECK-NEXT:  ![[NOUNROLL]] = !{!"llvm.loop.unroll.disable"}
define void @relax(ptr %x, i32 %n) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = add i32 %base, %tid
  %in = icmp slt i32 %i, %n
  br i1 %in, label %body, label %exit

body:
  %idx = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %idx
  %v = load float, ptr %p, align 4
  %h = fmul float %v, 5.000000e-01
  store float %h, ptr %p, align 4
  br label %exit

exit:
  ret void
}

; RET-LABEL: define internal void @__txblk_early_return(
; RET:       r0.pre:
; RET:         %[[LEAD:[0-9]+]] = zext i32 %base to i64
; RET:         %narrowed.fits = icmp sle i64 %{{[0-9]+}}, 4294967295
; RET-NEXT:    %[[ABOVE:[0-9]+]] = icmp ugt i64 %n, %[[LEAD]]
; RET:         %narrowed.any = icmp ult i32 0, %[[END:[0-9]+]]
; RET:         %narrowed.none = xor i1 %narrowed.any, true
; RET-NEXT:    %[[PASS:[0-9]+]] = select i1 true, i1 %narrowed.none, i1 %out.r0
; RET-NEXT:    br i1 %[[PASS]], label %exit.r0, label %body.r0
define void @early_return(ptr %x, i64 %n) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = add i32 %base, %tid
  %i64 = zext i32 %i to i64
  %out = icmp uge i64 %i64, %n
  br i1 %out, label %exit, label %body

body:
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.000000e+00, ptr %p, align 4
  br label %exit

exit:
  ret void
}

; NEG-LABEL: define internal void @__txblk_halo(
; NEG:       r0.pre:
; NEG:         %[[LEAD:[0-9]+]] = sext i32 %base to i64
; NEG:         %narrowed.fits = icmp sle i64 %{{[0-9]+}}, 2147483647
; NEG-NEXT:    %narrowed.lead.pos = icmp sge i64 %[[LEAD]], 0
; NEG-NEXT:    %[[FITS:[0-9]+]] = and i1 %narrowed.fits, %narrowed.lead.pos
; NEG:         %narrowed.exact = and i1 %{{.*}}, %[[FITS]]
; NEG:         br i1 %narrowed.exact, label %r0.pre.pick, label %r0.pre.pick.unnarrowed
; NEG:         %in.r0 = icmp ult i64 %i64.r0, %n
; NEG-NEXT:    select i1 true, i1 %narrowed.any, i1 %in.r0
; NEG:         %in.r0.unnarrowed = icmp ult i64 %i64.r0.unnarrowed, %n
; NEG-NEXT:    select i1 false, i1 %narrowed.any, i1 %in.r0.unnarrowed
define void @halo(ptr %x, i64 %n) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %start = mul i32 %ctaid, %ntid
  %base = add i32 %start, -1
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = add i32 %base, %tid
  %i64 = sext i32 %i to i64
  %in = icmp ult i64 %i64, %n
  br i1 %in, label %body, label %exit

body:
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.000000e+00, ptr %p, align 4
  br label %exit

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @relax, !"kernel", i32 1}
!1 = !{ptr @early_return, !"kernel", i32 1}
!2 = !{ptr @halo, !"kernel", i32 1}
