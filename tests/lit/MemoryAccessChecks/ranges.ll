; Accesses whose every index value stays inside their object are not
; checked: a kernel's static __shared__ array (!tx.shared's first number)
; indexed by a loop counter below its bound, unrolled into `or disjoint`
; offsets; a local array indexed under a guard. One element past the end
; or before the start, an index with no bound, an access not aligned to
; its size, or a kernel whose shared bytes are all dynamic keep their
; checks.
; RUN: %tx-opt -passes=tx-memcheck -S %s | %FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; for (K = 0; K < 32; ++K) sum += Cent[K * 8 + 1] over a 256-float array.
; CHECK-LABEL: define float @bounded_loop(
; CHECK-NOT:     memcheck
; CHECK:         ret float
define float @bounded_loop() !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  br label %header

header:
  %k = phi i32 [ 0, %entry ], [ %next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %add, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %row = shl nuw nsw i32 %k, 3
  %col = or disjoint i32 %row, 1
  %idx = zext nneg i32 %col to i64
  %p = getelementptr inbounds [256 x float], ptr %base, i64 0, i64 %idx
  %v = load float, ptr %p, align 4
  %add = fadd float %sum, %v
  %next = add nuw nsw i32 %k, 1
  br label %header

exit:
  ret float %sum
}

; K <= 32: the last row reads one past the array.
; CHECK-LABEL: define float @one_past(
; CHECK:         load i64, ptr @__tx_memcheck_shared_bytes
; CHECK:         call void @__tx_memcheck_region_fault(
define float @one_past() !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  br label %header

header:
  %k = phi i32 [ 0, %entry ], [ %next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %add, %body ]
  %more = icmp ule i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %row = shl nuw nsw i32 %k, 3
  %idx = zext nneg i32 %row to i64
  %p = getelementptr inbounds [256 x float], ptr %base, i64 0, i64 %idx
  %v = load float, ptr %p, align 4
  %add = fadd float %sum, %v
  %next = add nuw nsw i32 %k, 1
  br label %header

exit:
  ret float %sum
}

; The same loop in a kernel without static shared bytes (extern
; __shared__): the launch's dynamic bytes bound it, so it is checked.
; CHECK-LABEL: define float @dynamic_only(
; CHECK:         call void @__tx_memcheck_region_fault(
define float @dynamic_only() !tx.shared !1 {
entry:
  %base = call ptr @__tx_shared_base()
  br label %header

header:
  %k = phi i32 [ 0, %entry ], [ %next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %add, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %idx = zext nneg i32 %k to i64
  %p = getelementptr inbounds float, ptr %base, i64 %idx
  %v = load float, ptr %p, align 4
  %add = fadd float %sum, %v
  %next = add nuw nsw i32 %k, 1
  br label %header

exit:
  ret float %sum
}

; A local array under `if (i < 16)`: inside; without the guard: checked.
; CHECK-LABEL: define i32 @guarded_local(
; CHECK-NOT:     memcheck.fail
; CHECK:         ret i32
define i32 @guarded_local(i64 %i) {
entry:
  %a = alloca [16 x i32], align 4
  %in = icmp ult i64 %i, 16
  br i1 %in, label %read, label %done

read:
  %p = getelementptr inbounds [16 x i32], ptr %a, i64 0, i64 %i
  %v = load i32, ptr %p, align 4
  br label %done

done:
  %r = phi i32 [ %v, %read ], [ 0, %entry ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @unguarded_local(
; CHECK:         memcheck.fail
define i32 @unguarded_local(i64 %i) {
  %a = alloca [16 x i32], align 4
  %p = getelementptr inbounds [16 x i32], ptr %a, i64 0, i64 %i
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; K - 1 for K below 32 reaches index -1: before the array, checked.
; CHECK-LABEL: define float @one_before(
; CHECK:         call void @__tx_memcheck_region_fault(
define float @one_before() !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  br label %header

header:
  %k = phi i32 [ 0, %entry ], [ %next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %add, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %prev = add nsw i32 %k, -1
  %idx = sext i32 %prev to i64
  %p = getelementptr inbounds float, ptr %base, i64 %idx
  %v = load float, ptr %p, align 4
  %add = fadd float %sum, %v
  %next = add nuw nsw i32 %k, 1
  br label %header

exit:
  ret float %sum
}

; In bounds but not aligned: an 8-byte load at every 4 bytes.
; CHECK-LABEL: define double @misaligned(
; CHECK:         call void @__tx_memcheck_region_fault(
define double @misaligned(i64 %i) !tx.shared !0 {
entry:
  %base = call ptr @__tx_shared_base()
  %in = icmp ult i64 %i, 64
  br i1 %in, label %read, label %done

read:
  %p = getelementptr inbounds float, ptr %base, i64 %i
  %v = load double, ptr %p, align 8
  br label %done

done:
  %r = phi double [ %v, %read ], [ 0.0, %entry ]
  ret double %r
}

declare ptr @__tx_shared_base()

!0 = !{i64 1024, i64 1024}
!1 = !{i64 0, i64 0}
