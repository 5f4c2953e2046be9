// --dryrun prints every step txcc would run (device IR, host with the fat
// binary and its code generation, lowering with the host's launch widths,
// CPU codegen, relocatable link) and runs none.
// RUN: %txcc --dryrun -c %s -o %t.o 2>&1 | %FileCheck %s

__global__ void k() {}

// CHECK: #$ {{.*}}clang{{.*}} --cuda-device-only{{.*}}-disable-llvm-passes{{.*}}-emit-llvm
// CHECK: #$ {{.*}}--cuda-host-only{{.*}}-fcuda-include-gpubinary{{.*}} -emit-llvm -c {{.*}} -o [[HOST:[^ ]*host.bc]]
// CHECK: #$ {{.*}}clang -c -x ir [[HOST]] -o {{.*}}host.o {{.*}}-disable-llvm-optzns
// CHECK: #$ {{.*}}tx-opt --cpu-pipeline --tu-id={{.*}} --launch-widths-from=[[HOST]]
// CHECK: #$ {{.*}}clang -c -x ir {{.*}}-O3
// CHECK: #$ {{.*}}ld.lld -r
