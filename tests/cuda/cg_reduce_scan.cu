// cg::reduce with cg::plus/less/greater/bit_and/bit_or/bit_xor (int,
// unsigned, float, double) on tiles of 1..32 threads; cg::inclusive_scan
// and cg::exclusive_scan (default plus, and explicit ops) on tiles of
// 4/8/16/32; the same on a coalesced group formed in a divergent branch
// (lanes whose value is not a multiple of 3, in the kernel with tiles of
// 32), where ranks are dense.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cooperative_groups/scan.h>
#include <algorithm>
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

constexpr int kFields = 22;
constexpr unsigned kThreads = 128, kBlocks = 2;

__host__ __device__ int value_of(unsigned g) {
  return (int)((g * 2654435761u) >> 7) % 201 - 100; // -100..100
}

template <unsigned N> __global__ void reduce_scan(long long *out) {
  cg::thread_block block = cg::this_thread_block();
  auto tile = cg::tiled_partition<N>(block);
  unsigned g = blockIdx.x * blockDim.x + threadIdx.x;
  long long *o = out + size_t(g) * kFields;
  int v = value_of(g);
  unsigned u = (unsigned)v * 2654435761u;
  o[0] = cg::reduce(tile, v, cg::plus<int>());
  o[1] = cg::reduce(tile, v, cg::less<int>());
  o[2] = cg::reduce(tile, v, cg::greater<int>());
  o[3] = cg::reduce(tile, u, cg::bit_and<unsigned>());
  o[4] = cg::reduce(tile, u, cg::bit_or<unsigned>());
  o[5] = cg::reduce(tile, u, cg::bit_xor<unsigned>());
  o[6] = (long long)cg::reduce(tile, v * 0.5f, cg::plus<float>()) * 2;
  o[7] = (long long)cg::reduce(tile, v * 0.25, cg::greater<double>()) * 4;
  o[8] = cg::inclusive_scan(tile, v);
  o[9] = cg::exclusive_scan(tile, v);
  o[10] = cg::inclusive_scan(tile, v, cg::greater<int>());
  o[11] = cg::exclusive_scan(tile, u, cg::bit_xor<unsigned>());
  o[12] = cg::inclusive_scan(tile, (long long)v * 1000000007LL);
  // Divergent branch: a coalesced group of the lanes that took it. It does
  // not depend on the tile size: checked in one kernel only (each copy
  // costs seconds of compile time on every ISA).
  if (N == 32 && v % 3 != 0) {
    cg::coalesced_group active = cg::coalesced_threads();
    o[13] = active.size();
    o[14] = active.thread_rank();
    o[15] = cg::reduce(active, v, cg::plus<int>());
    o[16] = cg::reduce(active, v, cg::less<int>());
    o[17] = cg::inclusive_scan(active, v);
    o[18] = cg::exclusive_scan(active, v);
    o[19] = cg::inclusive_scan(active, u, cg::bit_or<unsigned>());
    o[20] = cg::exclusive_scan(active, v, cg::greater<int>());
    o[21] = cg::reduce(active, u, cg::bit_xor<unsigned>());
  } else {
    for (int f = 13; f < kFields; ++f)
      o[f] = -1;
  }
}

template <unsigned N> int run() {
  size_t n = size_t(kThreads) * kBlocks * kFields;
  long long *d;
  CHECK(cudaMalloc(&d, n * sizeof(long long)));
  reduce_scan<N><<<kBlocks, kThreads>>>(d);
  CHECK(cudaGetLastError());
  std::vector<long long> h(n);
  CHECK(cudaMemcpy(h.data(), d, n * sizeof(long long), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  int failures = 0;
  for (unsigned g = 0; g < kThreads * kBlocks; ++g) {
    const long long *o = &h[size_t(g) * kFields];
    unsigned r = g % N, base = g - r;
    auto V = [](unsigned x) { return value_of(x); };
    auto U = [](unsigned x) { return (unsigned)value_of(x) * 2654435761u; };
    long long want[kFields];
    int sum = 0, mn = V(base), mx = V(base);
    unsigned a = ~0u, orr = 0, x = 0;
    float fs = 0;
    for (unsigned k = 0; k < N; ++k) {
      sum += V(base + k);
      mn = std::min(mn, V(base + k));
      mx = std::max(mx, V(base + k));
      a &= U(base + k);
      orr |= U(base + k);
      x ^= U(base + k);
      fs += V(base + k) * 0.5f;
    }
    int inc = 0, incMax = V(base);
    unsigned exXor = 0;
    long long incLong = 0;
    for (unsigned k = 0; k <= r; ++k) {
      inc += V(base + k);
      incMax = std::max(incMax, V(base + k));
      incLong += (long long)V(base + k) * 1000000007LL;
      if (k < r)
        exXor ^= U(base + k);
    }
    long long head[] = {sum, mn, mx, a, orr, x, (long long)fs * 2,
                        (long long)(mx * 0.25) * 4, inc, inc - V(g), incMax,
                        exXor, incLong};
    std::copy(head, head + 13, want);
    // Coalesced group: lanes of this warp with value % 3 != 0.
    unsigned wbase = g - g % 32;
    if (N == 32 && V(g) % 3 != 0) {
      std::vector<unsigned> members;
      for (unsigned k = wbase; k < wbase + 32; ++k)
        if (V(k) % 3 != 0)
          members.push_back(k);
      unsigned rank = std::find(members.begin(), members.end(), g) - members.begin();
      int s = 0, m = V(members[0]), pre = 0, preMax = 0;
      unsigned preOr = 0, cx = 0;
      for (unsigned i = 0; i < members.size(); ++i) {
        s += V(members[i]);
        m = std::min(m, V(members[i]));
        cx ^= U(members[i]);
        if (i <= rank) {
          pre += V(members[i]);
          preOr |= U(members[i]);
        }
        if (i < rank)
          preMax = i == 0 ? V(members[i]) : std::max(preMax, V(members[i]));
      }
      long long tail[] = {(long long)members.size(), rank, s, m, pre,
                          pre - V(g), preOr, rank == 0 ? 0 : preMax, cx};
      std::copy(tail, tail + 9, want + 13);
    } else {
      for (int f = 13; f < kFields; ++f)
        want[f] = -1;
    }
    for (int f = 0; f < kFields; ++f)
      if (o[f] != want[f] && failures++ < 10)
        printf("FAIL: N=%u thread %u field %d: got %lld expected %lld\n", N, g,
               f, o[f], want[f]);
  }
  return failures;
}

int main() {
  int failures = run<1>() + run<2>() + run<4>() + run<8>() + run<16>() + run<32>();
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
