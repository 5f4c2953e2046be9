; A grid-stride loop after ImplicitLoopBarriers (see
; ImplicitLoopBarriers/guarded-grid-stride.ll): the guarded round's bound,
; n - (base + k * stride), is computed in the region's preheader from the
; counter's uniform snapshot, so index-set narrowing applies: in step, the
; x loop ends at min(blockDim.x, bound), and the guard in the body becomes
; the loop-invariant "the range is not empty". The rows the round asked
; for are prefetched there too, once per round, a cache line at a time (at
; most 4 KiB, and none past the loop's end), each into the cache its request
; names: a later block's row into the L2 (for reading: the intent to write
; would fill the L1 on x86), the row two rounds ahead into the L1 (this
; loop stores to it: with the intent to write), the latter only where the
; block's rows are shorter than 4 KiB (longer ones the hardware follows
; within the round); no request is left behind.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers,tx-workitem-loops -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-implicit-loop-barriers,tx-workitem-loops -S %s | %FileCheck --check-prefix=NOREQ %s
; NOREQ-NOT: __tx_prefetch_row

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define internal void @__txblk_scale(
; The plan of how far ahead to prefetch is uniform: computed once, in the
; block function's entry, the runtime's limit (a constant global) with it.
; CHECK:       {{^}}entry:
; CHECK-NOT:   {{^[^ ;]+:}}
; CHECK:         %tx.ahead.allowed = load i32, ptr @__tx_prefetch_blocks_ahead, align 4
; CHECK-NOT:   {{^[^ ;]+:}}
; CHECK:         %tx.prefetch.blocks = icmp ne i32
; CHECK-NOT:   {{^[^ ;]+:}}
; CHECK:         %tx.blocks.ahead = mul i32
; CHECK:       r1.pre:
; CHECK:         %[[STEP:in.step[0-9]*]] = load i1, ptr %in.step
; CHECK:         %[[K:tx.iteration.reg2mem.uniform[0-9]*]] = load i32, ptr %slot
; CHECK-NEXT:    %[[OFF:.*]] = mul i32 %[[K]], %stride
; CHECK-NEXT:    %tx.row.start.r1.pre = add i32 %base, %[[OFF]]
; CHECK:         %tx.row.threads.r1.pre = trunc i64 %{{.*}} to i32
; CHECK-NEXT:    %[[ROW:[0-9]+]] = zext i32 %tx.row.threads.r1.pre to i64
; CHECK-NEXT:    %[[NTID:[0-9]+]] = zext i32 %ntid.x to i64
; CHECK-NEXT:    %[[MIN:[0-9]+]] = call i64 @llvm.umin.i64(i64 %[[NTID]], i64 %[[ROW]])
; CHECK-NEXT:    %[[END:[0-9]+]] = trunc i64 %[[MIN]] to i32
; CHECK-NEXT:    %narrowed.any = icmp ult i32 0, %[[END]]
; CHECK-NEXT:    %end.x = select i1 %[[STEP]], i32 %[[END]], i32 %ntid.x
; CHECK-NEXT:    %row.threads = zext i32 %ntid.x to i64
; CHECK-NEXT:    %[[AHEAD:[0-9]+]] = mul i64 %{{.*}}, 4
; CHECK-NEXT:    %row.ahead = getelementptr i8, ptr %x, i64 %[[AHEAD]]
; CHECK-NEXT:    %[[ELEMS:[0-9]+]] = call i64 @llvm.umin.i64(i64 %row.threads, i64 %{{.*}})
; CHECK-NEXT:    %[[BYTES:[0-9]+]] = mul i64 %[[ELEMS]], 4
; From the start of the row's first cache line:
; CHECK-NEXT:    %[[ADDR:[0-9]+]] = ptrtoint ptr %row.ahead to i64
; CHECK-NEXT:    %row.skew = and i64 %[[ADDR]], 63
; CHECK-NEXT:    %[[BACK:[0-9]+]] = sub i64 0, %row.skew
; CHECK-NEXT:    %row.line = getelementptr i8, ptr %row.ahead, i64 %[[BACK]]
; CHECK-NEXT:    %[[SPAN:[0-9]+]] = add i64 %[[BYTES]], %row.skew
; CHECK-NEXT:    %row.bytes = call i64 @llvm.umin.i64(i64 %[[SPAN]], i64 4096)
; CHECK-NEXT:    %row.any = icmp ne i64 %[[BYTES]], 0
; CHECK-NEXT:    br i1 %row.any, label %r1.prefetch, label %r1.prefetch.done
; CHECK:       r1.prefetch:
; CHECK-NEXT:    %row.offset = phi i64 [ 0, %r1.pre ], [ %[[NEXT:[0-9]+]], %r1.prefetch ]
; CHECK-NEXT:    %[[LINE:[0-9]+]] = getelementptr i8, ptr %row.line, i64 %row.offset
; CHECK-NEXT:    call void @llvm.prefetch.p0(ptr %[[LINE]], i32 0, i32 2, i32 1)
; CHECK-NEXT:    %[[NEXT]] = add i64 %row.offset, 64
; CHECK-NEXT:    %[[MORE:[0-9]+]] = icmp ult i64 %[[NEXT]], %row.bytes
; CHECK-NEXT:    br i1 %[[MORE]], label %r1.prefetch, label %r1.prefetch.done
; CHECK:       r1.prefetch.done:
; CHECK:         %row.any[[R:[0-9]+]] = icmp ne i64
; CHECK-NEXT:    %[[WHOLE:[0-9]+]] = mul i64 %row.threads, 4
; CHECK-NEXT:    %[[SHORT:[0-9]+]] = icmp ult i64 %[[WHOLE]], 4096
; CHECK-NEXT:    %[[GO:[0-9]+]] = and i1 %row.any[[R]], %[[SHORT]]
; CHECK-NEXT:    br i1 %[[GO]], label %r1.prefetch[[L:[0-9]+]], label %r1.prefetch.done[[D:[0-9]+]]
; CHECK:       r1.prefetch[[L]]:
; CHECK:         call void @llvm.prefetch.p0(ptr %{{[0-9]+}}, i32 1, i32 3, i32 1)
; CHECK:       r1.prefetch.done[[D]]:
; CHECK-NEXT:    br label %r1.prefetched
; CHECK:         %tx.guard.in.r1 = icmp ult i32 %tid.x{{[0-9]*}}, %{{.*}}
; CHECK-NEXT:    select i1 true, i1 %narrowed.any, i1 %tx.guard.in.r1
define void @scale(i32 %n, ptr %x) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = add i32 %base, %tid
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %w = fmul float %v, 2.0
  store float %w, ptr %p
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  ret void
}

; A guard whose bound each thread loads from memory is not a bound the
; region can compute before its loops: no narrowing, the guard stays.
; CHECK-LABEL: define internal void @__txblk_loaded_bound(
; CHECK:       r1.pre:
; CHECK-NOT:     end.x
; CHECK-NOT:     narrowed.any
; CHECK:       r1.x.latch:
; CHECK-NEXT:    add nuw nsw i32 %tid.x{{[0-9]*}}, 1
; CHECK-NEXT:    icmp ult i32 %{{[0-9]+}}, %ntid.x
define void @loaded_bound(ptr %bounds, ptr addrspace(3) %buf) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %bp = getelementptr inbounds i32, ptr %bounds, i64 %t64
  %bound = load i32, ptr %bp
  call void @llvm.nvvm.barrier0()
  %tid1 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %in = icmp ult i32 %tid1, %bound
  br i1 %in, label %work, label %done

work:
  %p = getelementptr inbounds float, ptr addrspace(3) %buf, i64 %t64
  store float 1.0, ptr addrspace(3) %p
  br label %done

done:
  call void @llvm.nvvm.barrier0()
  ret void
}

declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @scale, !"kernel", i32 1}
!1 = !{ptr @loaded_bound, !"kernel", i32 1}
