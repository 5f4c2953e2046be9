// Template kernel with a static __shared__ array whose type and size depend on
// template parameters; instantiated for int, float and double (and two block
// sizes). Each block computes the sum of its elements (integer-valued data so
// float/double sums are exact).
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

template <typename T, int BLOCK>
__global__ void blockSum(const T *in, T *out) {
  __shared__ T s[BLOCK];
  int t = threadIdx.x;
  s[t] = in[blockIdx.x * BLOCK + t];
  __syncthreads();
#pragma unroll
  for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
    if (t < stride) s[t] += s[t + stride];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = s[0];
}

template <typename T, int BLOCK>
int runOne(const char *name) {
  const int blocks = 50, n = blocks * BLOCK;
  T *h = (T *)malloc(n * sizeof(T));
  T hout[blocks];
  for (int i = 0; i < n; ++i) h[i] = (T)((i * 13) % 64 - 20);
  T *d, *dout;
  CHECK(cudaMalloc(&d, n * sizeof(T)));
  CHECK(cudaMalloc(&dout, blocks * sizeof(T)));
  CHECK(cudaMemcpy(d, h, n * sizeof(T), cudaMemcpyHostToDevice));
  blockSum<T, BLOCK><<<blocks, BLOCK>>>(d, dout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(hout, dout, sizeof(hout), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    T ref = 0;
    for (int t = 0; t < BLOCK; ++t) ref += h[b * BLOCK + t];
    if (hout[b] != ref) { printf("FAIL: %s/%d block %d: %f vs %f\n", name, BLOCK, b, (double)hout[b], (double)ref); return 1; }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dout));
  free(h);
  return 0;
}

int main() {
  if (runOne<int, 128>("int")) return 1;
  if (runOne<float, 256>("float")) return 1;
  if (runOne<double, 64>("double")) return 1;
  if (runOne<int, 32>("int")) return 1;
  printf("PASS\n");
  return 0;
}
