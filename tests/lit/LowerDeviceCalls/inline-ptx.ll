; Inline PTX that reaches this pass untranslated (TranslateInlinePTX runs
; first in txcc's pipeline) is an error naming the instruction and its
; source line; an empty asm (a compiler barrier) is accepted.
; RUN: %not %tx-opt -passes=tx-lower-device-calls -S %s 2>&1 | %FileCheck %s

define i32 @lane() !dbg !4 {
  call void asm sideeffect "", "~{memory}"(), !dbg !7
  %l = call i32 asm "mov.u32 $0, %laneid;", "=r"(), !dbg !8
  ret i32 %l
}

; CHECK: lane.cu:3:7: error: inline PTX assembly ('mov.u32 $0, %laneid') is not supported on the CPU backend
; CHECK-NOT: error

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "lane.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "lane", scope: !1, file: !1, line: 1, type: !5, unit: !0, spFlags: DISPFlagDefinition)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!7 = !DILocation(line: 2, column: 3, scope: !4)
!8 = !DILocation(line: 3, column: 7, scope: !4)
