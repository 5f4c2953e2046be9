// Values every thread of a block ends up with: a block reduction whose
// second step (each warp folds the per-warp partials read at its lane, then
// all lanes get the sum through shfl_xor) gives every warp the same result,
// and a read of a __shared__ value one thread wrote before a barrier. The
// CPU lowering keeps such values once per block, but only in blocks of
// whole warps where threadIdx.x % 32 is the lane; these kernels check the
// results across block shapes where it is (1-D blocks of whole warps, 16x16,
// 8x8, 32x4) and where it is not (24x4: the warps of a 24-wide block start
// at different threadIdx.x, so the same butterfly gives each warp its own
// sum), that an atomic on shared memory still gives each thread its own
// ticket, and that a full-mask ballot after some threads returned gives
// its warp's own mask. Each result is checked against a host reference.
#include <algorithm>
#include <cmath>
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

__device__ float warpAllSum(float v) {
  for (int m = 16; m > 0; m >>= 1)
    v += __shfl_xor_sync(0xffffffffu, v, m);
  return v;
}

// The layernorm shape: each thread sums a strided slice of its block's row,
// the block sums the slices, and every thread then scales its slice by the
// sum (and by 1/sqrt of it, as layernorm's rsqrt of the variance).
// Narrow blocks (blockDim.x < 32) take the lane from the linear index.
template <bool NarrowBlock>
__global__ void normaliseRows(const float *in, float *out, int cols) {
  __shared__ float partial[32];
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  int threads = blockDim.x * blockDim.y;
  int lane = NarrowBlock ? t % 32 : threadIdx.x % 32, warp = t / 32;
  const float *row = in + size_t(blockIdx.x) * cols;
  float s = 0.0f;
  for (int c = t; c < cols; c += threads)
    s += row[c];
  s = warpAllSum(s);
  if (lane == 0)
    partial[warp] = s;
  __syncthreads();
  float total = lane < threads / 32 ? partial[lane] : 0.0f;
  total = warpAllSum(total);
  __syncthreads();
  float inv = rsqrtf(total);
  for (int c = t; c < cols; c += threads)
    out[size_t(blockIdx.x) * cols + c] = row[c] * 1000.0f + total + inv;
}

// In a 24-wide block threadIdx.x % 32 is not the lane: warp w holds linear
// threads [32w, 32w + 32), whose threadIdx.x values differ from warp to
// warp, so each warp's butterfly over table[threadIdx.x % 32] is its own.
__global__ void butterflyOfTable(const float *table, float *out) {
  __shared__ float copy[32];
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  if (t < 32)
    copy[t] = table[t];
  __syncthreads();
  float v = warpAllSum(copy[threadIdx.x % 32]);
  __syncthreads();
  out[blockIdx.x * blockDim.x * blockDim.y + t] = v;
}

// One thread publishes a value; after the barrier every thread reads it,
// and uses it after another barrier. An atomic ticket on shared memory is
// each thread's own.
__global__ void publishAndTickets(const float *in, float *scaled,
                                  int *tickets) {
  __shared__ float value;
  __shared__ int counter;
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  int threads = blockDim.x * blockDim.y;
  if (t == 0) {
    value = in[blockIdx.x];
    counter = 0;
  }
  __syncthreads();
  float v = value * 2.0f;
  int ticket = atomicAdd(&counter, 1);
  __syncthreads();
  scaled[blockIdx.x * threads + t] = v + float(t);
  tickets[blockIdx.x * threads + t] = ticket;
}

// A full-mask ballot after some threads returned votes over the lanes
// still there: the last warp, partly returned, gets its own mask.
__global__ void ballotAfterReturn(unsigned *out, int live) {
  int t = threadIdx.x, lane = threadIdx.x % 32;
  if (t >= live)
    return;
  unsigned b = __ballot_sync(0xffffffffu, lane < 11);
  __syncthreads();
  out[blockIdx.x * blockDim.x + t] = b;
}

