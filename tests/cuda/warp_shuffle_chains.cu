// Chains of warp shuffles with constant offsets -- warp reductions over
// xor and down, a reduction followed by a broadcast, segments narrower than
// a warp, 64-bit values, an up-scan that depends on the lane, segments of
// a width known only at run time -- in whole warps, in a partial last warp,
// with lanes that do not take part and with threads that have returned. The CPU
// lowering computes such a chain for a whole warp at once; each result is
// checked bit for bit against a host model of PTX shuffle semantics applied
// step by step. A value read from a lane past the block's end is undefined in
// CUDA (a GPU returns anything): results that depend on one are not checked
// (the model runs twice, with two different values for such reads, and checks
// what both agree on).
#include <cmath>
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
static constexpr int NumChains = 8;

__device__ float sumXor(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_xor_sync(Full, v, o);
  return v;
}

__device__ int sumDown(int v, int width) {
  for (int o = width / 2; o > 0; o >>= 1)
    v += __shfl_down_sync(Full, v, o, width);
  return v;
}

__device__ float maxXor(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v = fmaxf(v, __shfl_xor_sync(Full, v, o));
  return v;
}

__device__ double sumXorDouble(double v) {
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_xor_sync(Full, v, o);
  return v;
}

__device__ int maxXor8(int v) {
  for (int o = 4; o > 0; o >>= 1)
    v = max(v, __shfl_xor_sync(Full, v, o, 8));
  return v;
}

__device__ int scanUp(int v) {
  int lane = threadIdx.x % 32;
  for (int o = 1; o < 32; o <<= 1) {
    int n = __shfl_up_sync(Full, v, o);
    if (lane >= o)
      v += n;
  }
  return v;
}

// Every thread of the block runs every chain. Two kernels, so that each
// stays within the number of shuffles the lowering unrolls per kernel.
__global__ void chains(const float *inF, const int *inI, double *out) {
  int t = threadIdx.x;
  double *o = out + t * NumChains;
  o[0] = sumXor(inF[t]);
  o[1] = sumDown(inI[t], 32);
  o[2] = sumDown(inI[t], 16);
  o[3] = maxXor(inF[t]);
}

__global__ void moreChains(const int *inI, const double *inD, double *out) {
  int t = threadIdx.x;
  double *o = out + t * NumChains;
  o[4] = sumXorDouble(inD[t]);
  o[5] = __shfl_sync(Full, sumDown(inI[t], 32), 0);
  o[6] = scanUp(inI[t]);
  o[7] = maxXor8(inI[t]);
}

// Two reductions interleaved in one loop: a sum and a maximum.
__global__ void interleaved(const int *inI, double *out) {
  int t = threadIdx.x;
  int sum = inI[t], mx = inI[t] ^ 0x5555;
  for (int o = 16; o > 0; o >>= 1) {
    sum += __shfl_xor_sync(Full, sum, o);
    mx = max(mx, __shfl_down_sync(Full, mx, o));
  }
  out[2 * t] = sum;
  out[2 * t + 1] = mx;
}

// Only lanes 0-15 of each warp take part (mask 0xffff, segments of 16).
__global__ void halfWarps(const int *inI, double *out) {
  int t = threadIdx.x;
  int v = inI[t];
  if (t % 32 < 16)
    for (int o = 8; o > 0; o >>= 1)
      v += __shfl_xor_sync(0xffffu, v, o, 16);
  out[t] = v;
}

// Threads from Live on have returned; the rest reduce in segments of 8,
// which the returned threads never share.
__global__ void afterReturn(const int *inI, double *out, int live) {
  int t = threadIdx.x;
  if (t >= live)
    return;
  unsigned mask = __activemask();
  int v = inI[t];
  for (int o = 4; o > 0; o >>= 1)
    v += __shfl_xor_sync(mask, v, o, 8);
  out[t] = v;
}

// ---- Host model of PTX shuffles ----------------------------------------

enum Kind { Idx, Up, Down, Xor };

/// What the model reads from a lane that does not exist: the reading
/// lane's own value plus this (undefined in CUDA; see the top).
static int AbsentBias = 0;

