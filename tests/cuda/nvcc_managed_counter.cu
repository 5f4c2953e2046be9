// A __managed__ global counter (CUDA's unified-memory variable): kernels
// and the host update the same variable alternately, synchronising in
// between, as work-queue and statistics code does. Also a managed flag
// the host sets to steer the next kernel.
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__managed__ unsigned long long processed = 0;
__managed__ int mode = 0;  // 0: count all, 1: count only even items
__managed__ int initialised = 42;

__global__ void consume(const int *items, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  if (mode == 0 || (items[i] & 1) == 0) atomicAdd(&processed, 1ull);
}

__global__ void bumpInitialised() { initialised += 1; }

int main() {
  int devAttr = 0;
  CHECK(cudaDeviceGetAttribute(&devAttr, cudaDevAttrManagedMemory, 0));
  if (!devAttr) { printf("FAIL: device reports no managed memory\n"); return 1; }
  const int n = 10000;
  int *items;
  CHECK(cudaMalloc(&items, n * sizeof(int)));
  int *h = new int[n];
  for (int i = 0; i < n; ++i) h[i] = i * 3;
  CHECK(cudaMemcpy(items, h, n * sizeof(int), cudaMemcpyHostToDevice));
  if (initialised != 42 || processed != 0) { printf("FAIL: initial values\n"); return 1; }
  unsigned long long expected = 0;
  for (int round = 0; round < 6; ++round) {
    mode = round & 1;                 // host writes between launches
    consume<<<(n + 255) / 256, 256>>>(items, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());   // required before the host touches it
    expected += mode ? n / 2 : n;
    if (processed != expected) {
      printf("FAIL: round %d: processed = %llu expected %llu\n", round, processed, expected);
      return 1;
    }
    processed += 1000;                // host update, seen by the next kernel
    expected += 1000;
  }
  bumpInitialised<<<1, 1>>>();
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  if (initialised != 43) { printf("FAIL: initialised = %d\n", initialised); return 1; }
  CHECK(cudaFree(items));
  delete[] h;
  printf("PASS\n");
  return 0;
}
