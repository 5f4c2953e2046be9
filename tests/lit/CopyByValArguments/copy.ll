; A kernel's by-value struct parameters: one it writes (through a callee,
; as CUB's GridEvenShare::BlockInit does) gets a local copy per thread at
; the top of the kernel, which SROA can then promote; one it only reads
; (loads, a memcpy out of it) stays in the launch's shared argument buffer.
; A device function's by-value parameter is not a kernel's: untouched.
; RUN: %tx-opt -passes=tx-copy-byval-args -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

%struct.Share = type { i32, i32 }

; CHECK-LABEL: define void @kernel(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %share.copy = alloca %struct.Share, align 4
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 4 %share.copy, ptr align 4 %share, i64 8, i1 false)
; CHECK-NOT:     %params.copy
; CHECK:         call void @init(ptr %share.copy)
; CHECK:         getelementptr inbounds %struct.Share, ptr %share.copy, i32 0, i32 1
; CHECK:         getelementptr inbounds %struct.Share, ptr %params, i32 0, i32 1
; CHECK:         call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr %params, i64 8, i1 false)
define void @kernel(ptr byval(%struct.Share) align 4 %share,
                    ptr byval(%struct.Share) align 4 %params, ptr %out) {
entry:
  %local = alloca %struct.Share
  call void @init(ptr %share)
  %end.p = getelementptr inbounds %struct.Share, ptr %share, i32 0, i32 1
  %end = load i32, ptr %end.p
  %n.p = getelementptr inbounds %struct.Share, ptr %params, i32 0, i32 1
  %n = load i32, ptr %n.p
  call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr %params, i64 8, i1 false)
  %sum = add i32 %end, %n
  store i32 %sum, ptr %out
  ret void
}

; CHECK-LABEL: define void @init(
; CHECK-NOT:     alloca
define void @init(ptr %s) {
  store i32 7, ptr %s
  ret void
}

; CHECK-LABEL: define void @helper(
; CHECK-NOT:     alloca
define void @helper(ptr byval(%struct.Share) align 4 %s) {
  store i32 1, ptr %s
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!nvvm.annotations = !{!0}
!0 = !{ptr @kernel, !"kernel", i32 1}
