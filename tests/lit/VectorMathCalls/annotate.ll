; Math calls get the vector forms the runtime exports (__tx_vm_<name>_<lanes>,
; runtime/backends/cpu/VectorMath.cpp) as "vector-function-abi-variant"
; attributes, one per vector width up to the target's (128 .. 512 bits),
; whether clang wrote the call as an llvm.* intrinsic or as the C library
; function; the forms are declared and kept until the vectoriser has seen
; them. Functions without a vector form, calls with such an attribute
; already (-fveclib), calls of another type and the calls of functions
; annotated "tx_scalar_math" (cuRAND's generators, bit-identical to their
; host twins) are left alone.
; RUN: %tx-opt -passes='tx-vector-math-calls<256>' -S %s | %FileCheck %s --check-prefixes=CHECK,AVX2
; RUN: %tx-opt -passes='tx-vector-math-calls<512>' -S %s | %FileCheck %s --check-prefixes=CHECK,AVX512
; RUN: %tx-opt -passes='tx-vector-math-calls<0>' -S %s | %FileCheck %s --check-prefix=NONE
; NONE-NOT: __tx_vm_

target triple = "x86_64-pc-linux-gnu"

; CHECK: @llvm.compiler.used = appending global
; CHECK-SAME: @__tx_vm_expf_4
; CHECK-SAME: @__tx_vm_expf_8
; AVX512-SAME: @__tx_vm_expf_16

@.str = private unnamed_addr constant [15 x i8] c"tx_scalar_math\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @box_muller, ptr @.str, ptr null, i32 0, ptr null }], section "llvm.metadata"

; CHECK-LABEL: define float @box_muller(
; CHECK: call float @llvm.log.f32(float %u){{$}}
define float @box_muller(float %u) {
  %l = call float @llvm.log.f32(float %u)
  ret float %l
}
declare float @llvm.log.f32(float)

; CHECK-LABEL: define void @calls(
; CHECK: call float @llvm.exp.f32(float %x) #[[EXPF:[0-9]+]]
; CHECK: call float @tanhf(float %x) #[[TANHF:[0-9]+]]
; CHECK: call double @llvm.pow.f64(double %d, double %d) #[[POW:[0-9]+]]
; CHECK: call double @atan2(double %d, double %d) #[[ATAN2:[0-9]+]]
; CHECK: call float @llvm.sqrt.f32(float %x){{$}}
; CHECK: call float @llvm.sin.f32(float %x) #[[KEPT:[0-9]+]]
; CHECK: call float @frexpf_like(float %x){{$}}
; CHECK: call float @expf(float %x, float %x){{$}}
define void @calls(float %x, double %d, ptr %out) {
  %a = call float @llvm.exp.f32(float %x)
  %b = call float @tanhf(float %x)
  %c = call double @llvm.pow.f64(double %d, double %d)
  %e = call double @atan2(double %d, double %d)
  %f = call float @llvm.sqrt.f32(float %x)
  %g = call float @llvm.sin.f32(float %x) #0
  %h = call float @frexpf_like(float %x)
  %i = call float @expf(float %x, float %x)
  store float %a, ptr %out
  ret void
}

declare float @llvm.exp.f32(float)
declare float @tanhf(float)
declare double @llvm.pow.f64(double, double)
declare double @atan2(double, double)
declare float @llvm.sqrt.f32(float)
declare float @llvm.sin.f32(float)
declare float @frexpf_like(float)
; Not the C library's expf: two arguments.
declare float @expf(float, float)

attributes #0 = { "vector-function-abi-variant"="_ZGV_LLVM_N4v_llvm.sin.f32(mysin4)" }

; The forms: float at 4, 8 (and 16) lanes, double at 2, 4 (and 8).
; CHECK-DAG: declare <4 x float> @__tx_vm_expf_4(<4 x float>) #[[NOMEM:[0-9]+]]
; CHECK-DAG: declare <8 x float> @__tx_vm_expf_8(<8 x float>)
; AVX512-DAG: declare <16 x float> @__tx_vm_expf_16(<16 x float>)
; AVX2-NOT: __tx_vm_expf_16
; CHECK-DAG: declare <4 x double> @__tx_vm_pow_4(<4 x double>, <4 x double>)
; CHECK-DAG: declare <2 x double> @__tx_vm_atan2_2(<2 x double>, <2 x double>)
; CHECK-DAG: attributes #[[NOMEM]] = { nounwind willreturn memory(none) }
; AVX2-DAG: attributes #[[EXPF]] = { "vector-function-abi-variant"="_ZGV_LLVM_N4v_llvm.exp.f32(__tx_vm_expf_4),_ZGV_LLVM_N8v_llvm.exp.f32(__tx_vm_expf_8)" }
; AVX512-DAG: attributes #[[EXPF]] = { "vector-function-abi-variant"="_ZGV_LLVM_N4v_llvm.exp.f32(__tx_vm_expf_4),_ZGV_LLVM_N8v_llvm.exp.f32(__tx_vm_expf_8),_ZGV_LLVM_N16v_llvm.exp.f32(__tx_vm_expf_16)" }
; AVX2-DAG: attributes #[[TANHF]] = { "vector-function-abi-variant"="_ZGV_LLVM_N4v_tanhf(__tx_vm_tanhf_4),_ZGV_LLVM_N8v_tanhf(__tx_vm_tanhf_8)" }
; AVX2-DAG: attributes #[[POW]] = { "vector-function-abi-variant"="_ZGV_LLVM_N2vv_llvm.pow.f64(__tx_vm_pow_2),_ZGV_LLVM_N4vv_llvm.pow.f64(__tx_vm_pow_4)" }
; AVX2-DAG: attributes #[[ATAN2]] = { "vector-function-abi-variant"="_ZGV_LLVM_N2vv_atan2(__tx_vm_atan2_2),_ZGV_LLVM_N4vv_atan2(__tx_vm_atan2_4)" }
; CHECK-DAG: attributes #[[KEPT]] = { "vector-function-abi-variant"="_ZGV_LLVM_N4v_llvm.sin.f32(mysin4)" }
