; Warp collectives become the NVVM intrinsics of the CUDA functions that do
; the same (__shfl_up_sync, __ballot_sync, ...); shfl's predicate output is
; the PTX ISA's in-segment test on the lane index.
; RUN: %tx-opt -passes=tx-translate-inline-ptx -S %s | %FileCheck %s

; CUB's WarpScanShfl::InclusiveScanStep: add the shuffled value only where
; the source lane was inside the segment. A guarded instruction that only
; computes registers runs unconditionally, its result selected by the guard,
; so that the shuffles of a reduction stay in one block.
define i32 @scan_step(i32 %x, i32 %offset, i32 %c) {
  %r = call i32 asm sideeffect "{ .reg .s32 r0; .reg .pred p; shfl.sync.up.b32 r0|p, $1, $2, $3, $5; @p add.s32 r0, r0, $4; mov.s32 $0, r0; }", "=r,r,r,r,r,r"(i32 %x, i32 %offset, i32 %c, i32 %x, i32 -1)
  ret i32 %r
}
; CHECK-LABEL: define i32 @scan_step(
; CHECK: call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 %offset, i32 %c)
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.laneid()
; CHECK: %[[P:[0-9]+]] = icmp sge i32
; CHECK: store i1 %[[P]], ptr %ptx.p
; CHECK: %[[G:[0-9]+]] = load i1, ptr %ptx.p
; CHECK: %[[R0:[0-9]+]] = load i32, ptr %ptx.r0
; CHECK: %[[SUM:[0-9]+]] = add i32 %[[R0]], %x
; CHECK: %[[OLD:[0-9]+]] = load i32, ptr %ptx.r0
; CHECK: %[[NEW:[0-9]+]] = select i1 %[[G]], i32 %[[SUM]], i32 %[[OLD]]
; CHECK: store i32 %[[NEW]], ptr %ptx.r0
; CHECK-NOT: ptx.guarded

; The pre-Volta spelling (no .sync) is the same exchange for a full warp.
define float @shfl_down_float(float %v) {
  %r = call float asm "shfl.down.b32 $0, $1, 4, 0x1f;", "=f,f"(float %v)
  ret float %r
}
; CHECK-LABEL: define float @shfl_down_float(
; CHECK: %[[BITS:[0-9]+]] = bitcast float %v to i32
; CHECK: call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %[[BITS]], i32 4, i32 31)

; CUB's MatchAny: setp, a ballot of the predicate, a negated guard.
define i32 @match_bit(i32 %label, i32 %bit) {
  %r = call i32 asm "{\0A    .reg .pred p;\0A    and.b32 $0, $1, $2;    setp.eq.u32 p, $0, $2;\0A    vote.ballot.sync.b32 $0, p, 0xffffffff;\0A    @!p not.b32 $0, $0;\0A}\0A", "=r,r,r"(i32 %label, i32 %bit)
  ret i32 %r
}
; CHECK-LABEL: define i32 @match_bit(
; CHECK: icmp eq i32
; CHECK: call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1
; CHECK: %[[NOTP:[0-9]+]] = xor i1 %{{[0-9]+}}, true
; CHECK: %[[INV:[0-9]+]] = xor i32 %{{[0-9]+}}, -1
; CHECK: select i1 %[[NOTP]], i32 %[[INV]], i32

define i32 @collectives(i32 %v) {
  %a = call i32 asm "activemask.b32 $0;", "=r"()
  %m = call i32 asm "match.any.sync.b32 $0, $1, $2;", "=r,r,r"(i32 %v, i32 %a)
  %s = call i32 asm "redux.sync.add.u32 $0, $1, $2;", "=r,r,r"(i32 %v, i32 %a)
  %t = add i32 %m, %s
  call void asm sideeffect "bar.warp.sync $0;", "r"(i32 %a)
  call void asm sideeffect "bar.sync 0;", ""()
  ret i32 %t
}
; CHECK-LABEL: define i32 @collectives(
; CHECK: call i32 @llvm.nvvm.activemask()
; CHECK: call i32 @llvm.nvvm.match.any.sync.i32(
; CHECK: call i32 @llvm.nvvm.redux.sync.add(
; CHECK: call void @llvm.nvvm.bar.warp.sync(
; CHECK: call void @llvm.nvvm.barrier0()
