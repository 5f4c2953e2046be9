// A failing device assert names the file, line, function, block and thread
// (as CUDA does), and the next synchronisation returns cudaErrorAssert.
// RUN: %txcc -O2 %s -o %t
// RUN: %t 2>&1 | %FileCheck %s

#undef NDEBUG
#include <cassert>
#include <cstdio>

__global__ void check(const int *v) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  assert(v[i] >= 0);
}

int main() {
  int h[256];
  for (int i = 0; i < 256; ++i)
    h[i] = i == 139 ? -1 : i;
  int *d;
  cudaMalloc(&d, sizeof(h));
  cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
  check<<<4, 64>>>(d);
  cudaError_t err = cudaDeviceSynchronize();
  printf("sync: %s\n", cudaGetErrorName(err));
  return 0;
}

// CHECK: assert-message.cu:12: void check(const int *): block: [2,0,0], thread: [11,0,0] Assertion `v[i] >= 0` failed.
// CHECK: sync: cudaErrorAssert
