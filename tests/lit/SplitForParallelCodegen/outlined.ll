; A block function whose dispatch loop OutlineRegionDispatch moved into
; __txblk_<name>.regions goes to one part with that function: the two are
; weighed together, and neither is left alone in a part (the block function
; itself is a few instructions, not worth a process). Counted alone, the
; small @__txblk_a would join @__txblk_b in the other part.
; RUN: %tx-opt -passes=verify --codegen-parts=2 --codegen-part-min-instructions=1 --tu-id=00c0ffee-outlined -S %s -o %t.ll
; RUN: %FileCheck --check-prefix=PART0 %s < %t.ll
; RUN: %FileCheck --check-prefix=PART1 %s < %t.ll.1
; RUN: %not test -e %t.ll.2

target triple = "x86_64-pc-linux-gnu"

@tx.kernel.table = private constant [2 x ptr] [ptr @__txblk_a, ptr @__txblk_b]

define internal void @__txblk_a(ptr %args, ptr noalias %ctx) {
  call void @__txblk_a.regions(ptr %args)
  ret void
}

define internal void @__txblk_a.regions(ptr %args) noinline {
  %a = load i32, ptr %args
  %b = add i32 %a, 1
  %c = add i32 %b, 2
  %d = add i32 %c, 3
  %e = add i32 %d, 4
  %f = add i32 %e, 5
  %g = add i32 %f, 6
  %h = add i32 %g, 7
  store i32 %h, ptr %args
  ret void
}

define internal void @__txblk_b(ptr %args, ptr noalias %ctx) {
  %a = load i32, ptr %args
  %b = add i32 %a, 1
  %c = add i32 %b, 2
  %d = add i32 %c, 3
  store i32 %d, ptr %args
  ret void
}

; PART0: define hidden void @__txblk_a.tx00c0ffee(
; PART0: call void @__txblk_a.regions.tx00c0ffee(
; PART0: define hidden void @__txblk_a.regions.tx00c0ffee(
; PART0: declare hidden void @__txblk_b.tx00c0ffee(

; PART1: declare hidden void @__txblk_a.tx00c0ffee(
; PART1: declare hidden void @__txblk_a.regions.tx00c0ffee(
; PART1: define hidden void @__txblk_b.tx00c0ffee(
