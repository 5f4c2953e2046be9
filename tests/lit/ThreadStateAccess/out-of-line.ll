; A device function left out of line reads thread geometry and shared
; memory from the running block's context, published in TLS.
; RUN: %tx-opt -passes=tx-thread-state -S %s | %FileCheck %s

define i32 @helper() {
  %t = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %b = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %s = call ptr @__tx_shared_base()
  %sum = add i32 %t, %b
  ret i32 %sum
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare ptr @__tx_shared_base()

; CHECK: @__tx_current_block = external thread_local(initialexec) global ptr
; CHECK-LABEL: define i32 @helper(
; CHECK: %blk = load ptr, ptr @__tx_current_block
; CHECK-NEXT: %[[F:[0-9]+]] = getelementptr inbounds i8, ptr %blk, i64 4
; CHECK-NEXT: load i32, ptr %[[F]]
; CHECK: getelementptr inbounds i8, ptr %blk{{[0-9]*}}, i64 12
; CHECK: getelementptr inbounds i8, ptr %blk{{[0-9]*}}, i64 48
; CHECK-NEXT: load ptr
; CHECK-NOT: __tx_shared_base
