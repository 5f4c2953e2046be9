; Device symbols get the __txd_ prefix so they cannot clash with the host
; object; libm calls, runtime services, intrinsics and locals keep names.
; RUN: %tx-opt -passes=tx-rename-symbols -S %s | %FileCheck %s

$_Z3twof = comdat any

@gvar = global i32 0
@local = internal global i32 0
@extvar = external global i32

define linkonce_odr float @_Z3twof(float %x) comdat {
  %r = call float @sinf(float %x)
  %e = call float @_Z8externalf(float %r)
  call void @__tx_trap(ptr null)
  ret float %e
}

declare float @sinf(float)
declare float @_Z8externalf(float)
declare void @__tx_trap(ptr)

; CHECK: $__txd__Z3twof = comdat any
; CHECK: @__txd_gvar = global i32 0
; CHECK: @local = internal global i32 0
; CHECK: @__txd_extvar = external global i32
; CHECK: define linkonce_odr float @__txd__Z3twof(float %x) comdat {
; CHECK: call float @sinf(
; CHECK: call float @__txd__Z8externalf(
; CHECK: call void @__tx_trap(
