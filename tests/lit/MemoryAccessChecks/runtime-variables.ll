; The runtime's own variables that the lowering reads (the limit on how
; many blocks ahead grid-stride rounds prefetch, GridStrideGuards) lie in
; no allocation: their reads are not checked, where a read of any other
; declared global is (looked up by the runtime).
; RUN: %tx-opt -passes=tx-memcheck -S %s | %FileCheck %s
; And so a grid-stride loop checked by memcheck reads the limit unchecked.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers,tx-memcheck -S %S/../ImplicitLoopBarriers/guarded-grid-stride.ll | %FileCheck --check-prefix=LOOP %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__tx_prefetch_blocks_ahead = external constant i32, align 4
@elsewhere = external global i32, align 4

; CHECK-LABEL: define i32 @reads_runtime_variable(
; CHECK-NOT:     memcheck
; CHECK:         ret i32
define i32 @reads_runtime_variable() {
entry:
  %v = load i32, ptr @__tx_prefetch_blocks_ahead, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @reads_declared_global(
; CHECK:         call void @__tx_memcheck_access(ptr @__tx_memcheck.site{{.*}}, ptr @elsewhere, i64 4)
define i32 @reads_declared_global() {
entry:
  %v = load i32, ptr @elsewhere, align 4
  ret i32 %v
}

; LOOP-LABEL: define void @dot(
; LOOP:          %tx.ahead.budget = mul
; LOOP-NEXT:     %tx.ahead.allowed = load i32, ptr @__tx_prefetch_blocks_ahead, align 4
; LOOP-NEXT:     zext i32 %tx.ahead.allowed to i64
