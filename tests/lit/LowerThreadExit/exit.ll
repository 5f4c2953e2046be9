; PTX's exit, once inlined into its kernel, is a return from the kernel;
; left in a function that could not be inlined it is an error.
; RUN: %tx-opt -passes=tx-lower-thread-exit -S %s | %FileCheck %s
; RUN: %not %tx-opt -passes=tx-lower-thread-exit -S %S/Inputs/exit-outside-kernel.ll 2>&1 | %FileCheck %s --check-prefix=ERR

define void @k(ptr %p, i1 %done) {
entry:
  br i1 %done, label %leave, label %work
leave:
  call void @__tx_thread_exit()
  unreachable
work:
  store i32 1, ptr %p
  ret void
}

declare void @__tx_thread_exit() noreturn

!nvvm.annotations = !{!0}
!0 = !{ptr @k, !"kernel", i32 1}

; CHECK-LABEL: define void @k(
; CHECK: leave:
; CHECK-NEXT: ret void
; CHECK-NOT: __tx_thread_exit

; ERR: rec.cu:4:3: error: PTX 'exit' in a device function that cannot be inlined into its kernel (a recursive one) is not supported on the CPU backend
