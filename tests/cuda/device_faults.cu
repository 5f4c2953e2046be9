// Faults in device code are CUDA errors, not a dead process. A kernel that
// writes through a null pointer fails as on a GPU: the next synchronisation
// returns cudaErrorIllegalAddress, and the error is sticky (every later call
// returns it, cudaGetLastError does not clear it) until cudaDeviceReset. So
// does a kernel whose recursion overflows its thread's stack; __trap() and
// (on x86-64, where it traps) an integer division by zero are
// cudaErrorLaunchFailure. What the program printed before stays: stdout is a
// pipe under the test runner, so "before" sits in its buffer when the faults
// happen. After each reset, kernels run and give the right answers again.
#include <cstdio>
#include <cuda_runtime.h>

#define EXPECT(Expr, Want)                                                     \
  do {                                                                         \
    cudaError_t Got = (Expr);                                                  \
    if (Got != (Want)) {                                                       \
      printf("FAIL: %s:%d: %s returned %s, want %s\n", __FILE__, __LINE__,     \
             #Expr, cudaGetErrorName(Got), cudaGetErrorName(Want));            \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__global__ void writeThrough(int *P) { P[threadIdx.x] = 1; }

__global__ void fill(int *P, int Base) {
  P[blockIdx.x * blockDim.x + threadIdx.x] =
      Base + blockIdx.x * blockDim.x + threadIdx.x;
}

// Not a tail call: the volatile read after it keeps every frame alive.
__device__ int descend(int Depth) {
  volatile char Frame[512];
  Frame[Depth & 511] = char(Depth);
  if (Depth == 0)
    return 0;
  return descend(Depth - 1) + Frame[(Depth * 7) & 511];
}

__global__ void divide(int *Out, int Numerator, int Denominator) {
  Out[threadIdx.x] = Numerator / (Denominator + int(threadIdx.x) * 0);
}

__global__ void trapAt(int *Out, int Block) {
  if (blockIdx.x == Block)
    __trap();
  Out[blockIdx.x] = 1;
}

__global__ void overflowStack(int *Out, int Depth) {
  Out[threadIdx.x] = descend(Depth + threadIdx.x);
}

static int checkFill(int Base) {
  const int N = 4 * 256;
  int *Dev;
  EXPECT(cudaMalloc(&Dev, N * sizeof(int)), cudaSuccess);
  fill<<<4, 256>>>(Dev, Base);
  EXPECT(cudaGetLastError(), cudaSuccess);
  static int Host[N];
  EXPECT(cudaMemcpy(Host, Dev, sizeof(Host), cudaMemcpyDeviceToHost),
         cudaSuccess);
  EXPECT(cudaFree(Dev), cudaSuccess);
  for (int I = 0; I < N; ++I)
    if (Host[I] != Base + I) {
      printf("FAIL: fill(%d)[%d] = %d\n", Base, I, Host[I]);
      return 1;
    }
  return 0;
}

int main() {
  printf("before the faults\n");
  if (checkFill(10))
    return 1;

  writeThrough<<<4, 64>>>(nullptr);
  // The launch is asynchronous: its fault may or may not have happened yet
  // (a launch on an idle device runs on the calling thread here).
  cudaError_t Early = cudaPeekAtLastError();
  if (Early != cudaSuccess && Early != cudaErrorIllegalAddress) {
    printf("FAIL: launch returned %s\n", cudaGetErrorName(Early));
    return 1;
  }
  EXPECT(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  // Sticky: later calls fail the same way, and reading it does not clear it.
  int *Dev = nullptr;
  EXPECT(cudaMalloc(&Dev, 64), cudaErrorIllegalAddress);
  writeThrough<<<1, 1>>>(nullptr);
  EXPECT(cudaGetLastError(), cudaErrorIllegalAddress);
  EXPECT(cudaGetLastError(), cudaErrorIllegalAddress);
  EXPECT(cudaDeviceSynchronize(), cudaErrorIllegalAddress);

  EXPECT(cudaDeviceReset(), cudaSuccess);
  EXPECT(cudaGetLastError(), cudaSuccess);
  if (checkFill(20))
    return 1;

  int *Out;
  EXPECT(cudaMalloc(&Out, 32 * sizeof(int)), cudaSuccess);
  overflowStack<<<2, 32>>>(Out, 1 << 30);
  EXPECT(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  EXPECT(cudaDeviceReset(), cudaSuccess);
  if (checkFill(30))
    return 1;

  // __trap() fails the launch with cudaErrorLaunchFailure.
  EXPECT(cudaMalloc(&Out, 32 * sizeof(int)), cudaSuccess);
  trapAt<<<8, 1>>>(Out, 5);
  EXPECT(cudaDeviceSynchronize(), cudaErrorLaunchFailure);
  EXPECT(cudaDeviceReset(), cudaSuccess);

  // An integer division by zero traps on x86-64 only (AArch64 and RISC-V
  // give a value, as a GPU does): there it is a failed launch, not a
  // dead process.
  EXPECT(cudaMalloc(&Out, 32 * sizeof(int)), cudaSuccess);
  divide<<<1, 32>>>(Out, 7, 0);
#if defined(__x86_64__)
  EXPECT(cudaDeviceSynchronize(), cudaErrorLaunchFailure);
  EXPECT(cudaDeviceReset(), cudaSuccess);
#else
  EXPECT(cudaDeviceSynchronize(), cudaSuccess);
#endif
  if (checkFill(40))
    return 1;
  printf("PASS\n");
  return 0;
}
