// Reduction with 2-D blocks (32 x 8): the linear thread id inside the block is
// threadIdx.y * blockDim.x + threadIdx.x; each 2-D block sums a 2-D tile of a
// matrix; column sums are also computed by reducing over threadIdx.y only.
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

#define BX 32
#define BY 8

__global__ void tileSums(const int *m, int W, int H, long long *tileSum, long long *colSum) {
  __shared__ long long s[BY][BX];
  int x = blockIdx.x * BX + threadIdx.x, y = blockIdx.y * BY + threadIdx.y;
  s[threadIdx.y][threadIdx.x] = (x < W && y < H) ? m[y * W + x] : 0;
  __syncthreads();
  // column-wise reduction over y within the tile
  for (int st = BY / 2; st > 0; st >>= 1) {
    if (threadIdx.y < st) s[threadIdx.y][threadIdx.x] += s[threadIdx.y + st][threadIdx.x];
    __syncthreads();
  }
  if (threadIdx.y == 0 && x < W) atomicAdd((unsigned long long *)&colSum[x], (unsigned long long)s[0][threadIdx.x]);
  // then reduce row 0 across x using the flat id
  int tid = threadIdx.y * BX + threadIdx.x;
  for (int st = BX / 2; st > 0; st >>= 1) {
    if (tid < st) s[0][tid] += s[0][tid + st];
    __syncthreads();
  }
  if (tid == 0) tileSum[blockIdx.y * gridDim.x + blockIdx.x] = s[0][0];
}

int main() {
  const int W = 500, H = 300;
  int *h = (int *)malloc(W * H * 4);
  for (int i = 0; i < W * H; ++i) h[i] = (int)((i * 2654435761u) % 2001) - 1000;
  dim3 block(BX, BY), grid((W + BX - 1) / BX, (H + BY - 1) / BY);
  int tiles = grid.x * grid.y;
  int *dm; long long *dt, *dc;
  CHECK(cudaMalloc(&dm, W * H * 4));
  CHECK(cudaMalloc(&dt, tiles * 8));
  CHECK(cudaMalloc(&dc, W * 8));
  CHECK(cudaMemcpy(dm, h, W * H * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dc, 0, W * 8));
  tileSums<<<grid, block>>>(dm, W, H, dt, dc);
  CHECK(cudaGetLastError());
  long long *ht = (long long *)malloc(tiles * 8), *hc = (long long *)malloc(W * 8);
  CHECK(cudaMemcpy(ht, dt, tiles * 8, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hc, dc, W * 8, cudaMemcpyDeviceToHost));
  for (int by = 0; by < (int)grid.y; ++by)
    for (int bx = 0; bx < (int)grid.x; ++bx) {
      long long ref = 0;
      for (int y = by * BY; y < by * BY + BY && y < H; ++y)
        for (int x = bx * BX; x < bx * BX + BX && x < W; ++x) ref += h[y * W + x];
      if (ht[by * grid.x + bx] != ref) { printf("FAIL: tile (%d,%d) = %lld expected %lld\n", bx, by, ht[by * grid.x + bx], ref); return 1; }
    }
  for (int x = 0; x < W; ++x) {
    long long ref = 0;
    for (int y = 0; y < H; ++y) ref += h[y * W + x];
    if (hc[x] != ref) { printf("FAIL: column %d = %lld expected %lld\n", x, hc[x], ref); return 1; }
  }
  CHECK(cudaFree(dm)); CHECK(cudaFree(dt)); CHECK(cudaFree(dc));
  free(h); free(ht); free(hc);
  printf("PASS\n");
  return 0;
}
