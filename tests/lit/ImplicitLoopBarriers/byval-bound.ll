; A loop whose bounds come from a by-value struct parameter of the kernel
; (CUB's GridEvenShare, a user's range struct): loads from a parameter that
; no thread writes are the same in every thread, so the loop is uniform and
; gets implicit barriers. If the kernel writes the parameter, what a thread
; loads from it may differ (CopyByValArguments gives such a parameter a copy
; per thread): no barriers.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

%struct.Range = type { i32, i32 }

; CHECK-LABEL: define void @read_only(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i32 {{.*}}, !tx.lockstep
; CHECK:         call void @__tx_implicit_barrier()
; CHECK:       done:
; CHECK:         call void @__tx_implicit_barrier()
define void @read_only(ptr byval(%struct.Range) align 4 %range, ptr %x,
                       ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %begin = load i32, ptr %range
  %end.p = getelementptr inbounds %struct.Range, ptr %range, i32 0, i32 1
  %end = load i32, ptr %end.p
  br label %loop

loop:
  %i = phi i32 [ %begin, %entry ], [ %i.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %row = mul i32 %i, 256
  %at = add i32 %row, %tid
  %at64 = sext i32 %at to i64
  %p = getelementptr inbounds float, ptr %x, i64 %at64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %i.next = add i32 %i, 1
  %again = icmp slt i32 %i.next, %end
  br i1 %again, label %loop, label %done

done:
  %t64 = sext i32 %tid to i64
  %o = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum.next, ptr %o
  ret void
}

; CHECK-LABEL: define void @written(
; CHECK-NOT:   __tx_implicit_barrier
; CHECK:       ret void
define void @written(ptr byval(%struct.Range) align 4 %range, ptr %x,
                     ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  store i32 %tid, ptr %range
  %begin = load i32, ptr %range
  %end.p = getelementptr inbounds %struct.Range, ptr %range, i32 0, i32 1
  %end = load i32, ptr %end.p
  br label %loop

loop:
  %i = phi i32 [ %begin, %entry ], [ %i.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %row = mul i32 %i, 256
  %at = add i32 %row, %tid
  %at64 = sext i32 %at to i64
  %p = getelementptr inbounds float, ptr %x, i64 %at64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %i.next = add i32 %i, 1
  %again = icmp slt i32 %i.next, %end
  br i1 %again, label %loop, label %done

done:
  %t64 = sext i32 %tid to i64
  %o = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum.next, ptr %o
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @read_only, !"kernel", i32 1}
!1 = !{ptr @written, !"kernel", i32 1}
