; The CPU pipeline simplifies every device function (SROA, EarlyCSE) before
; the always-inliner copies it into its callers: CUB and Thrust force-inline
; deep stacks of small functions, and copying their unsimplified bodies
; (each argument and local in an alloca) into every caller, then cleaning
; each copy up, was 45% of cccl_thrust_algorithms' lowering. The functions
; the inliner then produces are the same.
; RUN: %tx-opt --cpu-pipeline -print-before=always-inline -S %s -o /dev/null 2>&1 | %FileCheck %s
; RUN: %tx-opt --cpu-pipeline -S %s | %FileCheck --check-prefix=LOWERED %s

target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

%struct.Pair = type { float, float }

define void @kernel(ptr %out) {
  %in = alloca %struct.Pair, align 4
  %arg = alloca %struct.Pair, align 4
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx = zext i32 %tid to i64
  %slot = getelementptr inbounds float, ptr %out, i64 %idx
  %x = load float, ptr %slot, align 4
  store float %x, ptr %in, align 4
  %in.b = getelementptr inbounds %struct.Pair, ptr %in, i32 0, i32 1
  store float 1.0, ptr %in.b, align 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %arg, ptr align 4 %in, i64 8, i1 false)
  %q = call %struct.Pair @swapHalves(ptr byval(%struct.Pair) align 4 %arg)
  %q.a = extractvalue %struct.Pair %q, 0
  %q.b = extractvalue %struct.Pair %q, 1
  %sum = fadd float %q.a, %q.b
  store float %sum, ptr %slot, align 4
  ret void
}

define linkonce_odr %struct.Pair @swapHalves(ptr byval(%struct.Pair) align 4 %p) alwaysinline {
  %q = alloca %struct.Pair, align 4
  %p.b = getelementptr inbounds %struct.Pair, ptr %p, i32 0, i32 1
  %b = load float, ptr %p.b, align 4
  store float %b, ptr %q, align 4
  %a = load float, ptr %p, align 4
  %q.b = getelementptr inbounds %struct.Pair, ptr %q, i32 0, i32 1
  store float %a, ptr %q.b, align 4
  %r = load %struct.Pair, ptr %q, align 4
  ret %struct.Pair %r
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg)

!nvvm.annotations = !{!0}
!0 = !{ptr @kernel, !"kernel", i32 1}

; Before the always-inliner: the callee's local is gone, its result built
; from its argument's two loads.
; CHECK: IR Dump Before AlwaysInlinerPass
; CHECK-LABEL: define linkonce_odr %struct.Pair @swapHalves(
; CHECK-NOT: alloca
; CHECK: insertvalue %struct.Pair
; CHECK: ret %struct.Pair

; Inlined and lowered: the kernel's block function has no call left.
; LOWERED: define {{.*}}@__txblk_kernel(
; LOWERED-NOT: call {{.*}}@swapHalves
; LOWERED: ret void
