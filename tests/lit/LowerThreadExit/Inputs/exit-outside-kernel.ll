; A recursive device function keeps its exit (see ../exit.ll).
define void @walk(i32 %n) !dbg !4 {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %stop, label %more
stop:
  call void @__tx_thread_exit(), !dbg !7
  unreachable
more:
  %m = sub i32 %n, 1
  call void @walk(i32 %m), !dbg !8
  ret void
}

declare void @__tx_thread_exit() noreturn

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "rec.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "walk", scope: !1, file: !1, line: 1, type: !5, unit: !0)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!7 = !DILocation(line: 4, column: 3, scope: !4)
!8 = !DILocation(line: 6, column: 3, scope: !4)
