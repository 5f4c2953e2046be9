; A tree reduction whose steps are counted at run time: the loop test
; (s > 0) is uniform and the body starts with a divergent guard
; (tid < s). An implicit barrier at the top of the body gives the guarded
; step a region of its own (one way out, the loop's barrier), which
; WorkItemLoops narrows to the threads the guard admits; the uniform test
; stays in the region before it. A loop whose test depends on the thread
; gets no such barrier.
; RUN: %tx-opt -passes=tx-implicit-loop-barriers -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

define void @tree(ptr addrspace(3) %buf) {
entry:
  %ntid = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %half = lshr i32 %ntid, 1
  br label %test

test:
  %s = phi i32 [ %half, %entry ], [ %next, %join ]
  %more = icmp ugt i32 %s, 0
  br i1 %more, label %step, label %exit

step:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %active = icmp ult i32 %tid, %s
  br i1 %active, label %add, label %join

add:
  %t64 = zext i32 %tid to i64
  %p = getelementptr float, ptr addrspace(3) %buf, i64 %t64
  store float 1.0, ptr addrspace(3) %p
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %next = lshr i32 %s, 1
  br label %test

exit:
  ret void
}

; CHECK-LABEL: define void @tree(
; CHECK: step:
; CHECK-NEXT: call void @__tx_implicit_barrier()
; CHECK-NEXT: %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
; CHECK-NEXT: %active = icmp ult i32 %tid, %s

define void @per_thread_trips(ptr addrspace(3) %buf) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  br label %test

test:
  %s = phi i32 [ %tid, %entry ], [ %next, %join ]
  %more = icmp ugt i32 %s, 0
  br i1 %more, label %step, label %exit

step:
  %odd = and i32 %s, 1
  %active = icmp ne i32 %odd, 0
  br i1 %active, label %add, label %join

add:
  store float 1.0, ptr addrspace(3) %buf
  br label %join

join:
  call void @llvm.nvvm.barrier0()
  %next = lshr i32 %s, 1
  br label %test

exit:
  ret void
}

; CHECK-LABEL: define void @per_thread_trips(
; CHECK-NOT: __tx_implicit_barrier
; CHECK: ret void

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @tree, !"kernel", i32 1}
!1 = !{ptr @per_thread_trips, !"kernel", i32 1}
