; Guards become branches around the instruction, labels become blocks, and
; exit a call that LowerThreadExit makes a return from the kernel.
; RUN: %tx-opt -passes=tx-translate-inline-ptx -S %s | %FileCheck %s

; A loop in PTX: count the set bits of a by clearing the lowest each round.
define i32 @loop_ok(i32 %a) {
  %r = call i32 asm "{ .reg .u32 v, t; .reg .pred done; mov.u32 $0, 0; mov.u32 v, $1; LOOP: setp.eq.u32 done, v, 0; @done bra END; add.u32 $0, $0, 1; sub.u32 t, v, 1; and.b32 v, v, t; bra.uni LOOP; END: }", "=r,r"(i32 %a)
  ret i32 %r
}
; CHECK-LABEL: define i32 @loop_ok(
; CHECK: br label %ptx.LOOP
; CHECK: ptx.LOOP:
; CHECK: icmp eq i32
; CHECK: br i1 %{{[0-9]+}}, label %ptx.END, label %ptx.next
; CHECK: ptx.END:
; CHECK-NEXT: br label %ptx.end
; CHECK: br label %ptx.LOOP

define void @exits(i1 %c) {
  call void asm sideeffect "exit;", ""()
  ret void
}
; CHECK-LABEL: define void @exits(
; CHECK: call void @__tx_thread_exit()
; CHECK-NEXT: unreachable

define void @traps() {
  call void asm sideeffect "trap;", ""()
  call void asm sideeffect "nanosleep.u32 100;", ""()
  ret void
}
; CHECK-LABEL: define void @traps(
; CHECK: call void @__tx_trap(ptr
