; Each kernel packs the static __shared__ variables it uses; every extern
; __shared__ array starts at the kernel's dynamic offset. A kernel that uses
; only dynamic shared memory has no static bytes.
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

define void @only_dynamic() {
  store double 3.0, ptr addrspacecast (ptr addrspace(3) @dyn to ptr)
  ret void
}

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @k, !"kernel", i32 1}
!1 = !{ptr @only_dynamic, !"kernel", i32 1}

; CHECK-NOT: addrspace(3)
; CHECK-LABEL: define void @k(
; CHECK-DAG: %tile = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 0
; CHECK-DAG: %flag = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 64
; CHECK-DAG: %dyn = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 80
; CHECK: getelementptr [16 x float], ptr %tile, i64 0, i64 %i
; CHECK: store i8 1, ptr %flag
; CHECK: store double 2.000000e+00, ptr %dyn
; CHECK-LABEL: define void @only_dynamic()
; CHECK-SAME: !tx.shared ![[S2:[0-9]+]]
; CHECK: %dyn = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 0
; CHECK: declare ptr @__tx_shared_base() #[[ATTR:[0-9]+]]
; CHECK: attributes #[[ATTR]] = {{{.*}}memory(none)
; CHECK-DAG: !{i64 65, i64 80}
; CHECK-DAG: ![[S2]] = !{i64 0, i64 0}
