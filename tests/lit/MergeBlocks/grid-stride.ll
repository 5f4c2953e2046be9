; A grid-stride kernel launched with a constant width of 256 gets a twin
; whose blocks of 1024 threads run four of its blocks: the global index
; blockIdx.x * blockDim.x + threadIdx.x becomes blockIdx.x * 256 + t, other
; reads of threadIdx.x and blockIdx.x become t % 256 and blockIdx.x + t /
; 256, blockDim.x the constant 256. Other widths and blocks of several rows
; merge as many blocks as fit 1024 threads. Not merged: kernels without a
; constant width, with warp collectives and a width that is not whole
; warps, with shared memory, with a counting barrier, with a barrier that a
; block reaches or not by its blockIdx.x, calling a function that was not
; inlined, or without a grid-stride loop.
; RUN: %tx-opt -passes=tx-merge-blocks -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @sum(
; CHECK-SAME:  #[[KERNEL:[0-9]+]]
; CHECK-LABEL: define internal void @sum.merged(
; CHECK-SAME:  #[[TWIN:[0-9]+]]
; CHECK:         %[[T0:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %[[WHICH:.*]] = udiv i32 %[[T0]], 256
; CHECK-NEXT:    %[[BID0:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
; CHECK-NEXT:    %ctaid.x.merged = add nuw i32 %[[BID0]], %[[WHICH]]
; CHECK-NEXT:    %[[T1:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %tid.x.merged = and i32 %[[T1]], 255
; CHECK:         %[[BID:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
; CHECK-NEXT:    %[[LEAD:.*]] = mul i32 %[[BID]], 256
; CHECK-NEXT:    %[[T:.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %i0 = add i32 %[[LEAD]], %[[T]]
; CHECK-NEXT:    %step = mul i32 %nctaid, 256
; CHECK:         %lane = and i32 %tid.x.merged, 31
; CHECK:         getelementptr i64, ptr %out, i32 %ctaid.x.merged
; CHECK-NOT:     ntid
; CHECK:         ret void
define void @sum(ptr %in, ptr %out, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %done

body:
  %p = getelementptr i64, ptr %in, i32 %i
  %v = load i64, ptr %p
  %acc.next = add i64 %acc, %v
  %i.next = add i32 %i, %step
  br label %loop

done:
  %lane = and i32 %tid, 31
  %first = icmp eq i32 %lane, 0
  br i1 %first, label %add, label %exit

add:
  %slot = getelementptr i64, ptr %out, i32 %bid
  %old = atomicrmw add ptr %slot, i64 %acc monotonic
  br label %exit

exit:
  ret void
}

; A kernel with a block barrier and a warp shuffle that every thread of a
; block reaches is merged too.
; CHECK-LABEL: define internal void @shuffled.merged(
define void @shuffled(ptr %in, ptr %out, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  call void @llvm.nvvm.barrier0()
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %body ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %done

body:
  %p = getelementptr i32, ptr %in, i32 %i
  %v = load i32, ptr %p
  %acc.next = add i32 %acc, %v
  %i.next = add i32 %i, %step
  br label %loop

done:
  %x = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %acc, i32 1, i32 31)
  %q = getelementptr i32, ptr %out, i32 %tid
  store i32 %x, ptr %q
  ret void
}

; CHECK-NOT: @no_width.merged
define void @no_width(ptr %in, i32 %n) {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 0, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; A width that is not whole warps is merged where the kernel has no warp
; collective (48 x 21 = 1008 threads), not where it has one.
; CHECK-LABEL: define internal void @odd_width.merged(
; CHECK-SAME:  #[[ODD:[0-9]+]]
; CHECK-NOT: @odd_width_shuffled.merged
define void @odd_width_shuffled(ptr %in, i32 %n) #1 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  %v = load i32, ptr %p
  %x = call i32 @llvm.nvvm.shfl.sync.bfly.i32(i32 -1, i32 %v, i32 1, i32 31)
  store i32 %x, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

define void @odd_width(ptr %in, i32 %n) #1 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 0, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; Blocks of two rows: two of them make a merged block of 512 x 2.
; CHECK-LABEL: define internal void @rows.merged(
; CHECK-SAME:  #[[ROWS:[0-9]+]]
define void @rows(ptr %in, i32 %n) #2 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 0, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-NOT: @shared.merged
define void @shared(ptr %in, i32 %n) #0 {
entry:
  %smem = call ptr @__tx_shared_base()
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  %v = load i32, ptr %p
  store i32 %v, ptr %smem
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-NOT: @counted.merged
define void @counted(ptr %in, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  %count = call i32 @llvm.nvvm.barrier0.popc(i32 1)
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 %count, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-NOT: @block_rounds.merged
define void @block_rounds(ptr %in, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %rounds = urem i32 %bid, 3
  br label %sync

sync:
  %r = phi i32 [ 0, %entry ], [ %r.next, %sync ]
  call void @llvm.nvvm.barrier0()
  %r.next = add i32 %r, 1
  %again = icmp ule i32 %r.next, %rounds
  br i1 %again, label %sync, label %start

start:
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %start ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 0, ptr %p
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-NOT: @calls.merged
define void @calls(ptr %in, i32 %n) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %base = mul i32 %bid, %ntid
  %i0 = add i32 %base, %tid
  %step = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %i0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %in, i32 %i
  call void @not_inlined(ptr %p)
  %i.next = add i32 %i, %step
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

; CHECK-NOT: @block_per_row.merged
define void @block_per_row(ptr %in) #0 {
entry:
  %bid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %base = mul i32 %bid, %ntid
  %i = add i32 %base, %tid
  %p = getelementptr i32, ptr %in, i32 %i
  store i32 0, ptr %p
  ret void
}

; CHECK: attributes #[[KERNEL]] = { "tx-launch-width"="256" "tx-merged-twin"="sum.merged" }
; CHECK: attributes #[[TWIN]] = { "tx-launch-width"="1024" "tx-merges-blocks"="4" }
; CHECK: attributes #[[ODD]] = { "tx-launch-width"="1008" "tx-merges-blocks"="21" }
; CHECK: attributes #[[ROWS]] = { "tx-launch-rows"="2,1" "tx-launch-width"="512" "tx-merges-blocks"="2" }

declare ptr @__tx_shared_base()
declare void @not_inlined(ptr)
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
declare void @llvm.nvvm.barrier0()
declare i32 @llvm.nvvm.barrier0.popc(i32)
declare i32 @llvm.nvvm.shfl.sync.bfly.i32(i32, i32, i32, i32)

attributes #0 = { "tx-launch-width"="256" }
attributes #1 = { "tx-launch-width"="48" }
attributes #2 = { "tx-launch-width"="256" "tx-launch-rows"="2,1" }

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5, !6, !7, !8, !9, !10}
!0 = !{ptr @sum, !"kernel", i32 1}
!1 = !{ptr @shuffled, !"kernel", i32 1}
!2 = !{ptr @no_width, !"kernel", i32 1}
!3 = !{ptr @odd_width, !"kernel", i32 1}
!4 = !{ptr @rows, !"kernel", i32 1}
!5 = !{ptr @shared, !"kernel", i32 1}
!6 = !{ptr @counted, !"kernel", i32 1}
!7 = !{ptr @calls, !"kernel", i32 1}
!8 = !{ptr @block_per_row, !"kernel", i32 1}
!9 = !{ptr @odd_width_shuffled, !"kernel", i32 1}
!10 = !{ptr @block_rounds, !"kernel", i32 1}
