; Steps after a chain's last exchanges that combine its result with values
; from outside (CUB's look-back adds a window's reduction to the running
; prefix) stay outside the chain when, inside, those values would be
; parameters too many for a lane slot: the chain's outputs are then what
; the tail reads. A tail step placed before the last output moves after
; the chain's call.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; A segmented sum over (flag, value) pairs, the value's steps reading the
; flags: one chain with two outputs. Inside, the pair (64 bits), the clamp
; and both prefix words would need 160 bits; without the tail, pair and
; clamp fit an i128. (The last step's combining steps read no exchange, so
; they are the tail too: the chain returns the four words they read.)
; CHECK-LABEL: define void @window(
; CHECK-NOT: shfl.sync
; CHECK: %chain = call i128 @__tx_shfl_chain.i128.i128(
; CHECK-NOT: shfl.sync
; CHECK: %lo2 = add i32
; CHECK-NEXT: %flag = add i32 %lo2, %prefix.flag
; CHECK: %hi2 = select i1 %head2
; CHECK-NEXT: %value = add i32 %hi2, %prefix.value
define void @window(ptr %out, i64 %pair, i32 %last, i32 %prefix.flag, i32 %prefix.value) {
  %lo = trunc i64 %pair to i32
  %hi.s = lshr i64 %pair, 32
  %hi = trunc i64 %hi.s to i32
  %s1.lo = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo, i32 1, i32 %last)
  %s1.hi = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi, i32 1, i32 %last)
  %lo1 = add i32 %lo, %s1.lo
  %head1 = icmp sgt i32 %lo, 0
  %sum1 = add i32 %hi, %s1.hi
  %hi1 = select i1 %head1, i32 %hi, i32 %sum1
  %s2.lo = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %lo1, i32 2, i32 %last)
  %lo2 = add i32 %lo1, %s2.lo
  %flag = add i32 %lo2, %prefix.flag
  %s2.hi = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %hi1, i32 2, i32 %last)
  %head2 = icmp sgt i32 %lo1, 0
  %sum2 = add i32 %hi1, %s2.hi
  %hi2 = select i1 %head2, i32 %hi1, i32 %sum2
  %value = add i32 %hi2, %prefix.value
  store i32 %flag, ptr %out
  %p = getelementptr i32, ptr %out, i32 1
  store i32 %value, ptr %p
  ret void
}

declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)

!nvvm.annotations = !{!0}
!0 = !{ptr @window, !"kernel", i32 1}
