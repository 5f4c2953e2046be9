// Fast-math intrinsics (__expf, __logf, __sinf, __cosf, __powf, __fdividef,
// __saturatef) with loose tolerances, plus the exactly-rounded intrinsics
// (__fadd_rn, __fmul_rn, __fdiv_rn, __fsqrt_rn, __fmaf_rn, __dadd_rn) that
// must match IEEE results bit for bit.
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

// (device expression, host reference, relative tol, absolute tol); tol 0 = exact.
// Inputs: a in [-3,3], p in [0.1,8], s in [-pi,pi], w in [-2,2].
#define FAST_LIST(X)                                          \
  X(__expf(a), exp((double)a), 2e-5, 1e-6)                    \
  X(__logf(p), log((double)p), 2e-5, 2e-6)                    \
  X(__sinf(s), sin((double)s), 0, 1e-5)                       \
  X(__cosf(s), cos((double)s), 0, 1e-5)                       \
  X(__powf(p, a), pow((double)p, (double)a), 1e-4, 1e-6)      \
  X(__fdividef(a, p), (double)a / p, 1e-6, 1e-7)              \
  X(__saturatef(w), w < 0.0f ? 0.0f : (w > 1.0f ? 1.0f : w), 0, 0) \
  X(__fadd_rn(a, p), a + p, 0, 0)                             \
  X(__fmul_rn(a, p), a * p, 0, 0)                             \
  X(__fdiv_rn(a, p), a / p, 0, 0)                             \
  X(__fsqrt_rn(p), sqrtf(p), 0, 0)                            \
  X(__fmaf_rn(a, p, w), fmaf(a, p, w), 0, 0)                  \
  X((float)__dadd_rn((double)a, (double)p), (float)((double)a + (double)p), 0, 0)

#define COUNT(d, h, r, t) +1
static const int NF = 0 FAST_LIST(COUNT);

__global__ void fastKernel(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = in[4 * i], p = in[4 * i + 1], s = in[4 * i + 2], w = in[4 * i + 3];
  int k = 0;
#define DEV(d, h, r, t) out[(k++) * n + i] = (d);
  FAST_LIST(DEV)
#undef DEV
}

int main() {
  const int n = 4096;
  float *hin = (float *)malloc(4 * n * sizeof(float));
  unsigned st = 4242u;
  auto uni = [&]() { st = st * 1664525u + 1013904223u; return (float)(st >> 8) / 16777216.0f; };
  for (int i = 0; i < n; ++i) {
    hin[4 * i] = -3.0f + 6.0f * uni();
    hin[4 * i + 1] = 0.1f + 7.9f * uni();
    hin[4 * i + 2] = -3.14159f + 6.28318f * uni();
    hin[4 * i + 3] = -2.0f + 4.0f * uni();
  }
  float *din, *dout;
  CHECK(cudaMalloc(&din, 4 * n * sizeof(float)));
  CHECK(cudaMalloc(&dout, (size_t)NF * n * sizeof(float)));
  CHECK(cudaMemcpy(din, hin, 4 * n * sizeof(float), cudaMemcpyHostToDevice));
  fastKernel<<<(n + 255) / 256, 256>>>(din, dout, n);
  CHECK(cudaGetLastError());
  float *hout = (float *)malloc((size_t)NF * n * sizeof(float));
  CHECK(cudaMemcpy(hout, dout, (size_t)NF * n * sizeof(float), cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    float a = hin[4 * i], p = hin[4 * i + 1], s = hin[4 * i + 2], w = hin[4 * i + 3];
    int k = 0;
#define HOST(d, h, r, t)                                                                  \
    {                                                                                     \
      double ref = (double)(h);                                                           \
      float got = hout[k * n + i];                                                        \
      bool ok = ((r) == 0 && (t) == 0) ? got == (float)ref                                \
                                       : fabs((double)got - ref) <= (r) * fabs(ref) + (t); \
      if (!ok && failures++ < 10)                                                         \
        printf("FAIL: %s at a=%.9g p=%.9g s=%.9g w=%.9g: got %.9g expected %.9g\n", #d, a, p, s, w, got, ref); \
      ++k;                                                                                \
    }
    FAST_LIST(HOST)
#undef HOST
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  free(hin); free(hout);
  if (failures) { printf("FAIL: %d mismatches\n", failures); return 1; }
  printf("PASS\n");
  return 0;
}
