; Special registers become the NVVM intrinsics the CUDA headers use (lowered
; later with the rest), or plain IR on the lane index.
; RUN: %tx-opt -passes=tx-translate-inline-ptx -S %s | %FileCheck %s

define i32 @lane() {
  %l = call i32 asm "mov.u32 $0, %laneid;", "=r"()
  ret i32 %l
}
; CHECK-LABEL: define i32 @lane(
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.laneid()
; CHECK-NOT: asm

define i32 @lanemask_lt() {
  %m = call i32 asm "mov.u32 $0, %lanemask_lt;", "=r"()
  ret i32 %m
}
; (1 << lane) - 1
; CHECK-LABEL: define i32 @lanemask_lt(
; CHECK: %[[LANE:[0-9]+]] = call i32 @llvm.nvvm.read.ptx.sreg.laneid()
; CHECK: %[[BIT:[0-9]+]] = shl i32 1, %[[LANE]]
; CHECK: sub i32 %[[BIT]], 1

define i64 @timers() {
  %c = call i64 asm sideeffect "mov.u64 $0, %clock64;", "=l"()
  %g = call i64 asm sideeffect "mov.u64 $0, %globaltimer;", "=l"()
  %s = add i64 %c, %g
  ret i64 %s
}
; CHECK-LABEL: define i64 @timers(
; CHECK: call i64 @llvm.nvvm.read.ptx.sreg.clock64()
; CHECK: call i64 @llvm.nvvm.read.ptx.sreg.globaltimer()

define i32 @geometry() {
  %t = call i32 asm "mov.u32 $0, %tid.y;", "=r"()
  %w = call i32 asm "mov.u32 $0, WARP_SZ;", "=r"()
  %s = add i32 %t, %w
  ret i32 %s
}
; CHECK-LABEL: define i32 @geometry(
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
; CHECK: store i32 32, ptr

; A "+r" operand ($0 read and written) starts with the tied input's value.
define i32 @tied(i32 %x) {
  %r = call i32 asm "add.u32 $0, $0, 5;", "=r,0"(i32 %x)
  ret i32 %r
}
; CHECK-LABEL: define i32 @tied(
; CHECK: store i32 %x, ptr %[[SLOT:[a-z.0-9]+]]
; CHECK: %[[OLD:[0-9]+]] = load i32, ptr %[[SLOT]]
; CHECK: add i32 %[[OLD]], 5
