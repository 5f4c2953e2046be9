// Looking up driver API entry points through the runtime, as TMA/CUTLASS
// style code does for cuTensorMapEncodeTiled, with a fallback when the
// driver lacks the function. CUDA documents that a symbol that is not
// found is not an error: cudaSuccess, a NULL function pointer and
// driverStatus = cudaDriverEntryPointSymbolNotFound (Tongxin has no driver
// API, so every lookup ends there). A version newer than the driver's and
// null arguments are cudaErrorInvalidValue. The fallback kernel must run.
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

// Tile copy without the tensor-memory accelerator.
__global__ void copyTile(const float *src, float *dst, int ld, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x, r = blockIdx.y;
  if (c < cols && r < rows) dst[r * cols + c] = src[r * ld + c];
}

int main() {
  void *fn = (void *)&fn;  // poisoned: must come back NULL
  cudaDriverEntryPointQueryResult status = cudaDriverEntryPointSuccess;
  CHECK(cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", &fn, 12000, cudaEnableDefault, &status));
  bool useTma = fn != nullptr && status == cudaDriverEntryPointSuccess;
  printf("cuTensorMapEncodeTiled: %s\n", useTma ? "found" : "not available, using the fallback");
  if (!useTma) EXPECT(fn == nullptr && status == cudaDriverEntryPointSymbolNotFound);

  // A name no driver has: the same answer on every platform.
  fn = (void *)&fn;
  CHECK(cudaGetDriverEntryPointByVersion("cuNoSuchFunctionAnywhere", &fn, 12000, cudaEnableLegacyStream, &status));
  EXPECT(fn == nullptr && status == cudaDriverEntryPointSymbolNotFound);
  fn = (void *)&fn;
  CHECK(cudaGetDriverEntryPointByVersion("cuNoSuchFunctionAnywhere", &fn, 12000, cudaEnableDefault));  // no status
  EXPECT(fn == nullptr);
#if CUDART_VERSION < 13000
  // The CUDA 12 form (deprecated in 13.0), versioned by the runtime.
  fn = (void *)&fn;
  CHECK(cudaGetDriverEntryPoint("cuNoSuchFunctionAnywhere", &fn, cudaEnableDefault, &status));
  EXPECT(fn == nullptr && status == cudaDriverEntryPointSymbolNotFound);
#endif
  EXPECT(cudaGetLastError() == cudaSuccess);  // not-found is not an error

  int driver = 0;
  CHECK(cudaDriverGetVersion(&driver));
  EXPECT(cudaGetDriverEntryPointByVersion("cuMemAlloc", &fn, (unsigned)driver + 1000, cudaEnableDefault, &status) ==
         cudaErrorInvalidValue);
  EXPECT(cudaGetDriverEntryPointByVersion(nullptr, &fn, 12000, cudaEnableDefault, &status) == cudaErrorInvalidValue);
  EXPECT(cudaGetDriverEntryPointByVersion("cuMemAlloc", nullptr, 12000, cudaEnableDefault, &status) ==
         cudaErrorInvalidValue);
  EXPECT(cudaGetLastError() == cudaErrorInvalidValue);

  const int ld = 100, rows = 40, cols = 70;
  float *src, *dst;
  CHECK(cudaMallocManaged(&src, ld * rows * sizeof(float)));
  CHECK(cudaMallocManaged(&dst, rows * cols * sizeof(float)));
  for (int i = 0; i < ld * rows; ++i) src[i] = (float)i;
  copyTile<<<dim3((cols + 31) / 32, rows), 32>>>(src, dst, ld, rows, cols);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) EXPECT(dst[r * cols + c] == (float)(r * ld + c));
  CHECK(cudaFree(src));
  CHECK(cudaFree(dst));
  printf("PASS\n");
  return 0;
}
