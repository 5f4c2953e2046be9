; Region 0 whose threads branch on a condition only block values decide
; (a tile kernel's `if (full tile)`) gets one loop nest per side, chosen
; before the loops: in one nest both ways would stay in the thread loop and
; the partial tile's guarded load would keep the full tile's loads from
; being vectorised. The condition, from blockIdx and the kernel's argument,
; is computed once; each nest has the branch folded.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

define void @tile(ptr %in, ptr addrspace(3) %buf, i32 %n) {
entry:
  %block = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %first = mul i32 %block, 256
  %left = sub i32 %n, %first
  %full = icmp sgt i32 %left, 255
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br i1 %full, label %whole, label %partial

whole:
  %i = add i32 %first, %tid
  %i64 = sext i32 %i to i64
  %p = getelementptr float, ptr %in, i64 %i64
  %v = load float, ptr %p
  br label %join

partial:
  %inside = icmp slt i32 %tid, %left
  br i1 %inside, label %guarded, label %join

guarded:
  %j = add i32 %first, %tid
  %j64 = sext i32 %j to i64
  %q = getelementptr float, ptr %in, i64 %j64
  %w = load float, ptr %q
  br label %join

join:
  %x = phi float [ %v, %whole ], [ %w, %guarded ], [ 0.0, %partial ]
  %t64 = zext i32 %tid to i64
  %s = getelementptr float, ptr addrspace(3) %buf, i64 %t64
  store float %x, ptr addrspace(3) %s
  call void @llvm.nvvm.barrier0()
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @tile, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_tile(
; The condition is a block value, computed in the entry.
; CHECK:         %full = icmp sgt i32 %left, 255
; CHECK:       r0.pre:
; CHECK:         br i1 %full, label %r0.z.taken, label %r0.z
; The partial tile's nest:
; CHECK:         br i1 false, label %whole.r0, label %partial.r0
; The full tile's:
; CHECK:         br i1 true, label %whole.r0.taken, label %partial.r0.taken
