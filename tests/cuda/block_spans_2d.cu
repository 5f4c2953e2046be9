// Kernels of 2-D and 3-D blocks without barriers or shared memory run a
// span of blocks along x per call on the CPU, each row of threads for every
// block of the span (TX_KERNEL_RUNS_BLOCK_SPANS). The blocks must not be
// able to tell: every block runs exactly once with its own blockIdx, in
// grids whose rows the runtime splits between workers at any block, with
// blocks that return early, per-thread local arrays, a device function that
// is not inlined, and a 5-point stencil checked against the host.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

// Every thread of every block adds its identity to its own cell: a block
// run twice or with a wrong index shows as a wrong or doubled value.
__global__ void stampCells(unsigned *out) {
  unsigned bx = blockIdx.x, by = blockIdx.y, bz = blockIdx.z;
  unsigned t = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x +
               threadIdx.x;
  unsigned block = (bz * gridDim.y + by) * gridDim.x + bx;
  unsigned threads = blockDim.x * blockDim.y * blockDim.z;
  out[block * threads + t] += 1u + bx * 7u + by * 131u + bz * 1009u + t;
}

__device__ __noinline__ unsigned blockTag(unsigned scale) {
  return blockIdx.x * scale + blockIdx.y;
}

// Blocks with an odd x return at once; the others write a tag computed by
// an out-of-line function (which reads the block index the runtime keeps).
__global__ void oddBlocksReturn(unsigned *out, int width) {
  if (blockIdx.x % 2 == 1)
    return;
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  out[y * width + x] = blockTag(1000u) + threadIdx.x;
}

// A per-thread array indexed at run time stays private to each thread.
__global__ void localArrays(const int *in, int *out, int width, int height) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height)
    return;
  int window[5];
  for (int k = 0; k < 5; ++k)
    window[k] = in[y * width + (x + k) % width];
  int pick = in[y * width + x] & 3;
  out[y * width + x] = window[pick] + window[pick + 1];
}

__global__ void stencil(const float *in, float *out, int n) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < 1 || y < 1 || x >= n - 1 || y >= n - 1)
    return;
  out[y * n + x] = 0.25f * (in[(y - 1) * n + x] + in[(y + 1) * n + x] +
                            in[y * n + x - 1] + in[y * n + x + 1]);
}

static int checkStamps(dim3 grid, dim3 block) {
  size_t threads = size_t(block.x) * block.y * block.z;
  size_t cells = threads * grid.x * grid.y * grid.z;
  unsigned *d;
  CHECK(cudaMalloc(&d, cells * sizeof(unsigned)));
  CHECK(cudaMemset(d, 0, cells * sizeof(unsigned)));
  stampCells<<<grid, block>>>(d);
  CHECK(cudaGetLastError());
  std::vector<unsigned> h(cells);
  CHECK(cudaMemcpy(h.data(), d, cells * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  for (unsigned bz = 0; bz < grid.z; ++bz)
    for (unsigned by = 0; by < grid.y; ++by)
      for (unsigned bx = 0; bx < grid.x; ++bx)
        for (unsigned t = 0; t < threads; ++t) {
          size_t b = (size_t(bz) * grid.y + by) * grid.x + bx;
          unsigned want = 1u + bx * 7u + by * 131u + bz * 1009u + t;
          if (h[b * threads + t] != want) {
            printf("FAIL: grid %ux%ux%u block %ux%ux%u: block (%u,%u,%u) "
                   "thread %u has %u, expected %u\n",
                   grid.x, grid.y, grid.z, block.x, block.y, block.z, bx, by,
                   bz, t, h[b * threads + t], want);
            return 1;
          }
        }
  return 0;
}

static int checkOddBlocks() {
  const dim3 block(8, 4), grid(13, 6);
  const int width = block.x * grid.x, height = block.y * grid.y;
  unsigned *d;
  CHECK(cudaMalloc(&d, width * height * sizeof(unsigned)));
  CHECK(cudaMemset(d, 0xff, width * height * sizeof(unsigned)));
  oddBlocksReturn<<<grid, block>>>(d, width);
  CHECK(cudaGetLastError());
  std::vector<unsigned> h(width * height);
  CHECK(cudaMemcpy(h.data(), d, h.size() * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      unsigned bx = x / block.x, by = y / block.y;
      unsigned want = bx % 2 ? 0xffffffffu : bx * 1000u + by + x % block.x;
      if (h[y * width + x] != want) {
        printf("FAIL: odd blocks: (%d,%d) has %u, expected %u\n", x, y,
               h[y * width + x], want);
        return 1;
      }
    }
  return 0;
}

static int checkLocalArrays() {
  const int width = 100, height = 37;
  std::vector<int> in(width * height), got(width * height);
  for (int i = 0; i < width * height; ++i)
    in[i] = (i * 2654435761u) >> 20;
  int *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, in.size() * sizeof(int)));
  CHECK(cudaMalloc(&dOut, in.size() * sizeof(int)));
  CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  localArrays<<<dim3(7, 10), dim3(16, 4)>>>(dIn, dOut, width, height);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, got.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      int pick = in[y * width + x] & 3;
      int want = in[y * width + (x + pick) % width] +
                 in[y * width + (x + pick + 1) % width];
      if (got[y * width + x] != want) {
        printf("FAIL: local arrays: (%d,%d) has %d, expected %d\n", x, y,
               got[y * width + x], want);
        return 1;
      }
    }
  return 0;
}

static int checkStencil() {
  const int n = 150, iters = 20;
  std::vector<float> a(n * n), got(n * n);
  for (int i = 0; i < n * n; ++i)
    a[i] = float((i * 7) % 17) / 16.0f;
  float *d[2];
  for (float *&p : d) {
    CHECK(cudaMalloc(&p, a.size() * sizeof(float)));
    CHECK(cudaMemcpy(p, a.data(), a.size() * sizeof(float),
                     cudaMemcpyHostToDevice));
  }
  const dim3 block(32, 8), grid((n + 31) / 32, (n + 7) / 8);
  for (int it = 0; it < iters; ++it)
    stencil<<<grid, block>>>(d[it % 2], d[(it + 1) % 2], n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), d[iters % 2], got.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  for (float *p : d)
    CHECK(cudaFree(p));
  std::vector<float> b = a;
  for (int it = 0; it < iters; ++it) {
    for (int y = 1; y < n - 1; ++y)
      for (int x = 1; x < n - 1; ++x)
        b[y * n + x] = 0.25f * (a[(y - 1) * n + x] + a[(y + 1) * n + x] +
                                a[y * n + x - 1] + a[y * n + x + 1]);
    a.swap(b);
  }
  for (int i = 0; i < n * n; ++i)
    if (got[i] != a[i]) {
      printf("FAIL: stencil: cell %d is %g, expected %g\n", i, got[i], a[i]);
      return 1;
    }
  return 0;
}

int main() {
  // Rows of 1, 3, 64 and 1000 blocks; 2-D and 3-D blocks; 3-D grids.
  const dim3 cases[][2] = {
      {dim3(1, 5), dim3(4, 4)},         {dim3(3, 7), dim3(32, 8)},
      {dim3(64, 9), dim3(16, 2)},       {dim3(1000, 3), dim3(8, 8)},
      {dim3(5, 3, 4), dim3(4, 2, 3)},   {dim3(17, 2, 3), dim3(32, 1, 2)},
  };
  for (const auto &c : cases)
    if (checkStamps(c[0], c[1]))
      return 1;
  if (checkOddBlocks() || checkLocalArrays() || checkStencil())
    return 1;
  printf("PASS\n");
  return 0;
}
