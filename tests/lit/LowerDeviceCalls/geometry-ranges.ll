; Reads of the thread and block geometry stay for WorkItemLoops, with the
; values CUDA's limits allow as range metadata: InstCombine then knows an
; `int` thread index is not negative and writes `t % 32` as `t & 31`, the
; lane form the warp analyses know.
; RUN: %tx-opt -passes=tx-lower-device-calls -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-lower-device-calls,instcombine -S %s | %FileCheck %s --check-prefix=FOLD

define i32 @lane(ptr %out) {
  %tx = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %tz = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %nx = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %bx = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %by = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %gx = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  store i32 %tz, ptr %out
  store i32 %nx, ptr %out
  store i32 %bx, ptr %out
  store i32 %by, ptr %out
  store i32 %gx, ptr %out
  %lane = srem i32 %tx, 32
  ret i32 %lane
}
; CHECK-LABEL: define i32 @lane(
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.tid.x(), !range ![[TID:[0-9]+]]
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.tid.z(), !range ![[TIDZ:[0-9]+]]
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.ntid.x(), !range ![[NTID:[0-9]+]]
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x(), !range ![[CTAIDX:[0-9]+]]
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y(), !range ![[CTAIDY:[0-9]+]]
; CHECK: call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x(), !range ![[NCTAIDX:[0-9]+]]
; CHECK-DAG: ![[TID]] = !{i32 0, i32 1024}
; CHECK-DAG: ![[TIDZ]] = !{i32 0, i32 64}
; CHECK-DAG: ![[NTID]] = !{i32 1, i32 1025}
; CHECK-DAG: ![[CTAIDX]] = !{i32 0, i32 2147483647}
; CHECK-DAG: ![[CTAIDY]] = !{i32 0, i32 65535}
; CHECK-DAG: ![[NCTAIDX]] = !{i32 1, i32 -2147483648}

; FOLD-LABEL: define i32 @lane(
; FOLD: %lane = and i32 %tx, 31

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.z()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
