// cudaMallocPitch + cudaMemcpy2D (host->device, device->device sub-rectangle,
// device->host) with a kernel that indexes rows through the pitch.
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

__global__ void addRowCol(float *img, size_t pitch, int width, int height) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < width && y < height) {
    float *row = (float *)((char *)img + y * pitch);
    row[x] += 1000.0f * y + x;
  }
}

int main() {
  const int W = 123, H = 45;
  float *h = (float *)malloc(W * H * sizeof(float));
  for (int i = 0; i < W * H; ++i) h[i] = (float)(i % 7);
  float *d; size_t pitch = 0;
  CHECK(cudaMallocPitch((void **)&d, &pitch, W * sizeof(float), H));
  if (pitch < W * sizeof(float)) { printf("FAIL: pitch %zu smaller than row\n", pitch); return 1; }
  CHECK(cudaMemcpy2D(d, pitch, h, W * sizeof(float), W * sizeof(float), H, cudaMemcpyHostToDevice));
  dim3 block(32, 8), grid((W + 31) / 32, (H + 7) / 8);
  addRowCol<<<grid, block>>>(d, pitch, W, H);
  CHECK(cudaGetLastError());
  float *r = (float *)malloc(W * H * sizeof(float));
  CHECK(cudaMemcpy2D(r, W * sizeof(float), d, pitch, W * sizeof(float), H, cudaMemcpyDeviceToHost));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      float ref = h[y * W + x] + 1000.0f * y + x;
      if (r[y * W + x] != ref) { printf("FAIL: (%d,%d) = %f expected %f\n", x, y, r[y * W + x], ref); return 1; }
    }
  // copy a 10x20 sub-rectangle starting at (5, 7) into a second pitched buffer
  const int SW = 10, SH = 20, X0 = 5, Y0 = 7;
  float *d2; size_t pitch2;
  CHECK(cudaMallocPitch((void **)&d2, &pitch2, SW * sizeof(float), SH));
  CHECK(cudaMemcpy2D(d2, pitch2, (char *)d + Y0 * pitch + X0 * sizeof(float), pitch,
                     SW * sizeof(float), SH, cudaMemcpyDeviceToDevice));
  float sub[SH][SW];
  CHECK(cudaMemcpy2D(sub, SW * sizeof(float), d2, pitch2, SW * sizeof(float), SH, cudaMemcpyDeviceToHost));
  for (int y = 0; y < SH; ++y)
    for (int x = 0; x < SW; ++x)
      if (sub[y][x] != r[(Y0 + y) * W + X0 + x]) { printf("FAIL: sub-rectangle (%d,%d)\n", x, y); return 1; }
  // cudaMemset2D clears a band of rows
  CHECK(cudaMemset2D(d, pitch, 0, W * sizeof(float), 3));
  CHECK(cudaMemcpy2D(r, W * sizeof(float), d, pitch, W * sizeof(float), H, cudaMemcpyDeviceToHost));
  for (int x = 0; x < W * 3; ++x) if (r[x] != 0.0f) { printf("FAIL: cudaMemset2D at %d\n", x); return 1; }
  if (r[3 * W] != h[3 * W] + 3000.0f) { printf("FAIL: cudaMemset2D went past its rows\n"); return 1; }
  CHECK(cudaFree(d)); CHECK(cudaFree(d2));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
