; A checked access affine in its loop: the loop gets an unchecked twin,
; entered when one range test before the loop passes (inside the site's
; cached range, aligned, the 32-bit index not wrapping); the original loop,
; with its per-access checks, runs otherwise. An access whose address the
; loop cannot bound (loaded from memory) keeps its check in both.
; RUN: %tx-opt -passes='function(loop-simplify,lcssa),tx-hoist-memchecks' -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@empty = private constant { i64, i64 } { i64 -1, i64 0 }
@site = private global { ptr, ptr, ptr, i32, i32, i32, i32 } { ptr @empty, ptr null, ptr null, i32 0, i32 0, i32 1, i32 4 }
@site.2 = private global { ptr, ptr, ptr, i32, i32, i32, i32 } { ptr @empty, ptr null, ptr null, i32 0, i32 0, i32 1, i32 4 }

; CHECK-LABEL: define float @sum(
; CHECK:       entry:
; CHECK:         %memcheck.covered = and i1
; CHECK:         br i1 %memcheck.covered, label %memcheck.checked.unchecked, label %memcheck.checked
; The twin never fails.
; CHECK:       loop.unchecked:
; CHECK:         br i1 false, label %fail.unchecked, label %cont.unchecked
; The checked loop keeps its check, marked as versioned.
; CHECK:       loop:
; CHECK:         br i1 %bad, label %fail, label %cont, !tx.memcheck.versioned
; CHECK:       fail:
; CHECK-NEXT:    call void @__tx_memcheck_access(ptr @site, ptr %p, i64 4)
; The exit phi takes the sum from either loop.
; CHECK:       exit:
; CHECK-NEXT:    %sum.lcssa = phi float [ %sum, %cont ], [ %sum.unchecked, %cont.unchecked ]
define float @sum(ptr %a, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %cont ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %cont ]
  %idx = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %a, i64 %idx
  %range = load atomic ptr, ptr @site monotonic, align 8
  %lo = load atomic i64, ptr %range monotonic, align 8
  %addr = ptrtoint ptr %p to i64
  %below = icmp ult i64 %addr, %lo
  %bad = or i1 %below, false
  br i1 %bad, label %fail, label %cont

fail:
  call void @__tx_memcheck_access(ptr @site, ptr %p, i64 4)
  br label %cont

cont:
  %v = load float, ptr %p, align 4
  %sum.next = fadd float %sum, %v
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret float %sum
}

; CHECK-LABEL: define float @chase(
; CHECK-NOT:     memcheck.covered
; CHECK:         ret float
define float @chase(ptr %cells, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %cont ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %cont ]
  %idx = sext i32 %i to i64
  %cell = getelementptr inbounds ptr, ptr %cells, i64 %idx
  %p = load ptr, ptr %cell, align 8
  %bad = icmp eq ptr %p, null
  br i1 %bad, label %fail, label %cont

fail:
  call void @__tx_memcheck_access(ptr @site.2, ptr %p, i64 4)
  br label %cont

cont:
  %v = load float, ptr %p, align 4
  %sum.next = fadd float %sum, %v
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret float %sum
}

declare void @__tx_memcheck_access(ptr, ptr, i64)
