// Kernels whose body is guarded by tests of the global index against
// bounds (a stencil's `if (x < 1 || y < 1 || x >= n - 1 || y >= n - 1)
// return;`, a reduction's `if (base + t < n)`), which the CPU lowering runs
// without the tests for rows where every thread passes them
// (UnguardedRowVersions): grids whose edge blocks pass only in part,
// domains smaller than a block, lower and upper bounds, inclusive tests,
// 2-D blocks whose rows differ in y, 64-bit indices past 2^32, a thread's
// items a block apart before a block reduction, a guard after a barrier
// (narrowed exactly or not), and 32-bit
// sums that wrap within a row, signed and unsigned (where every row must
// keep its tests). Each result is checked against a host model; outputs
// start filled with a sentinel, so a skipped or extra thread shows.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr float Sentinel = -7.0f;

// One Jacobi step of the 5-point stencil; the boundary keeps the sentinel.
__global__ void stencil(const float *in, float *out, int n) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < 1 || y < 1 || x >= n - 1 || y >= n - 1)
    return;
  out[y * n + x] = 0.25f * (in[(y - 1) * n + x] + in[(y + 1) * n + x] +
                            in[y * n + x - 1] + in[y * n + x + 1]);
}

// A load or zero, then a store every thread makes (a reduction's first
// step).
__global__ void loadOrZero(const float *in, float *out, unsigned n) {
  unsigned base = blockIdx.x * (blockDim.x * 2);
  unsigned t = threadIdx.x;
  float sum = 0.0f;
  if (base + t < n)
    sum = in[base + t];
  if (base + t + blockDim.x < n)
    sum += in[base + t + blockDim.x];
  out[blockIdx.x * blockDim.x + t] = sum;
}

// Lower and upper bounds, strict and inclusive: [lo, hi] written.
__global__ void window(float *out, int lo, int hi) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i > lo - 1 && i <= hi)
    out[i] = (float)i;
}

// A 64-bit index beyond 2^32, written relative to its base.
__global__ void farIndex(float *out, size_t base, size_t n) {
  size_t i = base + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i - base] = (float)(i - base) + 0.5f;
}

// A thread's items a block apart, then the block's sum by warp shuffles
// and shared memory (the item loop runs as regions cut before the
// shuffles, its counter a uniform value).
constexpr int Items = 8, ItemsBlock = 128;
__device__ int warpSum(int v) {
  for (int offset = 16; offset > 0; offset >>= 1)
    v += __shfl_down_sync(0xffffffffu, v, offset);
  return v;
}

__global__ void itemsThenBlockSum(const int *in, int *out, int n) {
  __shared__ int warpSums[4];
  int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  int base = blockIdx.x * ItemsBlock * Items;
  int sum = 0;
  for (int j = 0; j < Items; ++j) {
    int i = base + j * ItemsBlock + threadIdx.x;
    if (i < n)
      sum += in[i];
  }
  sum = warpSum(sum);
  if (lane == 0)
    warpSums[warp] = sum;
  __syncthreads();
  if (warp == 0) {
    sum = lane < 4 ? warpSums[lane] : 0;
    sum = warpSum(sum);
    if (lane == 0)
      out[blockIdx.x] = sum;
  }
}

// A table copied to shared memory, then `if (i >= n) return;` after the
// barrier (k-means' assignment step): the region after the barrier runs,
// in step, only the threads that pass, without the test where the rows'
// sums fit (a version of its own); a 2-D block (each y a plane) and a lead
// near UINT_MAX (sums that wrap within a row) run the version that tests
// each thread.
constexpr int TableSize = 16;
__global__ void tableThenGuard(const int *table, int *out, unsigned base,
                               unsigned n) {
  __shared__ int t[TableSize];
  unsigned linear = threadIdx.y * blockDim.x + threadIdx.x;
  for (unsigned k = linear; k < TableSize; k += blockDim.x * blockDim.y)
    t[k] = table[k];
  __syncthreads();
  unsigned i = base + blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  int best = 0;
  for (int k = 0; k < TableSize; ++k)
    best = max(best, t[k] ^ (int)(i & 0xff));
  out[threadIdx.y * gridDim.x * blockDim.x + (i - base)] = best;
}

