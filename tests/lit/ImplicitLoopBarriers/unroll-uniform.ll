; A uniform loop with a larger constant trip count is unrolled before it is
; interchanged, so that each round of the block runs four of its
; iterations with the thread's values (its point, its running sum) in
; registers instead of reloading them from scratch every iteration. Only
; where four divides the body's trip count (no exit tests in the copies)
; and the unrolled body stays small.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @accumulate(
; CHECK:       loop:
; CHECK-NEXT:    %k = phi i32 [ 0, %entry ], [ %k.next.3, %body.3 ], !tx.lockstep
; CHECK-NEXT:    %sum = phi float [ 0.000000e+00, %entry ], [ %sum.next.3, %body.3 ], !tx.lockstep
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    %more = icmp ult i32 %k, 32
; CHECK-NEXT:    br i1 %more, label %body, label %exit
; CHECK:       body:
; CHECK:         %sum.next = fadd float %sum, %dd
; CHECK-NEXT:    %k.next = add nuw nsw i32 %k, 1
; CHECK-NEXT:    br label %body.1
; CHECK:       body.1:
; CHECK:         %sum.next.1 = fadd float %sum.next, %dd.1
; CHECK:       body.2:
; CHECK:         %sum.next.2 = fadd float %sum.next.1, %dd.2
; CHECK:       body.3:
; CHECK:         %sum.next.3 = fadd float %sum.next.2, %dd.3
; CHECK-NEXT:    %k.next.3 = add nuw nsw i32 %k, 4
; CHECK-NEXT:    br label %loop
; CHECK:       exit:
; CHECK-NEXT:    %sum.lcssa = phi float [ %sum, %loop ]
; CHECK-NEXT:    call void @__tx_implicit_barrier()

; 30 iterations: interchanged as written.
; CHECK-LABEL: define void @odd(
; CHECK:         call void @__tx_implicit_barrier()
; CHECK-NOT:     body.1
; CHECK:       }

; A body of ~130 instructions: interchanged as written.
; CHECK-LABEL: define void @big(
; CHECK:         call void @__tx_implicit_barrier()
; CHECK-NOT:     body.1
; CHECK:       }

define void @accumulate(ptr %x, ptr %w, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %px = getelementptr inbounds float, ptr %x, i64 %t64
  %xv = load float, ptr %px
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %k64 = zext i32 %k to i64
  %pw = getelementptr inbounds float, ptr %w, i64 %k64
  %wv = load float, ptr %pw
  %d = fsub float %xv, %wv
  %dd = fmul float %d, %d
  %sum.next = fadd float %sum, %dd
  %k.next = add nuw nsw i32 %k, 1
  br label %loop

exit:
  %po = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum, ptr %po
  ret void
}

define void @odd(ptr %x, ptr %w, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %px = getelementptr inbounds float, ptr %x, i64 %t64
  %xv = load float, ptr %px
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp ult i32 %k, 30
  br i1 %more, label %body, label %exit

body:
  %k64 = zext i32 %k to i64
  %pw = getelementptr inbounds float, ptr %w, i64 %k64
  %wv = load float, ptr %pw
  %d = fsub float %xv, %wv
  %dd = fmul float %d, %d
  %sum.next = fadd float %sum, %dd
  %k.next = add nuw nsw i32 %k, 1
  br label %loop

exit:
  %po = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum, ptr %po
  ret void
}

define void @big(ptr %x, ptr %w, ptr %out) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %px = getelementptr inbounds float, ptr %x, i64 %t64
  %xv = load float, ptr %px
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp ult i32 %k, 32
  br i1 %more, label %body, label %exit

body:
  %k64 = zext i32 %k to i64
  %pw = getelementptr inbounds float, ptr %w, i64 %k64
  %wv = load float, ptr %pw
  %d = fsub float %xv, %wv
  %dd = fmul float %d, %d
  %e0 = fmul float %dd, %xv
  %e1 = fmul float %e0, %xv
  %e2 = fmul float %e1, %xv
  %e3 = fmul float %e2, %xv
  %e4 = fmul float %e3, %xv
  %e5 = fmul float %e4, %xv
  %e6 = fmul float %e5, %xv
  %e7 = fmul float %e6, %xv
  %e8 = fmul float %e7, %xv
  %e9 = fmul float %e8, %xv
  %e10 = fmul float %e9, %xv
  %e11 = fmul float %e10, %xv
  %e12 = fmul float %e11, %xv
  %e13 = fmul float %e12, %xv
  %e14 = fmul float %e13, %xv
  %e15 = fmul float %e14, %xv
  %e16 = fmul float %e15, %xv
  %e17 = fmul float %e16, %xv
  %e18 = fmul float %e17, %xv
  %e19 = fmul float %e18, %xv
  %e20 = fmul float %e19, %xv
  %e21 = fmul float %e20, %xv
  %e22 = fmul float %e21, %xv
  %e23 = fmul float %e22, %xv
  %e24 = fmul float %e23, %xv
  %e25 = fmul float %e24, %xv
  %e26 = fmul float %e25, %xv
  %e27 = fmul float %e26, %xv
  %e28 = fmul float %e27, %xv
  %e29 = fmul float %e28, %xv
  %e30 = fmul float %e29, %xv
  %e31 = fmul float %e30, %xv
  %e32 = fmul float %e31, %xv
  %e33 = fmul float %e32, %xv
  %e34 = fmul float %e33, %xv
  %e35 = fmul float %e34, %xv
  %e36 = fmul float %e35, %xv
  %e37 = fmul float %e36, %xv
  %e38 = fmul float %e37, %xv
  %e39 = fmul float %e38, %xv
  %e40 = fmul float %e39, %xv
  %e41 = fmul float %e40, %xv
  %e42 = fmul float %e41, %xv
  %e43 = fmul float %e42, %xv
  %e44 = fmul float %e43, %xv
  %e45 = fmul float %e44, %xv
  %e46 = fmul float %e45, %xv
  %e47 = fmul float %e46, %xv
  %e48 = fmul float %e47, %xv
  %e49 = fmul float %e48, %xv
  %e50 = fmul float %e49, %xv
  %e51 = fmul float %e50, %xv
  %e52 = fmul float %e51, %xv
  %e53 = fmul float %e52, %xv
  %e54 = fmul float %e53, %xv
  %e55 = fmul float %e54, %xv
  %e56 = fmul float %e55, %xv
  %e57 = fmul float %e56, %xv
  %e58 = fmul float %e57, %xv
  %e59 = fmul float %e58, %xv
  %e60 = fmul float %e59, %xv
  %e61 = fmul float %e60, %xv
  %e62 = fmul float %e61, %xv
  %e63 = fmul float %e62, %xv
  %e64 = fmul float %e63, %xv
  %e65 = fmul float %e64, %xv
  %e66 = fmul float %e65, %xv
  %e67 = fmul float %e66, %xv
  %e68 = fmul float %e67, %xv
  %e69 = fmul float %e68, %xv
  %e70 = fmul float %e69, %xv
  %e71 = fmul float %e70, %xv
  %e72 = fmul float %e71, %xv
  %e73 = fmul float %e72, %xv
  %e74 = fmul float %e73, %xv
  %e75 = fmul float %e74, %xv
  %e76 = fmul float %e75, %xv
  %e77 = fmul float %e76, %xv
  %e78 = fmul float %e77, %xv
  %e79 = fmul float %e78, %xv
  %e80 = fmul float %e79, %xv
  %e81 = fmul float %e80, %xv
  %e82 = fmul float %e81, %xv
  %e83 = fmul float %e82, %xv
  %e84 = fmul float %e83, %xv
  %e85 = fmul float %e84, %xv
  %e86 = fmul float %e85, %xv
  %e87 = fmul float %e86, %xv
  %e88 = fmul float %e87, %xv
  %e89 = fmul float %e88, %xv
  %e90 = fmul float %e89, %xv
  %e91 = fmul float %e90, %xv
  %e92 = fmul float %e91, %xv
  %e93 = fmul float %e92, %xv
  %e94 = fmul float %e93, %xv
  %e95 = fmul float %e94, %xv
  %e96 = fmul float %e95, %xv
  %e97 = fmul float %e96, %xv
  %e98 = fmul float %e97, %xv
  %e99 = fmul float %e98, %xv
  %e100 = fmul float %e99, %xv
  %e101 = fmul float %e100, %xv
  %e102 = fmul float %e101, %xv
  %e103 = fmul float %e102, %xv
  %e104 = fmul float %e103, %xv
  %e105 = fmul float %e104, %xv
  %e106 = fmul float %e105, %xv
  %e107 = fmul float %e106, %xv
  %e108 = fmul float %e107, %xv
  %e109 = fmul float %e108, %xv
  %e110 = fmul float %e109, %xv
  %e111 = fmul float %e110, %xv
  %e112 = fmul float %e111, %xv
  %e113 = fmul float %e112, %xv
  %e114 = fmul float %e113, %xv
  %e115 = fmul float %e114, %xv
  %e116 = fmul float %e115, %xv
  %e117 = fmul float %e116, %xv
  %e118 = fmul float %e117, %xv
  %e119 = fmul float %e118, %xv
  %sum.next = fadd float %sum, %e119
  %k.next = add nuw nsw i32 %k, 1
  br label %loop

exit:
  %po = getelementptr inbounds float, ptr %out, i64 %t64
  store float %sum, ptr %po
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()

!nvvm.annotations = !{!0, !1, !2}
!0 = !{ptr @accumulate, !"kernel", i32 1}
!1 = !{ptr @odd, !"kernel", i32 1}
!2 = !{ptr @big, !"kernel", i32 1}
