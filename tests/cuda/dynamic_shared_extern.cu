// extern __shared__ dynamic shared memory sized at launch: the same kernel is
// launched with different block sizes and matching shared sizes. Each block
// rotates its chunk by a block-dependent amount.
#include <cstdio>
#include <cstdlib>
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

__global__ void rotate(const float *in, float *out) {
  extern __shared__ float buf[];
  int n = blockDim.x, t = threadIdx.x;
  int base = blockIdx.x * n;
  buf[t] = in[base + t];
  __syncthreads();
  int shift = blockIdx.x % n;
  out[base + t] = buf[(t + shift) % n];
}

int main() {
  const int sizes[] = {32, 100, 513};
  const int blocks = 40;
  for (int bs : sizes) {
    int n = bs * blocks;
    float *h = (float *)malloc(n * 4), *r = (float *)malloc(n * 4);
    for (int i = 0; i < n; ++i) h[i] = (float)(i * 3 % 1001);
    float *di, *dout;
    CHECK(cudaMalloc(&di, n * 4));
    CHECK(cudaMalloc(&dout, n * 4));
    CHECK(cudaMemcpy(di, h, n * 4, cudaMemcpyHostToDevice));
    rotate<<<blocks, bs, bs * sizeof(float)>>>(di, dout);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(r, dout, n * 4, cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b)
      for (int t = 0; t < bs; ++t)
        if (r[b * bs + t] != h[b * bs + (t + b % bs) % bs]) {
          printf("FAIL: bs %d block %d t %d\n", bs, b, t);
          return 1;
        }
    CHECK(cudaFree(di)); CHECK(cudaFree(dout));
    free(h); free(r);
  }
  printf("PASS\n");
  return 0;
}
