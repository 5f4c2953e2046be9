// Grid-stride loops `for (i = lead + threadIdx.x; i < n; i += stride)`, which
// the CPU lowering runs as a loop the whole block takes together with a
// guarded body (threads with threadIdx.x < n - (lead + k * stride)):
// per-thread sums carried across iterations and read after the loop,
// lengths that are empty, negative, shorter than a block and not a multiple
// of the stride, 2-D blocks (whose rows walk the same elements), block-stride
// loops over each block's own chunk (a bound computed per block), a size_t
// loop whose exit is a __syncthreads(), size_t loops from a start computed
// in 32 bits, a shared-memory histogram, a loop in divergent code, and
// starts that wrap around, in 32 bits before widening too (where the
// lowering must keep the loop as written). Each result is checked against
// a host model.
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

// Each thread's sum and element count; rows of a 2-D block repeat them.
__global__ void partialSums(const int *in, int n, int *sums, int *counts) {
  int sum = 0, count = 0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += blockDim.x * gridDim.x) {
    sum += in[i];
    ++count;
  }
  int t = (blockIdx.x * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  sums[t] = sum;
  counts[t] = count;
}

// Each block sums its own chunk [blockIdx.x * per, (blockIdx.x + 1) * per),
// clipped to n, in block-stride steps; the bound is recomputed per block.
__global__ void chunkSums(const int *in, int n, int per, int *sums) {
  int sum = 0;
  for (int i = blockIdx.x * per + threadIdx.x;
       i < min(n, (int)(blockIdx.x + 1) * per); i += blockDim.x)
    sum += in[i];
  sums[blockIdx.x * blockDim.x + threadIdx.x] = sum;
}

// An unsigned 64-bit loop, written n > i, whose exit is a barrier; then the
// block reads what its neighbours wrote.
__global__ void clearThenShift(float *x, size_t n, float *out) {
  for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; n > i;
       i += (size_t)blockDim.x * gridDim.x)
    x[i] = 2.0f * (float)i;
  __syncthreads();
  size_t j = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
  size_t k = (size_t)blockIdx.x * blockDim.x + (threadIdx.x + 1) % blockDim.x;
  if (j < n && k < n)
    out[j] = x[k];
}

__global__ void histogram(const unsigned char *in, int n, unsigned *hist) {
  __shared__ unsigned local[64];
  for (int b = threadIdx.x; b < 64; b += blockDim.x)
    local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += gridDim.x * blockDim.x)
    atomicAdd(&local[in[i] % 64], 1u);
  __syncthreads();
  for (int b = threadIdx.x; b < 64; b += blockDim.x)
    if (local[b])
      atomicAdd(&hist[b], local[b]);
}

// Only the first `active` threads of each block run the loop.
__global__ void divergentLoop(int *out, int n, int active) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  int count = 0;
  if (threadIdx.x < active)
    for (int i = t; i < n; i += blockDim.x * gridDim.x)
      count += i % 7;
  out[t] = count;
}

// The start lead + threadIdx.x wraps past INT_MAX for the later threads,
// which then walk up from a negative index: counted, never stored.
__global__ void wrappingStart(int lead, int n, int stride, int *counts) {
  int count = 0;
  for (int i = lead + threadIdx.x; i < n; i += stride)
    ++count;
  counts[threadIdx.x] = count;
}

// The usual size_t loop: its start is computed in 32 bits, then widened.
__global__ void widenedSums(const int *in, size_t n, long long *sums) {
  long long sum = 0;
  for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += (size_t)blockDim.x * gridDim.x)
    sum += in[i];
  sums[blockIdx.x * blockDim.x + threadIdx.x] = sum;
}

// A size_t loop whose 32-bit start lead + threadIdx.x wraps past UINT_MAX
// for the later threads, which then start near 0.
__global__ void wrappingWidenedStart(unsigned lead, size_t n, size_t stride,
                                     unsigned long long *counts) {
  unsigned long long count = 0;
  for (size_t i = lead + threadIdx.x; i < n; i += stride)
    ++count;
  counts[threadIdx.x] = count;
}

