// Warp shuffles (idx/up/down/xor) for every width that is a power of two,
// for 32- and 64-bit types, with block sizes that are not multiples of 32
// (partial last warp), checked against a host model of PTX semantics.
#include <cstdio>
#include <cstdint>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

enum Kind { Idx, Up, Down, Xor };

__global__ void shuffles(int kind, int width, int arg, int *outI,
                         double *outD, long long *outL) {
  int t = threadIdx.x;
  int v = t * 7 + 3;
  double d = t * 0.5 - 3.0;
  long long l = (long long)t << 40 | t;
  int r;
  double rd;
  long long rl;
  switch (kind) {
  case Idx:
    r = __shfl_sync(0xffffffffu, v, arg, width);
    rd = __shfl_sync(0xffffffffu, d, arg, width);
    rl = __shfl_sync(0xffffffffu, l, arg, width);
    break;
  case Up:
    r = __shfl_up_sync(0xffffffffu, v, arg, width);
    rd = __shfl_up_sync(0xffffffffu, d, arg, width);
    rl = __shfl_up_sync(0xffffffffu, l, arg, width);
    break;
  case Down:
    r = __shfl_down_sync(0xffffffffu, v, arg, width);
    rd = __shfl_down_sync(0xffffffffu, d, arg, width);
    rl = __shfl_down_sync(0xffffffffu, l, arg, width);
    break;
  default:
    r = __shfl_xor_sync(0xffffffffu, v, arg, width);
    rd = __shfl_xor_sync(0xffffffffu, d, arg, width);
    rl = __shfl_xor_sync(0xffffffffu, l, arg, width);
    break;
  }
  outI[t] = r;
  outD[t] = rd;
  outL[t] = rl;
}

// Source lane of `lane` under PTX semantics; `present` = lanes that exist.
// Only the operand's low five bits count (PTX: bval[4:0] = b[4:0]).
static int sourceLane(int kind, int lane, int width, int arg, int threads) {
  arg &= 31;
  int base = lane & ~(width - 1), src;
  switch (kind) {
  case Idx: src = base + (arg & (width - 1)); break;
  case Up: src = lane - arg; if (src < base) src = lane; break;
  case Down: src = lane + arg; if (src >= base + width) src = lane; break;
  default: src = lane ^ arg; if (src >= base + width) src = lane; break;
  }
  int warp = lane & ~31;
  (void)warp;
  return src;
}

int main() {
  const int sizes[] = {32, 64, 48, 7, 100};
  int failures = 0;
  for (int threads : sizes) {
    int *dI;
    double *dD;
    long long *dL;
    CHECK(cudaMalloc(&dI, threads * sizeof(int)));
    CHECK(cudaMalloc(&dD, threads * sizeof(double)));
    CHECK(cudaMalloc(&dL, threads * sizeof(long long)));
    std::vector<int> hI(threads);
    std::vector<double> hD(threads);
    std::vector<long long> hL(threads);
    for (int kind = Idx; kind <= Xor; ++kind)
      for (int width = 1; width <= 32; width *= 2)
        for (int arg : {0, 1, 3, 5, 16, 31, 32, 33, 100}) {
          shuffles<<<1, threads>>>(kind, width, arg, dI, dD, dL);
          CHECK(cudaGetLastError());
          CHECK(cudaMemcpy(hI.data(), dI, threads * sizeof(int), cudaMemcpyDeviceToHost));
          CHECK(cudaMemcpy(hD.data(), dD, threads * sizeof(double), cudaMemcpyDeviceToHost));
          CHECK(cudaMemcpy(hL.data(), dL, threads * sizeof(long long), cudaMemcpyDeviceToHost));
          for (int t = 0; t < threads; ++t) {
            int lane = t & 31, warpBase = t & ~31;
            int src = warpBase + sourceLane(kind, lane, width, arg, threads);
            // A source lane beyond the block does not exist: the result is
            // undefined in CUDA, so skip it.
            if (src >= threads)
              continue;
            bool ok = hI[t] == src * 7 + 3 && hD[t] == src * 0.5 - 3.0 &&
                      hL[t] == ((long long)src << 40 | src);
            if (!ok && failures++ < 10)
              printf("FAIL: kind %d width %d arg %d threads %d t %d: got %d "
                     "expected %d\n", kind, width, arg, threads, t, hI[t],
                     src * 7 + 3);
          }
        }
    CHECK(cudaFree(dI));
    CHECK(cudaFree(dD));
    CHECK(cudaFree(dL));
  }
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
