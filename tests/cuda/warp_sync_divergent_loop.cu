// Warp-level synchronisation that only some warps of a block reach, inside
// a loop: CUDA allows __syncwarp and shuffles under a condition uniform per
// warp but not per block. The warps that skip run ahead through the loop
// while the others wait at the warp barrier; each warp's loop counter must
// stay its own (a counter carried across the barrier was once shared by the
// whole block, and the waiting warps resumed at the skippers' iteration).
#include <cstdio>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Warps below `active` sum lane values with shuffles each round and record
// the round's sum; the others only count rounds.
__global__ void rounds(int *sums, int *counted, int iterations, int active) {
  int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  int count = 0;
  for (int it = 0; it < iterations; ++it) {
    if (warp < active) {
      int v = lane + it * 100 + warp;
      for (int offset = 16; offset > 0; offset /= 2)
        v += __shfl_down_sync(0xffffffffu, v, offset);
      __syncwarp();
      if (lane == 0)
        sums[(blockIdx.x * blockDim.x / 32 + warp) * iterations + it] = v;
    }
    ++count;
  }
  counted[blockIdx.x * blockDim.x + threadIdx.x] = count;
}

int main() {
  const int blocks = 3, threads = 256, warps = threads / 32, iterations = 7;
  int failures = 0;
  for (int active = 1; active <= warps; active += 3) {
    int *sums, *counted;
    CHECK(cudaMalloc(&sums, blocks * warps * iterations * sizeof(int)));
    CHECK(cudaMalloc(&counted, blocks * threads * sizeof(int)));
    CHECK(cudaMemset(sums, 0xff, blocks * warps * iterations * sizeof(int)));
    rounds<<<blocks, threads>>>(sums, counted, iterations, active);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    std::vector<int> hs(blocks * warps * iterations), hc(blocks * threads);
    CHECK(cudaMemcpy(hs.data(), sums, hs.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(hc.data(), counted, hc.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b)
      for (int w = 0; w < warps; ++w)
        for (int it = 0; it < iterations; ++it) {
          int got = hs[(b * warps + w) * iterations + it];
          int want = w < active ? 496 + 32 * (it * 100 + w) : -1;
          if (got != want && ++failures <= 5)
            printf("FAIL: active %d block %d warp %d round %d: %d, want %d\n",
                   active, b, w, it, got, want);
        }
    for (int t = 0; t < blocks * threads; ++t)
      if (hc[t] != iterations && ++failures <= 5)
        printf("FAIL: thread %d counted %d rounds\n", t, hc[t]);
    cudaFree(sums);
    cudaFree(counted);
  }
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
