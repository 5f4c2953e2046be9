// Kernels whose launches in this file use a constant block width get a
// second block function built for that width, which the general one calls
// for blocks of that width (LaunchWidths.h). Each kernel here is launched
// with its constant width and with widths known only at run time (wider,
// narrower, not a multiple of 32), so that both versions run: a tiled
// matrix product over 16x16 tiles (2-D blocks, barriers), a block tree
// reduction (a barrier per halving), a padded tile transpose, a kernel
// launched with two different constant widths (no version), and a
// grid-stride loop. Each result is checked against a host model.
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int Tile = 16;

// C = A * B for n x n matrices, tiles of blockDim.x x blockDim.x (at most
// Tile x Tile) staged in shared memory.
__global__ void matmul(const float *a, const float *b, float *c, int n) {
  __shared__ float ta[Tile][Tile], tb[Tile][Tile];
  int w = blockDim.x;
  int row = blockIdx.y * w + threadIdx.y, col = blockIdx.x * w + threadIdx.x;
  float acc = 0.0f;
  for (int k0 = 0; k0 < n; k0 += w) {
    ta[threadIdx.y][threadIdx.x] =
        row < n && k0 + threadIdx.x < n ? a[row * n + k0 + threadIdx.x] : 0.0f;
    tb[threadIdx.y][threadIdx.x] = col < n && k0 + threadIdx.y < n
                                       ? b[(k0 + threadIdx.y) * n + col]
                                       : 0.0f;
    __syncthreads();
    for (int k = 0; k < w; ++k)
      acc += ta[threadIdx.y][k] * tb[k][threadIdx.x];
    __syncthreads();
  }
  if (row < n && col < n)
    c[row * n + col] = acc;
}

// Each block's sum of its blockDim.x elements, by a tree over shared memory
// (blockDim.x a power of two).
__global__ void blockSums(const int *in, int n, int *out) {
  __shared__ int part[1024];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  part[threadIdx.x] = i < n ? in[i] : 0;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s)
      part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0)
    out[blockIdx.x] = part[0];
}

// out = in^T for a w x h matrix, 32x32 tiles padded against bank conflicts,
// blocks of 32 x rows threads.
__global__ void transpose(const float *in, float *out, int w, int h) {
  __shared__ float tile[32][33];
  int x = blockIdx.x * 32 + threadIdx.x, y = blockIdx.y * 32 + threadIdx.y;
  for (int j = 0; j < 32; j += blockDim.y)
    if (x < w && y + j < h)
      tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * w + x];
  __syncthreads();
  x = blockIdx.y * 32 + threadIdx.x;
  y = blockIdx.x * 32 + threadIdx.y;
  for (int j = 0; j < 32; j += blockDim.y)
    if (x < h && y + j < w)
      out[(y + j) * h + x] = tile[threadIdx.x][threadIdx.y + j];
}

// y[i] = a * x[i] + y[i], grid-stride.
__global__ void axpy(float a, const float *x, float *y, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += blockDim.x * gridDim.x)
    y[i] = a * x[i] + y[i];
}

