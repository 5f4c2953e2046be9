// Block reductions whose last steps only some threads run, the others
// having returned: warp 0 alone (the usual pattern), a range of threads
// that is not warp-aligned, every other thread (not one range), and a 2-D
// block. Each checks shuffles, a later barrier-free store, and
// __syncthreads among the threads still running, against a host model.
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
  for (int offset = 16; offset > 0; offset >>= 1)
    v += __shfl_down_sync(0xffffffffu, v, offset);
  return v;
}

// Warp 0 reduces the per-warp partial sums; the other warps return.
__global__ void warpZeroFinishes(const int *in, int *out) {
  __shared__ int partial[32];
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  int threads = blockDim.x * blockDim.y;
  int v = warpSum(in[blockIdx.x * threads + t]);
  if (t % 32 == 0)
    partial[t / 32] = v;
  __syncthreads();
  if (t >= 32)
    return;
  v = t < (threads + 31) / 32 ? partial[t] : 0;
  v = warpSum(v);
  if (t == 0)
    out[blockIdx.x] = v;
}

// Threads [lo, hi) keep going (not warp-aligned), through a barrier.
__global__ void rangeContinues(int lo, int hi, int *out) {
  __shared__ int seen[256];
  int t = threadIdx.x;
  seen[t] = 0;
  __syncthreads();
  if (t < lo || t >= hi)
    return;
  seen[t] = t * 3;
  int next = __shfl_down_sync(__activemask(), t, 1);
  __syncthreads();
  // Only a source lane that is still running gives a defined value.
  bool srcLive = (t + 1) % 32 != 0 && t + 1 < hi;
  out[blockIdx.x * blockDim.x + t] = seen[t] + (srcLive ? next : -1) * 1000;
}

// Every other thread keeps going: the live threads are not one range.
__global__ void oddContinue(int *out) {
  __shared__ int vals[256];
  int t = threadIdx.x;
  vals[t] = t;
  __syncthreads();
  if (t % 2 == 0)
    return;
  vals[t] += vals[t - 1];
  __syncthreads();
  out[blockIdx.x * blockDim.x + t] = vals[t] + (t > 1 ? vals[t - 2] : 0);
}

int main() {
  int failures = 0;
  const int blocks = 5;

  // 1-D blocks of 256 and 96 threads, and a 2-D block of 32 x 4.
  struct Shape {
    dim3 block;
  } shapes[] = {{dim3(256)}, {dim3(96)}, {dim3(32, 4)}};
  for (auto &shape : shapes) {
    int threads = shape.block.x * shape.block.y;
    std::vector<int> in(blocks * threads);
    for (size_t i = 0; i < in.size(); ++i)
      in[i] = int(i * 7 % 101) - 50;
    int *dIn, *dOut;
    CHECK(cudaMalloc(&dIn, in.size() * sizeof(int)));
    CHECK(cudaMalloc(&dOut, blocks * sizeof(int)));
    CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(int),
                     cudaMemcpyHostToDevice));
    warpZeroFinishes<<<blocks, shape.block>>>(dIn, dOut);
    CHECK(cudaGetLastError());
    std::vector<int> out(blocks);
    CHECK(cudaMemcpy(out.data(), dOut, blocks * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b) {
      int want = 0;
      for (int t = 0; t < threads; ++t)
        want += in[b * threads + t];
      if (out[b] != want) {
        printf("FAIL: warpZeroFinishes %d threads block %d: %d, want %d\n",
               threads, b, out[b], want);
        ++failures;
      }
    }
    CHECK(cudaFree(dIn));
    CHECK(cudaFree(dOut));
  }

  const int threads = 256;
  int *dOut;
  CHECK(cudaMalloc(&dOut, blocks * threads * sizeof(int)));
  std::vector<int> out(blocks * threads);
  struct Range {
    int lo, hi;
  } ranges[] = {{40, 72}, {0, 32}, {64, 256}, {5, 6}, {100, 231}};
  for (auto r : ranges) {
    CHECK(cudaMemset(dOut, 0xff, blocks * threads * sizeof(int)));
    rangeContinues<<<blocks, threads>>>(r.lo, r.hi, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b)
      for (int t = 0; t < threads; ++t) {
        int got = out[b * threads + t];
        int want = -1;
        if (t >= r.lo && t < r.hi) {
          bool srcLive = (t + 1) % 32 != 0 && t + 1 < r.hi;
          want = t * 3 + (srcLive ? t + 1 : -1) * 1000;
        }
        if (got != want) {
          printf("FAIL: rangeContinues [%d,%d) t %d: %d, want %d\n", r.lo, r.hi,
                 t, got, want);
          ++failures;
          break;
        }
      }
  }

  CHECK(cudaMemset(dOut, 0xff, blocks * threads * sizeof(int)));
  oddContinue<<<blocks, threads>>>(dOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < threads; ++t) {
      int want = -1;
      if (t % 2)
        want = (2 * t - 1) + (t > 1 ? 2 * t - 5 : 0);
      if (out[b * threads + t] != want) {
        printf("FAIL: oddContinue t %d: %d, want %d\n", t, out[b * threads + t],
               want);
        ++failures;
        break;
      }
    }
  CHECK(cudaFree(dOut));
  if (failures)
    return 1;
  printf("PASS\n");
  return 0;
}
