; Threads of a block order their plain accesses only through atomics and
; barriers, so WorkItemLoops declares a thread loop free of dependences
; between threads (llvm.loop.parallel_accesses) over the program's plain
; loads and stores of memory threads share: the vectoriser then needs no
; runtime alias checks. Not tagged: volatile and atomic accesses, the plain
; accesses LocalizeSharedAtomics made of an atomic, accesses to the
; kernel's allocas (every thread of the loop reuses them), and nothing at
; all in a kernel where an alloca's address escapes. In a kernel with
; barriers, a thread's own scratch slot (its saved values and allocas) is
; tagged too (not the reads of other lanes' values that warp collectives
; make later, so a loop holding one is not taken as parallel).
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_copy_rows(
; CHECK:       r0.x.latch:
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop [[LOOP:![0-9]+]]
; CHECK:         load float, ptr %{{.*}}, !llvm.access.group [[GROUP:![0-9]+]]
; CHECK:         store float %{{.*}}, ptr %{{.*}}, !llvm.access.group [[GROUP]]
; CHECK:         load volatile i32, ptr %flag
; CHECK-NOT:     !llvm.access.group
; CHECK-SAME:    {{$}}
; CHECK:         load atomic i32, ptr %flag monotonic, align 4
; CHECK-NOT:     !llvm.access.group
; CHECK-SAME:    {{$}}
; CHECK:         load i32, ptr %bin, align 4, !tx.localized.atomic
; CHECK-NOT:     !llvm.access.group
; CHECK-SAME:    {{$}}
; CHECK:         store float %{{.*}}, ptr %tmp
; CHECK-NOT:     !llvm.access.group
; CHECK-SAME:    {{$}}
define void @copy_rows(ptr %out, ptr %in, ptr %flag, ptr %bin) {
entry:
  %tmp = alloca float, align 4
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx = zext i32 %tid to i64
  %p = getelementptr float, ptr %in, i64 %idx
  %v = load float, ptr %p, align 4
  %q = getelementptr float, ptr %out, i64 %idx
  store float %v, ptr %q, align 4
  %f = load volatile i32, ptr %flag, align 4
  %g = load atomic i32, ptr %flag monotonic, align 4
  %b = load i32, ptr %bin, align 4, !tx.localized.atomic !1
  store float %v, ptr %tmp, align 4
  ret void
}

; CHECK-LABEL: define internal void @__txblk_escaping_alloca(
; CHECK-NOT:     !llvm.access.group
; CHECK-NOT:     llvm.loop.parallel_accesses
; CHECK:       }
define void @escaping_alloca(ptr %out, ptr %slot) {
entry:
  %tmp = alloca float, align 4
  store ptr %tmp, ptr %slot, align 8
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx = zext i32 %tid to i64
  %q = getelementptr float, ptr %out, i64 %idx
  store float 1.0, ptr %q, align 4
  ret void
}

; The value live across the barrier is saved to and reloaded from the
; thread's own slot.
; CHECK-LABEL: define internal void @__txblk_saved_value(
; CHECK:       r0.x.latch:
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop [[LOOP0:![0-9]+]]
; CHECK:         store float %{{.*}}, ptr %{{.*}}.slot{{[0-9]*}}, align 4, {{.*}}!llvm.access.group [[GROUP2:![0-9]+]]
; CHECK:       r1.x.latch:
; CHECK:         br i1 %{{.*}}, label %r1.x, label %r1.y.latch, !llvm.loop
; CHECK:         load float, ptr %{{.*}}.slot{{[0-9]*}}, align 4, {{.*}}!llvm.access.group [[GROUP2]]
define void @saved_value(ptr %out, ptr %in) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx = zext i32 %tid to i64
  %p = getelementptr float, ptr %in, i64 %idx
  %v = load float, ptr %p, align 4
  call void @llvm.nvvm.barrier0()
  %q = getelementptr float, ptr %out, i64 %idx
  store float %v, ptr %q, align 4
  ret void
}

; copy_rows also holds accesses that are not tagged: parallel over the
; tagged ones, but not interleaved. saved_value's loops hold only tagged
; accesses, so they vectorise: interleaved twice.
; Neither is unrolled by a run-time trip count (copies of a thread loop's
; body, vectorised or not, cost compile time and buy nothing).
; CHECK-DAG: [[LOOP]] = distinct !{[[LOOP]], [[NORUNTIME:![0-9]+]], [[LOWERING:![0-9]+]], [[PARALLEL:![0-9]+]]}
; CHECK-DAG: [[NORUNTIME]] = !{!"llvm.loop.unroll.runtime.disable"}
; CHECK-DAG: [[LOWERING]] = !{!"tx.lowering.loop"}
; CHECK-DAG: [[PARALLEL]] = !{!"llvm.loop.parallel_accesses", [[GROUP]]}
; CHECK-DAG: [[GROUP]] = distinct !{}
; CHECK-DAG: [[LOOP0]] = distinct !{[[LOOP0]], [[NORUNTIME]], [[LOWERING]], [[PARALLEL2:![0-9]+]], [[TWICE:![0-9]+]]}
; CHECK-DAG: [[PARALLEL2]] = !{!"llvm.loop.parallel_accesses", [[GROUP2]]}
; CHECK-DAG: [[TWICE]] = !{!"llvm.loop.interleave.count", i32 2}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !2, !3}
!0 = !{ptr @copy_rows, !"kernel", i32 1}
!1 = !{}
!2 = !{ptr @escaping_alloca, !"kernel", i32 1}
!3 = !{ptr @saved_value, !"kernel", i32 1}
