// FFT-based filtering with cuFFT: a batch of real signals is convolved
// (circularly) with a filter by R2C, a kernel multiplying the spectra and
// scaling by 1/n (cuFFT's inverse is unnormalised), then C2R. A second
// pass does a complex (C2C) circular convolution of odd, non-power-of-two
// length with Bluestein-sized prime factors. Both are checked against a
// direct O(n^2) convolution on the host.
// txcc-flags: -lcufft
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>
#include <cufft.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_FFT(call)                                                        \
  do {                                                                         \
    cufftResult r_ = (call);                                                   \
    if (r_ != CUFFT_SUCCESS) {                                                 \
      printf("FAIL: %s:%d: %s returned %d\n", __FILE__, __LINE__, #call,       \
             (int)r_);                                                         \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Multiplies each signal's spectrum by the filter's, scaled by 1/n.
__global__ void multiplySpectra(cufftComplex *signals,
                                const cufftComplex *filter, int bins, int batch,
                                float scale) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= bins * batch)
    return;
  cufftComplex a = signals[i], b = filter[i % bins];
  signals[i] = make_cuComplex((a.x * b.x - a.y * b.y) * scale,
                              (a.x * b.y + a.y * b.x) * scale);
}

__global__ void multiplyComplex(cufftComplex *a, const cufftComplex *b, int n,
                                float scale) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    a[i] = cuCmulf(a[i], make_cuComplex(b[i].x * scale, b[i].y * scale));
}

static float frand(unsigned *s) {
  *s = *s * 1664525u + 1013904223u;
  return (float)(*s >> 8) / 16777216.0f - 0.5f;
}

static int realConvolution() {
  const int n = 1000, batch = 6, bins = n / 2 + 1; // 1000 = 2^3 * 5^3
  unsigned s = 7;
  std::vector<float> signal(n * batch), filter(n, 0.0f), out(n * batch);
  for (float &x : signal)
    x = frand(&s);
  for (int i = 0; i < 31; ++i)
    filter[i] = frand(&s); // a short FIR filter

  float *dSignal, *dFilter;
  cufftComplex *dSpec, *dFilterSpec;
  CHECK(cudaMalloc(&dSignal, sizeof(float) * n * batch));
  CHECK(cudaMalloc(&dFilter, sizeof(float) * n));
  CHECK(cudaMalloc(&dSpec, sizeof(cufftComplex) * bins * batch));
  CHECK(cudaMalloc(&dFilterSpec, sizeof(cufftComplex) * bins));
  CHECK(cudaMemcpy(dSignal, signal.data(), sizeof(float) * n * batch,
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dFilter, filter.data(), sizeof(float) * n,
                   cudaMemcpyHostToDevice));

  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));
  cufftHandle forward, forwardOne, inverse;
  CHECK_FFT(cufftPlan1d(&forward, n, CUFFT_R2C, batch));
  CHECK_FFT(cufftPlan1d(&forwardOne, n, CUFFT_R2C, 1));
  CHECK_FFT(cufftPlan1d(&inverse, n, CUFFT_C2R, batch));
  CHECK_FFT(cufftSetStream(forward, stream));
  CHECK_FFT(cufftSetStream(forwardOne, stream));
  CHECK_FFT(cufftSetStream(inverse, stream));
  CHECK_FFT(cufftExecR2C(forward, dSignal, dSpec));
  CHECK_FFT(cufftExecR2C(forwardOne, dFilter, dFilterSpec));
  int threads = 128, blocks = (bins * batch + threads - 1) / threads;
  multiplySpectra<<<blocks, threads, 0, stream>>>(dSpec, dFilterSpec, bins,
                                                  batch, 1.0f / n);
  CHECK(cudaGetLastError());
  CHECK_FFT(cufftExecC2R(inverse, dSpec, dSignal));
  CHECK(cudaMemcpyAsync(out.data(), dSignal, sizeof(float) * n * batch,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));

  double maxErr = 0;
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < n; ++i) {
      double ref = 0;
      for (int k = 0; k < 31; ++k)
        ref += (double)filter[k] * signal[b * n + (i - k + n) % n];
      maxErr = fmax(maxErr, fabs(ref - out[b * n + i]));
    }
  printf("real convolution n=%d batch=%d: max error %.3g\n", n, batch, maxErr);
  cufftDestroy(forward);
  cufftDestroy(forwardOne);
  cufftDestroy(inverse);
  cudaFree(dSignal);
  cudaFree(dFilter);
  cudaFree(dSpec);
  cudaFree(dFilterSpec);
  cudaStreamDestroy(stream);
  return maxErr < 1e-4 ? 0 : 1;
}

static int complexConvolution() {
  const int n = 2 * 3 * 101; // 101: a prime that needs Bluestein
  unsigned s = 99;
  std::vector<cufftComplex> a(n), b(n), out(n);
  for (int i = 0; i < n; ++i) {
    a[i] = make_cuComplex(frand(&s), frand(&s));
    b[i] = make_cuComplex(frand(&s), frand(&s));
  }
  cufftComplex *dA, *dB;
  CHECK(cudaMalloc(&dA, sizeof(cufftComplex) * n));
  CHECK(cudaMalloc(&dB, sizeof(cufftComplex) * n));
  CHECK(cudaMemcpy(dA, a.data(), sizeof(cufftComplex) * n,
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dB, b.data(), sizeof(cufftComplex) * n,
                   cudaMemcpyHostToDevice));
  cufftHandle plan;
  CHECK_FFT(cufftPlan1d(&plan, n, CUFFT_C2C, 1));
  CHECK_FFT(cufftExecC2C(plan, dA, dA, CUFFT_FORWARD));
  CHECK_FFT(cufftExecC2C(plan, dB, dB, CUFFT_FORWARD));
  multiplyComplex<<<(n + 127) / 128, 128>>>(dA, dB, n, 1.0f / n);
  CHECK(cudaGetLastError());
  CHECK_FFT(cufftExecC2C(plan, dA, dA, CUFFT_INVERSE));
  CHECK(cudaMemcpy(out.data(), dA, sizeof(cufftComplex) * n,
                   cudaMemcpyDeviceToHost));
  double maxErr = 0;
  for (int i = 0; i < n; ++i) {
    double re = 0, im = 0;
    for (int k = 0; k < n; ++k) {
      cufftComplex x = a[k], y = b[(i - k + n) % n];
      re += (double)x.x * y.x - (double)x.y * y.y;
      im += (double)x.x * y.y + (double)x.y * y.x;
    }
    maxErr = fmax(maxErr, hypot(re - out[i].x, im - out[i].y));
  }
  printf("complex convolution n=%d: max error %.3g\n", n, maxErr);
  cufftDestroy(plan);
  cudaFree(dA);
  cudaFree(dB);
  return maxErr < 1e-4 ? 0 : 1;
}

int main() {
  if (realConvolution() || complexConvolution()) {
    printf("FAIL\n");
    return 1;
  }
  printf("PASS\n");
  return 0;
}
