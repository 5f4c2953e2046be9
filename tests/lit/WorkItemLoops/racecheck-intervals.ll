; racecheck: the block function starts a barrier interval when it starts and
; after every cut (in the dispatch), so that the runtime knows which shared
; accesses may race. Without racecheck, no such calls.
; RUN: %tx-opt -passes='tx-workitem-loops<racecheck>' -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s --check-prefix=OFF

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_twice(
; CHECK:       entry:
; CHECK:         call void @__tx_racecheck_interval()
; CHECK-NEXT:    br label %r0.pre
; CHECK:       dispatch:
; CHECK:         call void @__tx_racecheck_interval()
; CHECK:         switch i32 %next

; OFF-NOT: __tx_racecheck_interval

define void @twice(ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %p = getelementptr i32, ptr %out, i64 %t64
  store i32 1, ptr %p
  call void @llvm.nvvm.barrier0()
  store i32 2, ptr %p
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{ptr @twice, !"kernel", i32 1}
