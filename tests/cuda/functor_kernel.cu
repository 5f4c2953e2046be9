// Function objects (functors) passed by value to a template kernel: a
// stateful affine functor and a stateless one, plus a composed functor.
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

struct Affine {
  int a, b;
  __host__ __device__ int operator()(int x) const { return a * x + b; }
};
struct Square {
  __host__ __device__ int operator()(int x) const { return x * x; }
};
template <typename F, typename G>
struct Compose {
  F f; G g;
  __host__ __device__ int operator()(int x) const { return f(g(x)); }
};

template <typename Op>
__global__ void transform(const int *in, int *out, int n, Op op) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = op(in[i]);
}

template <typename Op>
int run(const char *name, Op op, const int *dIn, int *dOut, const int *h, int n) {
  transform<<<16, 128>>>(dIn, dOut, n, op);
  CHECK(cudaGetLastError());
  int *r = (int *)malloc(n * 4);
  CHECK(cudaMemcpy(r, dOut, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != op(h[i])) { printf("FAIL: %s: out[%d] = %d expected %d\n", name, i, r[i], op(h[i])); return 1; }
  free(r);
  return 0;
}

int main() {
  const int n = 10000;
  int *h = (int *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = i % 300 - 150;
  int *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, n * 4));
  CHECK(cudaMalloc(&dOut, n * 4));
  CHECK(cudaMemcpy(dIn, h, n * 4, cudaMemcpyHostToDevice));
  if (run("affine", Affine{3, -7}, dIn, dOut, h, n)) return 1;
  if (run("square", Square{}, dIn, dOut, h, n)) return 1;
  if (run("compose", Compose<Affine, Square>{Affine{-2, 5}, Square{}}, dIn, dOut, h, n)) return 1;
  CHECK(cudaFree(dIn)); CHECK(cudaFree(dOut));
  free(h);
  printf("PASS\n");
  return 0;
}
