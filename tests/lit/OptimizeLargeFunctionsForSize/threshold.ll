; Functions of more instructions than the threshold (here 4) get optsize;
; smaller ones, declarations and optnone functions are left alone, and an
; optsize function keeps its attributes as they were. Instructions a
; function's tx-uncounted-instructions names (copies WorkItemLoops made in
; place of LLVM's unswitching) are left out of its size; a count larger
; than the function, or one that is not a number, leaves it at 0 or as is.
; The attribute is read once: the pass drops it.
; RUN: %tx-opt -passes='tx-optsize-large-functions<4>' -S %s | %FileCheck %s
; RUN: %tx-opt -passes='tx-optsize-large-functions<4>' -S %s | %FileCheck %s --check-prefix=GONE
; A malformed threshold is a pipeline error, not a crash.
; RUN: %not %tx-opt -passes='tx-optsize-large-functions<x>' -S %s 2>&1 | %FileCheck %s --check-prefix=BAD

target triple = "x86_64-pc-linux-gnu"

; CHECK: define i32 @large(i32 %a) [[LARGE:#[0-9]+]]
define i32 @large(i32 %a) {
  %b = add i32 %a, 1
  %c = mul i32 %b, 3
  %d = xor i32 %c, 5
  %e = sub i32 %d, 7
  ret i32 %e
}

; CHECK: define i32 @small(i32 %a) {
define i32 @small(i32 %a) {
  %b = add i32 %a, 1
  ret i32 %b
}

; CHECK: define i32 @debug(i32 %a) [[OPTNONE:#[0-9]+]]
define i32 @debug(i32 %a) noinline optnone {
  %b = add i32 %a, 1
  %c = mul i32 %b, 3
  %d = xor i32 %c, 5
  %e = sub i32 %d, 7
  ret i32 %e
}

; Five instructions, two uncounted: three, not past 4.
; CHECK: define i32 @copies(i32 %a) {
define i32 @copies(i32 %a) #0 {
  %b = add i32 %a, 1
  %c = mul i32 %b, 3
  %d = xor i32 %c, 5
  %e = sub i32 %d, 7
  ret i32 %e
}

; CHECK: define i32 @many.copies(i32 %a) {
define i32 @many.copies(i32 %a) #1 {
  %b = add i32 %a, 1
  %c = mul i32 %b, 3
  %d = xor i32 %c, 5
  %e = sub i32 %d, 7
  ret i32 %e
}

; CHECK: define i32 @bad.count(i32 %a) [[LARGE]]
define i32 @bad.count(i32 %a) #2 {
  %b = add i32 %a, 1
  %c = mul i32 %b, 3
  %d = xor i32 %c, 5
  %e = sub i32 %d, 7
  ret i32 %e
}

; CHECK: declare i32 @external(i32)
declare i32 @external(i32)

; CHECK-DAG: attributes [[LARGE]] = { optsize }
; CHECK-DAG: attributes [[OPTNONE]] = { noinline optnone }

attributes #0 = { "tx-uncounted-instructions"="2" }
attributes #1 = { "tx-uncounted-instructions"="99" }
attributes #2 = { "tx-uncounted-instructions"="x" }

; GONE-NOT: tx-uncounted-instructions

; BAD: unknown pass name 'tx-optsize-large-functions<x>'
