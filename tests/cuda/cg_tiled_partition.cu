// Static tiles thread_block_tile<N> for every N = 1, 2, 4, 8, 16, 32 from
// tiled_partition<N>(block): thread_rank, size/num_threads, meta_group_rank
// and meta_group_size, shfl/shfl_up/shfl_down/shfl_xor (int and double),
// ballot/any/all, match_any/match_all (results in tile ranks), tile.sync()
// around a shared-memory exchange, tiles of tiles, and the run-time
// tiled_partition(block, n). Block sizes 96, 80 and 100 (partial last
// warp): on a tile cut short by the end of the block, votes and matches
// cover the threads that exist, and shuffles (whose source may be missing)
// are not checked.
#include <cooperative_groups.h>
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

__host__ __device__ int value_of(unsigned t) { return (t * 37 + 11) % 23; }

template <unsigned N> __global__ void tiles(unsigned *out) {
  __shared__ int sh[1024];
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<N> tile = cg::tiled_partition<N>(block);
  unsigned t = block.thread_rank();
  unsigned *o = out + (blockIdx.x * block.size() + t) * kFields;
  int v = value_of(t);
  unsigned r = tile.thread_rank();
  o[0] = r;
  o[1] = tile.size();
  o[2] = tile.num_threads();
  o[3] = tile.meta_group_rank();
  o[4] = tile.meta_group_size();
  o[5] = tile.shfl(v, (r + 1) % N);
  o[6] = tile.shfl_up(v, 1);
  o[7] = tile.shfl_down(v, 1);
  o[8] = tile.shfl_xor(v, N > 1 ? N / 2 : 0);
  o[9] = tile.ballot(v & 1);
  o[10] = tile.any(v == 0);
  o[11] = tile.all(v < 22);
  o[12] = tile.match_any(v % 3);
  int pred = -1;
  o[13] = tile.match_all(t / N, pred);
  o[14] = pred;
  o[15] = tile.match_all(r == 0 ? 1 : 0, pred);
  // Exchange through shared memory, ordered by tile.sync().
  sh[t] = v;
  tile.sync();
  o[16] = sh[t - r + (r + N - 1) % N];
  tile.sync();
  double d = v * 0.5 + 1e10;
  o[17] = (unsigned)(tile.shfl(d, N - 1 - r) * 2.0 - 2e10);
  // Tiles of tiles: halves of this tile.
  auto sub = cg::tiled_partition<(N > 1 ? N / 2 : 1)>(tile);
  o[18] = sub.meta_group_rank() * 100 + sub.meta_group_size();
  // The run-time form.
  cg::thread_group dyn = cg::tiled_partition(block, N);
  o[19] = dyn.thread_rank();
  o[20] = dyn.size();
  o[21] = dyn.meta_group_rank();
}

template <unsigned N> int run(unsigned threads) {
  const unsigned blocks = 2;
  size_t n = size_t(threads) * blocks * kFields;
  unsigned *d;
  CHECK(cudaMalloc(&d, n * sizeof(unsigned)));
  CHECK(cudaMemset(d, 0xff, n * sizeof(unsigned)));
  tiles<N><<<blocks, threads>>>(d);
  CHECK(cudaGetLastError());
  std::vector<unsigned> h(n);
  CHECK(cudaMemcpy(h.data(), d, n * sizeof(unsigned), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  int failures = 0;
  const unsigned sub = N > 1 ? N / 2 : 1;
  for (unsigned b = 0; b < blocks; ++b)
    for (unsigned t = 0; t < threads; ++t) {
      const unsigned *o = &h[(size_t(b) * threads + t) * kFields];
      unsigned r = t % N, base = t - r;
      bool full = base + N <= threads;
      auto val = [&](unsigned rank) { return (unsigned)value_of(base + rank); };
      unsigned ballot = 0, any = 0, all = 1, match = 0;
      unsigned tileMask = 0;
      for (unsigned k = 0; k < N && base + k < threads; ++k) {
        tileMask |= 1u << k;
        ballot |= (val(k) & 1) << k;
        any |= val(k) == 0;
        all &= val(k) < 22;
        if (val(k) % 3 == val(r) % 3)
          match |= 1u << k;
      }
      unsigned want[kFields] = {
          r, N, N, t / N, (threads + N - 1) / N, val((r + 1) % N),
          r >= 1 ? val(r - 1) : val(r), r + 1 < N ? val(r + 1) : val(r),
          val(r ^ (N > 1 ? N / 2 : 0)), ballot, any, all, match, tileMask, 1,
          N == 1 ? 1u : 0u, val((r + N - 1) % N), val(N - 1 - r),
          (r / sub) * 100 + N / sub, r, N, t / N};
      for (int f = 0; f < kFields; ++f) {
        bool shuffle = (f >= 5 && f <= 8) || f == 16 || f == 17;
        if (shuffle && !full)
          continue;
        if (o[f] != want[f] && failures++ < 10)
          printf("FAIL: N=%u threads=%u block %u thread %u field %d: got %u "
                 "expected %u\n",
                 N, threads, b, t, f, o[f], want[f]);
      }
    }
  return failures;
}

template <unsigned N> int runAll() {
  return run<N>(96) + run<N>(80) + run<N>(100);
}

int main() {
  int failures = runAll<1>() + runAll<2>() + runAll<4>() + runAll<8>() +
                 runAll<16>() + runAll<32>();
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
