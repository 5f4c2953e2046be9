// Two WMMA GEMMs as CUDA programs write them, checked against a host GEMM:
//  - the textbook kernel: a 2-D grid of warps, one 16x16 tile of C each,
//    warps past the matrix edge skip their tiles (a condition that differs
//    between warps of a block), alpha/beta epilogue over frag.x[];
//  - a block of 2x2 warps computing a 32x32 tile, A and B staged through
//    __shared__ memory in 32x16 slices with __syncthreads between steps.
// Half inputs, float accumulation.
#include <mma.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace nvcuda;

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

// C = alpha * A * B + beta * C; A row-major M x K, B column-major K x N,
// C row-major M x N.
__global__ void textbookGemm(const __half *a, const __half *b, float *c, int m,
                             int n, int k, float alpha, float beta) {
  int warpM = (blockIdx.x * blockDim.x + threadIdx.x) / warpSize;
  int warpN = blockIdx.y * blockDim.y + threadIdx.y;
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc, fc;
  wmma::fill_fragment(acc, 0.0f);
  for (int i = 0; i < k; i += 16) {
    int aRow = warpM * 16, aCol = i;
    int bRow = i, bCol = warpN * 16;
    if (aRow < m && aCol < k && bRow < k && bCol < n) {
      wmma::load_matrix_sync(fa, a + aRow * k + aCol, k);
      wmma::load_matrix_sync(fb, b + bCol * k + bRow, k);
      wmma::mma_sync(acc, fa, fb, acc);
    }
  }
  int cRow = warpM * 16, cCol = warpN * 16;
  if (cRow < m && cCol < n) {
    wmma::load_matrix_sync(fc, c + cRow * n + cCol, n, wmma::mem_row_major);
    for (int i = 0; i < fc.num_elements; i++)
      fc.x[i] = alpha * acc.x[i] + beta * fc.x[i];
    wmma::store_matrix_sync(c + cRow * n + cCol, fc, n, wmma::mem_row_major);
  }
}

// C = A * B, all row-major; M, N multiples of 32 and K of 16.
__global__ void stagedGemm(const __half *a, const __half *b, float *c, int m,
                           int n, int k) {
  __shared__ __half tileA[32][16 + 8];
  __shared__ __half tileB[16][32 + 8];
  int warp = threadIdx.x / 32, row = blockIdx.y * 32, col = blockIdx.x * 32;
  int warpRow = (warp / 2) * 16, warpCol = (warp % 2) * 16;
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::fill_fragment(acc, 0.0f);
  for (int kk = 0; kk < k; kk += 16) {
    for (int i = threadIdx.x; i < 32 * 16; i += blockDim.x) {
      tileA[i / 16][i % 16] = a[(row + i / 16) * k + kk + i % 16];
      tileB[i / 32][i % 32] = b[(kk + i / 32) * n + col + i % 32];
    }
    __syncthreads();
    wmma::load_matrix_sync(fa, &tileA[warpRow][0], 16 + 8);
    wmma::load_matrix_sync(fb, &tileB[0][warpCol], 32 + 8);
    wmma::mma_sync(acc, fa, fb, acc);
    __syncthreads();
  }
  wmma::store_matrix_sync(c + (row + warpRow) * n + col + warpCol, acc, n,
                          wmma::mem_row_major);
}

static std::vector<__half> randomHalves(size_t count, std::vector<float> &f) {
  std::vector<__half> h(count);
  f.resize(count);
  for (size_t i = 0; i < count; ++i) {
    h[i] = __float2half((rand() / (float)RAND_MAX) * 2 - 1);
    f[i] = __half2float(h[i]);
  }
  return h;
}

static int compare(const char *name, const std::vector<float> &got,
                   const std::vector<double> &want, int k) {
  int bad = 0;
  for (size_t i = 0; i < got.size(); ++i)
    if (fabs(got[i] - want[i]) > 1e-5 * k + 1e-4 * fabs(want[i]) &&
        ++bad <= 3)
      printf("FAIL: %s C[%zu] = %g, want %g\n", name, i, got[i], want[i]);
  return bad;
}

static int runTextbook() {
  // Not multiples of the grid's 64x64 warp tile: the last warps skip.
  const int m = 144, n = 208, k = 96;
  const float alpha = 1.5f, beta = -0.5f;
  std::vector<float> fa, fb, hc(m * n);
  std::vector<__half> ha = randomHalves(m * k, fa), hb = randomHalves(k * n, fb);
  for (float &v : hc)
    v = rand() % 7 - 3;
  std::vector<double> want(m * n);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) {
      double sum = 0;
      for (int i = 0; i < k; ++i)
        sum += (double)fa[r * k + i] * fb[c * k + i];
      want[r * n + c] = alpha * sum + beta * hc[r * n + c];
    }
  __half *da, *db;
  float *dc;
  CHECK(cudaMalloc(&da, ha.size() * 2));
  CHECK(cudaMalloc(&db, hb.size() * 2));
  CHECK(cudaMalloc(&dc, hc.size() * 4));
  CHECK(cudaMemcpy(da, ha.data(), ha.size() * 2, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), hb.size() * 2, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, hc.data(), hc.size() * 4, cudaMemcpyHostToDevice));
  dim3 block(128, 4); // 4 x 4 warps: a 64 x 64 piece of C per block
  dim3 grid((m + 63) / 64, (n + 63) / 64);
  textbookGemm<<<grid, block>>>(da, db, dc, m, n, k, alpha, beta);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(hc.data(), dc, hc.size() * 4, cudaMemcpyDeviceToHost));
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  return compare("textbook", hc, want, k);
}

static int runStaged() {
  const int m = 96, n = 128, k = 80;
  std::vector<float> fa, fb, hc(m * n);
  std::vector<__half> ha = randomHalves(m * k, fa), hb = randomHalves(k * n, fb);
  std::vector<double> want(m * n);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) {
      double sum = 0;
      for (int i = 0; i < k; ++i)
        sum += (double)fa[r * k + i] * fb[i * n + c];
      want[r * n + c] = sum;
    }
  __half *da, *db;
  float *dc;
  CHECK(cudaMalloc(&da, ha.size() * 2));
  CHECK(cudaMalloc(&db, hb.size() * 2));
  CHECK(cudaMalloc(&dc, hc.size() * 4));
  CHECK(cudaMemcpy(da, ha.data(), ha.size() * 2, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), hb.size() * 2, cudaMemcpyHostToDevice));
  stagedGemm<<<dim3(n / 32, m / 32), 128>>>(da, db, dc, m, n, k);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(hc.data(), dc, hc.size() * 4, cudaMemcpyDeviceToHost));
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  return compare("staged", hc, want, k);
}

int main() {
  srand(11);
  int bad = runTextbook() + runStaged();
  if (bad) {
    printf("FAIL: %d mismatches\n", bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
