define void @unknown(i32 %x) {
  call void @llvm.nvvm.wmma.m99.mma.row.row.s8(i32 %x), !dbg !6
  ret void
}

declare void @llvm.nvvm.wmma.m99.mma.row.row.s8(i32)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "wmma.cu", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "unknown", scope: !1, file: !1, line: 1, type: !4, unit: !0, spFlags: DISPFlagDefinition)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 3, column: 5, scope: !3)
