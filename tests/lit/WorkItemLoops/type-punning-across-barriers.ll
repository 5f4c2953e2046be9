; A barrier keeps every access on its side on a GPU; once the kernel is cut
; there, type-based alias analysis must not let a later region's load of
; shared memory move above an earlier region's store of the same bytes as
; another type (CUB counts digits as i16 and scans them as i32). Accesses
; to shared memory lose their !tbaa; those to a kernel parameter's buffer
; keep it.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @punned(ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %base = call ptr @__tx_shared_base()
  %i = zext i32 %tid to i64
  %counter = getelementptr inbounds i16, ptr %base, i64 %i
  store i16 1, ptr %counter, align 2, !tbaa !1
  call void @llvm.nvvm.barrier0()
  %word = getelementptr inbounds i32, ptr %base, i64 %i
  %packed = load i32, ptr %word, align 4, !tbaa !4
  %dst = getelementptr inbounds i32, ptr %out, i64 %i
  store i32 %packed, ptr %dst, align 4, !tbaa !4
  ret void
}

; CHECK-LABEL: define internal void @__txblk_punned(
; CHECK: store i16 1, ptr %counter.r0, align 2, !noalias
; CHECK: %packed.r1 = load i32, ptr %word.r1, align 4, !noalias
; CHECK: store i32 %packed.r1, ptr %dst.r1, align 4, !tbaa

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()
declare ptr @__tx_shared_base()

!nvvm.annotations = !{!0}
!0 = !{ptr @punned, !"kernel", i32 1}
!1 = !{!2, !2, i64 0}
!2 = !{!"short", !3, i64 0}
!3 = !{!"omnipotent char", !5, i64 0}
!4 = !{!6, !6, i64 0}
!5 = !{!"Simple C++ TBAA"}
!6 = !{!"int", !3, i64 0}
