// cudaLaunchKernelEx (CUDA 12) with cudaLaunchConfig_t: typed arguments,
// dynamic shared memory and a stream; launch attributes: cooperative (a
// grid-wide sync, grid sized by occupancy), priority, a 1x1x1 cluster
// dimension (where the device supports clusters), an ignored attribute;
// cudaLaunchKernelExC with an argument array; configuration errors.
#include <cstdio>
#include <cuda_runtime.h>
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

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

// Block sums through dynamic shared memory; y[i] = x[i] * a + blockSum.
__global__ void blockShift(const float *x, float *y, int n, float a) {
  extern __shared__ float part[];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  part[threadIdx.x] = i < n ? x[i] : 0.0f;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (i < n) y[i] = x[i] * a + part[0];
}

// Two phases separated by a grid-wide barrier (needs a cooperative launch).
__global__ void twoPhase(int *data, int *total, int n) {
  cg::grid_group grid = cg::this_grid();
  for (int i = grid.thread_rank(); i < n; i += grid.size()) data[i] = i % 10;
  grid.sync();
  if (grid.thread_rank() == 0) {
    int s = 0;
    for (int i = 0; i < n; ++i) s += data[i];
    *total = s;
  }
}

int main() {
  const int n = 4096, threads = 128, blocks = n / threads;
  float *x, *y;
  CHECK(cudaMallocManaged(&x, n * sizeof(float)));
  CHECK(cudaMallocManaged(&y, n * sizeof(float)));
  for (int i = 0; i < n; ++i) x[i] = (float)(i % 8);
  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));

  cudaLaunchConfig_t cfg = {};
  cfg.gridDim = dim3(blocks);
  cfg.blockDim = dim3(threads);
  cfg.dynamicSmemBytes = threads * sizeof(float);
  cfg.stream = stream;
  cfg.attrs = nullptr;
  cfg.numAttrs = 0;
  CHECK(cudaLaunchKernelEx(&cfg, blockShift, (const float *)x, y, n, 2.0f));  // typed arguments
  CHECK(cudaStreamSynchronize(stream));
  for (int i = 0; i < n; ++i) EXPECT(y[i] == x[i] * 2.0f + 3.5f * threads);  // block sum = 28 * 16

  // Priority and an ignored attribute.
  int leastPri = 0, greatestPri = 0;
  CHECK(cudaDeviceGetStreamPriorityRange(&leastPri, &greatestPri));
  cudaLaunchAttribute attrs[3];
  attrs[0].id = cudaLaunchAttributePriority;
  attrs[0].val.priority = greatestPri;
  attrs[1].id = cudaLaunchAttributeIgnore;
  cfg.attrs = attrs;
  cfg.numAttrs = 2;
  float a = -1.0f;
  int nn = n;
  void *args[] = {&x, &y, &nn, &a};
  CHECK(cudaLaunchKernelExC(&cfg, (const void *)blockShift, args));
  CHECK(cudaStreamSynchronize(stream));
  for (int i = 0; i < n; ++i) EXPECT(y[i] == -x[i] + 3.5f * threads);

  // A 1x1x1 cluster: must work where clusters exist (sm_90+); elsewhere the
  // launch may be refused as unsupported, or run as plain blocks.
  int clusters = 0, dev = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&clusters, cudaDevAttrClusterLaunch, dev));
  attrs[0].id = cudaLaunchAttributeClusterDimension;
  attrs[0].val.clusterDim.x = attrs[0].val.clusterDim.y = attrs[0].val.clusterDim.z = 1;
  cfg.numAttrs = 1;
  cudaError_t clusterErr = cudaLaunchKernelEx(&cfg, blockShift, (const float *)x, y, n, 3.0f);
  EXPECT(clusterErr == cudaSuccess || (!clusters && clusterErr == cudaErrorNotSupported));
  (void)cudaGetLastError();
  if (clusterErr == cudaSuccess) {
    CHECK(cudaStreamSynchronize(stream));
    for (int i = 0; i < n; ++i) EXPECT(y[i] == x[i] * 3.0f + 3.5f * threads);
  }

  // Cooperative launch: as many blocks as can be resident at once.
  int coop = 0, perSm = 0, sms = 0;
  CHECK(cudaDeviceGetAttribute(&coop, cudaDevAttrCooperativeLaunch, dev));
  CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev));
  CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, twoPhase, 64, 0));
  EXPECT(coop == 1 && perSm > 0);
  int *data, *total;
  CHECK(cudaMallocManaged(&data, 10000 * sizeof(int)));
  CHECK(cudaMallocManaged(&total, sizeof(int)));
  attrs[0].id = cudaLaunchAttributeCooperative;
  attrs[0].val.cooperative = 1;
  attrs[1].id = cudaLaunchAttributePriority;
  attrs[1].val.priority = leastPri;
  cudaLaunchConfig_t coopCfg = {dim3(perSm * sms), dim3(64), 0, stream, attrs, 2};
  CHECK(cudaLaunchKernelEx(&coopCfg, twoPhase, data, total, 10000));
  CHECK(cudaStreamSynchronize(stream));
  EXPECT(*total == 45000);
  coopCfg.gridDim = dim3(perSm * sms + 1);  // one block too many to be co-resident
  EXPECT(cudaLaunchKernelEx(&coopCfg, twoPhase, data, total, 10000) == cudaErrorCooperativeLaunchTooLarge);
  EXPECT(cudaGetLastError() == cudaErrorCooperativeLaunchTooLarge);

  // Invalid configurations are reported like <<<>>> launches.
  cudaLaunchConfig_t bad = {dim3(0), dim3(threads), 0, stream, nullptr, 0};
  EXPECT(cudaLaunchKernelEx(&bad, blockShift, (const float *)x, y, n, 1.0f) == cudaErrorInvalidConfiguration);
  bad.gridDim = dim3(1);
  bad.blockDim = dim3(2048);
  EXPECT(cudaLaunchKernelEx(&bad, blockShift, (const float *)x, y, n, 1.0f) == cudaErrorInvalidConfiguration);
  EXPECT(cudaGetLastError() == cudaErrorInvalidConfiguration);
  EXPECT(cudaGetLastError() == cudaSuccess);

  CHECK(cudaStreamDestroy(stream));
  CHECK(cudaFree(x)); CHECK(cudaFree(y)); CHECK(cudaFree(data)); CHECK(cudaFree(total));
  printf("PASS\n");
  return 0;
}
