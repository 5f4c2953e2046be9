// synccheck (txcc --check=synccheck): threads of a block that wait at
// different __syncthreads() are reported as compute-sanitizer reports a
// barrier error (both barriers' lines, how many threads wait at each), the
// launch fails with cudaErrorLaunchFailure, and the run's exit status is 1.
// Threads that returned before a barrier, and warp-level collectives in
// divergent code, are not errors. Combined with memcheck in one build.
// RUN: %txcc --check=synccheck -O2 %s -o %t
// RUN: %not %t two-barriers 2>&1 | %FileCheck %s --check-prefix=TWO
// RUN: %not %t loop-count 2>&1 | %FileCheck %s --check-prefix=LOOP
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN
// RUN: %txcc --check=memcheck,synccheck -O2 %s -o %t.both
// RUN: %not %t.both two-barriers 2>&1 | %FileCheck %s --check-prefix=BOTH

#include <cstdio>
#include <cstring>

__global__ void twoBarriers(int *Out) {
  __shared__ int Tile[64];
  int T = threadIdx.x;
  Tile[T] = T;
  if (T < 16) {
    __syncthreads();
    Out[T] = Tile[63 - T];
  } else {
    __syncthreads();
    Out[T] = Tile[T - 16];
  }
}

// Each thread loops a different number of times around one barrier: the
// threads that finish early wait at the barrier after the loop.
__global__ void loopCount(int *Out) {
  __shared__ int Sum;
  if (threadIdx.x == 0)
    Sum = 0;
  for (int I = 0; I <= (int)threadIdx.x / 32; ++I) {
    __syncthreads();
    atomicAdd(&Sum, 1);
  }
  __syncthreads();
  Out[threadIdx.x] = Sum;
}

// Correct: early return before the barriers; shuffles in divergent code.
__global__ void clean(int *Out, int N) {
  __shared__ int Tile[64];
  int T = threadIdx.x;
  if (T >= N)
    return;
  Tile[T] = T;
  __syncthreads();
  int V = Tile[N - 1 - T];
  if (T < 32)
    V += __shfl_down_sync(0xffffffffu, V, 1);
  __syncthreads();
  Out[T] = V;
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  int *Out;
  cudaMalloc(&Out, 64 * sizeof(int));
  if (!strcmp(Mode, "two-barriers"))
    twoBarriers<<<1, 64>>>(Out);
  else if (!strcmp(Mode, "loop-count"))
    loopCount<<<1, 64>>>(Out);
  else
    clean<<<1, 64>>>(Out, 48);
  cudaError_t Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  return 0;
}

// TWO:      ========= TONGXIN SYNCCHECK (txcc --check=synccheck)
// TWO:      ========= Barrier error detected. Divergent thread(s) in block
// TWO-NEXT: =========     by thread (0,0,0) in block (0,0,0) of kernel twoBarriers(int*)
// TWO-NEXT: =========     16 thread(s) wait at __syncthreads() in {{.*}}synccheck.cu:22, the first (0,0,0)
// TWO-NEXT: =========     48 thread(s) wait at __syncthreads() in {{.*}}synccheck.cu:25, the first (16,0,0)
// TWO:      after the launch: cudaErrorLaunchFailure
// TWO:      ========= ERROR SUMMARY: 1 error

// LOOP:      Barrier error detected. Divergent thread(s) in block
// LOOP:      32 thread(s) wait at __syncthreads() in {{.*}}synccheck.cu:37, the first (32,0,0)
// LOOP-NEXT: 32 thread(s) wait at __syncthreads() in {{.*}}synccheck.cu:40, the first (0,0,0)
// LOOP:      ERROR SUMMARY: 1 error

// CLEAN-NOT: Barrier error
// CLEAN:     after the launch: cudaSuccess
// CLEAN:     ERROR SUMMARY: 0 errors

// BOTH-DAG:  TONGXIN MEMCHECK
// BOTH-DAG:  TONGXIN SYNCCHECK
// BOTH:      Barrier error detected
// BOTH:      ERROR SUMMARY: 1 error
