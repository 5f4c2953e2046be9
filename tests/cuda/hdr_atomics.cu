// Every CUDA atomic, in its plain, _block and _system forms, under heavy
// contention (all threads of all blocks hit the same few words). The final
// values do not depend on the order the atomics land in, so they are
// compared exactly with a host computation.
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

struct Counters {
  int addI[3], subI, minI, maxI, andI, orI, xorI, exchI, casI;
  unsigned addU, subU, minU, maxU, incU, decU, andU, orU, xorU;
  unsigned long long addULL, minULL, maxULL, andULL, orULL, xorULL, casULL;
  long long minLL, maxLL, andLL, orLL, xorLL;
  float addF, exchF;
  double addD;
  int exchSeen; // bitmask of values atomicExch handed back
};

__global__ void hammer(Counters *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  int v = (i * 7919) % 1000 - 500; // in [-500, 500)
  unsigned uv = (unsigned)(i * 2654435761u);
  unsigned long long lv = (unsigned long long)uv << 20 | (unsigned)i;

  atomicAdd(&c->addI[0], 1);
  atomicAdd_block(&c->addI[1], v);
  atomicAdd_system(&c->addI[2], 2);
  atomicSub(&c->subI, v);
  atomicMin(&c->minI, v);
  atomicMax_block(&c->maxI, v);
  atomicAnd(&c->andI, ~(1 << (i % 31)));
  atomicOr_system(&c->orI, 1 << (i % 17));
  atomicXor(&c->xorI, v);

  atomicAdd(&c->addU, uv);
  atomicSub_block(&c->subU, 3u);
  atomicMin(&c->minU, uv | 1u);
  atomicMax(&c->maxU, uv);
  atomicInc(&c->incU, 16u);        // wraps to 0 after 16
  atomicDec_system(&c->decU, 9u);  // wraps to 9 after 0
  atomicAnd_block(&c->andU, ~(1u << (i % 32)));
  atomicOr(&c->orU, 1u << (i % 8));
  atomicXor(&c->xorU, uv);

  atomicAdd(&c->addULL, lv);
  atomicMin(&c->minULL, lv + 5);
  atomicMax_system(&c->maxULL, lv);
  atomicAnd(&c->andULL, ~(1ull << (i % 64)));
  atomicOr_block(&c->orULL, 1ull << (i % 40));
  atomicXor(&c->xorULL, lv);
  atomicMin(&c->minLL, (long long)v * 100000000000ll);
  atomicMax(&c->maxLL, (long long)v * 100000000000ll);
  atomicAnd(&c->andLL, ~(1ll << (i % 50)));
  atomicOr(&c->orLL, 1ll << (i % 33));
  atomicXor_block(&c->xorLL, (long long)v);

  atomicAdd(&c->addF, 0.25f); // exact in float for n <= 2^24 / 4
  atomicAdd_system(&c->addD, 0.5);

  // Each thread swaps its own id in; every value 0..31 is seen exactly once
  // by whoever swaps next, except the last one, left in memory.
  if (i < 32) {
    int old = atomicExch(&c->exchI, i);
    if (old >= 0)
      atomicOr(&c->exchSeen, 1 << old);
    atomicExch_block(&c->exchF, 1.5f);
  }
  // A CAS-based increment: exercises the retry loop under contention.
  int seen = c->casI, prev;
  while ((prev = atomicCAS(&c->casI, seen, seen + 1)) != seen)
    seen = prev;
  unsigned long long s2 = c->casULL, p2;
  while ((p2 = atomicCAS_system(&c->casULL, s2, s2 + 3)) != s2)
    s2 = p2;
}

