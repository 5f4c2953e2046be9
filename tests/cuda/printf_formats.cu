// Device printf format coverage with deterministic output: only one thread
// prints per launch, launches are synchronised, so stdout can be diffed
// against printf_formats.expected.
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

__global__ void formats(int i, float f, double d, const char *unused) {
  (void)unused;
  printf("int %d negative %d unsigned %u\n", i, -i, 3000000000u);
  printf("float %f double %f\n", f, d);
  printf("exp %e EXP %E\n", 12345.678, 0.000123);
  printf("string %s char %c%c\n", "tongxin", 'O', 'K');
  printf("hex %x HEX %X octal %o\n", 48879, 48879, 8);
  printf("long long %lld unsigned long long %llu\n", -1234567890123LL, 18446744073709551615ULL);
  printf("width [%5.2f] [%-8d] [%8d] [%08.3f]\n", 2.71828, 42, -7, 3.14159);
  printf("percent %% and short precision %.1f %.0f\n", 0.26, 2.4);
  printf("general %g %g\n", 0.0001, 1234567.0);
}

// One block of threads that print in turn: the loop and barriers make the
// order deterministic (thread t prints in iteration t).
__global__ void ordered() {
  for (int t = 0; t < (int)blockDim.x; ++t) {
    if ((int)threadIdx.x == t) printf("ordered line from thread %d of %d\n", threadIdx.x, blockDim.x);
    __syncthreads();
  }
}

__global__ void perLaunch(int k) { printf("launch %d: %d squared is %d\n", k, k, k * k); }

int main() {
  fflush(stdout);
  formats<<<1, 1>>>(42, 3.14159f, -0.5, nullptr);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int k = 1; k <= 3; ++k) {
    perLaunch<<<1, 1>>>(k);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
  }
  ordered<<<1, 4>>>();
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  printf("PASS\n");
  return 0;
}
