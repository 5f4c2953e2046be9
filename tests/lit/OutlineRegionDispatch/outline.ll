; The dispatch loop of a block function that OptimizeLargeFunctionsForSize
; made optsize (the innermost loop around the switch WorkItemLoops tagged
; !tx.dispatch) becomes a function of its own, called once, never inlined
; back, with the block function's attributes; the context stays noalias.
; The allocas are promoted first: the dispatch's state reaches the new
; function as values, not as pointers that would keep it in memory. Left
; as they are: block functions that are not optsize, those without a
; tagged dispatch (regions linked in step), those whose loop cannot be
; extracted (not even promoted) and other functions (txcc leaves the pass
; out under -G: tests/lit/txcc/dryrun.cu). The tag is dropped.
; RUN: %tx-opt -passes=tx-outline-region-dispatch -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-outline-region-dispatch -S %s | %FileCheck %s --check-prefix=OUT
; RUN: %tx-opt -passes=tx-outline-region-dispatch -S %s | %FileCheck %s --check-prefix=GONE
; Run twice, it changes nothing more.
; RUN: %tx-opt -passes=tx-outline-region-dispatch,tx-outline-region-dispatch -S %s | %FileCheck %s --check-prefix=OUT

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @__txblk_dispatched(ptr %args, ptr noalias %ctx) #0 {
; CHECK-NOT: alloca
; CHECK: call void @__txblk_dispatched.regions({{.*}})
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_dispatched(ptr %args, ptr noalias %ctx) #0 {
entry:
  %next = alloca i32, align 4
  store i32 0, ptr %next, align 4
  %n = load i32, ptr %args, align 4
  br label %r0

r0:
  %t = phi i32 [ 0, %entry ], [ %t.next, %r0 ]
  %p = getelementptr inbounds i32, ptr %args, i32 %t
  store i32 %t, ptr %p, align 4
  %t.next = add nuw i32 %t, 1
  %more = icmp ult i32 %t.next, %n
  br i1 %more, label %r0, label %r0.done

r0.done:
  store i32 1, ptr %next, align 4
  br label %dispatch

; The switch past the loop's header, as where the dispatch tests whole
; warps first.
dispatch:
  %state = load i32, ptr %next, align 4
  br label %dispatch.pick

dispatch.pick:
  switch i32 %state, label %done [
    i32 1, label %r1
  ], !tx.dispatch !0

r1:
  store i32 %n, ptr %ctx, align 4
  %q = getelementptr inbounds i32, ptr %args, i32 %n
  %v = load i32, ptr %q, align 4
  %a = add i32 %v, 1
  %b = mul i32 %a, 3
  store i32 %b, ptr %q, align 4
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; OUT-LABEL: define internal void @__txblk_dispatched.regions({{.*}}ptr noalias %ctx{{.*}}) #[[#REGIONS:]] {
; OUT-NOT: alloca
; OUT: %[[STATE:.*]] = phi i32 [ 1, %newFuncRoot ], [ %next.state, %r1 ]
; OUT: dispatch.pick:
; OUT-NEXT: switch i32 %[[STATE]], label %done.exitStub [
; OUT-NOT: define {{.*}}.regions.regions
; OUT: attributes #[[#REGIONS]] = { noinline optsize "prefer-vector-width"="512" }

; Not optsize: below OptimizeLargeFunctionsForSize's threshold.
; CHECK-LABEL: define void @__txblk_small(
; CHECK: alloca
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_small(ptr %args, ptr noalias %ctx) {
entry:
  %next = alloca i32, align 4
  store i32 1, ptr %next, align 4
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %r1
  ], !tx.dispatch !0

r1:
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; Regions linked in step: a loop, but no dispatch.
; CHECK-LABEL: define void @__txblk_linked(
; CHECK: alloca
; CHECK-NOT: call
; CHECK: ret void
define void @__txblk_linked(ptr %args, ptr noalias %ctx) #0 {
entry:
  %sum = alloca i32, align 4
  store i32 0, ptr %sum, align 4
  br label %r0

r0:
  %t = phi i32 [ 0, %entry ], [ %t.next, %r0 ]
  %s = load i32, ptr %sum, align 4
  %s.next = add i32 %s, %t
  store i32 %s.next, ptr %sum, align 4
  %t.next = add nuw i32 %t, 1
  %more = icmp ult i32 %t.next, 256
  br i1 %more, label %r0, label %done

done:
  ret void
}

; An alloca inside the loop: CodeExtractor will not move it, and the
; function is left as it was (its own alloca not promoted either).
; CHECK-LABEL: define void @__txblk_ineligible(
; CHECK: %next = alloca i32
; CHECK-NOT: call void @__txblk
; CHECK: ret void
define void @__txblk_ineligible(ptr %args, ptr noalias %ctx) #0 {
entry:
  %next = alloca i32, align 4
  store i32 1, ptr %next, align 4
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %r1
  ], !tx.dispatch !0

r1:
  %tmp = alloca i32, align 4
  store i32 %state, ptr %tmp, align 4
  call void @opaque(ptr %tmp)
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; Not a block function (WorkItemLoops tags only those).
; CHECK-LABEL: define void @helper(
; CHECK: alloca
; CHECK-NOT: call
; CHECK: ret void
define void @helper(ptr %args, ptr noalias %ctx) #0 {
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
  %next.state = add i32 %state, 1
  store i32 %next.state, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

declare void @opaque(ptr)

; CHECK: attributes #0 = { optsize "prefer-vector-width"="512" }

; GONE-NOT: !tx.dispatch

attributes #0 = { optsize "prefer-vector-width"="512" }

!0 = !{}
