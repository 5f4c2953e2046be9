// --dryrun prints every step txcc would run (device IR, lowering, CPU
// codegen, host with the fat binary, relocatable link) and runs none.
// RUN: %txcc --dryrun -c %s -o %t.o 2>&1 | %FileCheck %s

__global__ void k() {}

// CHECK: #$ {{.*}}clang{{.*}} --cuda-device-only{{.*}}-disable-llvm-passes{{.*}}-emit-llvm
// CHECK: #$ {{.*}}tx-opt --cpu-pipeline --tu-id=
// CHECK: #$ {{.*}}clang -c -x ir {{.*}}-O3
// CHECK: #$ {{.*}}--cuda-host-only{{.*}}-fcuda-include-gpubinary
// CHECK: #$ {{.*}}ld.lld -r
