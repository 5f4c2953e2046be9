; The PTX path's form: NVPTX globals stay in the global address space, the
; slot __tx_managed_<name> (a name the CUDA driver can look up, visible even
; for a static variable) starts out aimed at the variable itself, and each
; function casts the loaded generic pointer back to the global space. No
; registration metadata: the runtime finds slots by name.
; RUN: %tx-opt -passes=tx-managed-vars-gpu -S %s | %FileCheck %s

target triple = "nvptx64-nvidia-cuda"

@counter = addrspace(1) externally_initialized global i32 5, section "__tx_managed", align 4
@hidden = internal addrspace(1) global i32 7, section "__tx_managed", align 4
@llvm.compiler.used = appending global [1 x ptr] [ptr addrspacecast (ptr addrspace(1) @counter to ptr)], section "llvm.metadata"

; CHECK: @counter = addrspace(1) externally_initialized global i32 5, align 4{{$}}
; CHECK: @hidden = internal addrspace(1) global i32 7, align 4{{$}}
; CHECK: @__tx_managed_counter = addrspace(1) global ptr addrspacecast (ptr addrspace(1) @counter to ptr)
; CHECK: @__tx_managed_hidden = addrspace(1) global ptr addrspacecast (ptr addrspace(1) @hidden to ptr)

define void @kernel(i32 %v) {
  %c = load i32, ptr addrspacecast (ptr addrspace(1) @counter to ptr)
  %s = add i32 %c, %v
  store i32 %s, ptr addrspace(1) @hidden
  ret void
}

; CHECK-LABEL: define void @kernel(
; CHECK-NEXT: [[H:%.*]] = load ptr, ptr addrspace(1) @__tx_managed_hidden, align 8, !invariant.load
; CHECK-NEXT: [[HG:%.*]] = addrspacecast ptr [[H]] to ptr addrspace(1)
; CHECK-NEXT: [[C:%.*]] = load ptr, ptr addrspace(1) @__tx_managed_counter, align 8, !invariant.load
; CHECK-NEXT: [[CG:%.*]] = addrspacecast ptr [[C]] to ptr addrspace(1)
; CHECK: load i32, ptr
; CHECK: store i32 %s, ptr addrspace(1) [[HG]]
; CHECK-NOT: !tx.managed