// 32-bit sums that wrap within a row: compared signed and unsigned. The
// arithmetic is unsigned (defined), the signed test reads its bits.
__global__ void wrappingSums(int *outSigned, int *outUnsigned, unsigned lead,
                             int limit, unsigned ulimit) {
  unsigned t = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned sum = lead + t;
  if ((int)sum < limit)
    outSigned[t] = (int)(sum & 0xffff);
  if (sum < ulimit)
    outUnsigned[t] = (int)(sum >> 16);
}

static int checkStencil(int n, dim3 block) {
  std::vector<float> in(size_t(n) * n), want(size_t(n) * n, Sentinel);
  for (int i = 0; i < n * n; ++i)
    in[i] = float((i * 7) % 23) / 8.0f;
  for (int y = 1; y < n - 1; ++y)
    for (int x = 1; x < n - 1; ++x)
      want[y * n + x] = 0.25f * (in[(y - 1) * n + x] + in[(y + 1) * n + x] +
                                 in[y * n + x - 1] + in[y * n + x + 1]);
  float *dIn, *dOut;
  size_t bytes = sizeof(float) * n * n;
  CHECK(cudaMalloc(&dIn, bytes));
  CHECK(cudaMalloc(&dOut, bytes));
  CHECK(cudaMemcpy(dIn, in.data(), bytes, cudaMemcpyHostToDevice));
  std::vector<float> fill(size_t(n) * n, Sentinel), got(size_t(n) * n);
  CHECK(cudaMemcpy(dOut, fill.data(), bytes, cudaMemcpyHostToDevice));
  dim3 grid((n + block.x - 1) / block.x, (n + block.y - 1) / block.y);
  stencil<<<grid, block>>>(dIn, dOut, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  for (int i = 0; i < n * n; ++i)
    if (got[i] != want[i]) {
      printf("FAIL: stencil n=%d block %ux%u: [%d,%d] = %g, want %g\n", n,
             block.x, block.y, i % n, i / n, got[i], want[i]);
      return 1;
    }
  return 0;
}

static int checkLoadOrZero(unsigned n, unsigned blockX) {
  unsigned blocks = (n + 2 * blockX - 1) / (2 * blockX) + 1; // one past n
  std::vector<float> in(n + 1), want(size_t(blocks) * blockX);
  for (unsigned i = 0; i < n; ++i)
    in[i] = float(i % 13) - 6.0f;
  for (unsigned b = 0; b < blocks; ++b)
    for (unsigned t = 0; t < blockX; ++t) {
      unsigned base = b * 2 * blockX;
      float sum = base + t < n ? in[base + t] : 0.0f;
      if (base + t + blockX < n)
        sum += in[base + t + blockX];
      want[b * blockX + t] = sum;
    }
  float *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, sizeof(float) * (n + 1)));
  CHECK(cudaMalloc(&dOut, sizeof(float) * want.size()));
  CHECK(cudaMemcpy(dIn, in.data(), sizeof(float) * (n + 1),
                   cudaMemcpyHostToDevice));
  loadOrZero<<<blocks, blockX>>>(dIn, dOut, n);
  CHECK(cudaGetLastError());
  std::vector<float> got(want.size());
  CHECK(cudaMemcpy(got.data(), dOut, sizeof(float) * got.size(),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i] != want[i]) {
      printf("FAIL: loadOrZero n=%u block %u: [%zu] = %g, want %g\n", n, blockX,
             i, got[i], want[i]);
      return 1;
    }
  return 0;
}

