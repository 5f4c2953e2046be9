; A barrier in a recursive device function cannot be inlined into the
; kernel, so it is reported instead of being miscompiled.
; RUN: %not %tx-opt -passes=tx-inline-barriers -S %s 2>&1 | %FileCheck %s

define internal void @rec(i32 %n) {
  call void @llvm.nvvm.barrier0()
  %m = sub i32 %n, 1
  call void @rec(i32 %m)
  ret void
}

declare void @llvm.nvvm.barrier0()

; CHECK: error: __syncthreads() in a recursive device function is not supported (in device function 'rec')
