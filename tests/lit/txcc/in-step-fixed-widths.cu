// The corpus program warp_collectives_in_step.cu launches kernels with
// warp collectives and barriers at constant widths of whole warps: each
// gets a fixed-width version that stays in step (its regions linked, a
// trap where the proof would fail, no dispatch), or the program would
// pass while testing only the general functions.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %txcc -t 1 --tongxin-cpu-only --keep --keep-dir %t.dir -c %S/../../cuda/warp_collectives_in_step.cu -o %t.o
// RUN: %llvm-dis %t.dir/txcc-*/2-warp_collectives_in_step.lowered.bc -o %t.ll
// RUN: awk '/^define .*\.x[0-9]+[.(]/ { match($0, /@[^(]*/); f = substr($0, RSTART, RLENGTH); s = 0; d = 0 } /^out\.of\.step:/ { s = 1 } /^dispatch:/ { d = 1 } /^}/ { if (f != "") print f, (s && !d ? "in-step" : "general"); f = "" }' %t.ll | %FileCheck %s

// CHECK-DAG: @__txblk__Z13normaliseRowsPKfPfi.x256{{(\..*)?}} in-step
// CHECK-DAG: @__txblk__Z3dotiPKfS0_Pf.x256{{(\..*)?}} in-step
// CHECK-DAG: @__txblk__Z9blockScanPKiPii.x64{{(\..*)?}} in-step
// CHECK-DAG: @__txblk__Z5votesPKiPiS1_.x256{{(\..*)?}} in-step
// CHECK-DAG: @__txblk__Z8tileSumsPKfPf.x32{{(\..*)?}} in-step
// CHECK-NOT: general
