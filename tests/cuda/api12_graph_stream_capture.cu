// A CUDA graph built by stream capture across two streams (fork/join with
// events): cudaMemsetAsync, kernels on both streams, a device-to-device and
// a device-to-host cudaMemcpyAsync, a cudaLaunchHostFunc callback;
// cudaStreamIsCapturing / cudaStreamGetCaptureInfo during capture;
// cudaStreamEndCapture, cudaGraphGetNodes, cudaGraphInstantiate, several
// cudaGraphLaunch with new inputs each time, then cudaGraphExecDestroy.
// Synchronising a capturing stream invalidates the capture.
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

__global__ void scaleBy(const float *in, float *out, int n, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * s;
}
__global__ void offsetBy(const float *in, float *out, int n, float o) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] + o;
}
__global__ void combine(const float *a, const float *b, float *acc, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) acc[i] += a[i] * b[i];
}

struct Progress { int calls; float lastSample; const float *hostOut; };
static void CUDART_CB onDone(void *p) {  // runs after the D2H copy of each launch
  Progress *pr = static_cast<Progress *>(p);
  pr->calls++;
  pr->lastSample = pr->hostOut[5];
}

int main() {
  const int n = 1 << 14;
  const size_t bytes = n * sizeof(float);
  float *in, *a, *b, *bCopy, *acc, *hostOut;
  CHECK(cudaMalloc(&in, bytes));
  CHECK(cudaMalloc(&a, bytes));
  CHECK(cudaMalloc(&b, bytes));
  CHECK(cudaMalloc(&bCopy, bytes));
  CHECK(cudaMalloc(&acc, bytes));
  CHECK(cudaMallocHost(&hostOut, bytes));
  cudaStream_t s1, s2;
  CHECK(cudaStreamCreateWithFlags(&s1, cudaStreamNonBlocking));
  CHECK(cudaStreamCreateWithFlags(&s2, cudaStreamNonBlocking));
  cudaEvent_t fork, join;
  CHECK(cudaEventCreateWithFlags(&fork, cudaEventDisableTiming));
  CHECK(cudaEventCreateWithFlags(&join, cudaEventDisableTiming));
  Progress progress = {0, 0.0f, hostOut};

  cudaGraph_t graph;
  CHECK(cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal));
  CHECK(cudaMemsetAsync(acc, 0, bytes, s1));
  CHECK(cudaEventRecord(fork, s1));
  CHECK(cudaStreamWaitEvent(s2, fork, 0));                 // s2 joins the capture
  scaleBy<<<n / 256, 256, 0, s1>>>(in, a, n, 2.0f);
  offsetBy<<<n / 256, 256, 0, s2>>>(in, b, n, 1.0f);
  CHECK(cudaMemcpyAsync(bCopy, b, bytes, cudaMemcpyDeviceToDevice, s2));
  CHECK(cudaEventRecord(join, s2));
  CHECK(cudaStreamWaitEvent(s1, join, 0));                 // join back into s1
  combine<<<n / 256, 256, 0, s1>>>(a, bCopy, acc, n);
  CHECK(cudaMemcpyAsync(hostOut, acc, bytes, cudaMemcpyDeviceToHost, s1));
  CHECK(cudaLaunchHostFunc(s1, onDone, &progress));
  CHECK(cudaGetLastError());
  cudaStreamCaptureStatus status = cudaStreamCaptureStatusNone;
  CHECK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusActive);
  unsigned long long captureId = 0;
  CHECK(cudaStreamGetCaptureInfo(s2, &status, &captureId));
  EXPECT(status == cudaStreamCaptureStatusActive && captureId != 0);
  CHECK(cudaStreamEndCapture(s1, &graph));
  CHECK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusNone);
  EXPECT(progress.calls == 0);  // captured work does not run

  size_t numNodes = 0;
  CHECK(cudaGraphGetNodes(graph, nullptr, &numNodes));
  EXPECT(numNodes == 7);  // memset, 3 kernels, 2 copies, host (events become edges)

  cudaGraphExec_t exec;
  CHECK(cudaGraphInstantiate(&exec, graph, 0));
  float *h = new float[n];
  for (int launch = 0; launch < 4; ++launch) {
    for (int i = 0; i < n; ++i) h[i] = (float)(i % 32) + launch;
    CHECK(cudaMemcpy(in, h, bytes, cudaMemcpyHostToDevice));
    CHECK(cudaGraphLaunch(exec, s1));
    CHECK(cudaStreamSynchronize(s1));
    for (int i = 0; i < n; ++i) {
      float ref = (h[i] * 2.0f) * (h[i] + 1.0f);
      if (hostOut[i] != ref) { printf("FAIL: launch %d: out[%d] = %g expected %g\n", launch, i, hostOut[i], ref); return 1; }
    }
    EXPECT(progress.calls == launch + 1 && progress.lastSample == hostOut[5]);
  }
  // Back-to-back launches without host synchronisation in between.
  for (int k = 0; k < 3; ++k) CHECK(cudaGraphLaunch(exec, s1));
  CHECK(cudaStreamSynchronize(s1));
  EXPECT(progress.calls == 7);
  CHECK(cudaGraphExecDestroy(exec));
  CHECK(cudaGraphDestroy(graph));

  // Synchronising a capturing stream is illegal and invalidates the capture.
  CHECK(cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal));
  scaleBy<<<n / 256, 256, 0, s1>>>(in, a, n, 3.0f);
  EXPECT(cudaStreamSynchronize(s1) == cudaErrorStreamCaptureUnsupported);
  cudaGraph_t broken = nullptr;
  EXPECT(cudaStreamEndCapture(s1, &broken) == cudaErrorStreamCaptureInvalidated);
  EXPECT(broken == nullptr);
  (void)cudaGetLastError();
  CHECK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusNone);

  CHECK(cudaEventDestroy(fork)); CHECK(cudaEventDestroy(join));
  CHECK(cudaStreamDestroy(s1)); CHECK(cudaStreamDestroy(s2));
  CHECK(cudaFree(in)); CHECK(cudaFree(a)); CHECK(cudaFree(b)); CHECK(cudaFree(bCopy)); CHECK(cudaFree(acc));
  CHECK(cudaFreeHost(hostOut));
  delete[] h;
  printf("PASS\n");
  return 0;
}
