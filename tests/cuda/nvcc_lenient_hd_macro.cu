// The qualifier macro that only adds __host__ __device__ when compiling
// device code, seen in many older projects:
//   #ifdef __CUDA_ARCH__ / #define HD __host__ __device__ / #else / #define HD
// so in nvcc's host pass the helpers are plain host functions that kernels
// still call. nvcc accepts this (each pass sees a consistent program);
// clang, which checks kernel bodies in the host pass too, needs txcc's
// leniency. The helpers run in a kernel and in the host reference.
#include <cstdio>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

#ifdef __CUDA_ARCH__
#define HD __host__ __device__
#else
#define HD
#endif

struct Complex { double re, im; };
HD inline Complex cmul(Complex a, Complex b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
HD inline Complex cadd(Complex a, Complex b) { return {a.re + b.re, a.im + b.im}; }
HD inline double cnorm2(Complex a) { return a.re * a.re + a.im * a.im; }
HD int juliaIterations(Complex z, Complex c, int maxIter) {
  int it = 0;
  while (it < maxIter && cnorm2(z) <= 4.0) { z = cadd(cmul(z, z), c); ++it; }
  return it;
}

__global__ void julia(int *out, int w, int h, Complex c, int maxIter) {
  int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  // Pixel centres on a grid of multiples of 1/64: exact in double.
  Complex z = {-1.5 + x / 64.0, -1.0 + y / 64.0};
  out[y * w + x] = juliaIterations(z, c, maxIter);
}

int main() {
  const int w = 192, h = 128, maxIter = 64;
  const Complex c = {-0.75, 0.125};
  int *d, *r = new int[w * h];
  CUDA_CHECK(cudaMalloc(&d, w * h * sizeof(int)));
  dim3 block(16, 16), grid((w + 15) / 16, (h + 15) / 16);
  julia<<<grid, block>>>(d, w, h, c, maxIter);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(r, d, w * h * sizeof(int), cudaMemcpyDeviceToHost));
  int mismatches = 0, escaped = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Complex z = {-1.5 + x / 64.0, -1.0 + y / 64.0};
      int ref = juliaIterations(z, c, maxIter);  // the same HD code on the host
      // Long orbits can differ by rounding (fma contraction): allow a few
      // pixels off by some iterations, none wildly off.
      int diff = r[y * w + x] - ref;
      if (diff != 0) ++mismatches;
      if (diff > 8 || diff < -8) { printf("FAIL: pixel (%d,%d) = %d expected %d\n", x, y, r[y * w + x], ref); return 1; }
      escaped += ref < maxIter;
    }
  if (mismatches > w * h / 100 || escaped == 0 || escaped == w * h) {
    printf("FAIL: %d mismatches, %d escaped\n", mismatches, escaped);
    return 1;
  }
  CUDA_CHECK(cudaFree(d));
  delete[] r;
  printf("PASS\n");
  return 0;
}
