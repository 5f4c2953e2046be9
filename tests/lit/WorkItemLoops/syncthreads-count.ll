; __syncthreads_count: each thread adds its predicate to a block counter
; before the cut; the next region reads the total and re-arms the counter.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @count(ptr %out, i32 %limit) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %pred = icmp ult i32 %tid, %limit
  %p32 = zext i1 %pred to i32
  %n = call i32 @llvm.nvvm.barrier0.popc(i32 %p32)
  %t64 = zext i32 %tid to i64
  %slot = getelementptr i32, ptr %out, i64 %t64
  store i32 %n, ptr %slot
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.barrier0.popc(i32)

!nvvm.annotations = !{!0}
!0 = !{ptr @count, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_count(
; CHECK: %barrier.acc = alloca i32
; CHECK: %barrier.res = alloca i32
; CHECK: store i32 0, ptr %barrier.acc
; CHECK: r0.x:
; CHECK: %[[OLD:[0-9]+]] = load i32, ptr %barrier.acc
; CHECK: add i32 %[[OLD]],
; CHECK: store i32 %{{[0-9]+}}, ptr %barrier.acc
; CHECK: r1.pre:
; CHECK-NEXT: %[[TOTAL:[0-9]+]] = load i32, ptr %barrier.acc
; CHECK-NEXT: store i32 %[[TOTAL]], ptr %barrier.res
; CHECK-NEXT: store i32 0, ptr %barrier.acc
; CHECK: r1.x:
; CHECK: %[[N:[0-9]+]] = load i32, ptr %barrier.res
; CHECK: store i32 %[[N]], ptr
; CHECK-NOT: __tx_barrier_
