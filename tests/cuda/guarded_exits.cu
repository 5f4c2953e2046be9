// Regions whose opening `if (threadIdx.x < U)` sends the block's threads
// two different ways: the passing ones on to a warp collective, a barrier
// or the end of the kernel, the others (which do nothing on the way) to
// the end or to another barrier. The CPU lowering runs only the passing
// threads when the block is in step and records both groups in bulk.
// Covers the block reduction's `if (warp == 0)` with the other warps
// returning or waiting at the next __syncthreads(), block sizes that are
// not whole warps, bounds from the host (negative, zero, inside the block,
// past its end), a guard after some threads have returned (the range the
// region runs does not start at 0), such a region inside a loop, and 2-D
// blocks (where the passing threads are no single range of threads). Each
// result is checked against a host reference.
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

__device__ int warpSum(int v) {
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_down_sync(0xffffffffu, v, o);
  return v;
}

// Warp sums meet in shared memory; warp 0 folds them, the others return.
__global__ void warpZeroReturns(const int *in, int *out) {
  __shared__ int partial[32];
  int t = threadIdx.x, lane = t % 32, warp = t / 32;
  int warps = (blockDim.x + 31) / 32;
  int v = warpSum(in[blockIdx.x * blockDim.x + t]);
  if (lane == 0)
    partial[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < warps ? partial[lane] : 0;
    v = warpSum(v);
    if (lane == 0)
      out[blockIdx.x] = v;
  }
}

// The same fold, but the other warps wait at a barrier and then use the
// total (a layernorm's mean).
__global__ void warpZeroThenAll(const int *in, int *out) {
  __shared__ int partial[32];
  __shared__ int total;
  int t = threadIdx.x, lane = t % 32, warp = t / 32;
  int warps = (blockDim.x + 31) / 32;
  int x = in[blockIdx.x * blockDim.x + t];
  int v = warpSum(x);
  if (lane == 0)
    partial[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < warps ? partial[lane] : 0;
    v = warpSum(v);
    if (lane == 0)
      total = v;
  }
  __syncthreads();
  out[blockIdx.x * blockDim.x + t] = total - x;
}

// Threads below k write and return; the rest wait at a barrier, then
// read a neighbour's value written before the first barrier.
__global__ void belowReturns(int *out, int k) {
  __shared__ int buf[128];
  int t = threadIdx.x, n = blockDim.x;
  buf[t] = 3 * t + 1;
  __syncthreads();
  if (t < k) {
    out[t] = -buf[t];
    return;
  }
  __syncthreads();
  out[t] = buf[(t + 1) % n] + buf[t];
}

// Threads below lo return first: the live threads start at lo. Of them,
// those below hi add their neighbours' values, in a warp collective, the
// rest wait at the barrier.
__global__ void guardAfterReturns(int *out, int lo, int hi) {
  __shared__ int buf[128];
  int t = threadIdx.x;
  buf[t] = t + 1;
  if (t < lo) {
    out[t] = 0;
    return;
  }
  __syncthreads();
  if (t < hi) {
    int v = __shfl_xor_sync(__activemask(), buf[t], 1);
    buf[t] += 1000 * (v & 1);
  }
  __syncthreads();
  out[t] = buf[t];
}

// A guarded warp fold in every round of a loop between barriers.
__global__ void roundsOfWarpZero(const int *in, int *out, int rounds) {
  __shared__ int acc[8];
  int t = threadIdx.x;
  for (int r = 0; r < rounds; ++r) {
    __syncthreads();
    if (t < 32) {
      int v = warpSum(in[r * 32 + t]);
      if (t == 0)
        acc[r] = v;
    }
    __syncthreads();
  }
  if (t < rounds)
    out[t] = acc[t];
}

// 16x4 block: columns 8..15 return, the others fold their row's pairs.
__global__ void rowHalvesReturn(const int *in, int *out) {
  __shared__ int tile[4][16];
  int x = threadIdx.x, y = threadIdx.y;
  tile[y][x] = in[y * 16 + x];
  __syncthreads();
  if (x >= 8)
    return;
  __syncthreads();
  out[y * 8 + x] = tile[y][x] + tile[y][x + 8];
}

static int hostWarpZero(const std::vector<int> &in, int block, int b) {
  int s = 0;
  for (int t = 0; t < block; ++t)
    s += in[b * block + t];
  return s;
}