// The value lane `lane` gets: its source's, or its own where the source is
// outside its segment (or absent, plus AbsentBias).
template <class T>
static T shuffle(Kind kind, const std::vector<T> &v,
                 const std::vector<bool> &present, int warpBase, int lane,
                 int arg, int width) {
  int segBase = lane & ~(width - 1), segEnd = segBase + width - 1, src;
  switch (kind) {
  case Idx:
    src = segBase + (arg & (width - 1));
    break;
  case Up:
    src = lane - arg;
    if (src < segBase)
      src = lane;
    break;
  case Down:
    src = lane + arg;
    if (src > segEnd)
      src = lane;
    break;
  default:
    src = lane ^ arg;
    if (src > segEnd)
      src = lane;
    break;
  }
  if (!present[warpBase + src])
    return v[warpBase + lane] + T(AbsentBias);
  return v[warpBase + src];
}

// Applies one shuffle step to every present lane of every warp.
template <class T, class Op>
static void step(std::vector<T> &v, const std::vector<bool> &present, Kind kind,
                 int arg, int width, Op op) {
  std::vector<T> before = v;
  for (size_t t = 0; t < v.size(); ++t) {
    if (!present[t])
      continue;
    int warpBase = int(t) & ~31, lane = int(t) & 31;
    v[t] = op(before[t],
              shuffle(kind, before, present, warpBase, lane, arg, width));
  }
}

// Segments of a run-time width (the segment operand is not a constant,
// the offsets are): a 64-bit integer down-sum and a double xor-sum, each
// step moving a value as its two 32-bit halves, as CUB's reductions do
// with a clamp at the last valid lane.
__global__ void runtimeWidth(const unsigned long long *inL, const double *inD,
                             unsigned long long *outL, double *outD,
                             int width) {
  int t = threadIdx.x;
  unsigned long long l = inL[t];
  double d = inD[t];
  for (int o = 16; o > 0; o >>= 1) {
    l += __shfl_down_sync(Full, l, o, width);
    d += __shfl_xor_sync(Full, d, o, width);
  }
  outL[t] = l;
  outD[t] = d;
}

static bool same(double got, double want, const char *what, int t) {
  if (std::memcmp(&got, &want, sizeof got) == 0)
    return true;
  printf("FAIL: %s, thread %d: got %.17g, want %.17g\n", what, t, got, want);
  return false;
}

/// The model's results, NumChains per thread.
static std::vector<double> modelChains(int threads, const std::vector<float> &f,
                                       const std::vector<int> &in,
                                       const std::vector<double> &d) {
  // Lanes past the block's end do not exist.
  int padded = (threads + 31) & ~31;
  std::vector<bool> present(padded, false);
  for (int t = 0; t < threads; ++t)
    present[t] = true;
  auto widen = [&](auto values) {
    values.resize(padded);
    return values;
  };
  auto add = [](auto a, auto b) { return a + b; };

  std::vector<float> sum = widen(f), mx = widen(f);
  std::vector<int> down32 = widen(in), down16 = widen(in), scan = widen(in),
                   max8 = widen(in);
  std::vector<double> sumD = widen(d);
  for (int o = 16; o > 0; o >>= 1) {
    step(sum, present, Xor, o, 32, add);
    step(mx, present, Xor, o, 32,
         [](float a, float b) { return std::fmax(a, b); });
    step(sumD, present, Xor, o, 32, add);
    step(down32, present, Down, o, 32, add);
  }
  for (int o = 8; o > 0; o >>= 1)
    step(down16, present, Down, o, 16, add);
  for (int o = 4; o > 0; o >>= 1)
    step(max8, present, Xor, o, 8, [](int a, int b) { return a > b ? a : b; });
  for (int o = 1; o < 32; o <<= 1) {
    std::vector<int> before = scan;
    step(scan, present, Up, o, 32, [](int, int b) { return b; });
    for (int t = 0; t < padded; ++t)
      scan[t] = (t & 31) >= o ? before[t] + scan[t] : before[t];
  }
  std::vector<int> bcast = down32;
  for (int t = 0; t < threads; ++t)
    bcast[t] = shuffle(Idx, down32, present, t & ~31, t & 31, 0, 32);

  std::vector<double> Model(threads * NumChains);
  for (int t = 0; t < threads; ++t) {
    double *m = &Model[t * NumChains];
    m[0] = sum[t], m[1] = down32[t], m[2] = down16[t], m[3] = mx[t];
    m[4] = sumD[t], m[5] = bcast[t], m[6] = scan[t], m[7] = max8[t];
  }
  return Model;
}

