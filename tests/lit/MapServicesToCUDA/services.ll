; Tongxin's device services become CUDA's on the PTX path: assert gets the
; driver's __assertfail, trap llvm.trap, operator new and delete the device
; heap's malloc and free, and the grid barrier a barrier on the workspace of
; the driver's cooperative launch.
; RUN: %tx-opt -passes=tx-map-services-cuda -S %s | %FileCheck %s

@msg = private constant [2 x i8] c"m\00"

define void @f(i64 %n) {
  call void @__tx_assert_fail(ptr @msg, ptr @msg, i32 7, ptr @msg)
  %p = call ptr @_Znam(i64 %n)
  call void @_ZdaPv(ptr %p)
  call void @__tx_grid_barrier()
  ret void
}

declare void @__tx_assert_fail(ptr, ptr, i32, ptr)
declare ptr @_Znam(i64)
declare void @_ZdaPv(ptr)
declare void @__tx_grid_barrier()

; CHECK-LABEL: define void @f(
; CHECK-NEXT: call void @__assertfail(ptr @msg, ptr @msg, i32 7, ptr @msg, i64 1)
; CHECK-NEXT: %[[P:[0-9]+]] = call ptr @malloc(i64 %n)
; CHECK-NEXT: call void @free(ptr %[[P]])
; CHECK-NEXT: call void @__tx_cuda_grid_sync()
; CHECK-NOT: @_Znam

; The block syncs, its first thread arrives at the barrier word (the
; workspace address from %envreg1:%envreg2, plus 4) and waits for its top
; bit to flip, and the block syncs again.
; CHECK-LABEL: define internal void @__tx_cuda_grid_sync()
; CHECK: call void @llvm.nvvm.barrier0()
; CHECK: arrive:
; CHECK: select i1 %{{.*}}, i32 %{{.*}}, i32 1
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.envreg2()
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.envreg1()
; CHECK: %[[OLD:.*]] = atomicrmw add ptr %[[WORD:.*]], i32 %{{.*}} monotonic
; CHECK: wait:
; CHECK: %[[NOW:.*]] = load volatile i32, ptr %[[WORD]]
; CHECK: xor i32 %[[OLD]], %[[NOW]]
; CHECK: and i32 %{{.*}}, -2147483648
; CHECK: done:
; CHECK-NEXT: call void @llvm.nvvm.barrier0()
