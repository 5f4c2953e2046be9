; racecheck instrumentation: plain loads and stores of __shared__ memory
; (addresses from __tx_shared_base()) call the runtime first with their site,
; bytes, the thread's linear index and, for a store, the bits it writes.
; Atomics, the plain accesses LocalizeSharedAtomics made of atomics, and
; global memory are left alone. A constructor announces the check.
; RUN: %tx-opt -passes=tx-racecheck -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-DAG: @__tx_memcheck.site = private global { ptr, ptr, ptr, i32, i32, i32, i32 } { ptr @__tx_memcheck.empty, ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 0, i32 258, i32 1 }
; CHECK-DAG: @llvm.global_ctors = appending global {{.*}} @__tx_check_start.racecheck

; CHECK-LABEL: define void @kernel(
; The store: thread index x + ntid.x * (y + ntid.y * z), and the float's bits.
; CHECK:         %[[X:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK:         %[[BITS:.*]] = bitcast float %v to i32
; CHECK-NEXT:    %[[WIDE:.*]] = zext i32 %[[BITS]] to i64
; CHECK-NEXT:    call void @__tx_racecheck_access(ptr @__tx_memcheck.site, ptr %slot, i64 4, i32 %{{.*}}, i64 %[[WIDE]])
; CHECK-NEXT:    store float %v, ptr %slot
; The load passes no value.
; CHECK:         call void @__tx_racecheck_access(ptr @__tx_memcheck.site.{{[0-9]+}}, ptr %next, i64 4, i32 %{{.*}}, i64 0)
; CHECK-NEXT:    %r = load float, ptr %next
; CHECK-NOT:     __tx_racecheck_access
; CHECK:         atomicrmw add ptr %base
; CHECK:         store float %r, ptr %out
define void @kernel(ptr %out, float %v, i64 %i) {
  %base = call ptr @__tx_shared_base()
  %slot = getelementptr inbounds float, ptr %base, i64 %i
  store float %v, ptr %slot, align 4
  %j = add i64 %i, 1
  %next = getelementptr inbounds float, ptr %base, i64 %j
  %r = load float, ptr %next, align 4
  %old = atomicrmw add ptr %base, i32 1 monotonic
  %c = load i32, ptr %base, align 4, !tx.localized.atomic !0
  store float %r, ptr %out, align 4
  ret void
}

; CHECK-LABEL: define internal void @__tx_check_start.racecheck(
; CHECK:         call void @__tx_check_start(ptr @{{.*}})

declare ptr @__tx_shared_base()

!0 = !{}
