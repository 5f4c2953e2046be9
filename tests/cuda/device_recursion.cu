// Recursion in __device__ functions: recursive factorial (64-bit), naive
// recursive Fibonacci, recursive GCD and mutually recursive isEven/isOdd,
// each thread with its own argument (divergent recursion depths).
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

__host__ __device__ unsigned long long factorial(int n) { return n <= 1 ? 1ull : n * factorial(n - 1); }
__host__ __device__ int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
__host__ __device__ int gcdRec(int a, int b) { return b == 0 ? a : gcdRec(b, a % b); }
// Mutual recursion
__host__ __device__ bool isOdd(int n);
__host__ __device__ bool isEven(int n) { return n == 0 ? true : isOdd(n - 1); }
__host__ __device__ bool isOdd(int n) { return n == 0 ? false : isEven(n - 1); }

__global__ void recurse(unsigned long long *fact, int *fibs, int *gcds, int *par, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    fact[i] = factorial(i % 21);           // 20! fits in 64 bits
    fibs[i] = fib(i % 18);
    gcds[i] = gcdRec(i * 36 + 12, (i % 50 + 1) * 48);
    par[i] = isEven(i % 40) ? 1 : 0;
  }
}

int main() {
  const int n = 256;
  unsigned long long *dfact; int *dfib, *dgcd, *dpar;
  CHECK(cudaMalloc(&dfact, n * 8));
  CHECK(cudaMalloc(&dfib, n * 4));
  CHECK(cudaMalloc(&dgcd, n * 4));
  CHECK(cudaMalloc(&dpar, n * 4));
  // deep-ish recursion needs stack: make sure the limit is ample
  CHECK(cudaDeviceSetLimit(cudaLimitStackSize, 8192));
  recurse<<<(n + 63) / 64, 64>>>(dfact, dfib, dgcd, dpar, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  unsigned long long hfact[n]; int hfib[n], hgcd[n], hpar[n];
  CHECK(cudaMemcpy(hfact, dfact, sizeof(hfact), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hfib, dfib, sizeof(hfib), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hgcd, dgcd, sizeof(hgcd), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hpar, dpar, sizeof(hpar), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    unsigned long long f = 1;
    for (int k = 2; k <= i % 21; ++k) f *= k;
    int a = 0, b = 1;
    for (int k = 0; k < i % 18; ++k) { int t = a + b; a = b; b = t; }
    int x = i * 36 + 12, y = (i % 50 + 1) * 48;
    while (y) { int t = x % y; x = y; y = t; }
    if (hfact[i] != f) { printf("FAIL: factorial(%d) = %llu expected %llu\n", i % 21, hfact[i], f); return 1; }
    if (hfib[i] != a) { printf("FAIL: fib(%d) = %d expected %d\n", i % 18, hfib[i], a); return 1; }
    if (hgcd[i] != x) { printf("FAIL: gcd at %d = %d expected %d\n", i, hgcd[i], x); return 1; }
    if (hpar[i] != ((i % 40) % 2 == 0)) { printf("FAIL: parity of %d\n", i % 40); return 1; }
  }
  CHECK(cudaFree(dfact)); CHECK(cudaFree(dfib)); CHECK(cudaFree(dgcd)); CHECK(cudaFree(dpar));
  printf("PASS\n");
  return 0;
}
