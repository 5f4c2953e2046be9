; The NVPTX module header and target attributes give way to the CPU's, and
; block- or device-scoped atomics widen to system scope.
; RUN: %tx-opt '-passes=tx-retarget<aarch64-linux-gnu>' -S %s | %FileCheck %s

target triple = "nvptx64-nvidia-cuda"

define void @f(ptr %p) #0 {
  %old = atomicrmw add ptr %p, i32 1 syncscope("block") monotonic
  fence syncscope("device") seq_cst
  ret void
}

attributes #0 = { "target-cpu"="sm_80" "target-features"="+ptx75,+sm_80" }

; CHECK: target triple = "aarch64-linux-gnu"
; CHECK: define void @f(ptr %p) {
; CHECK-NEXT: atomicrmw add ptr %p, i32 1 monotonic
; CHECK-NEXT: fence seq_cst
; CHECK-NOT: sm_80
