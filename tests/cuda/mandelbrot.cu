// Mandelbrot set escape-time iteration counts (int output) on a 2-D grid.
// The loop trip count diverges wildly between neighbouring threads. Uses
// fixed-point arithmetic (64-bit integers, 2^-28 scale) so that device and
// host produce bit-identical iteration counts.
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

#define FRAC 28
typedef long long fx;

__host__ __device__ int escapeCount(fx cr, fx ci, int maxIter) {
  fx zr = 0, zi = 0;
  const fx four = (fx)4 << FRAC;
  int it = 0;
  while (it < maxIter) {
    fx zr2 = (zr * zr) >> FRAC, zi2 = (zi * zi) >> FRAC;
    if (zr2 + zi2 > four) break;
    fx nzi = ((zr * zi) >> (FRAC - 1)) + ci;   // 2*zr*zi + ci
    zr = zr2 - zi2 + cr;
    zi = nzi;
    ++it;
  }
  return it;
}

__global__ void mandel(int *out, int W, int H, fx x0, fx y0, fx step, int maxIter) {
  int px = blockIdx.x * blockDim.x + threadIdx.x;
  int py = blockIdx.y * blockDim.y + threadIdx.y;
  if (px < W && py < H) out[py * W + px] = escapeCount(x0 + px * step, y0 + py * step, maxIter);
}

int main() {
  const int W = 160, H = 120, maxIter = 200;
  const fx one = (fx)1 << FRAC;
  fx x0 = -2 * one - one / 4, y0 = -(one * 9) / 8, step = (one * 3) / W;
  int *d;
  CHECK(cudaMalloc(&d, W * H * 4));
  dim3 block(16, 16), grid((W + 15) / 16, (H + 15) / 16);
  mandel<<<grid, block>>>(d, W, H, x0, y0, step, maxIter);
  CHECK(cudaGetLastError());
  int *h = (int *)malloc(W * H * 4);
  CHECK(cudaMemcpy(h, d, W * H * 4, cudaMemcpyDeviceToHost));
  long long inside = 0;
  for (int py = 0; py < H; ++py)
    for (int px = 0; px < W; ++px) {
      int ref = escapeCount(x0 + px * step, y0 + py * step, maxIter);
      if (h[py * W + px] != ref) { printf("FAIL: pixel (%d,%d) = %d expected %d\n", px, py, h[py * W + px], ref); return 1; }
      inside += ref == maxIter;
    }
  if (inside == 0 || inside == W * H) { printf("FAIL: degenerate image (%lld inside)\n", inside); return 1; }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
