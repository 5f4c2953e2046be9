// Cross-stream ordering with events: stream A produces data, records an
// event; stream B waits on that event (cudaStreamWaitEvent) before consuming
// it, then stream A waits on B's event before a final combine. The producer is
// deliberately slow (many iterations) so a missing dependency would show.
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

__global__ void slowProduce(int *a, int n, int iters) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned v = i;
    for (int k = 0; k < iters; ++k) v = (v * 1103515245u + 12345u) & 0x7fffffffu;
    a[i] = (int)(v % 1000);
  }
}
__global__ void consume(const int *a, int *b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) b[i] = a[i] * 2 + 1;
}
__global__ void combine(const int *a, const int *b, int *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = b[i] - a[i];   // == a[i] + 1
}

int main() {
  const int n = 8192, iters = 200;
  int *a, *b, *c;
  CHECK(cudaMalloc(&a, n * 4));
  CHECK(cudaMalloc(&b, n * 4));
  CHECK(cudaMalloc(&c, n * 4));
  CHECK(cudaMemset(a, 0xff, n * 4));
  CHECK(cudaDeviceSynchronize());
  cudaStream_t sA, sB;
  cudaEvent_t produced, consumed;
  CHECK(cudaStreamCreateWithFlags(&sA, cudaStreamNonBlocking));
  CHECK(cudaStreamCreateWithFlags(&sB, cudaStreamNonBlocking));
  CHECK(cudaEventCreateWithFlags(&produced, cudaEventDisableTiming));
  CHECK(cudaEventCreate(&consumed));
  slowProduce<<<n / 128, 128, 0, sA>>>(a, n, iters);
  CHECK(cudaGetLastError());
  CHECK(cudaEventRecord(produced, sA));
  CHECK(cudaStreamWaitEvent(sB, produced, 0));
  consume<<<n / 128, 128, 0, sB>>>(a, b, n);
  CHECK(cudaGetLastError());
  CHECK(cudaEventRecord(consumed, sB));
  CHECK(cudaStreamWaitEvent(sA, consumed, 0));
  combine<<<n / 128, 128, 0, sA>>>(a, b, c, n);
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(sA));
  CHECK(cudaEventSynchronize(consumed));
  if (cudaEventQuery(consumed) != cudaSuccess) { printf("FAIL: event not complete after sync\n"); return 1; }
  int *ha = (int *)malloc(n * 4), *hb = (int *)malloc(n * 4), *hc = (int *)malloc(n * 4);
  CHECK(cudaMemcpy(ha, a, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hb, b, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hc, c, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    unsigned v = i;
    for (int k = 0; k < iters; ++k) v = (v * 1103515245u + 12345u) & 0x7fffffffu;
    int ra = (int)(v % 1000);
    if (ha[i] != ra || hb[i] != 2 * ra + 1 || hc[i] != ra + 1) {
      printf("FAIL: i=%d a=%d b=%d c=%d expected a=%d\n", i, ha[i], hb[i], hc[i], ra);
      return 1;
    }
  }
  CHECK(cudaEventDestroy(produced)); CHECK(cudaEventDestroy(consumed));
  CHECK(cudaStreamDestroy(sA)); CHECK(cudaStreamDestroy(sB));
  CHECK(cudaFree(a)); CHECK(cudaFree(b)); CHECK(cudaFree(c));
  free(ha); free(hb); free(hc);
  printf("PASS\n");
  return 0;
}
