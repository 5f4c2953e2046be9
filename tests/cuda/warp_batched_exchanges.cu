// Independent warp exchanges one after another, which the CPU lowering
// runs as one exchange per warp: two reductions of one value (sum, max),
// reductions of two values (int, float), lone shuffles (up, down, an
// indexed one whose source lane is a run-time value, a 64-bit one), a
// ballot, with stores of the results to global memory in between; a value
// handed between lanes through shared memory around shuffles without
// __syncwarp (warp-synchronous code that works on GPUs); an exchange whose
// input is loaded after an earlier exchange's store. Blocks of 96 threads
// and a divergent branch (every third lane) take part. Every result is
// checked against a host model.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static constexpr unsigned Full = 0xffffffffu;
static constexpr int Threads = 96, Blocks = 3, Fields = 12;

__host__ __device__ int valueOf(unsigned g) {
  return (int)((g * 2654435761u) >> 9) % 1001 - 500;
}

__global__ void exchanges(const int *in, long long *out, int *scratch) {
  __shared__ int handoff[Threads];
  unsigned t = threadIdx.x, lane = t % 32;
  unsigned g = blockIdx.x * blockDim.x + t;
  long long *o = out + size_t(g) * Fields;
  int v = in[g];
  float f = v * 0.25f;
  int sum = v, mx = v;
  float fsum = f;
  for (int d = 16; d > 0; d /= 2) {
    sum += __shfl_xor_sync(Full, sum, d);
    fsum += __shfl_xor_sync(Full, fsum, d);
    mx = max(mx, __shfl_xor_sync(Full, mx, d));
  }
  o[0] = sum;
  o[1] = mx;
  o[2] = (long long)(fsum * 4.0f);
  o[3] = __shfl_up_sync(Full, v, 1);
  o[4] = __shfl_down_sync(Full, v + 1, 2);
  unsigned src = (unsigned)(v & 31);
  o[5] = __shfl_sync(Full, v * 3, src);
  double d = v * 0.5 + 1e9;
  o[6] = (long long)(__shfl_xor_sync(Full, d, 5) * 2.0);
  o[7] = __ballot_sync(Full, v > 0);
  // Through shared memory, around shuffles, without __syncwarp.
  handoff[t] = v * 7;
  int up = __shfl_up_sync(Full, v, 3);
  int neighbour = handoff[t ^ 1];
  int down = __shfl_down_sync(Full, neighbour, 1);
  o[8] = up + down;
  // An input loaded after an earlier exchange's store.
  scratch[g] = v - 1;
  int left = __shfl_up_sync(Full, v, 1);
  int loaded = scratch[g];
  o[9] = left + __shfl_xor_sync(Full, loaded, 1);
  // Every third lane: a coalesced set of lanes.
  if (lane % 3 == 0) {
    unsigned members = __activemask();
    int firstLane = __ffs(members) - 1;
    o[10] = __shfl_sync(members, v, firstLane) +
            2 * __shfl_sync(members, v + 5, firstLane + 3);
    o[11] = __ballot_sync(members, v < 0);
  } else {
    o[10] = o[11] = -1;
  }
}

/// The host model: warp w's lanes hold vals[32 * w + lane].
static void model(const std::vector<int> &vals, unsigned g, long long *want) {
  unsigned lane = g % 32, base = g - lane;
  auto V = [&](unsigned l) { return vals[base + l]; };
  auto xorReduce = [&](auto init, auto op) {
    // The butterfly exchange as on a GPU: every lane ends with the same
    // value, combined in the order of the butterfly.
    using T = decltype(init(0u));
    T x[32];
    for (unsigned l = 0; l < 32; ++l)
      x[l] = init(l);
    for (int d = 16; d > 0; d /= 2) {
      T y[32];
      for (unsigned l = 0; l < 32; ++l)
        y[l] = op(x[l], x[l ^ d]);
      std::copy(y, y + 32, x);
    }
    return x[lane];
  };
  want[0] = xorReduce([&](unsigned l) { return V(l); },
                      [](int a, int b) { return a + b; });
  want[1] = xorReduce([&](unsigned l) { return V(l); },
                      [](int a, int b) { return std::max(a, b); });
  want[2] = (long long)(xorReduce([&](unsigned l) { return V(l) * 0.25f; },
                                  [](float a, float b) { return a + b; }) *
                        4.0f);
  want[3] = lane >= 1 ? V(lane - 1) : V(lane);
  want[4] = lane + 2 < 32 ? V(lane + 2) + 1 : V(lane) + 1;
  want[5] = V((unsigned)(V(lane) & 31)) * 3;
  want[6] = (long long)((V(lane ^ 5) * 0.5 + 1e9) * 2.0);
  unsigned ballot = 0;
  for (unsigned l = 0; l < 32; ++l)
    ballot |= unsigned(V(l) > 0) << l;
  want[7] = ballot;
  int up = lane >= 3 ? V(lane - 3) : V(lane);
  unsigned from = lane + 1 < 32 ? lane + 1 : lane;
  want[8] = up + V(from ^ 1) * 7;
  want[9] = (lane >= 1 ? V(lane - 1) : V(lane)) + (V(lane ^ 1) - 1);
  if (lane % 3 == 0) {
    want[10] = V(0) + 2 * (V(3) + 5);
    unsigned negative = 0;
    for (unsigned l = 0; l < 32; l += 3)
      negative |= unsigned(V(l) < 0) << l;
    want[11] = negative;
  } else {
    want[10] = want[11] = -1;
  }
}

int main() {
  const int n = Threads * Blocks;
  std::vector<int> vals(n);
  for (int g = 0; g < n; ++g)
    vals[g] = valueOf(g);
  int *in, *scratch;
  long long *out;
  CHECK(cudaMalloc(&in, n * sizeof(int)));
  CHECK(cudaMalloc(&scratch, n * sizeof(int)));
  CHECK(cudaMalloc(&out, size_t(n) * Fields * sizeof(long long)));
  CHECK(cudaMemcpy(in, vals.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  exchanges<<<Blocks, Threads>>>(in, out, scratch);
  CHECK(cudaGetLastError());
  std::vector<long long> got(size_t(n) * Fields);
  CHECK(cudaMemcpy(got.data(), out, got.size() * sizeof(long long),
                   cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int g = 0; g < n; ++g) {
    long long want[Fields];
    model(vals, g, want);
    for (int k = 0; k < Fields; ++k)
      if (got[size_t(g) * Fields + k] != want[k] && failures++ < 10)
        printf("FAIL: thread %d field %d: got %lld, expected %lld\n", g, k,
               got[size_t(g) * Fields + k], want[k]);
  }
  CHECK(cudaFree(in));
  CHECK(cudaFree(scratch));
  CHECK(cudaFree(out));
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
