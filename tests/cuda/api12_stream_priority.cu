// Stream priorities and ids: cudaDeviceGetStreamPriorityRange,
// cudaStreamCreateWithPriority (values outside the range are clamped),
// cudaStreamGetPriority (default stream included), cudaStreamGetFlags,
// cudaStreamGetId (unique, never reused) and cudaStreamGetDevice (12.8+).
// A latency-critical kernel runs on the high-priority stream while bulk
// work runs on the low-priority one; both results are checked.
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
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: line %d: %s\n", __LINE__, #cond); return 1; } \
  } while (0)

__global__ void bulk(float *a, int n, int reps) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = a[i];
  for (int r = 0; r < reps; ++r) v = v * 0.5f + 1.0f;
  a[i] = v;
}
__global__ void urgent(int *flag, int value) { *flag = value; }

int main() {
  int least = 0, greatest = 0;
  CHECK(cudaDeviceGetStreamPriorityRange(&least, &greatest));
  printf("priority range: least %d, greatest %d\n", least, greatest);
  EXPECT(greatest <= least);  // numerically lower = higher priority

  cudaStream_t low, high, clampedLow, clampedHigh;
  CHECK(cudaStreamCreateWithPriority(&low, cudaStreamNonBlocking, least));
  CHECK(cudaStreamCreateWithPriority(&high, cudaStreamNonBlocking, greatest));
  CHECK(cudaStreamCreateWithPriority(&clampedLow, cudaStreamDefault, least + 100));
  CHECK(cudaStreamCreateWithPriority(&clampedHigh, cudaStreamDefault, greatest - 100));
  int p = 12345;
  CHECK(cudaStreamGetPriority(low, &p));          EXPECT(p == least);
  CHECK(cudaStreamGetPriority(high, &p));         EXPECT(p == greatest);
  CHECK(cudaStreamGetPriority(clampedLow, &p));   EXPECT(p == least);
  CHECK(cudaStreamGetPriority(clampedHigh, &p));  EXPECT(p == greatest);
  CHECK(cudaStreamGetPriority(0, &p));            EXPECT(p == 0);  // legacy default stream
  unsigned flags = 99;
  CHECK(cudaStreamGetFlags(high, &flags));        EXPECT(flags == cudaStreamNonBlocking);
  CHECK(cudaStreamGetFlags(clampedLow, &flags));  EXPECT(flags == cudaStreamDefault);

  unsigned long long idLow = 0, idHigh = 0, idDefault = 0, idPerThread = 0;
  CHECK(cudaStreamGetId(low, &idLow));
  CHECK(cudaStreamGetId(high, &idHigh));
  CHECK(cudaStreamGetId(cudaStreamLegacy, &idDefault));
  CHECK(cudaStreamGetId(cudaStreamPerThread, &idPerThread));
  EXPECT(idLow != idHigh && idLow != idDefault && idHigh != idDefault && idPerThread != idLow);
  unsigned long long again = 0;
  CHECK(cudaStreamGetId(low, &again));
  EXPECT(again == idLow);
#if CUDART_VERSION >= 12080
  int dev = -1, cur = 0;
  CHECK(cudaGetDevice(&cur));
  CHECK(cudaStreamGetDevice(high, &dev));
  EXPECT(dev == cur);
#endif

  const int n = 1 << 16;
  float *a;
  int *flag;
  CHECK(cudaMallocManaged(&a, n * sizeof(float)));
  CHECK(cudaMallocManaged(&flag, sizeof(int)));
  for (int i = 0; i < n; ++i) a[i] = (float)(i % 64);
  *flag = 0;
  bulk<<<n / 256, 256, 0, low>>>(a, n, 50);
  urgent<<<1, 1, 0, high>>>(flag, 7);
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(high));
  EXPECT(*flag == 7);
  CHECK(cudaStreamSynchronize(low));
  for (int i = 0; i < n; ++i) {
    float v = (float)(i % 64);
    for (int r = 0; r < 50; ++r) v = v * 0.5f + 1.0f;
    if (a[i] != v) { printf("FAIL: a[%d] = %g expected %g\n", i, a[i], v); return 1; }
  }

  // A new stream gets a new id, even after others are destroyed.
  CHECK(cudaStreamDestroy(low));
  cudaStream_t fresh;
  CHECK(cudaStreamCreate(&fresh));
  unsigned long long idFresh = 0;
  CHECK(cudaStreamGetId(fresh, &idFresh));
  EXPECT(idFresh != idLow && idFresh != idHigh && idFresh != idDefault);
  EXPECT(cudaStreamGetPriority(fresh, nullptr) == cudaErrorInvalidValue);
  EXPECT(cudaStreamGetId(fresh, nullptr) == cudaErrorInvalidValue);
  (void)cudaGetLastError();
  CHECK(cudaStreamDestroy(fresh));
  CHECK(cudaStreamDestroy(high));
  CHECK(cudaStreamDestroy(clampedLow));
  CHECK(cudaStreamDestroy(clampedHigh));
  CHECK(cudaFree(a));
  CHECK(cudaFree(flag));
  printf("PASS\n");
  return 0;
}
