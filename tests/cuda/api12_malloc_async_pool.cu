// Stream-ordered allocation (CUDA 11.2+, as CUDA 12 code uses it):
// cudaMallocAsync/cudaFreeAsync for per-iteration scratch on a stream with
// the device's default pool; an explicit pool (cudaMemPoolCreate) with a
// release threshold, cudaMallocFromPoolAsync, the used/reserved counters,
// cudaMemPoolTrimTo, cudaDeviceSetMemPool/GetMemPool and access flags.
#include <cstdint>
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

__global__ void square(const int *in, int *tmp, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) tmp[i] = in[i] * in[i];
}
__global__ void addInto(const int *tmp, long long *acc, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd((unsigned long long *)acc, (unsigned long long)(long long)tmp[i]);
}

static uint64_t poolAttr(cudaMemPool_t pool, cudaMemPoolAttr attr) {
  uint64_t v = ~0ull;
  if (cudaMemPoolGetAttribute(pool, attr, &v) != cudaSuccess) return ~0ull;
  return v;
}

int main() {
  int dev = 0, supported = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&supported, cudaDevAttrMemoryPoolsSupported, dev));
  EXPECT(supported == 1);
  const int n = 1 << 16;
  const size_t bytes = n * sizeof(int);
  int *in;
  long long *acc;
  CHECK(cudaMallocManaged(&in, bytes));
  CHECK(cudaMallocManaged(&acc, sizeof *acc));
  for (int i = 0; i < n; ++i) in[i] = i % 100 - 50;
  *acc = 0;
  cudaStream_t s;
  CHECK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));

  // Per-iteration scratch from the default pool, freed in stream order.
  for (int it = 0; it < 5; ++it) {
    int *tmp = nullptr;
    CHECK(cudaMallocAsync(&tmp, bytes, s));
    EXPECT(tmp != nullptr);
    square<<<n / 256, 256, 0, s>>>(in, tmp, n);
    addInto<<<n / 256, 256, 0, s>>>(tmp, acc, n);
    CHECK(cudaFreeAsync(tmp, s));
  }
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(s));
  long long ref = 0;
  for (int i = 0; i < n; ++i) ref += (long long)in[i] * in[i];
  EXPECT(*acc == 5 * ref);
  cudaMemPool_t defPool = nullptr, curPool = nullptr;
  CHECK(cudaDeviceGetDefaultMemPool(&defPool, dev));
  CHECK(cudaDeviceGetMemPool(&curPool, dev));
  EXPECT(defPool != nullptr && curPool == defPool);
  EXPECT(poolAttr(defPool, cudaMemPoolAttrUsedMemCurrent) == 0);  // all freed

  // An explicit pool that keeps up to 64 MiB cached between iterations.
  cudaMemPoolProps props = {};
  props.allocType = cudaMemAllocationTypePinned;
  props.handleTypes = cudaMemHandleTypeNone;
  props.location.type = cudaMemLocationTypeDevice;
  props.location.id = dev;
  cudaMemPool_t pool;
  CHECK(cudaMemPoolCreate(&pool, &props));
  uint64_t threshold = 64ull << 20;
  CHECK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold));
  EXPECT(poolAttr(pool, cudaMemPoolAttrReleaseThreshold) == threshold);
  cudaMemAccessFlags access = cudaMemAccessFlagsProtNone;
  cudaMemLocation here = {cudaMemLocationTypeDevice, dev};
  CHECK(cudaMemPoolGetAccess(&access, pool, &here));
  EXPECT(access == cudaMemAccessFlagsProtReadWrite);

  int *a = nullptr, *b = nullptr;
  CHECK(cudaMallocFromPoolAsync((void **)&a, bytes, pool, s));
  CHECK(cudaMallocFromPoolAsync((void **)&b, 2 * bytes, pool, s));
  EXPECT(a && b && a != b);
  square<<<n / 256, 256, 0, s>>>(in, a, n);
  CHECK(cudaMemcpyAsync(b, a, bytes, cudaMemcpyDeviceToDevice, s));
  CHECK(cudaMemcpyAsync(b + n, in, bytes, cudaMemcpyDeviceToDevice, s));
  int h[4];
  CHECK(cudaMemcpyAsync(h, b + n - 2, 4 * sizeof(int), cudaMemcpyDeviceToHost, s));
  CHECK(cudaStreamSynchronize(s));
  EXPECT(h[0] == in[n - 2] * in[n - 2] && h[1] == in[n - 1] * in[n - 1] && h[2] == in[0] && h[3] == in[1]);
  EXPECT(poolAttr(pool, cudaMemPoolAttrUsedMemCurrent) >= 3 * bytes);
  EXPECT(poolAttr(pool, cudaMemPoolAttrReservedMemCurrent) >= 3 * bytes);
  CHECK(cudaFreeAsync(a, s));
  CHECK(cudaFreeAsync(b, s));
  CHECK(cudaStreamSynchronize(s));
  EXPECT(poolAttr(pool, cudaMemPoolAttrUsedMemCurrent) == 0);
  EXPECT(poolAttr(pool, cudaMemPoolAttrUsedMemHigh) >= 3 * bytes);
  EXPECT(poolAttr(pool, cudaMemPoolAttrReservedMemCurrent) >= 3 * bytes);  // kept: under the threshold
  CHECK(cudaMemPoolTrimTo(pool, 0));                                        // give it all back
  EXPECT(poolAttr(pool, cudaMemPoolAttrReservedMemCurrent) == 0);
  uint64_t zero = 0;
  CHECK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrUsedMemHigh, &zero));  // reset the watermark
  EXPECT(poolAttr(pool, cudaMemPoolAttrUsedMemHigh) == 0);

  // Make it the device's current pool: plain cudaMallocAsync now uses it.
  CHECK(cudaDeviceSetMemPool(dev, pool));
  CHECK(cudaDeviceGetMemPool(&curPool, dev));
  EXPECT(curPool == pool);
  int *c = nullptr;
  CHECK(cudaMallocAsync(&c, bytes, s));
  CHECK(cudaStreamSynchronize(s));
  EXPECT(poolAttr(pool, cudaMemPoolAttrUsedMemCurrent) >= bytes);
  CHECK(cudaFreeAsync(c, s));
  CHECK(cudaStreamSynchronize(s));
  CHECK(cudaDeviceSetMemPool(dev, defPool));

  EXPECT(cudaMallocAsync(nullptr, bytes, s) == cudaErrorInvalidValue);
  EXPECT(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReservedMemCurrent, &zero) == cudaErrorInvalidValue);
  EXPECT(cudaGetLastError() == cudaErrorInvalidValue);
  CHECK(cudaMemPoolDestroy(pool));
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(in));
  CHECK(cudaFree(acc));
  printf("PASS\n");
  return 0;
}
