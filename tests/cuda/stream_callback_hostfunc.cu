// Host callbacks in stream order: cudaLaunchHostFunc and cudaStreamAddCallback
// run after the preceding work on the stream has finished and before the
// following work starts. Each callback reads a device-produced value via
// pinned mapped memory written by the previous kernel and logs the order.
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

struct Log {
  int entries[16];
  int count;
  volatile int *deviceValue;  // pinned host memory the kernels write to
};

__global__ void writeValue(int *dst, int v) { *dst = v; }

static void CUDART_CB hostFunc(void *userData) {
  Log *log = (Log *)userData;
  log->entries[log->count++] = 100 + *log->deviceValue;   // must see the preceding kernel's value
}
static void CUDART_CB streamCallback(cudaStream_t, cudaError_t status, void *userData) {
  Log *log = (Log *)userData;
  log->entries[log->count++] = status == cudaSuccess ? 200 + *log->deviceValue : -1;
}

int main() {
  int *pinned;
  CHECK(cudaHostAlloc(&pinned, sizeof(int), cudaHostAllocMapped));
  *pinned = 0;
  int *devView;
  CHECK(cudaHostGetDevicePointer(&devView, pinned, 0));
  Log log = {};
  log.deviceValue = pinned;
  cudaStream_t s;
  CHECK(cudaStreamCreate(&s));
  writeValue<<<1, 1, 0, s>>>(devView, 1);
  CHECK(cudaLaunchHostFunc(s, hostFunc, &log));
  writeValue<<<1, 1, 0, s>>>(devView, 2);
  CHECK(cudaStreamAddCallback(s, streamCallback, &log, 0));
  writeValue<<<1, 1, 0, s>>>(devView, 3);
  CHECK(cudaLaunchHostFunc(s, hostFunc, &log));
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(s));
  const int expected[3] = {101, 202, 103};
  if (log.count != 3) { printf("FAIL: %d callbacks ran, expected 3\n", log.count); return 1; }
  for (int k = 0; k < 3; ++k)
    if (log.entries[k] != expected[k]) { printf("FAIL: callback %d logged %d, expected %d\n", k, log.entries[k], expected[k]); return 1; }
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFreeHost(pinned));
  printf("PASS\n");
  return 0;
}
