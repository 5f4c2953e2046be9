; A kernel marked with the block width its launches use (LaunchWidths.h) is
; lowered twice: the general block function, which the runtime calls and
; !tx.kernels records, first hands blocks of that width to a version whose
; x loops run to the constant (never inlined into it). Thread loops of a
; narrow fixed width are kept rolled until the vectoriser has seen them.
; The version gets debug info of its own.
; RUN: %tx-opt -passes=tx-workitem-loops,verify -S %s | %FileCheck %s
; With wrapped rows (row-loops.ll) its loops stay valid IR:
; RUN: %tx-opt -passes='tx-workitem-loops<wrapped-rows>,verify' -S %s -o /dev/null

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_scale(ptr %args, ptr noalias %ctx)
; CHECK-NEXT:  launch.width:
; CHECK:         %[[FIELD:.*]] = getelementptr inbounds i8, ptr %ctx, i64 24
; CHECK-NEXT:    %[[X:.*]] = load i32, ptr %[[FIELD]], align 4
; CHECK-NEXT:    %[[IS:.*]] = icmp eq i32 %[[X]], 16
; CHECK-NEXT:    br i1 %[[IS]], label %launch.width.fixed, label %entry
; CHECK:       launch.width.fixed:
; CHECK-NEXT:    tail call void @__txblk_scale.x16(ptr %args, ptr %ctx)
; CHECK-NEXT:    ret void
; CHECK:         icmp ult i32 %{{.*}}, %ntid.x
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[GENERAL:[0-9]+]]
; CHECK:       }

; CHECK-LABEL: define internal void @__txblk_scale.x16(
; CHECK-SAME:    ptr %args, ptr noalias %ctx) #[[KEEP:[0-9]+]] !dbg ![[SP:[0-9]+]]
; CHECK-NOT:     launch.width
; CHECK:         icmp ult i32 %{{.*}}, 16
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[ROLLED:[0-9]+]]
; CHECK:       }

; A wider block keeps the optimiser's unrolling; a kernel with a barrier gets
; its version too. The general function's allocas stay in its entry block.
; CHECK-LABEL: define internal void @__txblk_wide(
; CHECK-NEXT:  launch.width:
; CHECK-NEXT:    %next.state = alloca i32
; CHECK:         icmp eq i32 %{{.*}}, 256
; CHECK:         tail call void @__txblk_wide.x256(ptr %args, ptr %ctx)
; CHECK-LABEL: define internal void @__txblk_wide.x256(
; CHECK:         icmp ult i32 %{{.*}}, 256
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.x, label %r0.y.latch, !llvm.loop ![[WIDE:[0-9]+]]
; CHECK:         icmp ult i32 %{{.*}}, 256
; CHECK-NEXT:    br i1 %{{.*}}, label %r1.x, label %r1.y.latch

; A kernel that runs spans of blocks (2-D, no barriers) gets its version
; too, with the span loop around its fixed x loop.
; CHECK-LABEL: define internal void @__txblk_rows(
; CHECK-NEXT:  launch.width:
; CHECK:         tail call void @__txblk_rows.x256(ptr %args, ptr %ctx)
; CHECK-LABEL: define internal void @__txblk_rows.x256(
; CHECK:         %ctaid.x.span = phi i32
; CHECK:         icmp ult i32 %{{.*}}, 256
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.x, label %r0.bx.latch
; CHECK:         icmp ult i32 %{{.*}}, %span.end
; CHECK-NEXT:    br i1 %{{.*}}, label %r0.bx, label %r0.y.latch

; No mark, no version.
; CHECK-LABEL: define internal void @__txblk_plain(
; CHECK-NOT:     launch.width
; CHECK:       }
; CHECK-NOT:   define {{.*}}@__txblk_plain.x

; CHECK:       attributes #[[KEEP]] = { noinline nounwind }

; Only the general functions are registered.
; CHECK:       !tx.kernels = !{![[K1:[0-9]+]], ![[K2:[0-9]+]], ![[K3:[0-9]+]], ![[K4:[0-9]+]]}
; CHECK:       ![[K1]] = !{ptr @__txblk_scale, !"scale",
; CHECK:       ![[K2]] = !{ptr @__txblk_wide, !"wide",
; CHECK:       ![[K3]] = !{ptr @__txblk_rows, !"rows",
; CHECK:       ![[K4]] = !{ptr @__txblk_plain, !"plain",
; CHECK:       ![[GENERAL]] = distinct !{![[GENERAL]], ![[NORUNTIME:[0-9]+]], ![[LOWERING:[0-9]+]], ![[PAR:[0-9]+]], ![[TWICE:[0-9]+]]}
; CHECK:       ![[SP]] = distinct !DISubprogram(name: "scale"
; CHECK:       ![[ROLLED]] = distinct !{![[ROLLED]], ![[NORUNTIME]], ![[LOWERING]], !{{[0-9]+}}, ![[TWICE]], ![[NOUNROLL:[0-9]+]], ![[FOLLOWUP:[0-9]+]]}
; CHECK:       ![[NOUNROLL]] = !{!"llvm.loop.unroll.disable"}
; CHECK:       ![[FOLLOWUP]] = !{!"llvm.loop.vectorize.followup_all", ![[VEC:[0-9]+]]}
; CHECK:       ![[VEC]] = !{!"llvm.loop.isvectorized", i32 1}
; CHECK:       ![[WIDE]] = distinct !{![[WIDE]], ![[NORUNTIME]], ![[LOWERING]], !{{[0-9]+}}, ![[TWICE]]}

define void @scale(ptr %x) #0 !dbg !5 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x(), !dbg !8
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  %v = load float, ptr %p, !dbg !8
  %d = fmul float %v, 2.0
  store float %d, ptr %p, !dbg !8
  ret void
}

define void @wide(ptr %x) #1 {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  store float 1.0, ptr %p
  call void @llvm.nvvm.barrier0()
  %q = getelementptr inbounds float, ptr %p, i64 1
  store float 2.0, ptr %q
  ret void
}

define void @rows(ptr %x) #1 {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %ty = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %row = mul i32 %ty, 256
  %i = add i32 %row, %tx
  %i64 = zext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  store float 1.0, ptr %p
  ret void
}

define void @plain(ptr %x) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i
  store float 1.0, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare void @llvm.nvvm.barrier0()

attributes #0 = { "tx-launch-width"="16" }
attributes #1 = { "tx-launch-width"="256" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!nvvm.annotations = !{!4, !9, !11, !10}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "scale.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{ptr @scale, !"kernel", i32 1}
!5 = distinct !DISubprogram(name: "scale", scope: !1, file: !1, line: 3, type: !6, unit: !0, spFlags: DISPFlagDefinition)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 9, scope: !5)
!9 = !{ptr @wide, !"kernel", i32 1}
!10 = !{ptr @plain, !"kernel", i32 1}
!11 = !{ptr @rows, !"kernel", i32 1}
