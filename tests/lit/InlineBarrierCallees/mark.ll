; Functions that reach a barrier (directly or through calls) or read thread
; state are forced inline; pure helpers are left to the optimiser.
; RUN: %tx-opt -passes=tx-inline-barriers -S %s | %FileCheck %s

define internal void @sync_helper() noinline {
  call void @llvm.nvvm.barrier0()
  ret void
}

define internal void @calls_sync() {
  call void @sync_helper()
  ret void
}

define internal i32 @lane() {
  %t = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  ret i32 %t
}

define internal float @pure(float %x) {
  %y = fmul float %x, %x
  ret float %y
}

define void @k() {
  call void @calls_sync()
  %l = call i32 @lane()
  %p = call float @pure(float 1.0)
  ret void
}

declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0}
!0 = !{ptr @k, !"kernel", i32 1}

; CHECK: define internal void @sync_helper() #[[INL:[0-9]+]]
; CHECK: define internal void @calls_sync() #[[INL]]
; CHECK: define internal i32 @lane() #[[INL]]
; CHECK: define internal float @pure(float %x) {
; CHECK: define void @k() {
; CHECK: attributes #[[INL]] = { alwaysinline }
