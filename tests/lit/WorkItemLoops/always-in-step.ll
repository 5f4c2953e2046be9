; A block that provably stays in step -- it starts in step, every region
; sends all its threads the same way out (here: a barrier in a loop whose
; counter is uniform), no thread returns early, nothing depends on whole
; warps -- never runs a region's general version. Each region keeps only
; its in-step loop nest, entered through a test of the step that would
; trap with a message (the optimiser folds it: nothing sets the block out
; of step). No dispatch either: each region goes straight on to the next,
; here (two ways out, the loop's test) on the state its threads recorded
; together, trapping should they differ (only a general version, run
; where whole-warp rows fail, could make them). A kernel whose threads
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

define void @straight(ptr %data) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %data, i64 %t64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %q = getelementptr float, ptr %data, i64 0
  %v = load float, ptr %q
  store float %v, ptr %p
  ret void
}

define void @count(ptr %data) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %data, i64 %t64
  %v = load i32, ptr %p
  %c = call i32 @llvm.nvvm.barrier0.popc(i32 %v)
  store i32 %c, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.barrier0.popc(i32)
declare float @llvm.nvvm.shfl.sync.down.f32(i32, float, i32, i32)

!nvvm.annotations = !{!0, !1, !2, !3, !4}
!0 = !{ptr @tree, !"kernel", i32 1}
!1 = !{ptr @divergent, !"kernel", i32 1}
!2 = !{ptr @with_shuffle, !"kernel", i32 1}
!3 = !{ptr @straight, !"kernel", i32 1}
!4 = !{ptr @count, !"kernel", i32 1}

; CHECK: @[[MESSAGE:[0-9]+]] = {{.*}}c"internal error: the block left step at a barrier the compiler proved uniform (please report)\00"
; CHECK-LABEL: define internal void @__txblk_tree(
; CHECK-NOT: .general
; CHECK-NOT: dispatch
; CHECK: r0.next:
; CHECK-NEXT: %[[N0:next[0-9]*]] = load i32, ptr %next.state
; CHECK-NEXT: %[[L0:last[0-9]*]] = load i32, ptr %last.state
; CHECK-NEXT: %[[SAME0:[0-9]+]] = icmp eq i32 %[[N0]], %[[L0]]
; CHECK-NEXT: br i1 %[[SAME0]], label %r0.next.pick, label %out.of.step
; CHECK: r1.pre:
; CHECK: br i1 %in.step{{[0-9]*}}, label %r1.z.cells, label %out.of.step{{$}}
; CHECK-NOT: .general
; CHECK: out.of.step:
; CHECK-NEXT: call void @__tx_trap(ptr @[[MESSAGE]])
; CHECK-NEXT: unreachable
; CHECK: r0.next.pick:
; CHECK-NEXT: switch i32 %[[N0]], label %out.of.step [
; CHECK-NEXT: i32 2147483647, label %done
; CHECK-NEXT: i32 1, label %r1.pre
; CHECK-NEXT: ]
; CHECK: r1.next.pick:
; CHECK-NEXT: switch i32 %{{next[0-9]*}}, label %out.of.step [
; CHECK-NEXT: i32 2147483647, label %done
; CHECK-NEXT: i32 1, label %r1.pre
; CHECK-NEXT: ]
; CHECK-NOT: dispatch
; CHECK-NOT: reg2mem.spread
; CHECK-LABEL: define internal void @__txblk_divergent(
; CHECK-NOT: out.of.step
; CHECK: dispatch:
; CHECK: switch i32 %next
; CHECK: r1.check:
; CHECK: %state.cur{{[0-9]*}} = load i32
; CHECK-NOT: out.of.step
; CHECK-LABEL: define internal void @__txblk_with_shuffle(
; CHECK-NOT: out.of.step
; CHECK: r1.check:
; CHECK: %state.cur{{[0-9]*}} = load i32
; CHECK-NOT: out.of.step
; A region with one way out jumps there: the barrier's region, then the
; return.
; CHECK-LABEL: define internal void @__txblk_straight(
; CHECK-NOT: dispatch
; CHECK: r0.next:
; CHECK-NEXT: br label %r1.pre
; CHECK: r1.next:
; CHECK-NEXT: br label %done
; CHECK-NOT: dispatch
; __syncthreads_count: the jump goes to the next region's preheader, which
; still hands the barrier's count over to the region and re-arms it.
; CHECK-LABEL: define internal void @__txblk_count(
; CHECK-NOT: dispatch
; CHECK: r0.next:
; CHECK-NEXT: br label %r1.pre
; CHECK: r1.pre:
; CHECK-NEXT: %[[COUNT:[0-9]+]] = load i32, ptr %barrier.acc
; CHECK-NEXT: store i32 %[[COUNT]], ptr %barrier.res
; CHECK-NEXT: store i32 0, ptr %barrier.acc
; CHECK-NOT: dispatch
