; A kernel with a merged twin (MergeBlocks) is recorded with a block function
; that runs spans of blocks: four at a time through the twin (its blocks of
; 1024 threads, blockDim.x set to 1024 around the call) while the block is
; 256 x 1 x 1 and four are left, the rest one at a time through the
; kernel's own block function. The record asks for spans (flag 4). The
; twin is small enough for a fixed-width version, the only one it gets: only
; merged blocks run it.
; RUN: %tx-opt -passes=tx-merge-blocks,tx-workitem-loops -S %s | %FileCheck %s

; CHECK-NOT: define internal void @__txblk_sum.merged(
; CHECK: define internal void @__txblk_sum.merged.x1024(ptr %args, ptr noalias %ctx)
; CHECK-NOT: define internal void @__txblk_sum.merged(
; CHECK-LABEL: define internal void @__txblk_sum.spans(ptr %args, ptr noalias %ctx)
; CHECK:       entry:
; CHECK:         %ctaid.x = load i32
; CHECK:         %span.x = load i32
; CHECK:         %span.end = add i32 %ctaid.x, %span.x
; CHECK:         %ntid.x = load i32
; CHECK:         icmp eq i32 %ntid.x, 256
; CHECK:       merged:
; CHECK:         icmp uge i32 %{{.*}}, 4
; CHECK:       merged.run:
; CHECK:         store i32 %merged.first
; CHECK:         store i32 1024
; CHECK-NEXT:    call void @__txblk_sum.merged.x1024(ptr %args, ptr %ctx)
; CHECK:         store i32 256
; CHECK:       single.run:
; CHECK:         store i32 %single.block
; CHECK-NEXT:    call void @__txblk_sum(ptr %args, ptr %ctx)
; CHECK: !tx.kernels = !{![[RECORD:[0-9]+]]}
; CHECK: ![[RECORD]] = !{ptr @__txblk_sum.spans, !"sum", i64 0, i32 4,

target triple = "x86_64-pc-linux-gnu"

define void @sum(ptr %in, ptr %out, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %done

body:
  %p = getelementptr float, ptr %in, i32 %i
  %v = load float, ptr %p
  %q = getelementptr float, ptr %out, i32 %i
  store float %v, ptr %q
  %i.next = add i32 %i, %step
  br label %loop

done:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()

attributes #0 = { "tx-launch-width"="256" }

!nvvm.annotations = !{!0}
!0 = !{ptr @sum, !"kernel", i32 1}
