; Math PTX cannot execute goes to libdevice: intrinsics by name and type,
; frexp through an entry-block slot, C library calls by their __nv_ name.
; Intrinsics PTX has instructions for (sqrt) stay.
; RUN: %tx-opt -passes=tx-libdevice-math -S %s | %FileCheck %s

define float @f(float %x, double %d, i32 %n) {
  %s = call float @llvm.sin.f32(float %x)
  %e = call double @llvm.exp.f64(double %d)
  %q = call float @llvm.sqrt.f32(float %x)
  %fr = call { float, i32 } @llvm.frexp.f32.i32(float %x)
  %r = call float @erff(float %s)
  ret float %r
}

declare float @llvm.sin.f32(float)
declare double @llvm.exp.f64(double)
declare float @llvm.sqrt.f32(float)
declare { float, i32 } @llvm.frexp.f32.i32(float)
declare float @erff(float)

; CHECK-LABEL: define float @f(
; CHECK-NEXT: %[[EXP:[0-9]+]] = alloca i32
; CHECK: %[[S:[0-9]+]] = call float @__nv_sinf(float %x)
; CHECK: call double @__nv_exp(double %d)
; CHECK: call float @llvm.sqrt.f32(float %x)
; CHECK: call float @__nv_frexpf(float %x, ptr %[[EXP]])
; CHECK: call float @__nv_erff(float %[[S]])
; CHECK-NOT: call {{.*}}@llvm.sin
; CHECK: declare float @__nv_erff(float)

; frem is exact in libdevice, not in the NVPTX backend's expansion.
; CHECK-LABEL: define double @rem(
; CHECK: call float @__nv_fmodf(float %x, float %y)
; CHECK: call double @__nv_fmod(double %a, double %b)
; CHECK-NOT: frem
define double @rem(float %x, float %y, double %a, double %b) {
  %r = frem float %x, %y
  %e = fpext float %r to double
  %d = frem double %a, %b
  %s = fadd double %e, %d
  ret double %s
}

; The fast intrinsics' functions (accurate bodies, for the CPU path) become
; libdevice's fast functions, rsqrtf libdevice's rsqrtf.
; CHECK-LABEL: define float @fast(
; CHECK: call float @__nv_fast_sinf(float %x)
; CHECK: call float @__nv_fast_powf(float %x, float %s)
; CHECK: call void @__nv_fast_sincosf(float %x, ptr %p, ptr %p)
; CHECK: call float @__nv_rsqrtf(float %w)
; CHECK-NOT: __tx_fast_
; CHECK-NOT: __tx_rsqrtf
define float @fast(float %x, ptr %p) {
  %s = call float @__tx_fast_sinf(float %x)
  %w = call float @__tx_fast_powf(float %x, float %s)
  call void @__tx_fast_sincosf(float %x, ptr %p, ptr %p)
  %r = call float @__tx_rsqrtf(float %w)
  ret float %r
}

define linkonce_odr float @__tx_fast_sinf(float %x) {
  %r = call float @llvm.sin.f32(float %x)
  ret float %r
}
define linkonce_odr float @__tx_fast_powf(float %x, float %y) {
  %r = call float @llvm.pow.f32(float %x, float %y)
  ret float %r
}
define linkonce_odr void @__tx_fast_sincosf(float %x, ptr %s, ptr %c) {
  ret void
}
define linkonce_odr float @__tx_rsqrtf(float %x) {
  %q = call float @llvm.sqrt.f32(float %x)
  %r = fdiv float 1.0, %q
  ret float %r
}
declare float @llvm.pow.f32(float, float)
