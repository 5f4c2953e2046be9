; The regions of an outlined dispatch loop get functions of their own: a
; region entered from the switch alone whose size reaches LargeRegion, or
; SmallRegion while the loop left would stay above MaxLoopLeft (sizes as
; <LargeRegion;SmallRegion;MaxLoopLeft>, the defaults 200, 64, 4000). The
; region's function is noinline with the block function's attributes, the
; dispatch calls it and goes on with the next state it returns. A slot
; address nothing uses is dropped first and is no argument. Regions that
; share blocks (one entered from two cases) stay in the loop.
; RUN: %tx-opt -passes='tx-outline-region-dispatch<13;4;1000>' -S %s | %FileCheck %s --check-prefix=LARGE
; RUN: %tx-opt -passes='tx-outline-region-dispatch<13;4;1000>' -S %s | %FileCheck %s --check-prefix=KEPT
; RUN: %tx-opt -passes='tx-outline-region-dispatch<13;4;0>' -S %s | %FileCheck %s --check-prefix=SMALL
; RUN: %tx-opt -passes='tx-outline-region-dispatch<1000;4;1000>' -S %s | %FileCheck %s --check-prefix=NONE
; RUN: %tx-opt -passes='tx-outline-region-dispatch<13;4;0>' -S %s | %tx-opt -passes=verify -S -o /dev/null -
; The default sizes: no region here reaches 64 instructions.
; RUN: %tx-opt -passes=tx-outline-region-dispatch -S %s | %FileCheck %s --check-prefix=NONE
; RUN: %not %tx-opt -passes='tx-outline-region-dispatch<13;4>' -S %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=BAD

target triple = "x86_64-pc-linux-gnu"

define void @__txblk_k(ptr %args, ptr noalias %ctx) #0 {
entry:
  %next = alloca i32, align 4
  store i32 1, ptr %next, align 4
  %n = load i32, ptr %args, align 4
  %slot.a = getelementptr inbounds i8, ptr %args, i64 64
  %slot.dead = getelementptr inbounds i8, ptr %args, i64 128
  br label %dispatch

dispatch:
  %state = load i32, ptr %next, align 4
  switch i32 %state, label %done [
    i32 1, label %large
    i32 2, label %small
    i32 3, label %shared.a
    i32 4, label %shared.b
  ], !tx.dispatch !0

; 14 instructions, 13 without the dead address: a thread loop over the
; slot, then the next state.
large:
  br label %large.loop

large.loop:
  %t = phi i32 [ 0, %large ], [ %t.next, %large.loop ]
  %p = getelementptr inbounds i32, ptr %slot.a, i32 %t
  %unused = getelementptr inbounds i32, ptr %slot.dead, i32 %t
  %v = load i32, ptr %p, align 4
  %w = mul i32 %v, 3
  %x = add i32 %w, %t
  store i32 %x, ptr %p, align 4
  %t.next = add nuw i32 %t, 1
  %more = icmp ult i32 %t.next, %n
  br i1 %more, label %large.loop, label %large.done

large.done:
  store i32 %x, ptr %ctx, align 4
  %again = icmp eq i32 %x, 0
  %state.large = select i1 %again, i32 1, i32 2
  store i32 %state.large, ptr %next, align 4
  br label %dispatch

; 5 instructions.
small:
  %s = load i32, ptr %ctx, align 4
  %s.next = add i32 %s, 1
  store i32 %s.next, ptr %ctx, align 4
  store i32 3, ptr %next, align 4
  br label %dispatch

shared.a:
  store i32 7, ptr %ctx, align 4
  br label %shared.join

shared.b:
  store i32 8, ptr %ctx, align 4
  br label %shared.join

shared.join:
  %u = load i32, ptr %ctx, align 4
  %u.1 = add i32 %u, 1
  %u.2 = mul i32 %u.1, 5
  %u.3 = xor i32 %u.2, 9
  %u.4 = add i32 %u.3, 2
  %u.5 = mul i32 %u.4, 7
  %u.6 = add i32 %u.5, 3
  %u.7 = xor i32 %u.6, 11
  %u.8 = add i32 %u.7, 4
  %u.9 = mul i32 %u.8, 13
  store i32 %u.9, ptr %ctx, align 4
  store i32 0, ptr %next, align 4
  br label %dispatch

done:
  ret void
}

; LARGE-LABEL: define void @__txblk_k(
; LARGE: call void @__txblk_k.regions(ptr %ctx, ptr %slot.a, i32 %n)
; LARGE-LABEL: define internal void @__txblk_k.regions(
; LARGE: %[[STATE:.*]] = phi i32 [ 1, %newFuncRoot ], [ 0, %shared.join ], [ 3, %small ], [ %[[NEXT:.*]], %codeRepl ]
; LARGE: switch i32 %[[STATE]], label %done.exitStub [
; LARGE-NEXT: i32 1, label %codeRepl
; LARGE-NEXT: i32 2, label %small
; LARGE-NEXT: i32 3, label %shared.a
; LARGE-NEXT: i32 4, label %shared.b
; LARGE: codeRepl:
; LARGE: call void @__txblk_k.regions.region(ptr %slot.a, i32 %n, ptr %ctx, ptr %[[OUT:.*]])
; LARGE-NEXT: %[[NEXT]] = load i32, ptr %[[OUT]]
; LARGE-LABEL: define internal void @__txblk_k.regions.region(ptr %slot.a, i32 %n, ptr noalias %ctx, ptr %{{.*}}) #[[#REGION:]] {
; LARGE-NOT: slot.dead
; LARGE: mul i32 %v, 3
; LARGE: %state.large = select i1 %again, i32 1, i32 2
; LARGE: store i32 %state.large, ptr
; LARGE-NOT: define
; LARGE: attributes #[[#REGION]] = { noinline optsize }

; KEPT-LABEL: define internal void @__txblk_k.regions(
; KEPT-DAG: small:
; KEPT-DAG: shared.a:
; KEPT-DAG: shared.b:
; KEPT-DAG: shared.join:
; KEPT-LABEL: define internal void @__txblk_k.regions.region(

; Past MaxLoopLeft, the small region too (largest first); the shared ones
; never.
; SMALL: switch i32 %{{.*}}, label %done.exitStub [
; SMALL-NEXT: i32 1, label %codeRepl
; SMALL-NEXT: i32 2, label %codeRepl1
; SMALL-NEXT: i32 3, label %shared.a
; SMALL-NEXT: i32 4, label %shared.b
; SMALL: define internal void @__txblk_k.regions.region(
; SMALL: define internal void @__txblk_k.regions.region.{{[0-9]+}}(
; SMALL-NOT: define

; NONE-NOT: regions.region

; BAD: unknown pass name 'tx-outline-region-dispatch<13;4>
attributes #0 = { optsize }

!0 = !{}
