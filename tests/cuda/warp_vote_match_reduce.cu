// Votes, ballots, match, __reduce_*_sync and __activemask, with full and
// partial masks, inside divergent branches (only the lanes that take the
// branch participate), and with a partial last warp (block of 48 threads).
// Every __reduce_*_sync operation runs over a partial mask too, with values
// for which a non-member lane counted as 0 would change the result.
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

constexpr int kFields = 16;

__global__ void collectives(unsigned *out) {
  int t = threadIdx.x;
  unsigned *o = out + t * kFields;
  int v = (t * 37) % 11;
  o[0] = __ballot_sync(0xffffffffu, v > 5);
  o[1] = __all_sync(0xffffffffu, v < 11);
  o[2] = __any_sync(0xffffffffu, v == 10);
  o[3] = __match_any_sync(0xffffffffu, v % 3);
  int pred = -1;
  o[4] = __match_all_sync(0xffffffffu, t / 64, &pred);
  o[5] = pred;
  o[6] = __reduce_add_sync(0xffffffffu, (unsigned)v);
  o[7] = __reduce_max_sync(0xffffffffu, v - 5);
  o[8] = __reduce_min_sync(0xffffffffu, (unsigned)v);
  o[9] = __activemask();
  o[12] = __reduce_min_sync(0xffffffffu, v - 5);           // signed
  o[13] = __reduce_max_sync(0xffffffffu, (unsigned)v * 3u); // unsigned
  // Divergent: only even lanes take the branch.
  if ((t & 1) == 0) {
    o[10] = __activemask();
    o[11] = __ballot_sync(0x55555555u, v > 2);
    o[14] = __reduce_min_sync(0x55555555u, 100 - t); // all above 0
    o[15] = __reduce_max_sync(0x55555555u, t - 100); // all below 0
  } else {
    o[10] = __reduce_xor_sync(0xaaaaaaaau, (unsigned)t);
    o[11] = 7;
    o[14] = __reduce_and_sync(0xaaaaaaaau, ~(unsigned)t);
    o[15] = __reduce_or_sync(0xaaaaaaaau, 1u << (t % 5));
  }
}

int main() {
  const int threads = 48;
  unsigned *d;
  CHECK(cudaMalloc(&d, threads * kFields * sizeof(unsigned)));
  collectives<<<1, threads>>>(d);
  CHECK(cudaGetLastError());
  std::vector<unsigned> h(threads * kFields);
  CHECK(cudaMemcpy(h.data(), d, h.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));

  int failures = 0;
  auto expect = [&](int t, int field, unsigned want) {
    unsigned got = h[t * kFields + field];
    if (got != want && failures++ < 10)
      printf("FAIL: thread %d field %d: got 0x%x expected 0x%x\n", t, field,
             got, want);
  };
  for (int t = 0; t < threads; ++t) {
    int warp = t / 32, first = warp * 32;
    int last = first + 32 < threads ? first + 32 : threads;
    unsigned present = 0;
    for (int u = first; u < last; ++u)
      present |= 1u << (u - first);
    auto val = [](int u) { return (u * 37) % 11; };
    unsigned ballot = 0, sameMod = 0, sum = 0, evens = 0, evenBallot = 0,
             oddXor = 0, umx = 0, oddAnd = ~0u, oddOr = 0;
    int mx = -1000, smn = 1000, evenMin = 1000, evenMax = -1000;
    unsigned mn = ~0u;
    bool any10 = false;
    for (int u = first; u < last; ++u) {
      unsigned bit = 1u << (u - first);
      if (val(u) > 5) ballot |= bit;
      if (val(u) % 3 == val(t) % 3) sameMod |= bit;
      sum += val(u);
      mx = mx > val(u) - 5 ? mx : val(u) - 5;
      mn = mn < (unsigned)val(u) ? mn : (unsigned)val(u);
      smn = smn < val(u) - 5 ? smn : val(u) - 5;
      umx = umx > (unsigned)val(u) * 3u ? umx : (unsigned)val(u) * 3u;
      any10 |= val(u) == 10;
      if ((u & 1) == 0) {
        evens |= bit;
        if (val(u) > 2) evenBallot |= bit;
        evenMin = evenMin < 100 - u ? evenMin : 100 - u;
        evenMax = evenMax > u - 100 ? evenMax : u - 100;
      } else {
        oddXor ^= u;
        oddAnd &= ~(unsigned)u;
        oddOr |= 1u << (u % 5);
      }
    }
    expect(t, 0, ballot);
    expect(t, 1, 1);
    expect(t, 2, any10);
    expect(t, 3, sameMod);
    expect(t, 4, present); // t / 64 is 0 for every thread here
    expect(t, 5, 1);
    expect(t, 6, sum);
    expect(t, 7, (unsigned)mx);
    expect(t, 8, mn);
    expect(t, 9, present);
    expect(t, 12, (unsigned)smn);
    expect(t, 13, umx);
    if ((t & 1) == 0) {
      expect(t, 10, evens);
      expect(t, 11, evenBallot);
      expect(t, 14, (unsigned)evenMin);
      expect(t, 15, (unsigned)evenMax);
    } else {
      expect(t, 10, oddXor);
      expect(t, 11, 7);
      expect(t, 14, oddAnd);
      expect(t, 15, oddOr);
    }
  }
  CHECK(cudaFree(d));
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
