; A block function takes its kernel's "prefer-vector-width"
; (PreferVectorWidth). A fixed-width thread loop is interleaved twice only
; where a row of the block fills two vectors of floats: 16 threads with
; 512-bit vectors are one vector, and interleaved twice the vector body
; would need 32 threads before it ran at all. With 256-bit vectors, 32
; threads at 512 bits, or no attribute (another target, or LLVM's own
; tuning), it is interleaved.
; RUN: %tx-opt -passes=tx-workitem-loops,verify -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_row16_zmm.x16(
; CHECK-SAME:    [[ZMM:#[0-9]+]]
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[ONCE:[0-9]+]]
; CHECK-LABEL: define internal void @__txblk_row32_zmm.x32(
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[TWICE32:[0-9]+]]
; CHECK-LABEL: define internal void @__txblk_row16_ymm.x16(
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[TWICE16:[0-9]+]]
; CHECK-LABEL: define internal void @__txblk_row16_default.x16(
; CHECK:         br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[DEFAULT:[0-9]+]]

; CHECK:       attributes [[ZMM]] = { noinline nounwind "prefer-vector-width"="512" }

; CHECK:       ![[TWICE:[0-9]+]] = !{!"llvm.loop.interleave.count", i32 2}
; CHECK:       ![[ONCE]] = distinct !{![[ONCE]], !{{[0-9]+}}, !{{[0-9]+}}, !{{[0-9]+}}, ![[NOUNROLL:[0-9]+]], !{{[0-9]+}}}
; CHECK:       ![[NOUNROLL]] = !{!"llvm.loop.unroll.disable"}
; CHECK:       ![[TWICE32]] = distinct !{![[TWICE32]], !{{[0-9]+}}, !{{[0-9]+}}, !{{[0-9]+}}, ![[TWICE]], ![[NOUNROLL]], !{{[0-9]+}}}
; CHECK:       ![[TWICE16]] = distinct !{![[TWICE16]], !{{[0-9]+}}, !{{[0-9]+}}, !{{[0-9]+}}, ![[TWICE]], ![[NOUNROLL]], !{{[0-9]+}}}
; CHECK:       ![[DEFAULT]] = distinct !{![[DEFAULT]], !{{[0-9]+}}, !{{[0-9]+}}, !{{[0-9]+}}, ![[TWICE]], ![[NOUNROLL]], !{{[0-9]+}}}

define void @row16_zmm(ptr %x) #0 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  %v = load float, ptr %p
  %d = fmul float %v, 2.0
  store float %d, ptr %p
  ret void
}

define void @row32_zmm(ptr %x) #1 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  %v = load float, ptr %p
  %d = fmul float %v, 2.0
  store float %d, ptr %p
  ret void
}

define void @row16_ymm(ptr %x) #2 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  %v = load float, ptr %p
  %d = fmul float %v, 2.0
  store float %d, ptr %p
  ret void
}

define void @row16_default(ptr %x) #3 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  %v = load float, ptr %p
  %d = fmul float %v, 2.0
  store float %d, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

attributes #0 = { "tx-launch-width"="16" "prefer-vector-width"="512" }
attributes #1 = { "tx-launch-width"="32" "prefer-vector-width"="512" }
attributes #2 = { "tx-launch-width"="16" "prefer-vector-width"="256" }
attributes #3 = { "tx-launch-width"="16" }

!nvvm.annotations = !{!0, !1, !2, !3}
!0 = !{ptr @row16_zmm, !"kernel", i32 1}
!1 = !{ptr @row32_zmm, !"kernel", i32 1}
!2 = !{ptr @row16_ymm, !"kernel", i32 1}
!3 = !{ptr @row16_default, !"kernel", i32 1}
