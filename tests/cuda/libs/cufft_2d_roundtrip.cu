// A 2-D real image through cuFFT: D2Z forward, a kernel that checks the
// DC bin against the image's sum and scales by 1/(nx*ny), Z2D back,
// compared with the original. Then the same in single precision in place,
// with the FFTW-padded layout (rows of 2*(ny/2+1) reals), and a forward
// spectrum bin checked against a direct 2-D DFT sum on the host.
// txcc-flags: -lcufft
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
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

__global__ void scaleSpectrum(cufftDoubleComplex *spec, int count,
                              double scale) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < count) {
    spec[i].x *= scale;
    spec[i].y *= scale;
  }
}

__global__ void scaleReal(float *data, int nx, int ny, int pitch, float scale) {
  int x = blockIdx.y, y = blockIdx.x * blockDim.x + threadIdx.x;
  if (y < ny)
    data[x * pitch + y] *= scale;
}

static int doubleRoundTrip() {
  const int nx = 45, ny = 64, bins = ny / 2 + 1;
  std::vector<double> image(nx * ny), back(nx * ny);
  for (int i = 0; i < nx * ny; ++i)
    image[i] = sin(0.37 * i) + 0.01 * (i % 13);
  double *dImage;
  cufftDoubleComplex *dSpec;
  CHECK(cudaMalloc(&dImage, sizeof(double) * nx * ny));
  CHECK(cudaMalloc(&dSpec, sizeof(cufftDoubleComplex) * nx * bins));
  CHECK(cudaMemcpy(dImage, image.data(), sizeof(double) * nx * ny,
                   cudaMemcpyHostToDevice));
  cufftHandle fwd, inv;
  CHECK_FFT(cufftPlan2d(&fwd, nx, ny, CUFFT_D2Z));
  CHECK_FFT(cufftPlan2d(&inv, nx, ny, CUFFT_Z2D));
  CHECK_FFT(cufftExecD2Z(fwd, dImage, dSpec));
  cufftDoubleComplex dc;
  CHECK(cudaMemcpy(&dc, dSpec, sizeof(dc), cudaMemcpyDeviceToHost));
  double sum = 0;
  for (double v : image)
    sum += v;
  scaleSpectrum<<<(nx * bins + 127) / 128, 128>>>(dSpec, nx * bins,
                                                  1.0 / (nx * ny));
  CHECK(cudaGetLastError());
  CHECK(cudaMemset(dImage, 0, sizeof(double) * nx * ny));
  CHECK_FFT(cufftExecZ2D(inv, dSpec, dImage));
  CHECK(cudaMemcpy(back.data(), dImage, sizeof(double) * nx * ny,
                   cudaMemcpyDeviceToHost));
  double maxErr = 0;
  for (int i = 0; i < nx * ny; ++i)
    maxErr = fmax(maxErr, fabs(back[i] - image[i]));
  printf("double %dx%d: DC %.6f (sum %.6f), round-trip error %.3g\n", nx, ny,
         dc.x, sum, maxErr);
  cufftDestroy(fwd);
  cufftDestroy(inv);
  cudaFree(dImage);
  cudaFree(dSpec);
  return (maxErr < 1e-12 && fabs(dc.x - sum) < 1e-9 && fabs(dc.y) < 1e-9) ? 0
                                                                          : 1;
}

static int floatInPlace() {
  const int nx = 30, ny = 21, pitch = 2 * (ny / 2 + 1); // odd ny
  std::vector<float> padded(nx * pitch, 0.0f), back(nx * pitch);
  for (int x = 0; x < nx; ++x)
    for (int y = 0; y < ny; ++y)
      padded[x * pitch + y] = cosf(0.1f * x * y) + 0.5f * y;
  float *d;
  CHECK(cudaMalloc(&d, sizeof(float) * nx * pitch));
  CHECK(cudaMemcpy(d, padded.data(), sizeof(float) * nx * pitch,
                   cudaMemcpyHostToDevice));
  cufftHandle fwd, inv;
  CHECK_FFT(cufftPlan2d(&fwd, nx, ny, CUFFT_R2C));
  CHECK_FFT(cufftPlan2d(&inv, nx, ny, CUFFT_C2R));
  CHECK_FFT(cufftExecR2C(fwd, d, (cufftComplex *)d));
  // Check bin (kx=3, ky=4) against a direct sum.
  std::vector<cufftComplex> spec(nx * (ny / 2 + 1));
  CHECK(cudaMemcpy(spec.data(), d, sizeof(cufftComplex) * spec.size(),
                   cudaMemcpyDeviceToHost));
  double re = 0, im = 0;
  for (int x = 0; x < nx; ++x)
    for (int y = 0; y < ny; ++y) {
      double a = -2 * M_PI * (3.0 * x / nx + 4.0 * y / ny);
      re += padded[x * pitch + y] * cos(a);
      im += padded[x * pitch + y] * sin(a);
    }
  cufftComplex bin = spec[3 * (ny / 2 + 1) + 4];
  double binErr = hypot(bin.x - re, bin.y - im);
  CHECK_FFT(cufftExecC2R(inv, (cufftComplex *)d, d));
  scaleReal<<<dim3(1, nx), 32>>>(d, nx, ny, pitch, 1.0f / (nx * ny));
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(back.data(), d, sizeof(float) * nx * pitch,
                   cudaMemcpyDeviceToHost));
  double maxErr = 0;
  for (int x = 0; x < nx; ++x)
    for (int y = 0; y < ny; ++y)
      maxErr = fmax(maxErr, fabs(back[x * pitch + y] - padded[x * pitch + y]));
  printf("float in-place %dx%d: bin error %.3g, round-trip error %.3g\n", nx,
         ny, binErr, maxErr);
  cufftDestroy(fwd);
  cufftDestroy(inv);
  cudaFree(d);
  return (maxErr < 1e-4 && binErr < 1e-3) ? 0 : 1;
}

int main() {
  if (doubleRoundTrip() || floatInPlace()) {
    printf("FAIL\n");
    return 1;
  }
  printf("PASS\n");
  return 0;
}
