; Tongxin's device services become CUDA's on the PTX path: assert gets the
; driver's __assertfail, trap and the grid barrier trap, operator new and
; delete become the device heap's malloc and free.
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
; CHECK-NEXT: call void @llvm.trap()
; CHECK-NOT: __tx_
; CHECK-NOT: @_Znam