static int checkBallotAfterReturn(int threads, int live) {
  unsigned *d;
  std::vector<unsigned> got(2 * threads, 0);
  CHECK(cudaMalloc(&d, got.size() * sizeof(unsigned)));
  CHECK(cudaMemset(d, 0, got.size() * sizeof(unsigned)));
  ballotAfterReturn<<<2, threads>>>(d, live);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(got.data(), d, got.size() * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  for (int b = 0; b < 2; ++b)
    for (int t = 0; t < live; ++t) {
      int base = t / 32 * 32, lanes = live - base < 32 ? live - base : 32;
      unsigned want = 0;
      for (int l = 0; l < lanes && l < 11; ++l)
        want |= 1u << l;
      if (got[b * threads + t] != want) {
        printf("FAIL: ballot after return (%d of %d) thread %d: %#x, want "
               "%#x\n",
               live, threads, t, got[b * threads + t], want);
        return 1;
      }
    }
  return 0;
}

static int checkNormalise(dim3 block, int rows, int cols) {
  std::vector<float> in(size_t(rows) * cols), out(in.size());
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = float((i * 7) % 13) + 1.0f; // small integers: exact sums
  float *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, in.size() * sizeof(float)));
  CHECK(cudaMalloc(&dOut, in.size() * sizeof(float)));
  CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  if (block.x < 32)
    normaliseRows<true><<<rows, block>>>(dIn, dOut, cols);
  else
    normaliseRows<false><<<rows, block>>>(dIn, dOut, cols);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  for (int r = 0; r < rows; ++r) {
    float total = 0.0f;
    for (int c = 0; c < cols; ++c)
      total += in[size_t(r) * cols + c];
    for (int c = 0; c < cols; ++c) {
      float want =
          in[size_t(r) * cols + c] * 1000.0f + total + 1.0f / std::sqrt(total);
      float got = out[size_t(r) * cols + c];
      if (std::fabs(got - want) > 1e-3f * want) {
        printf("FAIL: normalise %ux%u row %d col %d: %g, want %g\n", block.x,
               block.y, r, c, got, want);
        return 1;
      }
    }
  }
  return 0;
}

static int checkTableButterfly(dim3 block, int blocks) {
  int threads = block.x * block.y;
  std::vector<float> table(32), out(size_t(blocks) * threads);
  for (int i = 0; i < 32; ++i)
    table[i] = float(i * i % 37 + 1);
  float *dTable, *dOut;
  CHECK(cudaMalloc(&dTable, table.size() * sizeof(float)));
  CHECK(cudaMalloc(&dOut, out.size() * sizeof(float)));
  CHECK(cudaMemcpy(dTable, table.data(), table.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  butterflyOfTable<<<blocks, block>>>(dTable, dOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dTable));
  CHECK(cudaFree(dOut));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < threads; ++t) {
      int warpBase = t / 32 * 32;
      float want = 0.0f;
      for (int l = 0; l < 32; ++l)
        want += table[(warpBase + l) % block.x % 32];
      if (out[size_t(b) * threads + t] != want) {
        printf("FAIL: table butterfly %ux%u thread %d: %g, want %g\n", block.x,
               block.y, t, out[size_t(b) * threads + t], want);
        return 1;
      }
    }
  return 0;
}

static int checkPublish(dim3 block, int blocks) {
  int threads = block.x * block.y;
  std::vector<float> in(blocks), scaled(size_t(blocks) * threads);
  std::vector<int> tickets(scaled.size());
  for (int b = 0; b < blocks; ++b)
    in[b] = float(b * 3 + 1);
  float *dIn, *dScaled;
  int *dTickets;
  CHECK(cudaMalloc(&dIn, in.size() * sizeof(float)));
  CHECK(cudaMalloc(&dScaled, scaled.size() * sizeof(float)));
  CHECK(cudaMalloc(&dTickets, tickets.size() * sizeof(int)));
  CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  publishAndTickets<<<blocks, block>>>(dIn, dScaled, dTickets);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(scaled.data(), dScaled, scaled.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(tickets.data(), dTickets, tickets.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dScaled));
  CHECK(cudaFree(dTickets));
  for (int b = 0; b < blocks; ++b) {
    for (int t = 0; t < threads; ++t) {
      float want = in[b] * 2.0f + float(t);
      if (scaled[size_t(b) * threads + t] != want) {
        printf("FAIL: publish %ux%u block %d thread %d: %g, want %g\n", block.x,
               block.y, b, t, scaled[size_t(b) * threads + t], want);
        return 1;
      }
    }
    std::vector<int> mine(tickets.begin() + size_t(b) * threads,
                          tickets.begin() + size_t(b + 1) * threads);
    std::sort(mine.begin(), mine.end());
    for (int t = 0; t < threads; ++t)
      if (mine[t] != t) {
        printf("FAIL: tickets %ux%u block %d: %d-th smallest is %d\n", block.x,
               block.y, b, t, mine[t]);
        return 1;
      }
  }
  return 0;
}

int main() {
  const dim3 shapes[] = {dim3(32),     dim3(96),   dim3(256),   dim3(1024),
                         dim3(16, 16), dim3(8, 8), dim3(32, 4), dim3(64, 2)};
  for (dim3 block : shapes)
    if (checkNormalise(block, 5, 1000) || checkPublish(block, 3))
      return 1;
  // 24x4 is three whole warps that do not start at threadIdx.x == 0.
  if (checkTableButterfly(dim3(24, 4), 2) ||
      checkTableButterfly(dim3(16, 4), 2) || checkTableButterfly(dim3(96), 2) ||
      checkPublish(dim3(24, 4), 3) || checkPublish(dim3(20, 3), 3) ||
      checkBallotAfterReturn(64, 40) || checkBallotAfterReturn(64, 8) ||
      checkBallotAfterReturn(96, 96))
    return 1;
  printf("PASS\n");
  return 0;
}
