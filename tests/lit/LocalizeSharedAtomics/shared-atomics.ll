; Atomics on a block's shared memory (offsets from __tx_shared_base) become
; plain load-operate-store sequences; atomics on global memory, or on a
; pointer that may be either, stay atomic. The plain accesses are marked
; (tx.localized.atomic): threads still meet there, so WorkItemLoops does not
; declare their thread loop free of dependences.
; RUN: %tx-opt -passes=tx-localize-shared-atomics -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @histogram(
; CHECK:         %bin = getelementptr inbounds i32, ptr %base, i64 %v64
; CHECK-NEXT:    [[OLD:%.*]] = load i32, ptr %bin, align 4, !tx.localized.atomic [[MARK:![0-9]+]]
; CHECK-NEXT:    [[NEW:%.*]] = add i32 [[OLD]], 1
; CHECK-NEXT:    store i32 [[NEW]], ptr %bin, align 4, !tx.localized.atomic [[MARK]]
; CHECK:         [[F:%.*]] = load float, ptr %fsum, align 4, !tx.localized.atomic [[MARK]]
; CHECK-NEXT:    fadd float [[F]], 2.000000e+00
; CHECK:         load i32, ptr %flag, align 4, !tx.localized.atomic [[MARK]]
; CHECK:         icmp eq i32
; CHECK:         select
; CHECK-NOT:     cmpxchg ptr %flag
; CHECK:         atomicrmw add ptr %global, i32 1
; CHECK:         atomicrmw add ptr %either, i32 1
; CHECK:         [[MARK]] = !{}
define void @histogram(ptr %global, i32 %v, i1 %c) {
entry:
  %base = call ptr @__tx_shared_base()
  %v64 = sext i32 %v to i64
  %bin = getelementptr inbounds i32, ptr %base, i64 %v64
  %old = atomicrmw add ptr %bin, i32 1 monotonic
  %fsum = getelementptr inbounds i8, ptr %base, i64 1024
  %f = atomicrmw fadd ptr %fsum, float 2.0 monotonic
  %flag = getelementptr inbounds i8, ptr %base, i64 1028
  %cas = cmpxchg ptr %flag, i32 0, i32 1 seq_cst seq_cst
  %g = atomicrmw add ptr %global, i32 1 monotonic
  %either = select i1 %c, ptr %bin, ptr %global
  %e = atomicrmw add ptr %either, i32 1 monotonic
  ret void
}

declare ptr @__tx_shared_base()

!nvvm.annotations = !{!0}
!0 = !{ptr @histogram, !"kernel", i32 1}
