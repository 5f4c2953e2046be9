// Element-wise kernels whose index is shifted from the block's first
// thread (a halo: i = blockIdx.x * blockDim.x + threadIdx.x - 1, or + 1),
// tested against a size_t bound: `i < n` converts the int index to size_t,
// so a negative index fails the test. The threads that pass are then no
// prefix of the block in its first block, and the compiler must not narrow
// the thread loop to one. Also a plain int test, a shift past the end, and
// an unsigned index whose offset makes the first block's sums wrap past
// UINT_MAX (its last threads pass with small indices).
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__global__ void markShifted(int *Out, size_t N, int Shift) {
  int I = int(blockIdx.x * blockDim.x + threadIdx.x) + Shift;
  if (I < N) // int converted to size_t: negative I fails
    Out[I] += I + 1;
}

__global__ void markShiftedSigned(int *Out, int N, int Shift) {
  int I = int(blockIdx.x * blockDim.x + threadIdx.x) + Shift;
  if (I >= 0 && I < N)
    Out[I] += 2 * (I + 1);
}

__global__ void markWrapped(int *Out, unsigned N, unsigned Offset) {
  unsigned Lead = blockIdx.x * blockDim.x + Offset;
  unsigned I = Lead + threadIdx.x;
  if (I < N)
    Out[I] += 3 * (int(I) + 1);
}

static int check(const char *What, int Shift, const std::vector<int> &Got,
                 int Blocks, int Threads, int Scale) {
  for (int I = 0; I < int(Got.size()); ++I) {
    int T = I - Shift; // the global thread that writes element I
    int Want = (T >= 0 && T < Blocks * Threads) ? Scale * (I + 1) : 0;
    if (Got[I] != Want) {
      printf("FAIL: %s shift %d: element %d = %d, want %d\n", What, Shift, I,
             Got[I], Want);
      return 1;
    }
  }
  return 0;
}

int main(int Argc, char **) {
  const int Threads = 128, Blocks = 5, N = 600;
  int *Dev = nullptr;
  CHECK(cudaMalloc(&Dev, N * sizeof(int)));
  std::vector<int> Got(N);
  for (int Shift : {-1, -5, 0, 1, 7, -200}) {
    CHECK(cudaMemset(Dev, 0, N * sizeof(int)));
    markShifted<<<Blocks, Threads>>>(Dev, size_t(N), Shift);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Got.data(), Dev, N * sizeof(int), cudaMemcpyDeviceToHost));
    if (check("size_t bound", Shift, Got, Blocks, Threads, 1))
      return 1;
    CHECK(cudaMemset(Dev, 0, N * sizeof(int)));
    markShiftedSigned<<<Blocks, Threads>>>(Dev, N, Shift);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Got.data(), Dev, N * sizeof(int), cudaMemcpyDeviceToHost));
    if (check("int bound", Shift, Got, Blocks, Threads, 2))
      return 1;
  }
  // Thread T writes element T + Offset (mod 2^32) where that is below N:
  // with the constant width (the block function built for it) and with
  // one the compiler cannot see (the general one).
  int Wide = Argc > 8 ? 64 : 160;
  for (unsigned Back : {1u, 5u, 100u, 128u, 300u}) {
    unsigned Offset = 0u - Back;
    CHECK(cudaMemset(Dev, 0, N * sizeof(int)));
    markWrapped<<<Blocks, Threads>>>(Dev, unsigned(N), Offset);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Got.data(), Dev, N * sizeof(int), cudaMemcpyDeviceToHost));
    if (check("wrapped unsigned", -int(Back), Got, Blocks, Threads, 3))
      return 1;
    CHECK(cudaMemset(Dev, 0, N * sizeof(int)));
    markWrapped<<<Blocks, Wide>>>(Dev, unsigned(N), Offset);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Got.data(), Dev, N * sizeof(int), cudaMemcpyDeviceToHost));
    if (check("wrapped unsigned, run-time width", -int(Back), Got, Blocks, Wide,
              3))
      return 1;
  }
  CHECK(cudaFree(Dev));
  printf("PASS: shifted index guards\n");
  return 0;
}
