; Conversions of booleans to floating point become selects: LLVM 19's NVPTX
; backend turns `sitofp i1 (or of two comparisons)` into +1.0 where it
; means -1.0. Scalars and vectors, signed and unsigned; other conversions
; stay.
; RUN: %tx-opt -passes=tx-ptx-bool-to-float -S %s | %FileCheck %s

; CHECK-LABEL: define double @signed(
; CHECK: %o = select i1 %c, i1 true, i1 %d
; CHECK-NEXT: %r = select i1 %o, double -1.000000e+00, double 0.000000e+00
; CHECK-NEXT: ret double %r
define double @signed(i32 %a, i32 %b, i32 %x) {
  %c = icmp eq i32 %a, %b
  %d = icmp eq i32 %a, %x
  %o = select i1 %c, i1 true, i1 %d
  %r = sitofp i1 %o to double
  ret double %r
}

; CHECK-LABEL: define float @unsigned(
; CHECK: %r = select i1 %c, float 1.000000e+00, float 0.000000e+00
define float @unsigned(i1 %c) {
  %r = uitofp i1 %c to float
  ret float %r
}

; CHECK-LABEL: define <2 x float> @vector(
; CHECK: %r = select <2 x i1> %c, <2 x float> <float -1.000000e+00, float -1.000000e+00>, <2 x float> zeroinitializer
define <2 x float> @vector(<2 x i1> %c) {
  %r = sitofp <2 x i1> %c to <2 x float>
  ret <2 x float> %r
}

; CHECK-LABEL: define double @wide(
; CHECK: %r = sitofp i32 %n to double
define double @wide(i32 %n) {
  %r = sitofp i32 %n to double
  ret double %r
}
