; Dynamic parallelism's device-side launch API is declared (CCCL's sources
; name it) but a call of it is an error at its source line.
; RUN: %not %tx-opt -passes=tx-lower-device-calls -S %s 2>&1 | %FileCheck %s

define void @f() !dbg !4 {
  %b = call ptr @cudaGetParameterBuffer(i64 64, i64 16), !dbg !7
  ret void
}

declare ptr @cudaGetParameterBuffer(i64, i64)

; CHECK: launch.cu:9:5: error: 'cudaGetParameterBuffer' (a kernel launch from device code, dynamic parallelism) is not supported on the CPU backend

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "launch.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !5, unit: !0)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!7 = !DILocation(line: 9, column: 5, scope: !4)