int main() {
  const int n = 4096;
  Counters init = {};
  init.minI = 1 << 30;
  init.maxI = -(1 << 30);
  init.andI = -1;
  init.minU = 0xffffffffu;
  init.decU = 4;
  init.andU = 0xffffffffu;
  init.minULL = ~0ull;
  init.andULL = ~0ull;
  init.minLL = 1ll << 62;
  init.maxLL = -(1ll << 62);
  init.andLL = -1;
  init.exchI = -1;

  Counters want = init;
  for (int i = 0; i < n; ++i) {
    int v = (i * 7919) % 1000 - 500;
    unsigned uv = (unsigned)(i * 2654435761u);
    unsigned long long lv = (unsigned long long)uv << 20 | (unsigned)i;
    want.addI[0] += 1;
    want.addI[1] += v;
    want.addI[2] += 2;
    want.subI -= v;
    want.minI = v < want.minI ? v : want.minI;
    want.maxI = v > want.maxI ? v : want.maxI;
    want.andI &= ~(1 << (i % 31));
    want.orI |= 1 << (i % 17);
    want.xorI ^= v;
    want.addU += uv;
    want.subU -= 3u;
    want.minU = (uv | 1u) < want.minU ? (uv | 1u) : want.minU;
    want.maxU = uv > want.maxU ? uv : want.maxU;
    want.incU = want.incU >= 16u ? 0u : want.incU + 1u;
    want.decU = (want.decU == 0u || want.decU > 9u) ? 9u : want.decU - 1u;
    want.andU &= ~(1u << (i % 32));
    want.orU |= 1u << (i % 8);
    want.xorU ^= uv;
    want.addULL += lv;
    want.minULL = lv + 5 < want.minULL ? lv + 5 : want.minULL;
    want.maxULL = lv > want.maxULL ? lv : want.maxULL;
    want.andULL &= ~(1ull << (i % 64));
    want.orULL |= 1ull << (i % 40);
    want.xorULL ^= lv;
    long long lw = (long long)v * 100000000000ll;
    want.minLL = lw < want.minLL ? lw : want.minLL;
    want.maxLL = lw > want.maxLL ? lw : want.maxLL;
    want.andLL &= ~(1ll << (i % 50));
    want.orLL |= 1ll << (i % 33);
    want.xorLL ^= (long long)v;
    want.addF += 0.25f;
    want.addD += 0.5;
    want.casI += 1;
    want.casULL += 3;
  }

  Counters *d;
  CHECK(cudaMalloc(&d, sizeof(Counters)));
  CHECK(cudaMemcpy(d, &init, sizeof(Counters), cudaMemcpyHostToDevice));
  hammer<<<n / 256, 256>>>(d, n);
  CHECK(cudaGetLastError());
  Counters got;
  CHECK(cudaMemcpy(&got, d, sizeof(Counters), cudaMemcpyDeviceToHost));
  cudaFree(d);

  int failures = 0;
#define EXPECT(field, fmt)                                                     \
  if (!(got.field == want.field)) {                                            \
    printf("FAIL " #field ": got " fmt " want " fmt "\n", got.field,           \
           want.field);                                                        \
    ++failures;                                                                \
  }
  EXPECT(addI[0], "%d") EXPECT(addI[1], "%d") EXPECT(addI[2], "%d")
  EXPECT(subI, "%d") EXPECT(minI, "%d") EXPECT(maxI, "%d") EXPECT(andI, "%d")
  EXPECT(orI, "%d") EXPECT(xorI, "%d") EXPECT(casI, "%d")
  EXPECT(addU, "%u") EXPECT(subU, "%u") EXPECT(minU, "%u") EXPECT(maxU, "%u")
  EXPECT(andU, "%u") EXPECT(orU, "%u") EXPECT(xorU, "%u")
  EXPECT(addULL, "%llu") EXPECT(minULL, "%llu") EXPECT(maxULL, "%llu")
  EXPECT(andULL, "%llu") EXPECT(orULL, "%llu") EXPECT(xorULL, "%llu")
  EXPECT(casULL, "%llu") EXPECT(minLL, "%lld") EXPECT(maxLL, "%lld")
  EXPECT(andLL, "%lld") EXPECT(orLL, "%lld") EXPECT(xorLL, "%lld")
  EXPECT(addF, "%f") EXPECT(addD, "%f")
  // atomicInc/Dec: the final value depends only on how many ran (each step
  // is a fixed map applied n times), so the sequential result is exact.
  EXPECT(incU, "%u") EXPECT(decU, "%u")
  // atomicExch: 32 swaps hand back -1 once and 31 distinct ids; the id left
  // in memory is the one not handed back.
  int seenPlusLast = got.exchSeen | (got.exchI >= 0 ? 1 << got.exchI : 0);
  if (seenPlusLast != -1 || __builtin_popcount(got.exchSeen) != 31) {
    printf("FAIL atomicExch: seen mask %#x, last %d\n", got.exchSeen,
           got.exchI);
    ++failures;
  }
  if (got.exchF != 1.5f) {
    printf("FAIL atomicExch(float): %f\n", got.exchF);
    ++failures;
  }
  if (failures)
    return 1;
  printf("PASS\n");
  return 0;
}
