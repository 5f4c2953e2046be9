// 2-D grid of 2-D blocks: every thread writes an encoding of its coordinates
// and the grid/block dimensions; the host checks every cell of a non-multiple
// image size (some threads fall outside the image and must not write).
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

__global__ void fill2d(int *out, int width, int height) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < width && y < height) {
    // pack: local thread id within block, block linear id, and dims check
    int tid = threadIdx.y * blockDim.x + threadIdx.x;
    int bid = blockIdx.y * gridDim.x + blockIdx.x;
    out[y * width + x] = bid * 1000 + tid + (blockDim.x == 16 && blockDim.y == 8 ? 0 : 500);
  }
}

int main() {
  const int W = 203, H = 77;
  dim3 block(16, 8);
  dim3 grid((W + block.x - 1) / block.x, (H + block.y - 1) / block.y);
  int *d;
  CHECK(cudaMalloc(&d, W * H * sizeof(int)));
  CHECK(cudaMemset(d, 0xff, W * H * sizeof(int)));
  fill2d<<<grid, block>>>(d, W, H);
  CHECK(cudaGetLastError());
  int *h = (int *)malloc(W * H * sizeof(int));
  CHECK(cudaMemcpy(h, d, W * H * sizeof(int), cudaMemcpyDeviceToHost));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      int bx = x / 16, by = y / 8, tx = x % 16, ty = y % 8;
      int ref = (by * (int)grid.x + bx) * 1000 + ty * 16 + tx;
      if (h[y * W + x] != ref) {
        printf("FAIL: out[%d][%d] = %d, expected %d\n", y, x, h[y * W + x], ref);
        return 1;
      }
    }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
