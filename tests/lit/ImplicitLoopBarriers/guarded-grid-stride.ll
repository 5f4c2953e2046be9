; A grid-stride loop whose index starts at Lead + threadIdx.x becomes a loop
; that all threads of the block run together while thread 0's index
; Lead + k * stride is below n, with the body guarded by
; threadIdx.x < n - (Lead + k * stride), which WorkItemLoops narrows the
; thread loop to. Implicit barriers go before the guard and before the next
; round (where the counter moves on), and at the exit unless a barrier of
; the program is already there. Header phis become per-thread variables (a
; thread the guard turns away keeps its values without running anything).
; A run-time check keeps the original loop, unchanged, for launches where
; an index could wrap around.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

; The runtime's limit on blocks ahead is a constant the kernel only reads.
; CHECK:       @__tx_prefetch_blocks_ahead = external constant i32, align 4
; CHECK-LABEL: define void @dot(
; CHECK:       entry:
; CHECK-NEXT:    %sum.carried = alloca float
; CHECK:         %stride = mul i32 %nctaid, %ntid
; The index grows until it passes n in every thread: stride > 0, and
; neither base + blockDim.x - 1 nor n + stride - 1 overflows.
; CHECK:         [[STEP_OK:%.*]] = icmp sgt i32 %stride, 0
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %base,
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %n,
; CHECK:         br i1 %tx.guarded.ok, label %tx.guarded.pre, label %tx.unguarded.pre
; CHECK:       tx.guarded.pre:
; How many blocks ahead the rounds prefetch, planned once: the most (1, 2
; or 4) whose rows fit the L2 budget, (n - base + stride) * d *
; blockDim.x * 4 bytes <= 512 KiB * stride, and that the runtime allows on
; the processor it runs on, or none; n - base (at least 0) and the stride
; clamped to 2^36.
; CHECK-NEXT:    [[STRIDE64:%.*]] = sext i32 %stride to i64
; CHECK-NEXT:    [[SMALL:%.*]] = icmp ult i64 [[STRIDE64]], 68719476736
; CHECK-NEXT:    [[STEP:%.*]] = select i1 [[SMALL]], i64 [[STRIDE64]], i64 68719476736
; CHECK-NEXT:    [[N64P:%.*]] = sext i32 %n to i64
; CHECK-NEXT:    [[BASE64:%.*]] = sext i32 %base to i64
; CHECK-NEXT:    [[LEFT0:%.*]] = sub i64 [[N64P]], [[BASE64]]
; CHECK-NEXT:    [[NEG:%.*]] = icmp slt i64 [[LEFT0]], 0
; CHECK-NEXT:    [[LEFT1:%.*]] = select i1 [[NEG]], i64 0, i64 [[LEFT0]]
; CHECK-NEXT:    [[SMALLL:%.*]] = icmp ult i64 [[LEFT1]], 68719476736
; CHECK-NEXT:    [[LEFT:%.*]] = select i1 [[SMALLL]], i64 [[LEFT1]], i64 68719476736
; CHECK-NEXT:    [[SPAN:%.*]] = add i64 [[LEFT]], [[STEP]]
; CHECK-NEXT:    [[W:%.*]] = zext i32 %ntid to i64
; CHECK-NEXT:    [[ROWB:%.*]] = mul i64 [[W]], 4
; CHECK-NEXT:    %tx.block.bytes.scaled = mul i64 [[SPAN]], [[ROWB]]
; CHECK-NEXT:    %tx.ahead.budget = mul i64 [[STEP]], 524288
; CHECK-NEXT:    %tx.ahead.allowed = load i32, ptr @__tx_prefetch_blocks_ahead, align 4
; CHECK-NEXT:    [[ALLOWED:%.*]] = zext i32 %tx.ahead.allowed to i64
; CHECK-NEXT:    [[FITS1:%.*]] = icmp ule i64 %tx.block.bytes.scaled, %tx.ahead.budget
; CHECK-NEXT:    [[OK1:%.*]] = icmp ule i64 1, [[ALLOWED]]
; CHECK-NEXT:    [[USE1:%.*]] = and i1 [[FITS1]], [[OK1]]
; CHECK-NEXT:    [[ONE:%.*]] = select i1 [[USE1]], i32 1, i32 0
; CHECK-NEXT:    [[BYTES2:%.*]] = mul i64 %tx.block.bytes.scaled, 2
; CHECK-NEXT:    [[FITS2:%.*]] = icmp ule i64 [[BYTES2]], %tx.ahead.budget
; CHECK-NEXT:    [[OK2:%.*]] = icmp ule i64 2, [[ALLOWED]]
; CHECK-NEXT:    [[USE2:%.*]] = and i1 [[FITS2]], [[OK2]]
; CHECK-NEXT:    [[TWO:%.*]] = select i1 [[USE2]], i32 2, i32 [[ONE]]
; CHECK-NEXT:    [[BYTES4:%.*]] = mul i64 %tx.block.bytes.scaled, 4
; CHECK-NEXT:    [[FITS4:%.*]] = icmp ule i64 [[BYTES4]], %tx.ahead.budget
; CHECK-NEXT:    [[OK4:%.*]] = icmp ule i64 4, [[ALLOWED]]
; CHECK-NEXT:    [[USE4:%.*]] = and i1 [[FITS4]], [[OK4]]
; CHECK-NEXT:    [[BLOCKS:%.*]] = select i1 [[USE4]], i32 4, i32 [[TWO]]
; CHECK-NEXT:    %tx.prefetch.blocks = icmp ne i32 [[BLOCKS]], 0
; CHECK-NEXT:    %tx.blocks.ahead = mul i32 [[BLOCKS]], %ntid
; CHECK-NEXT:    store float 0.000000e+00, ptr %sum.carried
; CHECK:       loop:
; CHECK-NEXT:    %tx.iteration = phi i32 [ 0, %tx.guarded.pre ], [ [[NEXTK:%.*]], %tx.guard.join ], !tx.lockstep
; CHECK-NOT:     phi
; CHECK:         [[OFF:%.*]] = mul i32 %tx.iteration, %stride
; CHECK-NEXT:    [[ROW:%.*]] = add i32 %base, [[OFF]]
; CHECK-NEXT:    %tx.row.runs = icmp slt i32 [[ROW]], %n
; CHECK-NEXT:    br i1 %tx.row.runs, label %tx.guard, label %exit
; Past the cut, the round's values are computed again from the counter.
; CHECK:       tx.guard:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    [[OFF2:%.*]] = mul i32 %tx.iteration, %stride
; CHECK-NEXT:    %tx.row.start = add i32 %base, [[OFF2]]
; The same round's row of the block the plan names, of every array the
; body indexes with i, is asked for into the L2 (level 2), as far as the
; loop reaches (n - index, at least 0); WorkItemLoops prefetches it (see
; WorkItemLoops/guarded-grid-stride.ll).
; CHECK-NEXT:    [[NEXTB:%.*]] = add i32 %tx.row.start, %tx.blocks.ahead
; CHECK-NEXT:    [[NEXTB64:%.*]] = sext i32 [[NEXTB]] to i64
; CHECK-NEXT:    [[N64:%.*]] = sext i32 %n to i64
; CHECK-NEXT:    [[RESTB:%.*]] = sub i64 [[N64]], [[NEXTB64]]
; CHECK-NEXT:    [[ELEMSB:%.*]] = call i64 @llvm.smax.i64(i64 [[RESTB]], i64 0)
; CHECK-NEXT:    [[WANTB:%.*]] = select i1 %tx.prefetch.blocks, i64 [[ELEMSB]], i64 0
; CHECK-NEXT:    call void @__tx_prefetch_row(ptr %x, i64 [[NEXTB64]], i64 [[WANTB]], i64 4, i32 0, i32 2)
; And the row two rounds ahead, into the L1, in any case.
; CHECK-NEXT:    [[TWICE:%.*]] = mul i32 %stride, 2
; CHECK-NEXT:    [[AHEAD:%.*]] = add i32 %tx.row.start, [[TWICE]]
; CHECK-NEXT:    [[AHEAD64:%.*]] = sext i32 [[AHEAD]] to i64
; CHECK-NEXT:    [[N64B:%.*]] = sext i32 %n to i64
; CHECK-NEXT:    [[REST:%.*]] = sub i64 [[N64B]], [[AHEAD64]]
; CHECK-NEXT:    [[ELEMS:%.*]] = call i64 @llvm.smax.i64(i64 [[REST]], i64 0)
; CHECK-NEXT:    call void @__tx_prefetch_row(ptr %x, i64 [[AHEAD64]], i64 [[ELEMS]], i64 4, i32 0, i32 3)
; CHECK:         [[LEFT:%.*]] = sub i64 {{%.*}}, {{%.*}}
; CHECK-NEXT:    [[CLAMPED:%.*]] = call i64 @llvm.umin.i64(i64 [[LEFT]], i64 2147483647)
; CHECK-NEXT:    %tx.row.threads = trunc i64 [[CLAMPED]] to i32
; CHECK-NEXT:    [[TID:%.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %tx.guard.in = icmp ult i32 [[TID]], %tx.row.threads
; CHECK-NEXT:    br i1 %tx.guard.in, label %loop.stay, label %tx.guard.skip
; CHECK:       loop.stay:
; CHECK-NEXT:    [[SUM:%.*]] = load float, ptr %sum.carried
; CHECK-NEXT:    [[TID2:%.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    %tx.stride.iv = add nsw i32 %tx.row.start, [[TID2]]
; CHECK:       body:
; CHECK:         %sum.next = fadd float [[SUM]], %v
; CHECK-NEXT:    store float %sum.next, ptr %sum.carried
; CHECK-NEXT:    br label %tx.guard.join
; CHECK:       tx.guard.skip:
; CHECK-NEXT:    br label %tx.guard.join
; CHECK:       tx.guard.join:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    [[NEXTK]] = add i32 %tx.iteration, 1
; CHECK-NEXT:    br label %loop
; CHECK:       exit:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NEXT:    [[AFTER:%.*]] = load float, ptr %sum.carried
; CHECK-NEXT:    atomicrmw fadd ptr %out, float [[AFTER]]
; The unchanged loop, for launches that fail the check, stores its sum
; every round for the code after the loop.
; CHECK:       loop.unguarded:
; CHECK-NEXT:    %i.unguarded = phi i32 [ %start, %tx.unguarded.pre ]
; CHECK-NEXT:    %sum.unguarded = phi float
; CHECK-NEXT:    store float %sum.unguarded, ptr %sum.carried
; CHECK-NEXT:    %more.unguarded = icmp slt i32 %i.unguarded, %n
; CHECK-NEXT:    br i1 %more.unguarded, label %body.unguarded, label %exit
; CHECK-NOT:     __tx_implicit_barrier
; CHECK:       }
define void @dot(i32 %n, ptr %x, ptr %out) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = add i32 %base, %tid
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride = mul i32 %nctaid, %ntid
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  %r = atomicrmw fadd ptr %out, float %sum monotonic
  ret void
}

; A size_t loop (unsigned, 64-bit; the exit test written n > i) whose exit
; is a __syncthreads(): that barrier serves as the exit's cut. The unsigned
; check asks for a stride other than 0 and no unsigned overflow; the bound
; is n - base, exact in unsigned arithmetic below n.
; CHECK-LABEL: define void @clear(
; CHECK:         [[NONZERO:%.*]] = icmp ne i64 %stride, 0
; CHECK:         call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 %base,
; CHECK:         call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 %n,
; The factors of base are widened: blocks ahead are still blockDim.x apart.
; CHECK:       tx.guarded.pre:
; CHECK-NEXT:    [[WU:%.*]] = zext i32 %ntid to i64
; CHECK:         %tx.blocks.ahead = mul i64 {{%.*}}, [[WU]]
; CHECK:       loop:
; CHECK:         %tx.row.runs = icmp ult i64 {{%.*}}, %n
; A row the body stores to is asked for with the intent to write for the
; round two ahead; later blocks' rows only for reading (with the intent to
; write, x86 would fetch them into the L1).
; CHECK:       tx.guard:
; CHECK:         [[NEXTU:%.*]] = add i64 %tx.row.start, %tx.blocks.ahead
; CHECK-NEXT:    [[INSIDEB:%.*]] = icmp ult i64 [[NEXTU]], %n
; CHECK-NEXT:    [[RESTB:%.*]] = sub i64 %n, [[NEXTU]]
; CHECK-NEXT:    [[ELEMSB:%.*]] = select i1 [[INSIDEB]], i64 [[RESTB]], i64 0
; CHECK-NEXT:    [[WANTB:%.*]] = select i1 %tx.prefetch.blocks, i64 [[ELEMSB]], i64 0
; CHECK-NEXT:    call void @__tx_prefetch_row(ptr %x, i64 [[NEXTU]], i64 [[WANTB]], i64 4, i32 0, i32 2)
; CHECK:         [[AHEADU:%.*]] = add i64 %tx.row.start,
; CHECK-NEXT:    [[INSIDE:%.*]] = icmp ult i64 [[AHEADU]], %n
; CHECK-NEXT:    [[RESTU:%.*]] = sub i64 %n, [[AHEADU]]
; CHECK-NEXT:    [[ELEMSU:%.*]] = select i1 [[INSIDE]], i64 [[RESTU]], i64 0
; CHECK-NEXT:    call void @__tx_prefetch_row(ptr %x, i64 [[AHEADU]], i64 [[ELEMSU]], i64 4, i32 1, i32 3)
; CHECK:         [[LEFT:%.*]] = sub i64 %n, %tx.row.start
; CHECK-NEXT:    [[CLAMPED:%.*]] = call i64 @llvm.umin.i64(i64 [[LEFT]], i64 2147483647)
; CHECK-NEXT:    %tx.row.threads = trunc i64 [[CLAMPED]] to i32
; CHECK:       loop.stay:
; CHECK:         [[TID:%.*]] = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT:    [[WIDE:%.*]] = zext i32 [[TID]] to i64
; CHECK-NEXT:    %tx.stride.iv = add nuw i64 %tx.row.start, [[WIDE]]
; CHECK:       exit:
; CHECK-NEXT:    call void @llvm.nvvm.barrier0()
; CHECK-NEXT:    ret void
define void @clear(i64 %n, ptr %x) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %ctaid64 = zext i32 %ctaid to i64
  %ntid64 = zext i32 %ntid to i64
  %base = mul i64 %ctaid64, %ntid64
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %tid64 = zext i32 %tid to i64
  %start = add i64 %tid64, %base
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %nctaid64 = zext i32 %nctaid to i64
  %stride = mul i64 %nctaid64, %ntid64
  br label %loop

loop:
  %i = phi i64 [ %start, %entry ], [ %i.next, %body ]
  %more = icmp ugt i64 %n, %i
  br i1 %more, label %body, label %exit

body:
  %p = getelementptr inbounds float, ptr %x, i64 %i
  store float 0.0, ptr %p
  %i.next = add i64 %i, %stride
  br label %loop

exit:
  call void @llvm.nvvm.barrier0()
  ret void
}

; The index is used after the loop: only header phis may be, so the loop
; keeps the per-thread form (grid-stride.ll).
; CHECK-LABEL: define void @last_index(
; CHECK-NOT:     tx.guard
; CHECK-NOT:     __tx_prefetch_row
; CHECK:         %tx.stride.iv = add i32 %start,
; CHECK:       }
define void @last_index(i32 %n, ptr %x, ptr %out) {
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
  store float 1.0, ptr %p
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  %i.last = phi i32 [ %i, %loop ]
  store i32 %i.last, ptr %out
  ret void
}

; A block-stride loop over the block's own chunk, whose bound
; ((blockIdx.x + 1) * per) the front end computes again in the header every
; iteration: the bound is hoisted to the preheader and the loop guarded like
; a grid-stride loop, rather than left as one strided walk per thread. Its
; rounds' rows follow each other, so no round asks for a prefetch.
; CHECK-LABEL: define void @chunk(
; CHECK:         %end = mul i32 %next, %per
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %end,
; CHECK:       loop:
; CHECK:         %tx.row.runs = icmp slt i32 {{%.*}}, %end
; CHECK:       tx.guard:
; CHECK-NEXT:    call void @__tx_implicit_barrier()
; CHECK-NOT:     __tx_prefetch_row
; CHECK:         %tx.guard.in = icmp ult i32 {{%.*}}, %tx.row.threads
; CHECK-NOT:     __tx_prefetch_row
; CHECK:       }
define void @chunk(i32 %per, ptr %x, ptr %out) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %first = mul i32 %ctaid, %per
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = add i32 %first, %tid
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %ctaid.again = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %next = add i32 %ctaid.again, 1
  %end = mul i32 %next, %per
  %more = icmp slt i32 %i, %end
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %i.next = add i32 %i, %ntid
  br label %loop

exit:
  %r = atomicrmw fadd ptr %out, float %sum monotonic
  ret void
}

; Rows that start at an offset the host passes, not at blockIdx.x *
; blockDim.x: where the next block's rows lie is not known, so there is no
; plan, and each round asks for the row two rounds ahead only.
; CHECK-LABEL: define void @offset_rows(
; CHECK-NOT:     tx.blocks.ahead
; CHECK:       tx.guard:
; CHECK-NOT:     __tx_prefetch_row
; CHECK:         [[TWICE:%.*]] = mul i32 %stride, 2
; CHECK-NEXT:    [[AHEAD:%.*]] = add i32 %tx.row.start, [[TWICE]]
; CHECK-NEXT:    [[AHEAD64:%.*]] = sext i32 [[AHEAD]] to i64
; CHECK-NEXT:    [[N64:%.*]] = sext i32 %n to i64
; CHECK-NEXT:    [[REST:%.*]] = sub i64 [[N64]], [[AHEAD64]]
; CHECK-NEXT:    [[ELEMS:%.*]] = call i64 @llvm.smax.i64(i64 [[REST]], i64 0)
; CHECK-NEXT:    call void @__tx_prefetch_row(ptr %x, i64 [[AHEAD64]], i64 [[ELEMS]], i64 4, i32 0, i32 3)
; CHECK-NOT:     __tx_prefetch_row
; CHECK:       }
define void @offset_rows(i32 %n, i32 %offset, ptr %x, ptr %out) {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %start = add i32 %offset, %tid
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride = mul i32 %nctaid, %ntid
  br label %loop

loop:
  %i = phi i32 [ %start, %entry ], [ %i.next, %body ]
  %sum = phi float [ 0.0, %entry ], [ %sum.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %exit

body:
  %i64 = sext i32 %i to i64
  %p = getelementptr inbounds float, ptr %x, i64 %i64
  %v = load float, ptr %p
  %sum.next = fadd float %sum, %v
  %i.next = add i32 %i, %stride
  br label %loop

exit:
  %r = atomicrmw fadd ptr %out, float %sum monotonic
  ret void
}

; The common size_t loop whose start is computed in 32 bits and then
; widened, `for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
; i += (size_t)blockDim.x * gridDim.x)`: the widened sum splits as the
; widened lead plus the thread term, as long as the 32-bit sum does not
; wrap, which the run-time check adds (unsigned for a zero extension,
; signed for a sign extension).
; CHECK-LABEL: define void @widened_sum(
; CHECK:         %tx.lead = zext i32 %base to i64
; CHECK:         call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 %tx.lead,
; CHECK:         call { i32, i1 } @llvm.uadd.with.overflow.i32(i32 %base,
; CHECK:         br i1 %tx.guarded.ok, label %tx.guarded.pre, label %tx.unguarded.pre
; CHECK:       loop:
; CHECK-NEXT:    %tx.iteration = phi i64
; CHECK:       tx.guard:
; CHECK:         %tx.row.start = add i64 %tx.lead,
; CHECK:       loop.stay:
; CHECK:         %tx.stride.iv = add nuw i64 %tx.row.start,
define void @widened_sum(i64 %n, ptr %x) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %sum = add i32 %base, %tid
  %start = zext i32 %sum to i64
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %nctaid64 = zext i32 %nctaid to i64
  %ntid64 = zext i32 %ntid to i64
  %stride = mul i64 %ntid64, %nctaid64
  br label %loop

loop:
  %i = phi i64 [ %start, %entry ], [ %i.next, %body ]
  %more = icmp ult i64 %i, %n
  br i1 %more, label %body, label %exit

body:
  %p = getelementptr inbounds float, ptr %x, i64 %i
  store float 0.0, ptr %p
  %i.next = add i64 %i, %stride
  br label %loop

exit:
  ret void
}

; CHECK-LABEL: define void @widened_signed_sum(
; CHECK:         %tx.lead = sext i32 %base to i64
; CHECK:         call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %base,
; CHECK:       tx.guarded.pre:
; CHECK:       loop:
; CHECK-NEXT:    %tx.iteration = phi i64
define void @widened_signed_sum(i64 %n, ptr %x) {
entry:
  %ctaid = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %base = mul i32 %ctaid, %ntid
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %sum = add i32 %tid, %base
  %start = sext i32 %sum to i64
  %nctaid = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %stride32 = mul i32 %ntid, %nctaid
  %stride = sext i32 %stride32 to i64
  br label %loop

loop:
  %i = phi i64 [ %start, %entry ], [ %i.next, %body ]
  %more = icmp slt i64 %i, %n
  br i1 %more, label %body, label %exit

body:
  %p = getelementptr inbounds float, ptr %x, i64 %i
  store float 0.0, ptr %p
  %i.next = add nsw i64 %i, %stride
  br label %loop

exit:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1, !2, !3, !4, !5, !6}
!0 = !{ptr @dot, !"kernel", i32 1}
!1 = !{ptr @clear, !"kernel", i32 1}
!2 = !{ptr @last_index, !"kernel", i32 1}
!3 = !{ptr @chunk, !"kernel", i32 1}
!4 = !{ptr @offset_rows, !"kernel", i32 1}
!5 = !{ptr @widened_sum, !"kernel", i32 1}
!6 = !{ptr @widened_signed_sum, !"kernel", i32 1}