static int checkWarpZero(int block) {
  const int blocks = 5, n = blocks * block;
  std::vector<int> in(n), out(blocks), all(n);
  for (int i = 0; i < n; ++i)
    in[i] = (i * 7919) % 23 - 11;
  int *dIn, *dOut, *dAll;
  CHECK(cudaMalloc(&dIn, n * sizeof(int)));
  CHECK(cudaMalloc(&dOut, blocks * sizeof(int)));
  CHECK(cudaMalloc(&dAll, n * sizeof(int)));
  CHECK(cudaMemcpy(dIn, in.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  warpZeroReturns<<<blocks, block>>>(dIn, dOut);
  warpZeroThenAll<<<blocks, block>>>(dIn, dAll);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, blocks * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(all.data(), dAll, n * sizeof(int), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int b = 0; b < blocks; ++b) {
    int want = hostWarpZero(in, block, b);
    if (out[b] != want && bad++ < 5)
      printf("warpZeroReturns block %d of %d: got %d want %d\n", b, block,
             out[b], want);
    for (int t = 0; t < block; ++t) {
      int i = b * block + t;
      if (all[i] != want - in[i] && bad++ < 5)
        printf("warpZeroThenAll block %d of %d thread %d: got %d want %d\n", b,
               block, t, all[i], want - in[i]);
    }
  }
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  CHECK(cudaFree(dAll));
  return bad;
}

static int checkBelowReturns(int n, int k) {
  std::vector<int> out(n);
  int *d;
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  belowReturns<<<1, n>>>(d, k);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), d, n * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  int bad = 0;
  for (int t = 0; t < n; ++t) {
    int want = t < k ? -(3 * t + 1) : 3 * ((t + 1) % n) + 1 + 3 * t + 1;
    if (out[t] != want && bad++ < 5)
      printf("belowReturns n=%d k=%d t=%d: got %d want %d\n", n, k, t, out[t],
             want);
  }
  return bad;
}

static int checkGuardAfterReturns(int n, int lo, int hi) {
  std::vector<int> out(n);
  int *d;
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  guardAfterReturns<<<1, n>>>(d, lo, hi);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), d, n * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  int bad = 0;
  for (int t = 0; t < n; ++t) {
    int want = t + 1;
    if (t < lo) {
      want = 0;
    } else if (t < hi) {
      // The partner's value, when the partner is live and below hi too
      // (its own buf is t ^ 1 plus one); a lane whose partner did not
      // arrive reads its own value (CUDA leaves it undefined: both
      // partners are always live here, see below).
      int partner = t ^ 1;
      want += 1000 * ((partner + 1) & 1);
    }
    if (out[t] != want && bad++ < 5)
      printf("guardAfterReturns n=%d lo=%d hi=%d t=%d: got %d want %d\n", n,
             lo, hi, t, out[t], want);
  }
  return bad;
}

static int checkRounds(int block) {
  const int rounds = 8;
  std::vector<int> in(rounds * 32), out(rounds);
  for (int i = 0; i < rounds * 32; ++i)
    in[i] = i % 13 - 6;
  int *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, in.size() * sizeof(int)));
  CHECK(cudaMalloc(&dOut, rounds * sizeof(int)));
  CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  roundsOfWarpZero<<<1, block>>>(dIn, dOut, rounds);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, rounds * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  int bad = 0;
  for (int r = 0; r < rounds; ++r) {
    int want = 0;
    for (int l = 0; l < 32; ++l)
      want += in[r * 32 + l];
    if (out[r] != want && bad++ < 5)
      printf("roundsOfWarpZero block %d round %d: got %d want %d\n", block, r,
             out[r], want);
  }
  return bad;
}

static int checkRowHalves() {
  std::vector<int> in(64), out(32);
  for (int i = 0; i < 64; ++i)
    in[i] = i * i % 17;
  int *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, 64 * sizeof(int)));
  CHECK(cudaMalloc(&dOut, 32 * sizeof(int)));
  CHECK(cudaMemcpy(dIn, in.data(), 64 * sizeof(int), cudaMemcpyHostToDevice));
  rowHalvesReturn<<<1, dim3(16, 4)>>>(dIn, dOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, 32 * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dOut));
  int bad = 0;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 8; ++x) {
      int want = in[y * 16 + x] + in[y * 16 + x + 8];
      if (out[y * 8 + x] != want && bad++ < 5)
        printf("rowHalvesReturn (%d,%d): got %d want %d\n", x, y,
               out[y * 8 + x], want);
    }
  return bad;
}

int main() {
  int bad = 0;
  // Whole warps: the full-mask shuffles name every lane.
  for (int block : {32, 64, 96, 256, 1024})
    bad += checkWarpZero(block);
  for (int n : {40, 64, 128})
    for (int k : {-3, 0, 1, 5, 32, 39, n, n + 7})
      bad += checkBelowReturns(n, k);
  // Partners (t, t ^ 1) are both live and both below hi: lo and hi even.
  for (int n : {64, 128})
    for (int lo : {0, 2, 32, 40})
      for (int hi : {0, 2, 34, 64, n})
        bad += checkGuardAfterReturns(n, lo, hi);
  for (int block : {32, 33, 64, 256})
    bad += checkRounds(block);
  bad += checkRowHalves();
  if (bad) {
    printf("FAIL: %d mismatches\n", bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
