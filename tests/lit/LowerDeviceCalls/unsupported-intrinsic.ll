; An NVVM intrinsic the CPU backend cannot honour is an error that names it
; and its source line.
; RUN: %not %tx-opt -passes=tx-lower-device-calls -S %s 2>&1 | %FileCheck %s

define i32 @smid() !dbg !4 {
  %t = call i32 @llvm.nvvm.read.ptx.sreg.smid(), !dbg !7
  ret i32 %t
}

declare i32 @llvm.nvvm.read.ptx.sreg.smid()

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "smid.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "smid", scope: !1, file: !1, line: 1, type: !5, unit: !0, spFlags: DISPFlagDefinition)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!7 = !DILocation(line: 2, column: 12, scope: !4)

; CHECK: smid.cu:2:12: error: CUDA device intrinsic 'llvm.nvvm.read.ptx.sreg.smid' is not supported on the CPU backend