static int checkWindow(int size, int lo, int hi, unsigned blockX) {
  std::vector<float> want(size, Sentinel), got(size);
  for (int i = lo < 0 ? 0 : lo; i <= hi && i < size; ++i)
    want[i] = (float)i;
  float *dOut;
  CHECK(cudaMalloc(&dOut, sizeof(float) * size));
  std::vector<float> fill(size, Sentinel);
  CHECK(cudaMemcpy(dOut, fill.data(), sizeof(float) * size,
                   cudaMemcpyHostToDevice));
  window<<<(size + blockX - 1) / blockX, blockX>>>(dOut, lo, hi);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, sizeof(float) * size,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dOut));
  for (int i = 0; i < size; ++i)
    if (got[i] != want[i]) {
      printf("FAIL: window [%d, %d] block %u: [%d] = %g, want %g\n", lo, hi,
             blockX, i, got[i], want[i]);
      return 1;
    }
  return 0;
}

static int checkFarIndex() {
  const size_t base = (size_t(5) << 32) + 3, count = 1000, blockX = 128;
  const size_t slots = 1024; // 8 blocks' worth: the last one in part
  std::vector<float> want(slots, Sentinel), got(slots);
  for (size_t i = 0; i < count; ++i)
    want[i] = (float)i + 0.5f;
  float *dOut;
  CHECK(cudaMalloc(&dOut, sizeof(float) * slots));
  CHECK(cudaMemcpy(dOut, std::vector<float>(slots, Sentinel).data(),
                   sizeof(float) * slots, cudaMemcpyHostToDevice));
  farIndex<<<slots / blockX, blockX>>>(dOut, base, base + count);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, sizeof(float) * slots,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dOut));
  for (size_t i = 0; i < slots; ++i)
    if (got[i] != want[i]) {
      printf("FAIL: farIndex [%zu] = %g, want %g\n", i, got[i], want[i]);
      return 1;
    }
  return 0;
}

static int checkItems(int n) {
  const int blockX = ItemsBlock;
  const int blocks = (n + blockX * Items - 1) / (blockX * Items);
  std::vector<int> in(n), want(blocks, 0), got(blocks);
  for (int i = 0; i < n; ++i) {
    in[i] = (i * 37) % 101 - 50;
    want[i / (blockX * Items)] += in[i];
  }
  int *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, sizeof(int) * n));
  CHECK(cudaMalloc(&dOut, sizeof(int) * blocks));
  CHECK(cudaMemcpy(dIn, in.data(), sizeof(int) * n, cudaMemcpyHostToDevice));
  itemsThenBlockSum<<<blocks, blockX>>>(dIn, dOut, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, sizeof(int) * blocks,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  for (int b = 0; b < blocks; ++b)
    if (got[b] != want[b]) {
      printf("FAIL: items n=%d: block %d = %d, want %d\n", n, b, got[b],
             want[b]);
      return 1;
    }
  return 0;
}

static int checkTableThenGuard(unsigned base, unsigned n, unsigned blocks,
                               dim3 block) {
  std::vector<int> table(TableSize);
  for (int k = 0; k < TableSize; ++k)
    table[k] = (k * 29) % 97;
  const unsigned threads = blocks * block.x, slots = threads * block.y;
  std::vector<int> want(slots, -1), got(slots);
  for (unsigned y = 0; y < block.y; ++y)
    for (unsigned g = 0; g < threads; ++g) {
      unsigned i = base + g;
      if (i >= n)
        continue;
      int best = 0;
      for (int k = 0; k < TableSize; ++k)
        best = std::max(best, table[k] ^ (int)(i & 0xff));
      want[y * threads + g] = best;
    }
  int *dTable, *dOut;
  CHECK(cudaMalloc(&dTable, sizeof(int) * TableSize));
  CHECK(cudaMalloc(&dOut, sizeof(int) * slots));
  CHECK(cudaMemcpy(dTable, table.data(), sizeof(int) * TableSize,
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dOut, 0xff, sizeof(int) * slots));
  tableThenGuard<<<blocks, block>>>(dTable, dOut, base, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), dOut, sizeof(int) * slots,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dTable));
  CHECK(cudaFree(dOut));
  for (unsigned s = 0; s < slots; ++s)
    if (got[s] != want[s]) {
      printf("FAIL: tableThenGuard base=%u n=%u block=%ux%u: [%u] = %d, "
             "want %d\n",
             base, n, block.x, block.y, s, got[s], want[s]);
      return 1;
    }
  return 0;
}

