; What has no CPU semantics, or is not PTX, is an error naming the
; instruction at the asm statement's source line; nothing is guessed.
; RUN: %not %tx-opt -passes=tx-translate-inline-ptx -S %s 2>&1 | %FileCheck %s

define void @f(ptr %p, i32 %v) !dbg !4 {
  %t = call i32 asm "tex.1d.v4.s32.s32 {$0, $0, $0, $0}, [$1, {$2}];", "=r,l,r"(ptr %p, i32 %v), !dbg !7
  call void asm sideeffect "bar.sync 1, 64;", ""(), !dbg !8
  %l = call i32 asm "ld.local.u32 $0, [$1];", "=r,l"(ptr %p), !dbg !9
  %u = call i32 asm "{ .reg .u32 v; sub.u32 $0, v, %tmp; }", "=r"(), !dbg !10
  %w = call i32 asm "mov.u32 $0, [oops;", "=r"(), !dbg !11
  %x = call i32 asm "lop3.b32 $0, $1, $1, $1, $2;", "=r,r,r"(i32 %v, i32 %v), !dbg !12
  %y = call i32 asm "L: mov.u32 $0, 1; L: mov.u32 $0, 2;", "=r"(), !dbg !13
  %z = call i32 asm "{ .reg .u32 r<777777777>; mov.u32 $0, 0; }", "=r"(), !dbg !14
  ret void
}

; CHECK: k.cu:3:7: error: inline PTX instruction 'tex.1d.v4.s32.s32' is not supported on the CPU backend
; CHECK: k.cu:4:7: error: inline PTX barrier 'bar.sync 1, 64' is not supported on the CPU backend (only bar.sync 0 and barrier.sync 0, which are __syncthreads())
; CHECK: k.cu:5:7: error: inline PTX .local addresses are not supported on the CPU backend
; CHECK: k.cu:6:7: error: inline PTX reads unknown register '%tmp'
; CHECK: k.cu:7:7: error: cannot read inline PTX: expected ']' in 'mov.u32 $0, [oops'
; CHECK: k.cu:8:7: error: lop3's lookup table must be a constant in 'lop3.b32 $0, $1, $1, $1, $2'
; CHECK: k.cu:9:7: error: inline PTX defines label 'L' twice
; CHECK: k.cu:10:7: error: cannot read inline PTX: more than 4096 registers declared in one asm statement in '.reg .u32 r<777777777>'

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "k.cu", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !5, unit: !0)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!7 = !DILocation(line: 3, column: 7, scope: !4)
!8 = !DILocation(line: 4, column: 7, scope: !4)
!9 = !DILocation(line: 5, column: 7, scope: !4)
!10 = !DILocation(line: 6, column: 7, scope: !4)
!11 = !DILocation(line: 7, column: 7, scope: !4)
!12 = !DILocation(line: 8, column: 7, scope: !4)
!13 = !DILocation(line: 9, column: 7, scope: !4)
!14 = !DILocation(line: 10, column: 7, scope: !4)
