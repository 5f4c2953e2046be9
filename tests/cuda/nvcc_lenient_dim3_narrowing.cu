// Launch shapes written with braces from int sizes, the way a lot of CUDA
// code does it: `dim3 grid = {(n + 255) / 256, 1}` narrows int to unsigned,
// which ISO C++ forbids in list-initialisation. nvcc accepts it (its host
// compiler warns), and so must txcc; the same with uint2/float2 vectors
// built from int/double expressions.
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

__global__ void fill2d(int *out, int width, int height, uint2 origin, float2 scale) {
  int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) return;
  out[y * width + x] = (int)((x + origin.x) * scale.x) + (int)((y + origin.y) * scale.y) * 1000;
}

__global__ void scale1d(int *out, int n, int k) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] *= k;
}

int main() {
  int width = 300, height = 70, threads = 128;
  int ox = 5, oy = 9;
  double sx = 2.0, sy = 0.5;
  int *d;
  CUDA_CHECK(cudaMalloc(&d, width * height * sizeof(int)));
  dim3 block = {16, 8};                                    // constants: fine anywhere
  dim3 grid = {(width + 15) / 16, (height + 7) / 8, 1};    // int -> unsigned int
  uint2 origin = {ox, oy};                                 // int -> unsigned int
  float2 scale = {sx, sy};                                 // double -> float
  fill2d<<<grid, block>>>(d, width, height, origin, scale);
  CUDA_CHECK(cudaGetLastError());
  int n = width * height;
  dim3 grid1 = {(n + threads - 1) / threads};
  dim3 block1{threads};                                    // direct-list-init, same narrowing
  scale1d<<<grid1, block1>>>(d, n, 3);
  CUDA_CHECK(cudaGetLastError());
  int *h = new int[n];
  CUDA_CHECK(cudaMemcpy(h, d, n * sizeof(int), cudaMemcpyDeviceToHost));
  if (grid.x != 19u || grid.y != 9u || grid.z != 1u || grid1.x != 165u || block1.y != 1u) {
    printf("FAIL: dim3 fields %u %u %u %u %u\n", grid.x, grid.y, grid.z, grid1.x, block1.y);
    return 1;
  }
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      int ref = 3 * ((int)((x + ox) * 2.0f) + (int)((y + oy) * 0.5f) * 1000);
      if (h[y * width + x] != ref) {
        printf("FAIL: (%d,%d) = %d expected %d\n", x, y, h[y * width + x], ref);
        return 1;
      }
    }
  CUDA_CHECK(cudaFree(d));
  delete[] h;
  printf("PASS\n");
  return 0;
}
