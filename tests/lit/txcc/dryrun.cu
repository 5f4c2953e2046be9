// --dryrun prints every step txcc would run (device IR, host with the fat
// binary and its code generation, lowering with the host's launch widths,
// CPU codegen, relocatable link) and runs none. One job at a time: in that
// order. Several: the host and device front ends at once (the host's first,
// started), then the lowering (beside the PTX, where there is libdevice),
// the device code's generation, and once the PTX is in a copy of the
// host's IR (tx-opt --embed-fatbin: host-ptx.bc, where there is libdevice;
// the lowering may still be reading host.bc) the host's.
// RUN: %txcc --dryrun -t 1 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %txcc --dryrun -t 2 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=ONCE %s
// The host's code generation gets the host flags too (assembler, code
// generation and warning flags matter there), except those asking for
// dependency output, which would describe the IR file. Under -G, no
// versions of kernels for their launch widths, and the lowering told so
// (no dispatch loop moved out of its kernel's function either).
// RUN: %txcc --dryrun -c %s -o %t.o -Xcompiler -ffunction-sections,-Wframe-larger-than=4096,-MMD,-MF,%t.d 2>&1 | %FileCheck --check-prefix=FLAGS %s
// RUN: %txcc --dryrun -G -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=DEBUG %s

__global__ void k() {}

// CHECK: #$ {{.*}}clang{{.*}} --cuda-device-only{{.*}}-disable-llvm-passes{{.*}}-emit-llvm
// CHECK: #$ {{.*}}--cuda-host-only{{.*}}-fcuda-include-gpubinary{{.*}} -emit-llvm -c {{.*}} -o [[HOST:[^ ]*host.bc]]
// CHECK: #$ {{.*}}clang -c -x ir [[HOST]] -o {{.*}}host.o {{.*}}-disable-llvm-optzns
// CHECK: #$ {{.*}}tx-opt --cpu-pipeline --tu-id={{.*}} --launch-widths-from=[[HOST]]
// CHECK-NOT: --device-debug
// CHECK: #$ {{.*}}clang -c -x ir {{.*}}-O3
// CHECK: #$ {{.*}}ld.lld -r

// ONCE: #$ {{.*}}--cuda-host-only{{.*}}-fcuda-include-gpubinary -Xclang [[BLOB:[^ ]*fatbin]] -emit-llvm -c {{.*}} -o [[HOST:[^ ]*host.bc]]
// ONCE: #$ {{.*}}clang{{.*}} --cuda-device-only{{.*}}-disable-llvm-passes{{.*}}-emit-llvm
// ONCE: #$ {{.*}}tx-opt --cpu-pipeline --tu-id={{.*}} --launch-widths-from=[[HOST]]
// ONCE: #$ {{.*}}clang -c -x ir {{.*}}lowered.bc {{.*}}-O3
// ONCE: #$ {{.*}}clang -c -x ir {{[^ ]*host(-ptx)?\.bc}} -o {{.*}}host.o {{.*}}-disable-llvm-optzns
// ONCE: #$ {{.*}}ld.lld -r

// FLAGS: #$ {{.*}}clang -c -x ir {{.*}}host{{(-ptx)?}}.bc {{.*}}-disable-llvm-optzns -ffunction-sections -Wframe-larger-than=4096 -Wno-unused-command-line-argument{{$}}
// DEBUG-NOT: --launch-widths-from
// DEBUG: #$ {{.*}}tx-opt --cpu-pipeline {{.*}}--device-debug
// DEBUG-NOT: --launch-widths-from
