; The regions OutlineRegionDispatch moved out of a dispatch loop
; (__txblk_<name>.regions.region...) are block functions of their own: each
; goes to the lightest part, apart from its dispatch loop, which reaches
; the ones in other parts by their hidden names. A helper that may be
; dropped when unused (@helper, internal) is copied into the parts that
; call it and weighs on no part: counted as part 0's, its 20 instructions
; would have sent every block function to part 1.
; RUN: %tx-opt -passes=verify --codegen-parts=2 --codegen-part-min-instructions=1 --tu-id=00c0ffee-regions -S %s -o %t.ll
; RUN: %FileCheck --check-prefix=PART0 %s < %t.ll
; RUN: %FileCheck --check-prefix=PART1 %s < %t.ll.1
; RUN: %not test -e %t.ll.2

target triple = "x86_64-pc-linux-gnu"

@tx.kernel.table = private constant [1 x ptr] [ptr @__txblk_a]

define internal void @__txblk_a(ptr %args, ptr noalias %ctx) {
  call void @__txblk_a.regions(ptr %args)
  ret void
}

define internal void @__txblk_a.regions(ptr %args) noinline {
  call void @__txblk_a.regions.region(ptr %args)
  call void @__txblk_a.regions.region.1(ptr %args)
  ret void
}

define internal void @__txblk_a.regions.region(ptr %args) noinline {
  %a = load i32, ptr %args
  %b = add i32 %a, 1
  %c = add i32 %b, 2
  %d = add i32 %c, 3
  %e = add i32 %d, 4
  %f = add i32 %e, 5
  %g = add i32 %f, 6
  store i32 %g, ptr %args
  ret void
}

define internal void @__txblk_a.regions.region.1(ptr %args) noinline {
  %a = load i32, ptr %args
  %b = call i32 @helper(i32 %a)
  %c = add i32 %b, 2
  %d = add i32 %c, 3
  %e = add i32 %d, 4
  %f = add i32 %e, 5
  %g = add i32 %f, 6
  store i32 %g, ptr %args
  ret void
}

define internal i32 @helper(i32 %x) {
  %a1 = add i32 %x, 1
  %a2 = mul i32 %a1, 3
  %a3 = add i32 %a2, 1
  %a4 = mul i32 %a3, 3
  %a5 = add i32 %a4, 1
  %a6 = mul i32 %a5, 3
  %a7 = add i32 %a6, 1
  %a8 = mul i32 %a7, 3
  %a9 = add i32 %a8, 1
  %a10 = mul i32 %a9, 3
  %a11 = add i32 %a10, 1
  %a12 = mul i32 %a11, 3
  %a13 = add i32 %a12, 1
  %a14 = mul i32 %a13, 3
  %a15 = add i32 %a14, 1
  %a16 = mul i32 %a15, 3
  %a17 = add i32 %a16, 1
  %a18 = mul i32 %a17, 3
  %a19 = add i32 %a18, 1
  ret i32 %a19
}

; Largest first: region (9, ties broken by name) to part 0, region.1 (9)
; to part 1, the block function with its dispatch loop (5) to part 0.
; PART0: define hidden void @__txblk_a.tx00c0ffee(
; PART0: define hidden void @__txblk_a.regions.tx00c0ffee(
; PART0: call void @__txblk_a.regions.region.1.tx00c0ffee(
; PART0: define hidden void @__txblk_a.regions.region.tx00c0ffee(
; PART0: declare hidden void @__txblk_a.regions.region.1.tx00c0ffee(

; PART1: declare hidden void @__txblk_a.tx00c0ffee(
; PART1: declare hidden void @__txblk_a.regions.tx00c0ffee(
; PART1: declare hidden void @__txblk_a.regions.region.tx00c0ffee(
; PART1: define hidden void @__txblk_a.regions.region.1.tx00c0ffee(
; PART1: call i32 @helper(
; PART1: define internal i32 @helper(