static int checkPartialSums(const std::vector<int> &in, int *devIn,
                            int *devSums, int *devCounts) {
  struct Shape {
    int n, blocks, x, y;
  };
  for (Shape s : {Shape{0, 4, 64, 1}, Shape{-5, 4, 64, 1}, Shape{1, 4, 64, 1},
                  Shape{37, 4, 64, 1}, Shape{3 * 256 + 5, 3, 256, 1},
                  Shape{100000, 7, 96, 1}, Shape{1000, 5, 32, 2},
                  Shape{(int)in.size(), 16, 128, 1}}) {
    int threads = s.blocks * s.x * s.y;
    partialSums<<<s.blocks, dim3(s.x, s.y)>>>(devIn, s.n, devSums, devCounts);
    CHECK(cudaGetLastError());
    std::vector<int> sums(threads), counts(threads);
    CHECK(cudaMemcpy(sums.data(), devSums, threads * sizeof(int),
                     cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(counts.data(), devCounts, threads * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < s.blocks; ++b)
      for (int y = 0; y < s.y; ++y)
        for (int x = 0; x < s.x; ++x) {
          int want = 0, wantCount = 0;
          for (int i = b * s.x + x; i < s.n; i += s.x * s.blocks) {
            want += in[i];
            ++wantCount;
          }
          int t = (b * s.y + y) * s.x + x;
          if (sums[t] != want || counts[t] != wantCount) {
            printf("FAIL: partialSums n=%d %dx(%d,%d) thread %d: %d/%d, want "
                   "%d/%d\n",
                   s.n, s.blocks, s.x, s.y, t, sums[t], counts[t], want,
                   wantCount);
            return 1;
          }
        }
  }
  return 0;
}

static int checkChunkSums(const std::vector<int> &in, int *devIn,
                          int *devSums) {
  struct Shape {
    int n, blocks, threads, per;
  };
  for (Shape s :
       {Shape{0, 4, 64, 100}, Shape{1000, 4, 64, 250}, Shape{1000, 4, 64, 37},
        Shape{999, 5, 96, 200}, Shape{(int)in.size(), 16, 128, 12501}}) {
    chunkSums<<<s.blocks, s.threads>>>(devIn, s.n, s.per, devSums);
    CHECK(cudaGetLastError());
    std::vector<int> sums(s.blocks * s.threads);
    CHECK(cudaMemcpy(sums.data(), devSums, sums.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < s.blocks; ++b)
      for (int t = 0; t < s.threads; ++t) {
        int want = 0;
        int end = (b + 1) * s.per < s.n ? (b + 1) * s.per : s.n;
        for (int i = b * s.per + t; i < end; i += s.threads)
          want += in[i];
        if (sums[b * s.threads + t] != want) {
          printf("FAIL: chunkSums n=%d per=%d block %d thread %d: %d, want "
                 "%d\n",
                 s.n, s.per, b, t, sums[b * s.threads + t], want);
          return 1;
        }
      }
  }
  return 0;
}

static int checkClearThenShift() {
  const size_t n = 5000;
  float *devX = nullptr, *devOut = nullptr;
  CHECK(cudaMalloc(&devX, n * sizeof(float)));
  CHECK(cudaMalloc(&devOut, n * sizeof(float)));
  clearThenShift<<<3, 128>>>(devX, n, devOut);
  std::vector<float> x(n), out(n);
  CHECK(cudaMemcpy(x.data(), devX, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(out.data(), devOut, 3 * 128 * sizeof(float),
                   cudaMemcpyDeviceToHost));
  for (size_t i = 0; i < n; ++i)
    if (x[i] != 2.0f * (float)i) {
      printf("FAIL: clearThenShift x[%zu] = %g\n", i, x[i]);
      return 1;
    }
  for (size_t b = 0; b < 3; ++b)
    for (size_t t = 0; t < 128; ++t) {
      size_t k = b * 128 + (t + 1) % 128;
      if (out[b * 128 + t] != 2.0f * (float)k) {
        printf("FAIL: clearThenShift out[%zu] = %g\n", b * 128 + t,
               out[b * 128 + t]);
        return 1;
      }
    }
  CHECK(cudaFree(devX));
  CHECK(cudaFree(devOut));
  return 0;
}

static int checkHistogram() {
  const int n = 300001;
  std::vector<unsigned char> in(n);
  std::vector<unsigned> want(64, 0), got(64);
  for (int i = 0; i < n; ++i) {
    in[i] = (unsigned char)((i * 2654435761u) >> 24);
    ++want[in[i] % 64];
  }
  unsigned char *devIn = nullptr;
  unsigned *devHist = nullptr;
  CHECK(cudaMalloc(&devIn, n));
  CHECK(cudaMalloc(&devHist, 64 * sizeof(unsigned)));
  CHECK(cudaMemcpy(devIn, in.data(), n, cudaMemcpyHostToDevice));
  for (int threads : {256, 48, 32}) {
    CHECK(cudaMemset(devHist, 0, 64 * sizeof(unsigned)));
    histogram<<<13, threads>>>(devIn, n, devHist);
    CHECK(cudaMemcpy(got.data(), devHist, 64 * sizeof(unsigned),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < 64; ++b)
      if (got[b] != want[b]) {
        printf("FAIL: histogram(%d threads) bin %d = %u, want %u\n", threads, b,
               got[b], want[b]);
        return 1;
      }
  }
  CHECK(cudaFree(devIn));
  CHECK(cudaFree(devHist));
  return 0;
}

static int checkDivergentLoop(int *devOut) {
  const int blocks = 4, threads = 64, n = 2000;
  for (int active : {0, 20, 64}) {
    divergentLoop<<<blocks, threads>>>(devOut, n, active);
    std::vector<int> out(blocks * threads);
    CHECK(cudaMemcpy(out.data(), devOut, out.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int t = 0; t < blocks * threads; ++t) {
      int want = 0;
      if (t % threads < active)
        for (int i = t; i < n; i += blocks * threads)
          want += i % 7;
      if (out[t] != want) {
        printf("FAIL: divergentLoop(active=%d) thread %d = %d, want %d\n",
               active, t, out[t], want);
        return 1;
      }
    }
  }
  return 0;
}

static int checkWrappingStart(int *devOut) {
  // Threads 0..99 start at INT_MAX - 99 + t (past n: no iteration); the
  // others wrap to INT_MIN + ... and count up to n by 2^24.
  const int lead = INT_MAX - 99, n = 1000, stride = 1 << 24, threads = 160;
  wrappingStart<<<1, threads>>>(lead, n, stride, devOut);
  std::vector<int> out(threads);
  CHECK(cudaMemcpy(out.data(), devOut, threads * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int t = 0; t < threads; ++t) {
    int want = 0;
    for (int32_t i = (int32_t)((uint32_t)lead + (uint32_t)t); i < n;
         i = (int32_t)((uint32_t)i + (uint32_t)stride))
      ++want;
    if (out[t] != want) {
      printf("FAIL: wrappingStart thread %d = %d, want %d\n", t, out[t], want);
      return 1;
    }
  }
  return 0;
}

static int checkWidenedSums(const std::vector<int> &in, const int *devIn) {
  long long *devSums = nullptr;
  CHECK(cudaMalloc(&devSums, 4096 * sizeof(long long)));
  for (size_t n : {size_t(0), size_t(37), size_t(3 * 256 + 5), in.size()})
    for (int blocks : {1, 3, 16}) {
      const int block = 128, threads = blocks * block;
      widenedSums<<<blocks, block>>>(devIn, n, devSums);
      CHECK(cudaGetLastError());
      std::vector<long long> sums(threads);
      CHECK(cudaMemcpy(sums.data(), devSums, threads * sizeof(long long),
                       cudaMemcpyDeviceToHost));
      for (int t = 0; t < threads; ++t) {
        long long want = 0;
        for (size_t i = t; i < n; i += threads)
          want += in[i];
        if (sums[t] != want) {
          printf("FAIL: widenedSums n=%zu blocks=%d thread %d = %lld, want "
                 "%lld\n",
                 n, blocks, t, sums[t], want);
          return 1;
        }
      }
    }
  CHECK(cudaFree(devSums));
  return 0;
}

static int checkWrappingWidenedStart() {
  // Threads 0..20 start at UINT_MAX - 20 + t, just below n; the others
  // wrap to 0, 1, ... and count up to n in steps of 2^20.
  const unsigned lead = UINT_MAX - 20;
  const size_t n = size_t(UINT_MAX) + 1000, stride = size_t(1) << 20;
  const int threads = 64;
  unsigned long long *devCounts = nullptr;
  CHECK(cudaMalloc(&devCounts, threads * sizeof(unsigned long long)));
  wrappingWidenedStart<<<1, threads>>>(lead, n, stride, devCounts);
  CHECK(cudaGetLastError());
  std::vector<unsigned long long> counts(threads);
  CHECK(cudaMemcpy(counts.data(), devCounts,
                   threads * sizeof(unsigned long long),
                   cudaMemcpyDeviceToHost));
  for (int t = 0; t < threads; ++t) {
    size_t start = uint32_t(lead + uint32_t(t));
    unsigned long long want = start < n ? (n - 1 - start) / stride + 1 : 0;
    if (counts[t] != want) {
      printf("FAIL: wrappingWidenedStart thread %d = %llu, want %llu\n", t,
             counts[t], want);
      return 1;
    }
  }
  CHECK(cudaFree(devCounts));
  return 0;
}

int main() {
  const int size = 200003;
  std::vector<int> in(size);
  for (int i = 0; i < size; ++i)
    in[i] = (i * 7919) % 1000 - 500;
  int *devIn = nullptr, *devSums = nullptr, *devCounts = nullptr;
  CHECK(cudaMalloc(&devIn, size * sizeof(int)));
  CHECK(cudaMalloc(&devSums, 4096 * sizeof(int)));
  CHECK(cudaMalloc(&devCounts, 4096 * sizeof(int)));
  CHECK(
      cudaMemcpy(devIn, in.data(), size * sizeof(int), cudaMemcpyHostToDevice));
  if (checkPartialSums(in, devIn, devSums, devCounts) ||
      checkChunkSums(in, devIn, devSums) || checkClearThenShift() ||
      checkHistogram() || checkDivergentLoop(devSums) ||
      checkWrappingStart(devSums) || checkWidenedSums(in, devIn) ||
      checkWrappingWidenedStart())
    return 1;
  CHECK(cudaDeviceSynchronize());
  printf("PASS\n");
  return 0;
}
