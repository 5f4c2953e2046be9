; CUDA ABI calls with no CPU meaning become runtime services or plain IR.
; RUN: %tx-opt -passes=tx-lower-device-calls -S %s | %FileCheck %s

@fmt = private constant [4 x i8] c"%d\0A\00"

define i32 @f(ptr %args) {
  %r = call i32 @vprintf(ptr @fmt, ptr %args)
  call void @llvm.nvvm.membar.gl()
  %lane = call i32 @llvm.nvvm.read.ptx.sreg.laneid()
  %t = call i64 @llvm.nvvm.read.ptx.sreg.clock64()
  %g = call i64 @llvm.nvvm.read.ptx.sreg.globaltimer()
  call void @llvm.trap()
  unreachable
}

declare i32 @vprintf(ptr, ptr)
declare void @llvm.nvvm.membar.gl()
declare i32 @llvm.nvvm.read.ptx.sreg.laneid()
declare i64 @llvm.nvvm.read.ptx.sreg.clock64()
declare i64 @llvm.nvvm.read.ptx.sreg.globaltimer()
declare void @llvm.trap()

; CHECK-LABEL: define i32 @f(
; CHECK: call i32 @__tx_vprintf(ptr @fmt, ptr %args)
; CHECK-NEXT: fence seq_cst
; The lane is the linear thread index modulo 32.
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK: and i32 %{{[0-9]+}}, 31
; CHECK: call i64 @llvm.readcyclecounter()
; %globaltimer is the system clock in nanoseconds.
; CHECK: call i64 @__tx_globaltimer()
; CHECK: call void @__tx_trap(ptr
; CHECK-NOT: llvm.nvvm.membar
; CHECK-NOT: call void @llvm.trap
