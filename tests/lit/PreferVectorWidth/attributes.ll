; Every defined function gets the thread loops' vector width as
; "prefer-vector-width" (the attribute the X86 backend and the vectoriser
; read; clang's -mprefer-vector-width does not reach IR compiled as IR).
; A function that has one keeps it; declarations get none.
; RUN: %tx-opt -passes='tx-prefer-vector-width<512>' -S %s | %FileCheck %s
; A width that is no number, or none, is a pipeline error, not a crash.
; RUN: %not %tx-opt -passes='tx-prefer-vector-width<wide>' -S %s 2>&1 | %FileCheck %s --check-prefix=BAD
; RUN: %not %tx-opt -passes='tx-prefer-vector-width' -S %s 2>&1 | %FileCheck %s --check-prefix=BAD

target triple = "x86_64-pc-linux-gnu"

; CHECK: define void @kernel(ptr %x) [[WIDE:#[0-9]+]]
define void @kernel(ptr %x) {
  store float 1.0, ptr %x
  ret void
}

; CHECK: define void @narrow(ptr %x) [[OWN:#[0-9]+]]
define void @narrow(ptr %x) #0 {
  store float 1.0, ptr %x
  ret void
}

; CHECK: declare void @external(ptr){{$}}
declare void @external(ptr)

; CHECK: attributes [[WIDE]] = { "prefer-vector-width"="512" }
; CHECK: attributes [[OWN]] = { "prefer-vector-width"="128" }
attributes #0 = { "prefer-vector-width"="128" }

; BAD: unknown pass name 'tx-prefer-vector-width
