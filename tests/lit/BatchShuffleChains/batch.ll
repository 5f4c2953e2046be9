; Consecutive independent exchanges of a block become one collective:
; reductions of one value with two operators (one input field), of two
; values (two fields), a reduction next to lone shuffles and a ballot, a
; later input computed after an earlier result's store (it moves up), a
; lone shuffle with a run-time source lane (a parameter). Not: a reduction
; of an earlier one's result, exchanges across a barrier, a call that may
; not return or an access that may be to shared memory, an input loaded in
; between; and no more than 128 bits of results in one slot.
; RUN: %tx-opt -passes=tx-fuse-warp-shuffles,tx-batch-shuffle-chains -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @sum_and_max(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %a1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a1, i32 2, i32 31)
  %a2 = add i32 %a1, %s1
  store i32 %a2, ptr %out
  %m0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %b1 = call i32 @llvm.smax.i32(i32 %x, i32 %m0)
  %m1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %b1, i32 2, i32 31)
  %b2 = call i32 @llvm.smax.i32(i32 %b1, i32 %m1)
  %o1 = getelementptr i32, ptr %out, i64 1
  store i32 %b2, ptr %o1
  ret void
}
; CHECK-LABEL: define void @sum_and_max(
; CHECK-NEXT: %batch = call i64 @__tx_shfl_chain.i32.i64(ptr @[[SUM_MAX:[^,]*]], i32 %x)
; CHECK-NEXT: [[SUM:%.*]] = trunc i64 %batch to i32
; CHECK-NEXT: [[HI:%.*]] = lshr i64 %batch, 32
; CHECK-NEXT: [[MAX:%.*]] = trunc i64 [[HI]] to i32
; CHECK-NEXT: store i32 [[SUM]], ptr %out
; CHECK: store i32 [[MAX]], ptr %o1
; CHECK-NOT: __tx_shfl_chain
; CHECK: ret void

define void @two_values(ptr %out, i32 %x, float %y) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 16, i32 31)
  %a1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %a1, i32 8, i32 31)
  %a2 = add i32 %a1, %s1
  store i32 %a2, ptr %out
  %yb = bitcast float %y to i32
  %t0 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %yb, i32 16, i32 31)
  %tf0 = bitcast i32 %t0 to float
  %f1 = fadd float %y, %tf0
  %fb1 = bitcast float %f1 to i32
  %t1 = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %fb1, i32 8, i32 31)
  %tf1 = bitcast i32 %t1 to float
  %f2 = fadd float %f1, %tf1
  %o1 = getelementptr float, ptr %out, i64 1
  store float %f2, ptr %o1
  ret void
}
; CHECK-LABEL: define void @two_values(
; CHECK: [[X64:%.*]] = zext i32 %x to i64
; CHECK: [[Y64:%.*]] = zext i32 {{%.*}} to i64
; CHECK: [[YHI:%.*]] = shl i64 [[Y64]], 32
; CHECK: [[LANE:%.*]] = or i64 [[X64]], [[YHI]]
; CHECK: %batch = call i64 @__tx_shfl_chain.i64.i64(ptr @{{[^,]*}}, i64 [[LANE]]){{$}}
; CHECK-NOT: __tx_shfl_chain
; CHECK: ret void

define void @with_lone_exchanges(ptr %out, i32 %x, i32 %lane) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %a1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a1, i32 2, i32 31)
  %a2 = add i32 %a1, %s1
  store i32 %a2, ptr %out
  %up = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 1, i32 0)
  %o1 = getelementptr i32, ptr %out, i64 1
  store i32 %up, ptr %o1
  %odd = trunc i32 %x to i1
  %votes = call i32 @llvm.nvvm.vote.ballot.sync(i32 -1, i1 %odd)
  %o2 = getelementptr i32, ptr %out, i64 2
  store i32 %votes, ptr %o2
  %from = call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1, i32 %x, i32 %lane, i32 31)
  %o3 = getelementptr i32, ptr %out, i64 3
  store i32 %from, ptr %o3
  ret void
}
; The ballot's predicate and the indexed shuffle's source lane (a
; parameter, packed with its input) move up to the first exchange.
; CHECK-LABEL: define void @with_lone_exchanges(
; CHECK: %odd = trunc i32 %x to i1
; CHECK: %batch = call i128 @__tx_shfl_chain.i128.i128(ptr @[[LONE:[^,]*]], i128 {{%.*}})
; CHECK-NOT: __tx_shfl_chain
; CHECK-NOT: call i32 @llvm.nvvm
; CHECK: ret void

define void @dependent(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %a1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a1, i32 2, i32 31)
  %a2 = add i32 %a1, %s1
  store i32 %a2, ptr %out
  %d = sub i32 %x, %a2
  %sq = mul i32 %d, %d
  %q0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %sq, i32 1, i32 31)
  %c1 = add i32 %sq, %q0
  %q1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %c1, i32 2, i32 31)
  %c2 = add i32 %c1, %q1
  store i32 %c2, ptr %out
  ret void
}
; CHECK-LABEL: define void @dependent(
; CHECK: call i32 @__tx_shfl_chain.i32.i32(
; CHECK: call i32 @__tx_shfl_chain.i32.i32(
; CHECK-NOT: %batch

define void @across_barrier(ptr %out, i32 %x) {
  %s0 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %a1 = add i32 %x, %s0
  %s1 = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %a1, i32 2, i32 31)
  %a2 = add i32 %a1, %s1
  store i32 %a2, ptr %out
  call void @llvm.nvvm.barrier0()
  %up = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 1, i32 0)
  %o1 = getelementptr i32, ptr %out, i64 1
  store i32 %up, ptr %o1
  call void @may_not_return()
  %down = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  %o2 = getelementptr i32, ptr %out, i64 2
  store i32 %down, ptr %o2
  %y = load i32, ptr %out
  %idx = call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1, i32 %y, i32 0, i32 31)
  %o3 = getelementptr i32, ptr %out, i64 3
  store i32 %idx, ptr %o3
  ret void
}
; CHECK-LABEL: define void @across_barrier(
; CHECK-NOT: %batch
; CHECK: call i32 @__tx_shfl_chain.i32.i32(
; CHECK: call void @llvm.nvvm.barrier0()
; CHECK: %up = call i32 @llvm.nvvm.shfl.sync.up.i32(
; CHECK: call void @may_not_return()
; CHECK: %down = call i32 @llvm.nvvm.shfl.sync.down.i32(
; CHECK: %y = load i32, ptr %out
; CHECK: %idx = call i32 @llvm.nvvm.shfl.sync.idx.i32(
; CHECK: ret void

define void @across_shared_store(ptr %out, i32 %x) {
  %base = call ptr @__tx_shared_base()
  %up = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 1, i32 0)
  store i32 %up, ptr %base
  %down = call i32 @llvm.nvvm.shfl.sync.down.i32(i32 -1, i32 %x, i32 1, i32 31)
  store i32 %down, ptr %out
  %bfly = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %x, i32 1, i32 31)
  %o1 = getelementptr i32, ptr %out, i64 1
  store i32 %bfly, ptr %o1
  ret void
}
; A store that may be to shared memory keeps the exchanges around it apart
; (lanes may hand values through it); one to a kernel argument's buffer
; does not.
; CHECK-LABEL: define void @across_shared_store(
; CHECK: %up = call i32 @llvm.nvvm.shfl.sync.up.i32(
; CHECK-NEXT: store i32 %up, ptr %base
; CHECK-NEXT: %batch = call i64 @__tx_shfl_chain.i32.i64(
; CHECK-NOT: call i32 @llvm.nvvm
; CHECK: ret void

define void @five_results(ptr %out, i32 %x) {
  %u = add i32 %x, 1
  %up1 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 1, i32 0)
  store i32 %up1, ptr %out
  %up2 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %u, i32 2, i32 0)
  store i32 %up2, ptr %out
  %v = mul i32 %x, 3
  %up3 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %v, i32 3, i32 0)
  store i32 %up3, ptr %out
  %up4 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 4, i32 0)
  store i32 %up4, ptr %out
  %up5 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 5, i32 0)
  store i32 %up5, ptr %out
  ret void
}
; Three inputs (96 bits: a 128-bit lane), four 32-bit results; the fifth
; shuffle stays as it is.
; CHECK-LABEL: define void @five_results(
; CHECK: %v = mul i32 %x, 3
; CHECK: %batch = call i128 @__tx_shfl_chain.i128.i128(ptr @{{[^,]*}}, i128 {{%.*}})
; CHECK: %up5 = call i32 @llvm.nvvm.shfl.sync.up.i32(i32 -1, i32 %x, i32 5, i32 0)
; CHECK: ret void

; The bodies of the batched chains are inlined into the batch's body, which
; returns the results side by side.
; CHECK: define internal <32 x i64> @[[SUM_MAX]](<32 x i32> %lanes, i32 %arrived.mask)
; CHECK-NOT: call {{.*}}@__tx_shfl_chain_body
; CHECK: ret <32 x i64>

declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.down.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.up.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.shfl.sync.idx.i32(i32, i32, i32, i32)
declare i32 @llvm.nvvm.vote.ballot.sync(i32, i1)
declare i32 @llvm.smax.i32(i32, i32)
declare void @llvm.nvvm.barrier0()
declare void @may_not_return()
declare ptr @__tx_shared_base()

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5, !6}
!0 = !{ptr @sum_and_max, !"kernel", i32 1}
!1 = !{ptr @two_values, !"kernel", i32 1}
!2 = !{ptr @with_lone_exchanges, !"kernel", i32 1}
!3 = !{ptr @dependent, !"kernel", i32 1}
!4 = !{ptr @across_barrier, !"kernel", i32 1}
!5 = !{ptr @five_results, !"kernel", i32 1}
!6 = !{ptr @across_shared_store, !"kernel", i32 1}
