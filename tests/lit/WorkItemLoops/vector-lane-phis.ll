; A warp matrix fragment comes back from the product as one vector per
; lane, but the program keeps its elements as scalars (frag.x[i]), so a tile
; loop's accumulator is a phi per element. Phis of one block that take the
; lanes of one vector on every edge (or constants) become one phi of that
; vector, read lane by lane where the scalars were used: one scratch slot
; of <4 x float> per thread carries them across the barrier instead of four
; float slots, and the loaded vector is stored straight into it.
; In @mixed_lanes lane 1 of the vector feeds %b on one edge and lane 0 on
; the other: no single vector lane, so the phis stay scalars.
; RUN: %tx-opt -passes=tx-workitem-loops -S %s | %FileCheck %s

target triple = "x86_64-pc-linux-gnu"

@tile = internal addrspace(3) global [1024 x float] undef, align 16

define void @fragment_loop(ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %row = getelementptr inbounds <4 x float>, ptr addrspace(3) @tile, i64 %t64
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %loop ]
  %x0 = phi float [ 0.0, %entry ], [ %n0, %loop ]
  %x1 = phi float [ 0.0, %entry ], [ %n1, %loop ]
  %x2 = phi float [ 1.0, %entry ], [ %n2, %loop ]
  %x3 = phi float [ 0.0, %entry ], [ %n3, %loop ]
  call void @llvm.nvvm.barrier0()
  %v0 = insertelement <4 x float> poison, float %x0, i32 0
  %v1 = insertelement <4 x float> %v0, float %x1, i32 1
  %v2 = insertelement <4 x float> %v1, float %x2, i32 2
  %v3 = insertelement <4 x float> %v2, float %x3, i32 3
  store <4 x float> %v3, ptr addrspace(3) %row
  %r = load <4 x float>, ptr addrspace(3) %row
  %n0 = extractelement <4 x float> %r, i32 0
  %n1 = extractelement <4 x float> %r, i32 1
  %n2 = extractelement <4 x float> %r, i32 2
  %n3 = extractelement <4 x float> %r, i32 3
  call void @llvm.nvvm.barrier0()
  %k.next = add nuw nsw i32 %k, 1
  %more = icmp ult i32 %k.next, %steps
  br i1 %more, label %loop, label %exit

exit:
  %dst = getelementptr float, ptr %out, i64 %t64
  store float %n2, ptr %dst
  ret void
}

define void @mixed_lanes(ptr %out, i32 %steps) {
entry:
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %t64 = zext i32 %tid to i64
  %row = getelementptr inbounds <2 x float>, ptr addrspace(3) @tile, i64 %t64
  %init = load <2 x float>, ptr addrspace(3) %row
  %i0 = extractelement <2 x float> %init, i32 0
  %i1 = extractelement <2 x float> %init, i32 1
  br label %loop

loop:
  %k = phi i32 [ 0, %entry ], [ %k.next, %loop ]
  %a = phi float [ %i0, %entry ], [ %n0, %loop ]
  %b = phi float [ %i1, %entry ], [ %n0b, %loop ]
  call void @llvm.nvvm.barrier0()
  %s = fadd float %a, %b
  store float %s, ptr addrspace(3) %row
  %r = load <2 x float>, ptr addrspace(3) %row
  %n0 = extractelement <2 x float> %r, i32 0
  %n0b = extractelement <2 x float> %r, i32 0
  call void @llvm.nvvm.barrier0()
  %k.next = add nuw nsw i32 %k, 1
  %more = icmp ult i32 %k.next, %steps
  br i1 %more, label %loop, label %exit

exit:
  %dst = getelementptr float, ptr %out, i64 %t64
  store float %s, ptr %dst
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0, !1}
!0 = !{ptr @fragment_loop, !"kernel", i32 1}
!1 = !{ptr @mixed_lanes, !"kernel", i32 1}

; CHECK-LABEL: define internal void @__txblk_fragment_loop(
; CHECK-NOT: x1.reg2mem
; The constant edge: the phis' constants in their lanes.
; CHECK: r0.x:
; CHECK: %[[SLOT0:x0.lanes.reg2mem.slot]] = getelementptr
; CHECK: store <4 x float> <float 0.000000e+00, float 0.000000e+00, float 1.000000e+00, float 0.000000e+00>, ptr %[[SLOT0]]
; After the first barrier, the lanes are read from the one slot, and the
; loaded vector goes straight into it.
; CHECK: r1.x:
; CHECK: %[[SLOT1:x0.lanes.reg2mem.slot[0-9]+]] = getelementptr
; CHECK: %[[OLD:[0-9]+]] = load <4 x float>, ptr %[[SLOT1]]
; CHECK-NEXT: extractelement <4 x float> %[[OLD]], i32 0
; CHECK: %r.r1 = load <4 x float>, ptr addrspace(3)
; CHECK-NEXT: store <4 x float> %r.r1, ptr %[[SLOT1]]
; CHECK-LABEL: define internal void @__txblk_mixed_lanes(
; CHECK-NOT: lanes
; CHECK: %a.reg2mem.slot =
; CHECK: %b.reg2mem.slot =
