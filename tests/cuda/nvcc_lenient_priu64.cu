// Printing 64-bit counters with <inttypes.h> macros glued to the string
// literal, "%"PRIu64 with no space, as C programmers write it. In C++11 a
// literal followed by an identifier is a user-defined-literal suffix, so
// clang rejects it by default; nvcc accepts it, and so must txcc. Host
// snprintf and device printf both use it; stdout is diffed with
// nvcc_lenient_priu64.expected.
#include <cinttypes>
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

__global__ void countBytes(const uint8_t *data, int n, unsigned long long *hist, unsigned long long *sum) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    atomicAdd(&hist[data[i] >> 6], 1ull);
    atomicAdd(sum, (unsigned long long)data[i] << 32);
  }
}

__global__ void report(const unsigned long long *hist, const unsigned long long *sum) {
  uint64_t total = hist[0] + hist[1] + hist[2] + hist[3];
  int64_t delta = (int64_t)hist[0] - (int64_t)hist[3];
  printf("device: total=%"PRIu64" delta=%"PRId64" sum=0x%"PRIx64"\n", total, delta, (uint64_t)*sum);
}

int main() {
  const int n = 100000;
  uint8_t *h = new uint8_t[n];
  uint64_t refHist[4] = {0, 0, 0, 0}, refSum = 0;
  for (int i = 0; i < n; ++i) {
    h[i] = (uint8_t)((i * 2654435761u) >> 24);
    refHist[h[i] >> 6]++;
    refSum += (uint64_t)h[i] << 32;
  }
  uint8_t *d;
  unsigned long long *dhist, *dsum;
  CHECK(cudaMalloc(&d, n));
  CHECK(cudaMalloc(&dhist, 4 * sizeof(unsigned long long)));
  CHECK(cudaMalloc(&dsum, sizeof(unsigned long long)));
  CHECK(cudaMemcpy(d, h, n, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dhist, 0, 4 * sizeof(unsigned long long)));
  CHECK(cudaMemset(dsum, 0, sizeof(unsigned long long)));
  countBytes<<<(n + 255) / 256, 256>>>(d, n, dhist, dsum);
  CHECK(cudaGetLastError());
  report<<<1, 1>>>(dhist, dsum);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  fflush(stdout);
  unsigned long long hist[4], sum;
  CHECK(cudaMemcpy(hist, dhist, sizeof hist, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&sum, dsum, sizeof sum, cudaMemcpyDeviceToHost));
  char got[128], want[128];
  snprintf(got, sizeof got, "%"PRIu64",%"PRIu64",%"PRIu64",%"PRIu64" 0x%016"PRIX64,
           (uint64_t)hist[0], (uint64_t)hist[1], (uint64_t)hist[2], (uint64_t)hist[3], (uint64_t)sum);
  snprintf(want, sizeof want, "%llu,%llu,%llu,%llu 0x%016llX", (unsigned long long)refHist[0],
           (unsigned long long)refHist[1], (unsigned long long)refHist[2], (unsigned long long)refHist[3],
           (unsigned long long)refSum);
  printf("host: %s\n", got);
  if (strcmp(got, want) != 0) { printf("FAIL: got %s expected %s\n", got, want); return 1; }
  CHECK(cudaFree(d)); CHECK(cudaFree(dhist)); CHECK(cudaFree(dsum));
  delete[] h;
  printf("PASS\n");
  return 0;
}
