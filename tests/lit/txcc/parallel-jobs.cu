// Code generation runs at once on the CPUs txcc may use: the host side's
// beside the device side's lowering, and the device module, when it is
// large, in parts (tx-opt --codegen-parts, one clang per part, all linked).
// -t/--threads/--split-compile N set how many processes run at once (0:
// every CPU); 1 runs one step after the other, with the module whole.
// RUN: %txcc --dryrun -t 3 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=THREE %s
// RUN: %txcc --dryrun --split-compile=2 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=TWO %s
// RUN: %txcc --dryrun --threads 1 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=ONE %s
// RUN: %txcc --dryrun -t 0 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=ALL %s
// RUN: %not %txcc -t many -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: %not %txcc --split-compile=-1 -c %s -o %t.o 2>&1 | %FileCheck --check-prefix=NEGATIVE %s
//
// With the host's code generation beside the device side's, the program
// still runs (the corpus's CUB and Thrust programs are the ones split).
// RUN: %txcc -t 2 %s -o %t.out && %t.out | %FileCheck --check-prefix=EXEC %s
//
// The lowering would run alone (the device code waits for its parts): the
// host code is generated beside it once the PTX is in its blob, here at
// once (no PTX to wait for).
// RUN: %txcc -v -t 2 --tongxin-cpu-only -c %s -o %t.cpu.o 2>&1 | %FileCheck --check-prefix=BESIDE %s

#include <cstdio>

__global__ void scale(float *X, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] *= 2.0f;
}

__global__ void shift(float *X, int N) {
  __shared__ float Tile[128];
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  Tile[threadIdx.x] = I < N ? X[I] : 0.0f;
  __syncthreads();
  if (I < N)
    X[I] = Tile[(threadIdx.x + 1) % blockDim.x] + 1.0f;
}

int main() {
  const int N = 256;
  float *X;
  cudaMallocManaged(&X, N * sizeof(float));
  for (int I = 0; I < N; ++I)
    X[I] = float(I);
  scale<<<2, 128>>>(X, N);
  shift<<<2, 128>>>(X, N);
  cudaDeviceSynchronize();
  int Bad = 0;
  for (int I = 0; I < N; ++I) {
    int Next = (I % 128 + 1) % 128 + I / 128 * 128;
    Bad += X[I] != 2.0f * Next + 1.0f;
  }
  printf("%s\n", Bad ? "FAIL" : "PASS");
  return Bad != 0;
}

// THREE: #$ {{.*}}tx-opt --cpu-pipeline {{.*}}--codegen-parts=3
// TWO: #$ {{.*}}tx-opt --cpu-pipeline {{.*}}--codegen-parts=2
// ONE-NOT: --codegen-parts
// ALL: #$ {{.*}}tx-opt --cpu-pipeline
// BAD: txcc: error: -t needs a number of threads, not 'many'
// NEGATIVE: txcc: error: --split-compile=-1 needs a number of threads, not '-1'
// EXEC: PASS
// BESIDE: #$ {{.*}}tx-opt --cpu-pipeline
// BESIDE-NEXT: #$ {{.*}}clang {{.*}}-c -x ir {{.*}}.host.bc
// BESIDE-NEXT: #$ {{.*}}clang {{.*}}-c -x ir {{.*}}.lowered.bc