static int checkWrappingSums(unsigned lead, int limit, unsigned ulimit) {
  const unsigned threads = 512, blockX = 64;
  std::vector<int> wantS(threads, -1), wantU(threads, -1);
  for (unsigned t = 0; t < threads; ++t) {
    unsigned sum = lead + t;
    if ((int)sum < limit)
      wantS[t] = (int)(sum & 0xffff);
    if (sum < ulimit)
      wantU[t] = (int)(sum >> 16);
  }
  int *dS, *dU;
  CHECK(cudaMalloc(&dS, sizeof(int) * threads));
  CHECK(cudaMalloc(&dU, sizeof(int) * threads));
  CHECK(cudaMemset(dS, 0xff, sizeof(int) * threads));
  CHECK(cudaMemset(dU, 0xff, sizeof(int) * threads));
  wrappingSums<<<threads / blockX, blockX>>>(dS, dU, lead, limit, ulimit);
  CHECK(cudaGetLastError());
  std::vector<int> gotS(threads), gotU(threads);
  CHECK(cudaMemcpy(gotS.data(), dS, sizeof(int) * threads,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(gotU.data(), dU, sizeof(int) * threads,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dS));
  CHECK(cudaFree(dU));
  for (unsigned t = 0; t < threads; ++t)
    if (gotS[t] != wantS[t] || gotU[t] != wantU[t]) {
      printf("FAIL: wrappingSums lead=%u limit=%d ulimit=%u: [%u] = %d/%d, "
             "want %d/%d\n",
             lead, limit, ulimit, t, gotS[t], gotU[t], wantS[t], wantU[t]);
      return 1;
    }
  return 0;
}

int main() {
  int failures = 0;
  failures += checkStencil(130, dim3(32, 8));
  failures += checkStencil(77, dim3(16, 4));
  failures += checkStencil(5, dim3(32, 2)); // smaller than one block
  failures += checkStencil(64, dim3(20, 3));
  failures += checkLoadOrZero(1000, 256);
  failures += checkLoadOrZero(100, 256); // smaller than half a block
  failures += checkLoadOrZero(4096, 128);
  failures += checkWindow(1000, 37, 900, 64);
  failures += checkWindow(1000, 0, 999, 256);
  failures += checkWindow(1000, 130, 129, 32); // empty
  failures += checkWindow(1000, -5, 63, 32);
  failures += checkFarIndex();
  failures += checkItems(128 * Items * 5);      // whole blocks
  failures += checkItems(128 * Items * 5 + 77); // the last block in part
  failures += checkItems(50);                   // less than a row
  failures += checkTableThenGuard(0, 1000, 8, dim3(128));    // the last in part
  failures += checkTableThenGuard(0, 70, 2, dim3(128));      // less than a row
  failures += checkTableThenGuard(0, 1000, 16, dim3(64, 2)); // two planes
  // base + x wraps within a row: [base, n) and the wrapped threads pass.
  failures += checkTableThenGuard(UINT_MAX - 100, UINT_MAX - 50, 4, dim3(64));
  // Signed: INT_MAX - 100 + t wraps to negative mid-row (then passes).
  failures += checkWrappingSums(INT_MAX - 100, INT_MAX - 50, 0u);
  // Unsigned: UINT_MAX - 200 + t wraps to small values mid-row.
  failures += checkWrappingSums(UINT_MAX - 200, INT_MIN, 100u);
  // Wraps that pass the test at both ends of the first row and fail in
  // between (the other test passing throughout): only the wrap test keeps
  // that row's tests.
  failures += checkWrappingSums(INT_MAX - 10, INT_MAX - 5, UINT_MAX);
  failures += checkWrappingSums(UINT_MAX - 10, INT_MAX, UINT_MAX - 5);
  // Unsigned, no wrap, every row passing but the last block's tail.
  failures += checkWrappingSums(1000, INT_MAX, 1000u + 500u);
  if (failures) {
    printf("FAIL: %d checks\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
