// coalesced_threads() in divergent branches (odd lanes; lanes below 20 of
// those; a partial last warp): size, dense thread_rank, shfl by rank,
// shfl_up/shfl_down (own value past the ends), ballot/match_any in ranks,
// any/all, sync; labeled_partition of a tile and of a coalesced group;
// binary_partition of a tile; cg::reduce over the partitions; a coalesced
// group used through thread_group.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
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

constexpr int kFields = 20;
constexpr unsigned kThreads = 112; // 3.5 warps

__host__ __device__ int value_of(unsigned t) { return (t * 29 + 5) % 17; }

__device__ unsigned group_rank(cg::thread_group g) {
  g.sync();
  return (unsigned)g.thread_rank() * 1000 + (unsigned)g.size();
}

__global__ void coalesced(int *out) {
  unsigned t = threadIdx.x;
  int *o = out + t * kFields;
  int v = value_of(t);
  for (int f = 0; f < kFields; ++f)
    o[f] = -1;
  if (t & 1) {
    cg::coalesced_group odd = cg::coalesced_threads();
    o[0] = odd.size();
    o[1] = odd.thread_rank();
    o[2] = odd.shfl(v, 0);
    o[3] = odd.shfl(v, (odd.thread_rank() + 1) % odd.size());
    o[4] = odd.shfl_up(v, 2);
    o[5] = odd.shfl_down(v, 3);
    o[6] = odd.ballot(v > 8);
    o[7] = odd.any(v == 16) * 10 + odd.all(v < 17);
    o[8] = odd.match_any(v & 3);
    odd.sync();
    o[9] = group_rank(odd);
    if ((t & 31) < 20) {
      cg::coalesced_group inner = cg::coalesced_threads();
      o[10] = inner.size() * 100 + inner.thread_rank();
      o[11] = cg::reduce(inner, v, cg::plus<int>());
    }
    // Labels among the odd lanes.
    cg::coalesced_group byLabel = cg::labeled_partition(odd, v % 3);
    o[12] = byLabel.size() * 100 + byLabel.thread_rank();
    o[13] = cg::reduce(byLabel, v, cg::greater<int>());
  } else {
    cg::thread_block_tile<32> warp = cg::tiled_partition<32>(cg::this_thread_block());
    (void)warp;
    o[0] = 0;
  }
  cg::thread_block_tile<32> warp = cg::tiled_partition<32>(cg::this_thread_block());
  cg::coalesced_group lab = cg::labeled_partition(warp, (t / 3) % 4);
  o[14] = lab.size() * 100 + lab.thread_rank();
  o[15] = cg::reduce(lab, v, cg::plus<int>());
  cg::coalesced_group bin = cg::binary_partition(warp, v >= 8);
  o[16] = bin.size() * 100 + bin.thread_rank();
  o[17] = cg::reduce(bin, v, cg::less<int>());
  o[18] = bin.ballot(v & 1);
  cg::sync(bin);
  o[19] = bin.shfl(v, bin.size() - 1);
}

int main() {
  int *d;
  size_t n = size_t(kThreads) * kFields;
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  coalesced<<<1, kThreads>>>(d);
  CHECK(cudaGetLastError());
  std::vector<int> h(n);
  CHECK(cudaMemcpy(h.data(), d, n * sizeof(int), cudaMemcpyDeviceToHost));
  int failures = 0;
  auto V = [](unsigned t) { return value_of(t); };
  // Members of t's warp (existing threads only) satisfying Pred.
  auto members = [&](unsigned t, auto pred) {
    std::vector<unsigned> m;
    unsigned base = t - t % 32;
    for (unsigned k = base; k < std::min(base + 32, kThreads); ++k)
      if (pred(k))
        m.push_back(k);
    return m;
  };
  auto rankOf = [](const std::vector<unsigned> &m, unsigned t) {
    return int(std::find(m.begin(), m.end(), t) - m.begin());
  };
  auto rankMask = [&](const std::vector<unsigned> &m, auto pred) {
    int bits = 0;
    for (unsigned i = 0; i < m.size(); ++i)
      if (pred(m[i]))
        bits |= 1 << i;
    return bits;
  };
  for (unsigned t = 0; t < kThreads; ++t) {
    const int *o = &h[t * kFields];
    int want[kFields];
    std::fill(want, want + kFields, -1);
    if (t & 1) {
      auto odd = members(t, [](unsigned k) { return (k & 1) != 0; });
      int n = odd.size(), r = rankOf(odd, t);
      want[0] = n;
      want[1] = r;
      want[2] = V(odd[0]);
      want[3] = V(odd[(r + 1) % n]);
      want[4] = r >= 2 ? V(odd[r - 2]) : V(t);
      want[5] = r + 3 < n ? V(odd[r + 3]) : V(t);
      want[6] = rankMask(odd, [&](unsigned k) { return V(k) > 8; });
      bool any = false, all = true;
      for (unsigned k : odd) {
        any |= V(k) == 16;
        all &= V(k) < 17;
      }
      want[7] = any * 10 + all;
      want[8] = rankMask(odd, [&](unsigned k) { return (V(k) & 3) == (V(t) & 3); });
      want[9] = r * 1000 + n;
      if ((t & 31) < 20) {
        auto in = members(t, [](unsigned k) { return (k & 1) && (k & 31) < 20; });
        int s = 0;
        for (unsigned k : in)
          s += V(k);
        want[10] = in.size() * 100 + rankOf(in, t);
        want[11] = s;
      }
      auto lab = members(t, [&](unsigned k) { return (k & 1) && V(k) % 3 == V(t) % 3; });
      int mx = 0;
      for (unsigned k : lab)
        mx = std::max(mx, V(k));
      want[12] = lab.size() * 100 + rankOf(lab, t);
      want[13] = mx;
    } else {
      want[0] = 0;
    }
    auto lab = members(t, [&](unsigned k) { return (k / 3) % 4 == (t / 3) % 4; });
    int s = 0;
    for (unsigned k : lab)
      s += V(k);
    want[14] = lab.size() * 100 + rankOf(lab, t);
    want[15] = s;
    auto bin = members(t, [&](unsigned k) { return (V(k) >= 8) == (V(t) >= 8); });
    int mn = 100;
    for (unsigned k : bin)
      mn = std::min(mn, V(k));
    want[16] = bin.size() * 100 + rankOf(bin, t);
    want[17] = mn;
    want[18] = rankMask(bin, [&](unsigned k) { return V(k) & 1; });
    want[19] = V(bin.back());
    for (int f = 0; f < kFields; ++f)
      if (o[f] != want[f] && failures++ < 10)
        printf("FAIL: thread %u field %d: got %d expected %d\n", t, f, o[f], want[f]);
  }
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
