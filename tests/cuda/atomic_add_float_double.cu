// atomicAdd on float and double. Values are small multiples of 1/8 so that
// every partial sum is exactly representable and the result is independent of
// the order in which the atomics land (exact compare). A second part adds
// arbitrary floats and compares with a tolerance.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

__global__ void addAll(const float *xf, const double *xd, float *sumF, double *sumD,
                       float *bins, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float prev = atomicAdd(sumF, xf[i]);   // return value unused in the check, but must compile
    (void)prev;
    atomicAdd(sumD, xd[i]);
    atomicAdd(&bins[i % 16], xf[i]);
  }
}

int main() {
  const int n = 65536;
  float *hf = (float *)malloc(n * 4); double *hd = (double *)malloc(n * 8);
  for (int i = 0; i < n; ++i) {
    hf[i] = (float)((i * 37) % 64 - 32) * 0.125f;
    hd[i] = sin((double)i) * 1000.0;   // arbitrary doubles: tolerance check
  }
  float *df, *dsf, *dbins; double *dd, *dsd;
  CHECK(cudaMalloc(&df, n * 4));
  CHECK(cudaMalloc(&dd, n * 8));
  CHECK(cudaMalloc(&dsf, 4));
  CHECK(cudaMalloc(&dsd, 8));
  CHECK(cudaMalloc(&dbins, 16 * 4));
  CHECK(cudaMemcpy(df, hf, n * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dd, hd, n * 8, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dsf, 0, 4));
  CHECK(cudaMemset(dsd, 0, 8));
  CHECK(cudaMemset(dbins, 0, 16 * 4));
  addAll<<<n / 256, 256>>>(df, dd, dsf, dsd, dbins, n);
  CHECK(cudaGetLastError());
  float sf, bins[16]; double sd;
  CHECK(cudaMemcpy(&sf, dsf, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&sd, dsd, 8, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(bins, dbins, sizeof(bins), cudaMemcpyDeviceToHost));
  float rf = 0, rb[16] = {0};
  double rd = 0, absd = 0;
  for (int i = 0; i < n; ++i) { rf += hf[i]; rb[i % 16] += hf[i]; rd += hd[i]; absd += fabs(hd[i]); }
  if (sf != rf) { printf("FAIL: float atomicAdd sum %f vs %f\n", sf, rf); return 1; }
  for (int b = 0; b < 16; ++b)
    if (bins[b] != rb[b]) { printf("FAIL: bin %d: %f vs %f\n", b, bins[b], rb[b]); return 1; }
  if (fabs(sd - rd) > 1e-12 * absd) { printf("FAIL: double atomicAdd sum %.17g vs %.17g\n", sd, rd); return 1; }
  CHECK(cudaFree(df)); CHECK(cudaFree(dd)); CHECK(cudaFree(dsf)); CHECK(cudaFree(dsd)); CHECK(cudaFree(dbins));
  free(hf); free(hd);
  printf("PASS\n");
  return 0;
}