static int checkMatmul(int n, int width) {
  std::vector<float> a(n * n), b(n * n), c(n * n);
  for (int i = 0; i < n * n; ++i) {
    a[i] = float((i * 7) % 13) - 6.0f;
    b[i] = float((i * 5) % 11) - 5.0f;
  }
  float *da, *db, *dc;
  CHECK(cudaMalloc(&da, n * n * sizeof(float)));
  CHECK(cudaMalloc(&db, n * n * sizeof(float)));
  CHECK(cudaMalloc(&dc, n * n * sizeof(float)));
  CHECK(
      cudaMemcpy(da, a.data(), n * n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(
      cudaMemcpy(db, b.data(), n * n * sizeof(float), cudaMemcpyHostToDevice));
  int blocks = (n + width - 1) / width;
  if (width == Tile)
    matmul<<<dim3(blocks, blocks), dim3(Tile, Tile)>>>(da, db, dc, n);
  else
    matmul<<<dim3(blocks, blocks), dim3(width, width)>>>(da, db, dc, n);
  CHECK(cudaGetLastError());
  CHECK(
      cudaMemcpy(c.data(), dc, n * n * sizeof(float), cudaMemcpyDeviceToHost));
  for (int r = 0; r < n; ++r)
    for (int col = 0; col < n; ++col) {
      float want = 0.0f; // small integers: exact in any order
      for (int k = 0; k < n; ++k)
        want += a[r * n + k] * b[k * n + col];
      if (c[r * n + col] != want) {
        printf("FAIL: matmul n=%d width=%d: c[%d][%d] = %g, want %g\n", n,
               width, r, col, c[r * n + col], want);
        return 1;
      }
    }
  CHECK(cudaFree(da));
  CHECK(cudaFree(db));
  CHECK(cudaFree(dc));
  return 0;
}

static int checkBlockSums(int n, int width) {
  std::vector<int> in(n);
  for (int i = 0; i < n; ++i)
    in[i] = (i * 31) % 17 - 8;
  int blocks = (n + width - 1) / width;
  int *din, *dout;
  CHECK(cudaMalloc(&din, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, blocks * sizeof(int)));
  CHECK(cudaMemcpy(din, in.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  if (width == 256)
    blockSums<<<blocks, 256>>>(din, n, dout);
  else
    blockSums<<<blocks, width>>>(din, n, dout);
  CHECK(cudaGetLastError());
  std::vector<int> out(blocks);
  CHECK(cudaMemcpy(out.data(), dout, blocks * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int blk = 0; blk < blocks; ++blk) {
    int want = 0;
    for (int i = blk * width; i < n && i < (blk + 1) * width; ++i)
      want += in[i];
    if (out[blk] != want) {
      printf("FAIL: blockSums n=%d width=%d: block %d = %d, want %d\n", n,
             width, blk, out[blk], want);
      return 1;
    }
  }
  CHECK(cudaFree(din));
  CHECK(cudaFree(dout));
  return 0;
}

static int checkTranspose(int w, int h, int rows) {
  std::vector<float> in(w * h), out(w * h);
  for (int i = 0; i < w * h; ++i)
    in[i] = float(i);
  float *din, *dout;
  CHECK(cudaMalloc(&din, w * h * sizeof(float)));
  CHECK(cudaMalloc(&dout, w * h * sizeof(float)));
  CHECK(cudaMemcpy(din, in.data(), w * h * sizeof(float),
                   cudaMemcpyHostToDevice));
  dim3 grid((w + 31) / 32, (h + 31) / 32);
  if (rows == 8)
    transpose<<<grid, dim3(32, 8)>>>(din, dout, w, h);
  else // Other heights step through the tile in their own strides.
    transpose<<<grid, dim3(32, rows)>>>(din, dout, w, h);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dout, w * h * sizeof(float),
                   cudaMemcpyDeviceToHost));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (out[x * h + y] != in[y * w + x]) {
        printf("FAIL: transpose %dx%d rows=%d: out[%d][%d] = %g, want %g\n", w,
               h, rows, x, y, out[x * h + y], in[y * w + x]);
        return 1;
      }
  CHECK(cudaFree(din));
  CHECK(cudaFree(dout));
  return 0;
}

static int checkAxpy(int n, int width, bool constantWidth) {
  std::vector<float> x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = float(i % 100);
    y[i] = float(i % 7);
  }
  float *dx, *dy;
  CHECK(cudaMalloc(&dx, n * sizeof(float)));
  CHECK(cudaMalloc(&dy, n * sizeof(float)));
  CHECK(cudaMemcpy(dx, x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dy, y.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  // Two constant widths in this file: axpy gets no version.
  if (constantWidth && width == 128)
    axpy<<<7, 128>>>(2.0f, dx, dy, n);
  else if (constantWidth)
    axpy<<<7, 64>>>(2.0f, dx, dy, n);
  else
    axpy<<<7, width>>>(2.0f, dx, dy, n);
  CHECK(cudaGetLastError());
  std::vector<float> got(n);
  CHECK(cudaMemcpy(got.data(), dy, n * sizeof(float), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (got[i] != 2.0f * x[i] + y[i]) {
      printf("FAIL: axpy n=%d width=%d: y[%d] = %g, want %g\n", n, width, i,
             got[i], 2.0f * x[i] + y[i]);
      return 1;
    }
  CHECK(cudaFree(dx));
  CHECK(cudaFree(dy));
  return 0;
}

int main(int argc, char **argv) {
  // Widths the compiler cannot see: from the command line's length.
  int extra = argc > 1 ? atoi(argv[1]) : 0;
  int w8 = 8 + extra, w12 = 12 + extra, w128 = 128 + extra, w512 = 512 + extra;
  int w4 = 4 + extra, w16 = 16 + extra, w96 = 96 + extra;
  int status = 0;
  for (int n : {1, 15, 16, 33, 64})
    status |= checkMatmul(n, Tile) | checkMatmul(n, w8) | checkMatmul(n, w12);
  for (int n : {1, 200, 256, 1000, 4096})
    status |= checkBlockSums(n, 256) | checkBlockSums(n, w128) |
              checkBlockSums(n, w512);
  for (auto [w, h] : {std::pair{32, 32}, {100, 37}, {64, 96}})
    status |= checkTranspose(w, h, 8) | checkTranspose(w, h, w4) |
              checkTranspose(w, h, w16);
  for (int n : {0, 5, 1000, 5000})
    status |= checkAxpy(n, 128, true) | checkAxpy(n, 64, true) |
              checkAxpy(n, w96, false);
  if (status)
    return 1;
  printf("PASS\n");
  return 0;
}
