; A run-time-sized local array in a kernel is named at compile time, with
; its source line, instead of being miscompiled.
; RUN: %not %tx-opt -passes=tx-workitem-loops -S %s 2>&1 | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @vla(i32 %n) !dbg !5 {
  %buf = alloca float, i32 %n, !dbg !8
  call void @llvm.nvvm.barrier0()
  ret void
}

declare void @llvm.nvvm.barrier0()

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!nvvm.annotations = !{!4}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "vla.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{ptr @vla, !"kernel", i32 1}
!5 = distinct !DISubprogram(name: "vla", scope: !1, file: !1, line: 3, type: !6, unit: !0, spFlags: DISPFlagDefinition)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 9, scope: !5)

; CHECK: vla.cu:4:9: error: variable-sized local arrays are not supported in kernels
