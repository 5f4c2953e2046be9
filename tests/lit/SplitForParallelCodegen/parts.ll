; The lowered module in parts for code generation at once: each part
; defines its block functions; part 0 keeps the kernel table, its
; constructor and the variables. Block functions and mutable file-local
; variables get hidden external names with the translation unit's id;
; internal helpers and constants are copied into every part (the optimiser
; drops what a part does not use).
; RUN: %tx-opt -passes=verify --codegen-parts=2 --codegen-part-min-instructions=1 --tu-id=00c0ffee-parts -S %s -o %t.ll
; RUN: %FileCheck --check-prefix=PART0 %s < %t.ll
; RUN: %FileCheck --check-prefix=PART1 %s < %t.ll.1
; RUN: %not test -e %t.ll.2
;
; Below the size threshold the module stays whole.
; RUN: %tx-opt -passes=verify --codegen-parts=2 -S %s -o %t.whole.ll
; RUN: %not test -e %t.whole.ll.1
; RUN: %FileCheck --check-prefix=WHOLE %s < %t.whole.ll

target triple = "x86_64-pc-linux-gnu"

@counter = internal global i32 0
@message = private unnamed_addr constant [3 x i8] c"hi\00"
@tx.kernel.table = private constant [2 x ptr] [ptr @__txblk_big, ptr @__txblk_small]
@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @tx.register.module, ptr null }]

define internal i32 @helper(i32 %x) {
  %y = mul i32 %x, 3
  %z = add i32 %y, 1
  ret i32 %z
}

; The larger block function: the lighter part gets it (part 1, as part 0
; starts with the rest of the module).
define internal void @__txblk_big(ptr %args, ptr %ctx) {
  %a = load i32, ptr @counter
  %b = call i32 @helper(i32 %a)
  %c = add i32 %b, 1
  %d = add i32 %c, 2
  %e = add i32 %d, 3
  %f = add i32 %e, 4
  %g = add i32 %f, 5
  %h = add i32 %g, 6
  store i32 %h, ptr @counter
  call void @puts(ptr @message)
  ret void
}

define internal void @__txblk_small(ptr %args, ptr %ctx) {
  %a = load i32, ptr @counter
  %b = call i32 @helper(i32 %a)
  store i32 %b, ptr @counter
  ret void
}

define internal void @tx.register.module() {
  call void @__tx_register_cpu_module(ptr @tx.kernel.table)
  ret void
}

declare void @puts(ptr)
declare void @__tx_register_cpu_module(ptr)

; PART0: @counter.tx00c0ffee = hidden global i32 0
; PART0: @tx.kernel.table = private constant [2 x ptr] [ptr @__txblk_big.tx00c0ffee, ptr @__txblk_small.tx00c0ffee]
; PART0: @llvm.global_ctors = appending global
; PART0: declare hidden void @__txblk_big.tx00c0ffee(
; PART0: define hidden void @__txblk_small.tx00c0ffee(
; PART0: define internal void @tx.register.module()

; PART1-NOT: @llvm.global_ctors
; PART1: @counter.tx00c0ffee = external hidden global i32
; PART1: @message = private unnamed_addr constant [3 x i8] c"hi\00"
; PART1: define internal i32 @helper(
; PART1: define hidden void @__txblk_big.tx00c0ffee(
; PART1: declare hidden void @__txblk_small.tx00c0ffee(

; WHOLE: @counter = internal global i32 0
; WHOLE: define internal void @__txblk_big(
; WHOLE: define internal void @__txblk_small(
