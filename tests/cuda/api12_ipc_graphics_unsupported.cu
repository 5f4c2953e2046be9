// A producer that would share its buffers with other processes through
// CUDA IPC (cudaIpcGetMemHandle / cudaIpcGetEventHandle) and release an
// OpenGL interop resource at shutdown (cudaGraphicsUnregisterResource).
// Where a platform does not offer IPC or graphics interop these calls
// return cudaErrorNotSupported (Tongxin: device memory is process memory,
// there is no GL driver); the program must be able to take its in-process
// fallback: the error is recorded as the last error, is not sticky, and
// later kernels, copies and events work.
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

__global__ void produce(int *buf, int n, int frame) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) buf[i] = frame * 100000 + i;
}

int main() {
  const int n = 10000;
  int *buf;
  CHECK(cudaMalloc(&buf, n * sizeof(int)));
  cudaEvent_t ready;
  CHECK(cudaEventCreateWithFlags(&ready, cudaEventDisableTiming | cudaEventInterprocess));

  bool useIpc = true;
  cudaIpcMemHandle_t memHandle;
  cudaError_t e = cudaIpcGetMemHandle(&memHandle, buf);
  if (e == cudaErrorNotSupported) {
    printf("CUDA IPC not supported: %s; sharing in-process instead\n", cudaGetErrorString(e));
    EXPECT(cudaGetLastError() == cudaErrorNotSupported);  // recorded...
    EXPECT(cudaGetLastError() == cudaSuccess);            // ...and not sticky
    useIpc = false;
  } else {
    CHECK(e);
  }
  cudaIpcEventHandle_t evHandle;
  e = cudaIpcGetEventHandle(&evHandle, ready);
  EXPECT(useIpc ? e == cudaSuccess : e == cudaErrorNotSupported);
  if (!useIpc) {
    void *opened = nullptr;
    memset(&memHandle, 0, sizeof memHandle);
    EXPECT(cudaIpcOpenMemHandle(&opened, memHandle, cudaIpcMemLazyEnablePeerAccess) != cudaSuccess);
    EXPECT(opened == nullptr);
  }
  (void)cudaGetLastError();

  // Graphics interop teardown for a resource registered elsewhere (none here).
  cudaGraphicsResource_t glResource = nullptr;
  e = cudaGraphicsUnregisterResource(glResource);
  printf("cudaGraphicsUnregisterResource: %s\n", cudaGetErrorName(e));
  EXPECT(e == cudaErrorNotSupported || e == cudaErrorInvalidResourceHandle);
  e = cudaGraphicsMapResources(1, &glResource, 0);
  EXPECT(e == cudaErrorNotSupported || e == cudaErrorInvalidResourceHandle);
  EXPECT(cudaGetLastError() == e);
  EXPECT(cudaGetLastError() == cudaSuccess);

  // The fallback: frames produced and consumed in this process.
  int *host = new int[n];
  for (int frame = 1; frame <= 3; ++frame) {
    produce<<<(n + 255) / 256, 256>>>(buf, n, frame);
    CHECK(cudaGetLastError());
    CHECK(cudaEventRecord(ready, 0));
    CHECK(cudaEventSynchronize(ready));
    CHECK(cudaMemcpy(host, buf, n * sizeof(int), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i)
      if (host[i] != frame * 100000 + i) { printf("FAIL: frame %d element %d = %d\n", frame, i, host[i]); return 1; }
  }
  delete[] host;
  CHECK(cudaEventDestroy(ready));
  CHECK(cudaFree(buf));
  printf("PASS\n");
  return 0;
}
