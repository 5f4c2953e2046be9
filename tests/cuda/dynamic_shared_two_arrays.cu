// Two arrays of different types carved out of one extern __shared__ buffer:
// a double array of blockDim.x entries followed by an int array. Each block
// computes, per thread, a weighted rank within its chunk.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

__global__ void rankKernel(const double *vals, const int *keys, double *out) {
  extern __shared__ unsigned char smem[];
  double *sv = reinterpret_cast<double *>(smem);              // blockDim.x doubles
  int *sk = reinterpret_cast<int *>(sv + blockDim.x);         // then blockDim.x ints
  int t = threadIdx.x, g = blockIdx.x * blockDim.x + t;
  sv[t] = vals[g];
  sk[t] = keys[g];
  __syncthreads();
  double acc = 0.0;
  for (int j = 0; j < (int)blockDim.x; ++j)
    if (sk[j] < sk[t]) acc += sv[j];   // sum of values whose key is smaller
  out[g] = acc;
}

int main() {
  const int bs = 96, blocks = 30, n = bs * blocks;
  double *hv = (double *)malloc(n * 8), *r = (double *)malloc(n * 8);
  int *hk = (int *)malloc(n * 4);
  for (int i = 0; i < n; ++i) { hv[i] = 0.5 * (i % 17); hk[i] = (i * 7919) % 211; }
  double *dv, *dout; int *dk;
  CHECK(cudaMalloc(&dv, n * 8));
  CHECK(cudaMalloc(&dk, n * 4));
  CHECK(cudaMalloc(&dout, n * 8));
  CHECK(cudaMemcpy(dv, hv, n * 8, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dk, hk, n * 4, cudaMemcpyHostToDevice));
  size_t shmem = bs * (sizeof(double) + sizeof(int));
  rankKernel<<<blocks, bs, shmem>>>(dv, dk, dout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * 8, cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < bs; ++t) {
      double acc = 0;
      for (int j = 0; j < bs; ++j) if (hk[b * bs + j] < hk[b * bs + t]) acc += hv[b * bs + j];
      if (r[b * bs + t] != acc) { printf("FAIL: block %d t %d: %f vs %f\n", b, t, r[b * bs + t], acc); return 1; }
    }
  CHECK(cudaFree(dv)); CHECK(cudaFree(dk)); CHECK(cudaFree(dout));
  free(hv); free(hk); free(r);
  printf("PASS\n");
  return 0;
}
