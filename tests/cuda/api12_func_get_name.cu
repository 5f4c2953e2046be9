// cudaFuncGetName (CUDA 12.3+) in a small launch logger that records which
// kernels ran: the name of a C++ kernel is its mangled symbol, of an
// extern "C" kernel the plain name, of a template instance its mangled
// instance name; the string stays valid. A host function, a null name
// pointer or a null function are errors.
#include <cstdio>
#include <cstring>
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
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: line %d: %s\n", __LINE__, #cond); return 1; } \
  } while (0)

__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
extern "C" __global__ void scaleC(float *y, int n, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] *= s;
}
template <typename T>
__global__ void fill(T *p, T v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) p[i] = v;
}
static void notAKernel() {}

struct LaunchLog {
  const char *names[8];
  int count = 0;
  cudaError_t record(const void *func) {
    const char *name = nullptr;
    cudaError_t e = cudaFuncGetName(&name, func);
    if (e == cudaSuccess) names[count++] = name;
    return e;
  }
};

int main() {
  const int n = 1000;
  float *x, *y;
  CHECK(cudaMallocManaged(&x, n * sizeof(float)));
  CHECK(cudaMallocManaged(&y, n * sizeof(float)));
  LaunchLog log;
  fill<float><<<(n + 255) / 256, 256>>>(x, 2.0f, n);
  CHECK(log.record((const void *)fill<float>));
  fill<float><<<(n + 255) / 256, 256>>>(y, 1.0f, n);
  CHECK(log.record((const void *)fill<float>));
  saxpy<<<(n + 255) / 256, 256>>>(n, 3.0f, x, y);
  CHECK(log.record((const void *)saxpy));
  scaleC<<<(n + 255) / 256, 256>>>(y, n, 0.5f);
  CHECK(log.record((const void *)scaleC));
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i) EXPECT(y[i] == 3.5f);

  for (int k = 0; k < log.count; ++k) printf("launch %d: %s\n", k, log.names[k]);
  EXPECT(log.count == 4);
  EXPECT(strcmp(log.names[0], "_Z4fillIfEvPT_S0_i") == 0);
  EXPECT(log.names[1] == log.names[0] || strcmp(log.names[1], log.names[0]) == 0);
  EXPECT(strcmp(log.names[2], "_Z5saxpyifPKfPf") == 0);
  EXPECT(strcmp(log.names[3], "scaleC") == 0);
  // The typed overload (runtime_api template) gives the same answer.
  const char *viaTemplate = nullptr;
  CHECK(cudaFuncGetName(&viaTemplate, saxpy));
  EXPECT(viaTemplate && strcmp(viaTemplate, "_Z5saxpyifPKfPf") == 0);

  const char *name = "untouched";
  EXPECT(cudaFuncGetName(&name, (const void *)notAKernel) == cudaErrorInvalidDeviceFunction);
  EXPECT(cudaGetLastError() == cudaErrorInvalidDeviceFunction);
  EXPECT(cudaFuncGetName(nullptr, (const void *)saxpy) == cudaErrorInvalidValue);
  EXPECT(cudaFuncGetName(&name, nullptr) != cudaSuccess);
  (void)cudaGetLastError();
  EXPECT(cudaGetLastError() == cudaSuccess);
  CHECK(cudaFree(x));
  CHECK(cudaFree(y));
  printf("PASS\n");
  return 0;
}
