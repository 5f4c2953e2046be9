; __device__ and __constant__ variables move to address space 0; the casts
; clang wrapped around every use disappear, and variables the host registers
; are tagged for the registration table.
; RUN: %tx-opt -passes=tx-generic-addrspace -S %s | %FileCheck %s

@counter = addrspace(1) externally_initialized global i32 0, align 4
@table = addrspace(4) externally_initialized global [4 x float] zeroinitializer, align 4
@hidden = internal addrspace(1) global i32 7, align 4

define float @f(i64 %i) {
  %p = getelementptr [4 x float], ptr addrspacecast (ptr addrspace(4) @table to ptr), i64 0, i64 %i
  %v = load float, ptr %p
  %c = load i32, ptr addrspacecast (ptr addrspace(1) @counter to ptr)
  %h = load i32, ptr addrspacecast (ptr addrspace(1) @hidden to ptr)
  ret float %v
}

; CHECK: @counter = externally_initialized global i32 0, align 4, !tx.device.var
; CHECK: @table = externally_initialized global [4 x float] zeroinitializer, align 4, !tx.device.var
; CHECK: @hidden = internal global i32 7, align 4{{$}}
; CHECK-LABEL: define float @f(
; CHECK: getelementptr [4 x float], ptr @table, i64 0, i64 %i
; CHECK: load i32, ptr @counter
; CHECK: load i32, ptr @hidden
; CHECK-NOT: addrspace
