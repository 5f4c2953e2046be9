// On x86-64 the CPU code generation of device code aligns loops to 64
// bytes (a tight thread loop straddling a boundary ran up to 1.7x slower)
// and skips the X86 domain-reassignment pass (14-17% of code generation on
// large block functions, no measured speed), and its loops do not vectorise
// into AVX-512 scatters (microcoded: bench/scan ran 7.5% faster without),
// and its schedulers track memory dependences exactly up to 200 pending
// accesses per block (int_simd_intrinsics' 7,458-instruction block took
// 1.8 s to schedule); host code generation keeps LLVM's defaults, and a cross target (AArch64)
// gets none of them.
// REQUIRES: x86_64-host
// RUN: %txcc --dryrun -t 1 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %txcc --dryrun --target=aarch64-linux-gnu -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=CROSS

__global__ void k(float *X) { X[threadIdx.x] *= 2.0f; }

// CHECK: #$ {{.*}}clang -c -x ir {{.*}}host.bc
// CHECK-NOT: -falign-loops
// CHECK-NOT: -mno-scatter
// CHECK-NOT: dag-maps-huge-region
// CHECK-SAME: {{$}}
// CHECK: #$ {{.*}}clang -c -x ir {{.*}}lowered.bc {{.*}}-O3{{.*}} -mllvm -disable-x86-domain-reassignment -falign-loops=64 -mno-scatter -mllvm -dag-maps-huge-region=200
// CROSS: #$ {{.*}}clang -c -x ir {{.*}}lowered.bc {{.*}}-O3
// CROSS-NOT: -falign-loops
// CROSS-NOT: domain-reassignment
// CROSS-NOT: -mno-scatter
// CROSS-NOT: dag-maps-huge-region
