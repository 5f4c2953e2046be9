// Function templates on the device: a templated __device__ helper and a
// template kernel with two type parameters, instantiated for int, float and
// double (including a mixed int->double instantiation).
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

template <typename T>
__host__ __device__ T clampT(T v, T lo, T hi) { return v < lo ? lo : (v > hi ? hi : v); }

template <typename TIn, typename TOut>
__global__ void polyClamp(const TIn *in, TOut *out, int n, TOut lo, TOut hi) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    TOut x = (TOut)in[i];
    out[i] = clampT<TOut>(x * x - (TOut)3 * x + (TOut)1, lo, hi);
  }
}

template <typename TIn, typename TOut>
int check(const char *name, double tol) {
  const int n = 5000;
  TIn *h = (TIn *)malloc(n * sizeof(TIn));
  TOut *r = (TOut *)malloc(n * sizeof(TOut));
  for (int i = 0; i < n; ++i) h[i] = (TIn)((i % 200) - 100) / ((TIn)0.5 == (TIn)0 ? (TIn)1 : (TIn)4);  // quarter steps for floating types
  TIn *d; TOut *dout;
  CHECK(cudaMalloc(&d, n * sizeof(TIn)));
  CHECK(cudaMalloc(&dout, n * sizeof(TOut)));
  CHECK(cudaMemcpy(d, h, n * sizeof(TIn), cudaMemcpyHostToDevice));
  TOut lo = (TOut)-50, hi = (TOut)2000;
  polyClamp<TIn, TOut><<<(n + 127) / 128, 128>>>(d, dout, n, lo, hi);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(TOut), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    TOut x = (TOut)h[i];
    TOut ref = clampT<TOut>(x * x - (TOut)3 * x + (TOut)1, lo, hi);
    if (fabs((double)r[i] - (double)ref) > tol * fabs((double)ref) + tol) {
      printf("FAIL: %s: out[%d] = %g expected %g\n", name, i, (double)r[i], (double)ref);
      return 1;
    }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dout));
  free(h); free(r);
  return 0;
}

int main() {
  if (check<int, int>("int->int", 0)) return 1;
  if (check<float, float>("float->float", 1e-6)) return 1;
  if (check<double, double>("double->double", 1e-14)) return 1;
  if (check<int, double>("int->double", 0)) return 1;
  printf("PASS\n");
  return 0;
}
