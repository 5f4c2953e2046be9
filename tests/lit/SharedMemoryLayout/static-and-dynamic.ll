; Static __shared__ arrays get consecutive offsets in the block's shared
; memory; every extern __shared__ array starts at the dynamic offset.
; RUN: %tx-opt -passes=tx-shared-layout -S %s | %FileCheck %s

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"

@tile = internal addrspace(3) global [16 x float] undef, align 4
@flag = internal addrspace(3) global i8 undef, align 1
@dyn = external addrspace(3) global [0 x double], align 8

define void @k(i64 %i) {
  %p = getelementptr [16 x float], ptr addrspacecast (ptr addrspace(3) @tile to ptr), i64 0, i64 %i
  store float 1.0, ptr %p
  store i8 1, ptr addrspacecast (ptr addrspace(3) @flag to ptr)
  store double 2.0, ptr addrspacecast (ptr addrspace(3) @dyn to ptr)
  ret void
}

; CHECK-NOT: addrspace(3)
; CHECK-LABEL: define void @k(
; CHECK-DAG: %dyn = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 80
; CHECK-DAG: %flag = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 64
; CHECK-DAG: %tile = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 0
; CHECK: getelementptr [16 x float], ptr %tile, i64 0, i64 %i
; CHECK: store i8 1, ptr %flag
; CHECK: store double 2.000000e+00, ptr %dyn
; CHECK: declare ptr @__tx_shared_base() #[[ATTR:[0-9]+]]
; CHECK: attributes #[[ATTR]] = {{{.*}}memory(none)
; CHECK: !tx.shared = !{![[S:[0-9]+]]}
; CHECK: ![[S]] = !{i64 65, i64 80}
