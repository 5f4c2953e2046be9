// CUDA 12's location-based prefetch of managed memory: cudaMemLocation
// (device / host), cudaMemPrefetchAsync with a location (the C++ overload,
// CUDA 13's only form), cudaMemPrefetchAsync_v2 and the device-ordinal form
// (CUDA 12 only); the last-prefetch range attributes (ordinal, location
// type and id) after whole and split prefetches; bad arguments.
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

__global__ void scale(float *a, int n, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = a[i] * s + 1.0f;
}

// Last prefetch location of [p, p+bytes): ordinal, location type and id.
static cudaError_t lastPrefetch(const void *p, size_t bytes, int *dev, int *type, int *id) {
  cudaError_t e = cudaMemRangeGetAttribute(dev, sizeof(int), cudaMemRangeAttributeLastPrefetchLocation, p, bytes);
  if (e == cudaSuccess)
    e = cudaMemRangeGetAttribute(type, sizeof(int), cudaMemRangeAttributeLastPrefetchLocationType, p, bytes);
  if (e == cudaSuccess)
    e = cudaMemRangeGetAttribute(id, sizeof(int), cudaMemRangeAttributeLastPrefetchLocationId, p, bytes);
  return e;
}

int main() {
  int dev = 0, concurrent = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&concurrent, cudaDevAttrConcurrentManagedAccess, dev));
  if (!concurrent) { printf("FAIL: device lacks concurrentManagedAccess, prefetch unsupported\n"); return 1; }
  const int n = 1 << 18;  // 1 MiB of floats
  const size_t bytes = n * sizeof(float);
  float *a;
  CHECK(cudaMallocManaged(&a, bytes));
  for (int i = 0; i < n; ++i) a[i] = (float)(i % 100);
  cudaStream_t s;
  CHECK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
  int last = 0, type = 0, id = 0;
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == cudaInvalidDeviceId && type == cudaMemLocationTypeInvalid);  // never prefetched

  cudaMemLocation toDevice = {cudaMemLocationTypeDevice, dev};
  cudaMemLocation toHost = {cudaMemLocationTypeHost, 0};
  CHECK(cudaMemPrefetchAsync(a, bytes, toDevice, 0, s));  // location overload
  scale<<<(n + 255) / 256, 256, 0, s>>>(a, n, 2.0f);
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(s));
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == dev && type == cudaMemLocationTypeDevice && id == dev);

  CHECK(cudaMemPrefetchAsync(a, bytes, toHost, 0, s));  // bring it back before host reads
  CHECK(cudaStreamSynchronize(s));
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == cudaCpuDeviceId && type == cudaMemLocationTypeHost);
  for (int i = 0; i < n; ++i)
    if (a[i] != (float)(i % 100) * 2.0f + 1.0f) { printf("FAIL: a[%d] = %g\n", i, a[i]); return 1; }

  // Half to the device, half to the host: the whole range has no single place.
  CHECK(cudaMemPrefetchAsync(a, bytes / 2, toDevice, 0, s));
  CHECK(cudaStreamSynchronize(s));
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == cudaInvalidDeviceId);
  CHECK(lastPrefetch(a, bytes / 2, &last, &type, &id));
  EXPECT(last == dev && type == cudaMemLocationTypeDevice);
  CHECK(lastPrefetch(a + n / 2, bytes / 2, &last, &type, &id));
  EXPECT(last == cudaCpuDeviceId && type == cudaMemLocationTypeHost);

#if CUDART_VERSION < 13000
  // CUDA 12 spellings: the _v2 entry point and the device-ordinal form.
  CHECK(cudaMemPrefetchAsync_v2(a, bytes, toDevice, 0, s));
  scale<<<(n + 255) / 256, 256, 0, s>>>(a, n, 0.5f);
  CHECK(cudaGetLastError());
  CHECK(cudaMemPrefetchAsync(a, bytes, cudaCpuDeviceId, s));
  CHECK(cudaStreamSynchronize(s));
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == cudaCpuDeviceId && type == cudaMemLocationTypeHost);
  CHECK(cudaMemPrefetchAsync(a, bytes, dev, s));
  CHECK(cudaStreamSynchronize(s));
  CHECK(lastPrefetch(a, bytes, &last, &type, &id));
  EXPECT(last == dev && id == dev);
  for (int i = 0; i < n; ++i)
    if (a[i] != (float)(i % 100) + 1.5f) { printf("FAIL: after _v2: a[%d] = %g\n", i, a[i]); return 1; }
#endif

  // Bad arguments: unknown device, non-zero flags, invalid location type.
  cudaMemLocation bad = {cudaMemLocationTypeDevice, 1000};
  EXPECT(cudaMemPrefetchAsync(a, bytes, bad, 0, s) == cudaErrorInvalidDevice);
  EXPECT(cudaGetLastError() == cudaErrorInvalidDevice);
  EXPECT(cudaMemPrefetchAsync(a, bytes, toDevice, 1u, s) == cudaErrorInvalidValue);
  cudaMemLocation invalid = {cudaMemLocationTypeInvalid, 0};
  EXPECT(cudaMemPrefetchAsync(a, bytes, invalid, 0, s) == cudaErrorInvalidValue);
  EXPECT(cudaGetLastError() == cudaErrorInvalidValue);
  EXPECT(cudaGetLastError() == cudaSuccess);

  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(a));
  printf("PASS\n");
  return 0;
}
