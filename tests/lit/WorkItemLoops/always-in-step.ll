; A block that provably stays in step -- it starts in step, every region
; sends all its threads the same way out (here: a barrier in a loop whose
; counter is uniform), no thread returns early, nothing depends on whole
; warps -- never runs a region's general version. Each region keeps only
; its in-step loop nest; the block found out of step all the same would
; trap with a message instead of running it wrongly. A kernel whose threads
; may leave step (here: threads past n return before the barriers; or a
; warp collective, out of step in a partial warp) keeps its per-thread
; state checks.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @tree(ptr %data) {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %half = lshr i32 %ntid, 1
  br label %loop

loop:
  %s = phi i32 [ %half, %entry ], [ %next, %body ]
  %more = icmp ugt i32 %s, 0
  br i1 %more, label %body, label %exit

body:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %next = lshr i32 %s, 1
  br label %loop

exit:
  ret void
}

define void @divergent(ptr %data, i32 %n) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  %in = icmp ult i32 %tid, %n
  br i1 %in, label %sync, label %exit

sync:
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %v = load float, ptr %p
  %w = fadd float %v, %v
  store float %w, ptr %p
  call void @llvm.nvvm.barrier0()
  br label %exit

exit:
  ret void
}

define void @with_shuffle(ptr %data) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  %v = load float, ptr %p
  %s = call float @llvm.nvvm.shfl.sync.down.f32(i32 -1, float %v, i32 1, i32 31)
  store float %s, ptr %p
  call void @llvm.nvvm.barrier0()
  %w = load float, ptr %p
  %x = fadd float %w, %s
  store float %x, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()
declare float @llvm.nvvm.shfl.sync.down.f32(i32, float, i32, i32)

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @tree, !"kernel", i32 1}
!1 = !{ptr @divergent, !"kernel", i32 1}
!2 = !{ptr @with_shuffle, !"kernel", i32 1}

; CHECK: @[[MESSAGE:[0-9]+]] = {{.*}}c"internal error: the block left step at a barrier the compiler proved uniform (please report)\00"
; CHECK-LABEL: define internal void @__txblk_tree(
; CHECK-NOT: .general
; CHECK: r1.pre:
; CHECK: br i1 %in.step{{[0-9]*}}, label %r1.z.cells, label %out.of.step{{$}}
; CHECK-NOT: .general
; CHECK: out.of.step:
; CHECK-NEXT: call void @__tx_trap(ptr @[[MESSAGE]])
; CHECK-NEXT: unreachable
; CHECK-NOT: out.of.step
; CHECK-NOT: reg2mem.spread
; CHECK-LABEL: define internal void @__txblk_divergent(
; CHECK-NOT: out.of.step
; CHECK: r1.check:
; CHECK: %state.cur{{[0-9]*}} = load i32
; CHECK-NOT: out.of.step
; CHECK-LABEL: define internal void @__txblk_with_shuffle(
; CHECK-NOT: out.of.step
; CHECK: r1.check:
; CHECK: %state.cur{{[0-9]*}} = load i32
; CHECK-NOT: out.of.step
