; A block function past the threshold (here 10 instructions) whose
; dispatch loop holds most of it gets that loop as a function of its own,
; called once, never inlined back, with the block function's attributes.
; Its allocas are promoted first: the dispatch's state reaches the new
; function as values, not as pointers that would keep it in memory. Small
; block functions, those whose regions are linked without a dispatch (no
; loop holds half of them), other functions and optnone ones are left as
; they are.
; RUN: %tx-opt -passes='tx-outline-region-dispatch<10>' -S %s | %FileCheck %s
; RUN: %tx-opt -passes='tx-outline-region-dispatch<10>' -S %s | %FileCheck %s --check-prefix=OUT
; A malformed threshold is a pipeline error, not a crash.
; RUN: %not %tx-opt -passes='tx-outline-region-dispatch<x>' -S %s 2>&1 | %FileCheck %s --check-prefix=BAD

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @__txblk_dispatched(ptr %out, i32 %n) #0 {
; CHECK-NOT: alloca
; CHECK: call void @__txblk_dispatched.regions(ptr %out, i32 %n)
; CHECK-NEXT: br label %done
; OUT-LABEL: define internal void @__txblk_dispatched.regions(ptr %out, i32 %n) #[[#REGIONS:]] {
; OUT-NOT: alloca
; OUT: %[[STATE:.*]] = phi i32 [ 1, %newFuncRoot ], [ %next.state, %r1 ]
; OUT: switch i32 %[[STATE]]
; OUT: attributes #[[#REGIONS]] = { noinline optsize "prefer-vector-width"="512" }
define void @__txblk_dispatched(ptr %out, i32 %n) #0 {
entry:
  %next = alloca i32, align 4
  store i32 0, ptr %next, align 4
  br label %r0

r0:
  %t = phi i32 [ 0, %entry ], [ %t.next, %r0 ]
  %p = getelementptr inbounds i32, ptr %out, i32 %t
  store i32 %t, ptr %p, align 4
  %t.next = add nuw i32 %t, 1
  %more = icmp ult i32 %t.next, %n
  br i1 %more, label %r0, label %r0.done

r0.done:
  store i32 1, ptr %next, align 4
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %r1
  ]

r1:
  %q = getelementptr inbounds i32, ptr %out, i32 %n
  %v = load i32, ptr %q, align 4
  %a = add i32 %v, 1
  %b = mul i32 %a, 3
  %c = xor i32 %b, 5
  %d = sub i32 %c, 7
  %e = shl i32 %d, 2
  %f = or i32 %e, 1
  %g = and i32 %f, 255
  store i32 %g, ptr %q, align 4
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; CHECK-LABEL: define void @__txblk_small(
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_small(ptr %out) #0 {
entry:
  store i32 1, ptr %out, align 4
  ret void
}

; Regions linked in step: straight-line code and a small loop, no dispatch.
; CHECK-LABEL: define void @__txblk_linked(
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_linked(ptr %out, i32 %n) #0 {
entry:
  br label %r0

r0:
  %t = phi i32 [ 0, %entry ], [ %t.next, %r0 ]
  %p = getelementptr inbounds i32, ptr %out, i32 %t
  store i32 %t, ptr %p, align 4
  %t.next = add nuw i32 %t, 1
  %more = icmp ult i32 %t.next, %n
  br i1 %more, label %r0, label %r1

r1:
  %q = getelementptr inbounds i32, ptr %out, i32 %n
  %v = load i32, ptr %q, align 4
  %a = add i32 %v, 1
  %b = mul i32 %a, 3
  %c = xor i32 %b, 5
  %d = sub i32 %c, 7
  %e = shl i32 %d, 2
  %f = or i32 %e, 1
  %g = and i32 %f, 255
  store i32 %g, ptr %q, align 4
  ret void
}

; Not a block function: a device function of the same shape stays whole.
; CHECK-LABEL: define void @helper(
; CHECK: alloca
; CHECK-NOT: call
; CHECK: ret void
define void @helper(ptr %out, i32 %n) #0 {
entry:
  %next = alloca i32, align 4
  store i32 1, ptr %next, align 4
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %r1
  ]

r1:
  %q = getelementptr inbounds i32, ptr %out, i32 %n
  %v = load i32, ptr %q, align 4
  %a = add i32 %v, 1
  %b = mul i32 %a, 3
  %c = xor i32 %b, 5
  %d = sub i32 %c, 7
  %e = shl i32 %d, 2
  %f = or i32 %e, 1
  %g = and i32 %f, 255
  store i32 %g, ptr %q, align 4
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; -G: optnone functions are compiled as written.
; CHECK-LABEL: define void @__txblk_debug(
; CHECK: alloca
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_debug(ptr %out, i32 %n) noinline optnone {
entry:
  %next = alloca i32, align 4
  store i32 1, ptr %next, align 4
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %r1
  ]

r1:
  %q = getelementptr inbounds i32, ptr %out, i32 %n
  %v = load i32, ptr %q, align 4
  %a = add i32 %v, 1
  %b = mul i32 %a, 3
  %c = xor i32 %b, 5
  %d = sub i32 %c, 7
  %e = shl i32 %d, 2
  %f = or i32 %e, 1
  %g = and i32 %f, 255
  store i32 %g, ptr %q, align 4
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; CHECK: attributes #0 = { optsize "prefer-vector-width"="512" }

attributes #0 = { optsize "prefer-vector-width"="512" }

; BAD: unknown pass name 'tx-outline-region-dispatch<x>'
