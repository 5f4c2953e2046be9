; The lowered module in parts for code generation at once: each part
; defines its block functions; part 0 keeps the kernel table, its
; constructor and the variables. Block functions and mutable file-local
; variables get hidden external names with the translation unit's id;
; internal helpers and constants are copied into every part (the optimiser
; drops what a part does not use), other functions and constants imported
; (available_externally); a function whose address is compared, and a
; constant that is not unnamed_addr, keep one definition.
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

@table = internal constant [2 x i32] [i32 5, i32 7]
@fnptr = global ptr @compared
@llvm.compiler.used = appending global [2 x ptr] [ptr @__tx_vm_expf_16, ptr @counter], section "llvm.metadata"

; Called from both block functions, address never taken: copied.
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
  %i = call i32 @device_fn(i32 %h)
  store i32 %i, ptr @counter
  call void @puts(ptr @message)
  %fp = load ptr, ptr @fnptr
  %same = icmp eq ptr %fp, @compared
  store i1 %same, ptr %args
  ret void
}

define internal void @__txblk_small(ptr %args, ptr %ctx) {
  %a = load i32, ptr @counter
  %b = call i32 @helper(i32 %a)
  store i32 %b, ptr @counter
  ret void
}

; A __device__ function of external linkage: imported where called.
define i32 @device_fn(i32 %x) {
  %p = getelementptr [2 x i32], ptr @table, i32 0, i32 1
  %t = load i32, ptr %p
  %y = add i32 %x, %t
  ret i32 %y
}

; An address compared with a pointer in memory: one definition.
define internal void @compared() {
  ret void
}

declare <16 x float> @__tx_vm_expf_16(<16 x float>)

define internal void @tx.register.module() {
  call void @__tx_register_cpu_module(ptr @tx.kernel.table)
  ret void
}

declare void @puts(ptr)
declare void @__tx_register_cpu_module(ptr)

; PART0: @counter.tx00c0ffee = hidden global i32 0
; PART0: @tx.kernel.table.tx00c0ffee = hidden constant [2 x ptr] [ptr @__txblk_big.tx00c0ffee, ptr @__txblk_small.tx00c0ffee]
; PART0: @llvm.global_ctors = appending global
; PART0: @table.tx00c0ffee = hidden constant [2 x i32] [i32 5, i32 7]
; PART0: @fnptr = global ptr @compared.tx00c0ffee
; PART0: declare hidden void @__txblk_big.tx00c0ffee(
; PART0: define hidden void @__txblk_small.tx00c0ffee(
; PART0: define i32 @device_fn(
; PART0: define hidden void @compared.tx00c0ffee()

; PART1-NOT: @llvm.global_ctors
; PART1: @counter.tx00c0ffee = external hidden global i32
; PART1: @message = private unnamed_addr constant [3 x i8] c"hi\00"
; PART1: @table.tx00c0ffee = available_externally hidden constant [2 x i32] [i32 5, i32 7]
; PART1: @fnptr = external global ptr
; The vector math declaration stays used until the vectoriser has run.
; PART1: @llvm.compiler.used = appending global [2 x ptr] [ptr @__tx_vm_expf_16, ptr @counter.tx00c0ffee]
; PART1: define internal i32 @helper(
; PART1: define hidden void @__txblk_big.tx00c0ffee(
; PART1: declare hidden void @__txblk_small.tx00c0ffee(
; PART1: define available_externally i32 @device_fn(
; PART1: define available_externally hidden void @compared.tx00c0ffee()
; The constructor runs from part 0 only; here it is not emitted.
; PART1: define available_externally hidden void @tx.register.module.tx00c0ffee()

; WHOLE: @counter = internal global i32 0
; WHOLE: define internal void @__txblk_big(
; WHOLE: define internal void @__txblk_small(
