// __constant__ memory: FIR filter coefficients uploaded with cudaMemcpyToSymbol
// (whole and at an offset), read by a kernel, and read back with
// cudaMemcpyFromSymbol (whole and at an offset).
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

#define NCOEF 16
__constant__ float c_coef[NCOEF];
__constant__ int c_params[4];          // {offset, stride, unused, unused}
__constant__ int c_init[3] = {7, 8, 9};  // statically initialised

__global__ void fir(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float acc = 0.0f;
    for (int k = 0; k < NCOEF; ++k) {
      int j = i + k * c_params[1] - c_params[0];
      if (j >= 0 && j < n) acc += c_coef[k] * in[j];
    }
    out[i] = acc + (float)(c_init[0] + c_init[1] + c_init[2]);
  }
}

int main() {
  const int n = 5000;
  float hcoef[NCOEF];
  for (int k = 0; k < NCOEF; ++k) hcoef[k] = 0.125f * (k - 8);
  int hparams[2] = {3, 2};  // offset, stride
  CHECK(cudaMemcpyToSymbol(c_coef, hcoef, sizeof(hcoef)));
  CHECK(cudaMemcpyToSymbol(c_params, hparams, sizeof(hparams)));
  // overwrite the last 4 coefficients using an offset
  float tail[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  CHECK(cudaMemcpyToSymbol(c_coef, tail, sizeof(tail), (NCOEF - 4) * sizeof(float)));
  for (int k = 0; k < 4; ++k) hcoef[NCOEF - 4 + k] = tail[k];

  // read back: whole array, and a slice at an offset
  float back[NCOEF], slice[3];
  CHECK(cudaMemcpyFromSymbol(back, c_coef, sizeof(back)));
  CHECK(cudaMemcpyFromSymbol(slice, c_coef, sizeof(slice), 5 * sizeof(float)));
  for (int k = 0; k < NCOEF; ++k)
    if (back[k] != hcoef[k]) { printf("FAIL: coef readback %d: %f vs %f\n", k, back[k], hcoef[k]); return 1; }
  for (int k = 0; k < 3; ++k)
    if (slice[k] != hcoef[5 + k]) { printf("FAIL: offset readback %d\n", k); return 1; }
  int init[3];
  CHECK(cudaMemcpyFromSymbol(init, c_init, sizeof(init)));
  if (init[0] != 7 || init[1] != 8 || init[2] != 9) { printf("FAIL: static initialiser of c_init\n"); return 1; }

  float *h = (float *)malloc(n * 4), *r = (float *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = (float)(i % 32);
  float *di, *dout;
  CHECK(cudaMalloc(&di, n * 4));
  CHECK(cudaMalloc(&dout, n * 4));
  CHECK(cudaMemcpy(di, h, n * 4, cudaMemcpyHostToDevice));
  fir<<<(n + 255) / 256, 256>>>(di, dout, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    float acc = 0.0f;
    for (int k = 0; k < NCOEF; ++k) {
      int j = i + k * hparams[1] - hparams[0];
      if (j >= 0 && j < n) acc += hcoef[k] * h[j];
    }
    acc += 24.0f;
    if (r[i] != acc) { printf("FAIL: out[%d] = %f expected %f\n", i, r[i], acc); return 1; }  // exact: small dyadic values
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
