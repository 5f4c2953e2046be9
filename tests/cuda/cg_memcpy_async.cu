// cg::memcpy_async from global into shared memory by a whole block and by
// 32-thread tiles, followed by cg::wait / cg::wait_prior<N>: aligned float
// tiles staged per loop iteration (double use of one shared buffer),
// a byte-granular copy at an odd offset and length, and the element-count
// form. Every thread reads what other threads copied.
#include <cooperative_groups.h>
#include <cooperative_groups/memcpy_async.h>
#include <cstdio>
#include <vector>

namespace cg = cooperative_groups;

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int kTile = 256, kTiles = 8, kThreads = 128;

// Each block sums column-reversed tiles of its slice, staged in shared memory.
__global__ void staged(const float *in, float *out, const unsigned char *bytes,
                       unsigned char *bytesOut, int odd) {
  __shared__ float stage[kTile];
  __shared__ unsigned char raw[300];
  __shared__ int ints[kThreads];
  cg::thread_block block = cg::this_thread_block();
  const float *slice = in + blockIdx.x * kTile * kTiles;
  float acc = 0;
  for (int t = 0; t < kTiles; ++t) {
    cg::memcpy_async(block, stage, slice + t * kTile, sizeof(float) * kTile);
    cg::wait(block);
    for (int i = threadIdx.x; i < kTile; i += blockDim.x)
      acc += stage[kTile - 1 - i] * (t + 1);
    block.sync(); // before the next copy overwrites the stage
  }
  out[blockIdx.x * blockDim.x + threadIdx.x] = acc;

  // Bytes: odd source offset and odd length.
  cg::memcpy_async(block, raw, bytes + odd, odd * 37);
  cg::wait_prior<0>(block);
  for (int i = threadIdx.x; i < odd * 37; i += blockDim.x)
    bytesOut[blockIdx.x * 300 + i] = raw[odd * 37 - 1 - i];

  // Per-warp tiles, element-count form.
  auto warp = cg::tiled_partition<32>(block);
  int *mine = ints + warp.meta_group_rank() * 32;
  const int *src = reinterpret_cast<const int *>(in) + blockIdx.x * kThreads +
                   warp.meta_group_rank() * 32;
  cg::memcpy_async(warp, mine, 32, src, 32);
  cg::wait(warp);
  int other = mine[31 - warp.thread_rank()];
  warp.sync();
  out[gridDim.x * blockDim.x + blockIdx.x * blockDim.x + threadIdx.x] =
      __int_as_float(other);
}

int main() {
  const int blocks = 3, odd = 7;
  std::vector<float> in(blocks * kTile * kTiles);
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = float((i * 7919) % 1000) * 0.25f;
  std::vector<unsigned char> bytes(400);
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = (unsigned char)(i * 13 + 1);
  float *dIn, *dOut;
  unsigned char *dBytes, *dBytesOut;
  CHECK(cudaMalloc(&dIn, in.size() * sizeof(float)));
  CHECK(cudaMalloc(&dOut, 2 * blocks * kThreads * sizeof(float)));
  CHECK(cudaMalloc(&dBytes, bytes.size()));
  CHECK(cudaMalloc(&dBytesOut, blocks * 300));
  CHECK(cudaMemcpy(dIn, in.data(), in.size() * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dBytes, bytes.data(), bytes.size(), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dBytesOut, 0, blocks * 300));
  staged<<<blocks, kThreads>>>(dIn, dOut, dBytes, dBytesOut, odd);
  CHECK(cudaGetLastError());
  std::vector<float> out(2 * blocks * kThreads);
  std::vector<unsigned char> bytesOut(blocks * 300);
  CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(bytesOut.data(), dBytesOut, bytesOut.size(), cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int b = 0; b < blocks; ++b)
    for (int x = 0; x < kThreads; ++x) {
      float acc = 0;
      const float *slice = &in[b * kTile * kTiles];
      for (int t = 0; t < kTiles; ++t)
        for (int i = x; i < kTile; i += kThreads)
          acc += slice[t * kTile + kTile - 1 - i] * (t + 1);
      float got = out[b * kThreads + x];
      if (got != acc && failures++ < 10)
        printf("FAIL: block %d thread %d: sum %f expected %f\n", b, x, got, acc);
      int warpBase = x - x % 32;
      int wantInt;
      float src = in[b * kThreads + warpBase + 31 - x % 32];
      memcpy(&wantInt, &src, sizeof(int));
      float g2 = out[blocks * kThreads + b * kThreads + x];
      int gotInt;
      memcpy(&gotInt, &g2, sizeof(int));
      if (gotInt != wantInt && failures++ < 10)
        printf("FAIL: block %d thread %d: tile copy got %d expected %d\n", b, x,
               gotInt, wantInt);
    }
  for (int b = 0; b < blocks; ++b)
    for (int i = 0; i < 300; ++i) {
      unsigned char want = i < odd * 37 ? bytes[odd + odd * 37 - 1 - i] : 0;
      if (bytesOut[b * 300 + i] != want && failures++ < 10)
        printf("FAIL: block %d byte %d: got %u expected %u\n", b, i,
               bytesOut[b * 300 + i], want);
    }
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
