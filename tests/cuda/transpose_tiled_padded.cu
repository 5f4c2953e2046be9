// Tiled matrix transpose through a 2-D shared tile padded by one column to
// avoid bank conflicts (TILE x TILE+1), 32x8 threads each moving 4 elements.
// Non-multiple matrix dimensions exercise the edge guards.
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

#define TILE 32
#define ROWS 8

__global__ void transpose(float *out, const float *in, int width, int height) {
  __shared__ float tile[TILE][TILE + 1];
  int x = blockIdx.x * TILE + threadIdx.x;
  int y = blockIdx.y * TILE + threadIdx.y;
  for (int j = 0; j < TILE; j += ROWS)
    if (x < width && y + j < height) tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * width + x];
  __syncthreads();
  x = blockIdx.y * TILE + threadIdx.x;  // swapped block coordinates
  y = blockIdx.x * TILE + threadIdx.y;
  for (int j = 0; j < TILE; j += ROWS)
    if (x < height && y + j < width) out[(y + j) * height + x] = tile[threadIdx.x][threadIdx.y + j];
}

int main() {
  const int W = 333, H = 170;
  float *h = (float *)malloc(W * H * sizeof(float)), *r = (float *)malloc(W * H * sizeof(float));
  for (int i = 0; i < W * H; ++i) h[i] = (float)i * 0.25f;
  float *di, *dout;
  CHECK(cudaMalloc(&di, W * H * sizeof(float)));
  CHECK(cudaMalloc(&dout, W * H * sizeof(float)));
  CHECK(cudaMemcpy(di, h, W * H * sizeof(float), cudaMemcpyHostToDevice));
  dim3 block(TILE, ROWS), grid((W + TILE - 1) / TILE, (H + TILE - 1) / TILE);
  transpose<<<grid, block>>>(dout, di, W, H);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, W * H * sizeof(float), cudaMemcpyDeviceToHost));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (r[x * H + y] != h[y * W + x]) {
        printf("FAIL: out[%d][%d] = %f expected %f\n", x, y, r[x * H + y], h[y * W + x]);
        return 1;
      }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