/// True if both runs of the model give the same bits.
static bool defined(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

static bool checkChains(int threads, const std::vector<float> &f,
                        const std::vector<int> &in,
                        const std::vector<double> &d,
                        const std::vector<double> &out) {
  static const char *const Names[NumChains] = {
      "float xor sum", "int down sum",        "int down sum, width 16",
      "float xor max", "double xor sum",      "down sum broadcast from lane 0",
      "up scan",       "int xor max, width 8"};
  AbsentBias = 0;
  std::vector<double> want = modelChains(threads, f, in, d);
  AbsentBias = 1 << 20;
  std::vector<double> other = modelChains(threads, f, in, d);
  AbsentBias = 0;
  for (int i = 0; i < threads * NumChains; ++i)
    if (defined(want[i], other[i]) &&
        !same(out[i], want[i], Names[i % NumChains], i / NumChains))
      return false;
  return true;
}

int main() {
  const int maxThreads = 256;
  std::vector<float> f(maxThreads);
  std::vector<int> in(maxThreads);
  std::vector<double> d(maxThreads);
  for (int t = 0; t < maxThreads; ++t) {
    // Values whose sums depend on the order of the additions.
    f[t] = std::ldexp(float((t * 37) % 101) + 0.1f, (t * 7) % 23 - 11);
    in[t] = (t * 2654435761u) >> 7;
    d[t] = std::ldexp(double((t * 53) % 97) + 0.01, (t * 5) % 41 - 20);
  }
  float *devF;
  int *devI;
  double *devD, *devOut;
  CHECK(cudaMalloc(&devF, maxThreads * sizeof(float)));
  CHECK(cudaMalloc(&devI, maxThreads * sizeof(int)));
  CHECK(cudaMalloc(&devD, maxThreads * sizeof(double)));
  CHECK(cudaMalloc(&devOut, maxThreads * NumChains * sizeof(double)));
  CHECK(cudaMemcpy(devF, f.data(), maxThreads * sizeof(float),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(devI, in.data(), maxThreads * sizeof(int),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(devD, d.data(), maxThreads * sizeof(double),
                   cudaMemcpyHostToDevice));
  std::vector<double> out(maxThreads * NumChains);

  // Whole warps, a partial last warp, one partial warp alone.
  for (int threads : {256, 80, 20}) {
    chains<<<1, threads>>>(devF, devI, devOut);
    CHECK(cudaGetLastError());
    moreChains<<<1, threads>>>(devI, devD, devOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), devOut, threads * NumChains * sizeof(double),
                     cudaMemcpyDeviceToHost));
    if (!checkChains(threads, f, in, d, out)) {
      printf("(block of %d threads)\n", threads);
      return 1;
    }
  }

  for (int threads : {256, 80}) {
    interleaved<<<1, threads>>>(devI, devOut);
    CHECK(cudaMemcpy(out.data(), devOut, 2 * threads * sizeof(double),
                     cudaMemcpyDeviceToHost));
    int padded = (threads + 31) & ~31;
    std::vector<bool> present(padded, false);
    std::vector<int> sum[2], mx[2];
    for (int run = 0; run < 2; ++run) {
      AbsentBias = run ? 1 << 20 : 0;
      sum[run].resize(padded), mx[run].resize(padded);
      for (int t = 0; t < threads; ++t) {
        present[t] = true;
        sum[run][t] = in[t];
        mx[run][t] = in[t] ^ 0x5555;
      }
      for (int o = 16; o > 0; o >>= 1) {
        step(sum[run], present, Xor, o, 32, [](int a, int b) { return a + b; });
        step(mx[run], present, Down, o, 32,
             [](int a, int b) { return a > b ? a : b; });
      }
    }
    AbsentBias = 0;
    for (int t = 0; t < threads; ++t)
      if ((sum[0][t] == sum[1][t] &&
           !same(out[2 * t], sum[0][t], "interleaved sum", t)) ||
          (mx[0][t] == mx[1][t] &&
           !same(out[2 * t + 1], mx[0][t], "interleaved max", t)))
        return 1;
  }

  halfWarps<<<1, 96>>>(devI, devOut);
  CHECK(cudaMemcpy(out.data(), devOut, 96 * sizeof(double),
                   cudaMemcpyDeviceToHost));
  for (int t = 0; t < 96; ++t) {
    int want = in[t];
    if (t % 32 < 16) {
      int base = t & ~15;
      want = 0;
      for (int s = 0; s < 16; ++s)
        want += in[base + s];
    }
    if (!same(out[t], want, "half-warp sum", t))
      return 1;
  }

  const int live = 200;
  afterReturn<<<1, 256>>>(devI, devOut, live);
  CHECK(cudaMemcpy(out.data(), devOut, live * sizeof(double),
                   cudaMemcpyDeviceToHost));
  for (int t = 0; t < live; ++t) {
    int base = t & ~7, want = 0;
    for (int s = 0; s < 8; ++s)
      want += in[base + s];
    if (!same(out[t], want, "segment sum after a return", t))
      return 1;
  }

  // Run-time widths, in whole warps and in a partial last warp.
  std::vector<unsigned long long> wide(maxThreads), outWide(maxThreads);
  for (int t = 0; t < maxThreads; ++t)
    wide[t] = (unsigned long long)(unsigned)in[t] << 29 ^ (t * 40503ull);
  unsigned long long *devL, *devOutL;
  CHECK(cudaMalloc(&devL, maxThreads * sizeof(unsigned long long)));
  CHECK(cudaMalloc(&devOutL, maxThreads * sizeof(unsigned long long)));
  CHECK(cudaMemcpy(devL, wide.data(), maxThreads * sizeof(unsigned long long),
                   cudaMemcpyHostToDevice));
  for (int threads : {256, 80})
    for (int width : {32, 16, 8}) {
      runtimeWidth<<<1, threads>>>(devL, devD, devOutL, devOut, width);
      CHECK(cudaGetLastError());
      CHECK(cudaMemcpy(outWide.data(), devOutL,
                       threads * sizeof(unsigned long long),
                       cudaMemcpyDeviceToHost));
      CHECK(cudaMemcpy(out.data(), devOut, threads * sizeof(double),
                       cudaMemcpyDeviceToHost));
      int padded = (threads + 31) & ~31;
      std::vector<bool> present(padded, false);
      std::vector<unsigned long long> sumL[2];
      std::vector<double> sumD[2];
      for (int run = 0; run < 2; ++run) {
        AbsentBias = run ? 1 << 20 : 0;
        sumL[run].assign(padded, 0);
        sumD[run].assign(padded, 0);
        for (int t = 0; t < threads; ++t) {
          present[t] = true;
          sumL[run][t] = wide[t];
          sumD[run][t] = d[t];
        }
        for (int o = 16; o > 0; o >>= 1) {
          step(
              sumL[run], present, Down, o, width,
              [](unsigned long long a, unsigned long long b) { return a + b; });
          step(sumD[run], present, Xor, o, width,
               [](double a, double b) { return a + b; });
        }
      }
      AbsentBias = 0;
      for (int t = 0; t < threads; ++t) {
        if (sumL[0][t] == sumL[1][t] && outWide[t] != sumL[0][t]) {
          printf("FAIL: run-time width %d, %d threads, thread %d: 64-bit sum "
                 "%llu, want %llu\n",
                 width, threads, t, outWide[t], sumL[0][t]);
          return 1;
        }
        if (sumD[0][t] == sumD[1][t] &&
            !same(out[t], sumD[0][t], "run-time width double sum", t))
          return 1;
      }
    }
  CHECK(cudaFree(devL));
  CHECK(cudaFree(devOutL));

  CHECK(cudaFree(devF));
  CHECK(cudaFree(devI));
  CHECK(cudaFree(devD));
  CHECK(cudaFree(devOut));
  printf("PASS\n");
  return 0;
}
