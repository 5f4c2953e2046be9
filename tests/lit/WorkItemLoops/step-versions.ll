; Which regions get an in-step and a general version when they read no
; uniform value (RegionVersions.cpp, stepVersionsFor). After a warp
; shuffle the region's body reads lane slots (accesses that are not all
; thread-parallel): left as one loop nest, the optimiser unswitched it on
; the step and vectorised both copies, the out-of-step one with its stores
; predicated lane by lane. It gets our two versions, the general one
; scalar and rolled. After a barrier, a body of thread-parallel accesses
; only vectorises as one loop with the step as a mask: one version. After
; a barrier, a body with an atomic (not a plain access) gets two. The
; copies' instructions are named in tx-uncounted-instructions, so that they
; do not push the function past OptimizeLargeFunctionsForSize's threshold.
; (<general-versions>: the barrier kernels' blocks may well stay in step,
; which alone would need no general versions; always-in-step.ll.)
; RUN: %tx-opt -passes='tx-workitem-loops<general-versions>' -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

define void @after_shuffle(ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %v = mul i32 %tid, 3
  %r = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v, i32 1, i32 31)
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 %r, ptr %p
  ret void
}

define void @after_barrier(ptr %in, ptr %out) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %in, i64 %t64
  %x = load float, ptr %p
  %x2 = fmul float %x, 2.0
  store float %x2, ptr %p
  call void @llvm.nvvm.barrier0()
  %q = getelementptr float, ptr %out, i64 %t64
  %y = load float, ptr %p
  store float %y, ptr %q
  ret void
}

define void @atomic_after_barrier(ptr %in, ptr %count) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr %in, i64 %t64
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %y = load float, ptr %p
  %yi = fptosi float %y to i32
  %old = atomicrmw add ptr %count, i32 %yi monotonic
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @after_shuffle, !"kernel", i32 1}
!1 = !{ptr @after_barrier, !"kernel", i32 1}
!2 = !{ptr @atomic_after_barrier, !"kernel", i32 1}

; CHECK: define internal void @__txblk_after_shuffle(ptr %args, ptr noalias %ctx) [[SHUFFLE_ATTRS:#[0-9]+]]
; CHECK-LABEL: r1.x.latch:
; CHECK-NEXT: add
; CHECK-NEXT: icmp
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x, label %r1.y.latch, !llvm.loop ![[STEP_X:[0-9]+]]
; CHECK-LABEL: r1.x.latch.general:
; CHECK-NEXT: add
; CHECK-NEXT: icmp
; CHECK-NEXT: br i1 %{{[0-9]+}}, label %r1.x.general, label %r1.y.latch.general, !llvm.loop ![[GEN_X:[0-9]+]]
; CHECK: define internal void @__txblk_after_barrier(ptr %args, ptr noalias %ctx) [[BARRIER_ATTRS:#[0-9]+]]
; CHECK-NOT: .general:
; CHECK: r1.x.latch:
; CHECK-NOT: .general:
; CHECK: ret void
; CHECK: define internal void @__txblk_atomic_after_barrier(ptr %args, ptr noalias %ctx) [[ATOMIC_ATTRS:#[0-9]+]]
; CHECK: atomicrmw add
; CHECK: r1.x.general:
; CHECK: atomicrmw add
; CHECK-DAG: attributes [[SHUFFLE_ATTRS]] = { nounwind "tx-uncounted-instructions"="{{[1-9][0-9]*}}" }
; CHECK-DAG: attributes [[BARRIER_ATTRS]] = { nounwind }
; CHECK-DAG: attributes [[ATOMIC_ATTRS]] = { nounwind "tx-uncounted-instructions"="{{[1-9][0-9]*}}" }
; CHECK-DAG: ![[STEP_X]] = distinct !{![[STEP_X]], ![[RUNTIME:[0-9]+]], ![[LOWERING:[0-9]+]], ![[PARALLEL:[0-9]+]]}
; CHECK-DAG: ![[PARALLEL]] = !{!"llvm.loop.parallel_accesses", !{{[0-9]+}}}
; CHECK-DAG: ![[GEN_X]] = distinct !{![[GEN_X]], ![[SCALAR:[0-9]+]], ![[ROLLED:[0-9]+]]}
; CHECK-DAG: ![[SCALAR]] = !{!"llvm.loop.vectorize.enable", i1 false}
; CHECK-DAG: ![[ROLLED]] = !{!"llvm.loop.unroll.disable"}
