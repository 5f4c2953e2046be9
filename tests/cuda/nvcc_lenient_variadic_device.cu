// C-variadic __device__ functions that never read their variable
// arguments: a trace hook compiled to nothing in release builds, and the
// "swallow anything" sink used to mark values as used. nvcc accepts them;
// clang rejects variadic device functions unless told otherwise, which
// txcc does. (Reading them with va_arg is not supported by either.)
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

// Release-build tracing: same signature as printf, does nothing.
__device__ void trace(const char *, ...) {}
// Consumes any arguments (keeps "unused variable" warnings quiet).
__device__ __forceinline__ void unusedArgs(...) {}
// Variadic with a counted prefix: only the fixed parameters are read.
__device__ int firstOf(int count, int first, ...) { return count > 0 ? first : -1; }

__global__ void prefixMax(const int *in, int *out, int n, int window) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int lo = i - window + 1 < 0 ? 0 : i - window + 1;
  int m = in[lo];
  for (int j = lo + 1; j <= i; ++j) m = in[j] > m ? in[j] : m;
  trace("thread %d window [%d, %d] max %d\n", i, lo, i, m);
  unusedArgs(lo, window, 1.5, "x");
  out[i] = firstOf(2, m, lo, i);
}

int main() {
  const int n = 4000, window = 9;
  int *h = new int[n], *r = new int[n];
  for (int i = 0; i < n; ++i) h[i] = (i * 48271) % 2147 - 1000;
  int *din, *dout;
  CHECK(cudaMalloc(&din, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(din, h, n * sizeof(int), cudaMemcpyHostToDevice));
  prefixMax<<<(n + 255) / 256, 256>>>(din, dout, n, window);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    int m = h[i];
    for (int j = i - 1; j >= 0 && j > i - window; --j) m = h[j] > m ? h[j] : m;
    if (r[i] != m) { printf("FAIL: out[%d] = %d expected %d\n", i, r[i], m); return 1; }
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  delete[] h; delete[] r;
  printf("PASS\n");
  return 0;
}
