; Kernels of 16x16 blocks: a loop that reads memory indexed by threadIdx.x
; (a naive matrix product's k loop) merges four blocks along x into a block
; of 64x16; a kernel without such a loop (a stencil point per thread, or a
; loop that only reads a value the same for the whole row) is not merged.
; RUN: %tx-opt -passes=tx-merge-blocks -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @matmul.merged(
; CHECK-SAME:  #[[TWIN:[0-9]+]]
; CHECK-NOT:     udiv
; CHECK:         %[[BX:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
; CHECK-NEXT:    %[[LEAD:.*]] = mul i32 %[[BX]], 16
; CHECK-NEXT:    %[[T:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %col = add i32 %[[LEAD]], %[[T]]
; CHECK-NOT:     udiv
; CHECK:         ret void
; CHECK-NOT:   define internal void @point.merged(
; CHECK-NOT:   define internal void @row_values.merged(
define void @matmul(ptr %a, ptr %b, ptr %c, i32 %k) #0 {
entry:
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %by = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %nty = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %colbase = mul i32 %bx, %ntx
  %col = add i32 %colbase, %tx
  %rowbase = mul i32 %by, %nty
  %row = add i32 %rowbase, %ty
  %arow = mul i32 %row, %k
  br label %loop

loop:
  %kk = phi i32 [ 0, %entry ], [ %kk.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %ai = add i32 %arow, %kk
  %ap = getelementptr float, ptr %a, i32 %ai
  %av = load float, ptr %ap
  %bi0 = mul i32 %kk, 512
  %bi = add i32 %bi0, %col
  %bp = getelementptr float, ptr %b, i32 %bi
  %bv = load float, ptr %bp
  %prod = fmul float %av, %bv
  %sum.next = fadd float %sum, %prod
  %kk.next = add i32 %kk, 1
  %more = icmp slt i32 %kk.next, %k
  br i1 %more, label %loop, label %done

done:
  %ci0 = mul i32 %row, 512
  %ci = add i32 %ci0, %col
  %cp = getelementptr float, ptr %c, i32 %ci
  store float %sum.next, ptr %cp
  ret void
}

define void @point(ptr %a) #0 {
entry:
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %colbase = mul i32 %bx, %ntx
  %col = add i32 %colbase, %tx
  %p = getelementptr float, ptr %a, i32 %col
  store float 1.0, ptr %p
  ret void
}

define void @row_values(ptr %a, ptr %out, i32 %k) #0 {
entry:
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  br label %loop

loop:
  %kk = phi i32 [ 0, %entry ], [ %kk.next, %loop ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %loop ]
  %ai = add i32 %ty, %kk
  %ap = getelementptr float, ptr %a, i32 %ai
  %av = load float, ptr %ap
  %sum.next = fadd float %sum, %av
  %kk.next = add i32 %kk, 1
  %more = icmp slt i32 %kk.next, %k
  br i1 %more, label %loop, label %done

done:
  %p = getelementptr float, ptr %out, i32 %tx
  store float %sum.next, ptr %p
  ret void
}

; CHECK: attributes #[[TWIN]] = { "tx-launch-rows"="16,1" "tx-launch-width"="64" "tx-merges-blocks"="4" }

declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()

attributes #0 = { "tx-launch-width"="16" "tx-launch-rows"="16,1" }

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @matmul, !"kernel", i32 1}
!1 = !{ptr @point, !"kernel", i32 1}
!2 = !{ptr @row_values, !"kernel", i32 1}
