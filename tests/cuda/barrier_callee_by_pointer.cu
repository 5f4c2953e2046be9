// Device functions with __syncthreads() and with a warp matrix product,
// called through a function pointer that inlining makes constant (as CuTe's
// cute::explode calls its MMA and copy atoms): the call becomes direct only
// after the inliner's cleanups, and the functions must still reach their
// kernel (else the barrier traps at run time).
#include <cstdio>
#include <mma.h>
using namespace nvcuda;

__device__ void shiftThroughShared(float *s, float *out) {
  s[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] =
      s[(threadIdx.x + 1) % blockDim.x];
  __syncthreads();
}

template <class Fn, class... Args>
__device__ __forceinline__ void apply(Fn *fn, Args... args) {
  fn(args...);
}

__device__ void product(const __half *a, const __half *b, float *c) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::fill_fragment(acc, 0.0f);
  wmma::load_matrix_sync(fa, a, 16);
  wmma::load_matrix_sync(fb, b, 16);
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(c, acc, 16, wmma::mem_row_major);
}

__global__ void kernel(float *out, const __half *a, const __half *b, float *c) {
  __shared__ float s[64];
  apply(&shiftThroughShared, s, out);
  if (threadIdx.x < 32)
    apply(&product, a, b, c);
}

int main() {
  float *out, *c;
  __half *a, *b;
  cudaMallocManaged(&out, 128 * sizeof(float));
  cudaMallocManaged(&c, 256 * sizeof(float));
  cudaMallocManaged(&a, 256 * sizeof(__half));
  cudaMallocManaged(&b, 256 * sizeof(__half));
  // C = A * I.
  for (int i = 0; i < 256; ++i) {
    a[i] = __float2half(float(i % 3));
    b[i] = __float2half(i / 16 == i % 16 ? 1.0f : 0.0f);
  }
  kernel<<<2, 64>>>(out, a, b, c);
  cudaError_t err = cudaDeviceSynchronize();
  int bad = err != cudaSuccess;
  for (int i = 0; i < 128; ++i)
    bad += out[i] != float((i % 64 + 1) % 64);
  for (int i = 0; i < 256; ++i)
    bad += c[i] != float(i % 3);
  if (bad) {
    printf("FAIL: %d mismatches (%s)\n", bad, cudaGetErrorString(err));
    return 1;
  }
  printf("PASS\n");
  return 0;
}
