// Pinned host buffers (cudaMallocHost / cudaHostAlloc) with cudaMemcpyAsync on
// a non-default stream: H2D, kernel, D2H all queued on the stream, split into
// chunks; the host only reads results after cudaStreamSynchronize.
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

__global__ void affine(float *d, int n, float a, float b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) d[i] = a * d[i] + b;
}

int main() {
  const int n = 1 << 18, chunks = 4, cn = n / chunks;
  float *hIn, *hOut, *d;
  CHECK(cudaMallocHost(&hIn, n * sizeof(float)));
  CHECK(cudaHostAlloc(&hOut, n * sizeof(float), cudaHostAllocDefault));
  CHECK(cudaMalloc(&d, n * sizeof(float)));
  for (int i = 0; i < n; ++i) { hIn[i] = (float)(i % 1024); hOut[i] = -1.0f; }
  cudaStream_t s;
  CHECK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
  for (int c = 0; c < chunks; ++c) {
    int off = c * cn;
    CHECK(cudaMemcpyAsync(d + off, hIn + off, cn * sizeof(float), cudaMemcpyHostToDevice, s));
    affine<<<(cn + 255) / 256, 256, 0, s>>>(d + off, cn, 2.0f, (float)c);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpyAsync(hOut + off, d + off, cn * sizeof(float), cudaMemcpyDeviceToHost, s));
  }
  CHECK(cudaStreamSynchronize(s));
  CHECK(cudaStreamQuery(s));  // idle stream reports cudaSuccess
  for (int i = 0; i < n; ++i) {
    float ref = 2.0f * (float)(i % 1024) + (float)(i / cn);
    if (hOut[i] != ref) { printf("FAIL: out[%d] = %f expected %f\n", i, hOut[i], ref); return 1; }
  }
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(d));
  CHECK(cudaFreeHost(hIn));
  CHECK(cudaFreeHost(hOut));
  printf("PASS\n");
  return 0;
}
