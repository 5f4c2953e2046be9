// cuRAND Sobol states in device code: each thread walks its own stretch of
// a 3-dimensional Sobol sequence (curand_init with the host API's
// direction vectors, then skipahead), and the points must equal the host
// generator's bit for bit, for plain and scrambled, 32- and 64-bit Sobol.
// A quasi-Monte-Carlo estimate of the volume of the unit ball's octant
// (pi / 6) from the points must be far closer than random sampling gives.
// txcc-flags: -lcurand
#include <cmath>
#include <cstdio>
#include <cstring>
#include <curand.h>
#include <curand_kernel.h>
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
#define CHECK_RAND(call)                                                       \
  do {                                                                         \
    curandStatus_t st_ = (call);                                               \
    if (st_ != CURAND_STATUS_SUCCESS) {                                        \
      printf("FAIL: %s:%d: status %d\n", __FILE__, __LINE__, (int)st_);        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

const int Dims = 3, Threads = 256, PerThread = 64;
const int Points = Threads * PerThread; // per dimension

// Dimension d's state: the plain states ignore the scramble constants.
__device__ void init(unsigned *v, const unsigned *, int,
                     curandStateSobol32_t *s) {
  curand_init(v, 0u, s);
}
__device__ void init(unsigned *v, const unsigned *c, int d,
                     curandStateScrambledSobol32_t *s) {
  curand_init(v, c[d], 0u, s);
}
__device__ void init(unsigned long long *v, const unsigned long long *, int,
                     curandStateSobol64_t *s) {
  curand_init(v, 0ull, s);
}
__device__ void init(unsigned long long *v, const unsigned long long *c, int d,
                     curandStateScrambledSobol64_t *s) {
  curand_init(v, c[d], 0ull, s);
}

// out[d * Points + p]: uniform p of dimension d, as the host API lays it out.
template <typename State, typename Word>
__global__ void sobolUniforms(const Word *vectors, const Word *scramble,
                              float *out, double *outDouble, int *inside) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  float x[Dims][PerThread];
  for (int d = 0; d < Dims; ++d) {
    State s;
    init((Word *)vectors + 8 * sizeof(Word) * d, scramble, d, &s);
    skipahead((Word)(t * PerThread), &s);
    for (int i = 0; i < PerThread; ++i) {
      size_t at = (size_t)d * Points + t * PerThread + i;
      State copy = s;
      x[d][i] = out[at] = curand_uniform(&s);
      outDouble[at] = curand_uniform_double(&copy);
    }
  }
  int count = 0;
  for (int i = 0; i < PerThread; ++i)
    count += x[0][i] * x[0][i] + x[1][i] * x[1][i] + x[2][i] * x[2][i] <= 1.0f;
  atomicAdd(inside, count);
}

template <typename State, typename Word>
int check(curandRngType_t type, curandDirectionVectorSet_t set, bool scrambled,
          const char *name) {
  const Word *vectors, *scramble = nullptr;
  if constexpr (sizeof(Word) == 4) {
    curandDirectionVectors32_t *v;
    CHECK_RAND(curandGetDirectionVectors32(&v, set));
    vectors = v[0];
    unsigned *c;
    CHECK_RAND(curandGetScrambleConstants32(&c));
    scramble = scrambled ? c : nullptr;
  } else {
    curandDirectionVectors64_t *v;
    CHECK_RAND(curandGetDirectionVectors64(&v, set));
    vectors = v[0];
    unsigned long long *c;
    CHECK_RAND(curandGetScrambleConstants64(&c));
    scramble = scrambled ? c : nullptr;
  }
  Word *dv, *dc = nullptr;
  float *d;
  double *dd;
  int *inside;
  size_t n = (size_t)Dims * Points;
  CHECK(cudaMalloc(&dv, Dims * 8 * sizeof(Word) * sizeof(Word)));
  CHECK(cudaMemcpy(dv, vectors, Dims * 8 * sizeof(Word) * sizeof(Word),
                   cudaMemcpyHostToDevice));
  if (scramble) {
    CHECK(cudaMalloc(&dc, Dims * sizeof(Word)));
    CHECK(
        cudaMemcpy(dc, scramble, Dims * sizeof(Word), cudaMemcpyHostToDevice));
  }
  CHECK(cudaMalloc(&d, n * sizeof(float)));
  CHECK(cudaMalloc(&dd, n * sizeof(double)));
  CHECK(cudaMalloc(&inside, sizeof(int)));
  CHECK(cudaMemset(inside, 0, sizeof(int)));
  sobolUniforms<State, Word><<<Threads / 64, 64>>>(dv, dc, d, dd, inside);
  CHECK(cudaGetLastError());
  std::vector<float> got(n), want(n);
  std::vector<double> gotDouble(n), wantDouble(n);
  int hits = 0;
  CHECK(cudaMemcpy(got.data(), d, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(gotDouble.data(), dd, n * sizeof(double),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&hits, inside, sizeof(int), cudaMemcpyDeviceToHost));

  curandGenerator_t host;
  CHECK_RAND(curandCreateGeneratorHost(&host, type));
  CHECK_RAND(curandSetQuasiRandomGeneratorDimensions(host, Dims));
  CHECK_RAND(curandGenerateUniform(host, want.data(), n));
  CHECK_RAND(curandSetGeneratorOffset(host, 0));
  CHECK_RAND(curandGenerateUniformDouble(host, wantDouble.data(), n));
  CHECK_RAND(curandDestroyGenerator(host));
  if (std::memcmp(got.data(), want.data(), n * sizeof(float)) ||
      std::memcmp(gotDouble.data(), wantDouble.data(), n * sizeof(double))) {
    printf("FAIL: %s: device states and host generator differ\n", name);
    return 1;
  }
  // Quasi-Monte-Carlo error ~ log(N)^3 / N, far below 1 / sqrt(N) = 0.008.
  double volume = (double)hits / Points, exact = M_PI / 6;
  if (std::fabs(volume - exact) > 0.002) {
    printf("FAIL: %s: volume %f, want %f\n", name, volume, exact);
    return 1;
  }
  printf("%s: volume %.5f (exact %.5f)\n", name, volume, exact);
  cudaFree(dv);
  cudaFree(dc);
  cudaFree(d);
  cudaFree(dd);
  cudaFree(inside);
  return 0;
}

int main() {
  if (check<curandStateSobol32_t, unsigned>(CURAND_RNG_QUASI_SOBOL32,
                                            CURAND_DIRECTION_VECTORS_32_JOEKUO6,
                                            false, "sobol32") ||
      check<curandStateScrambledSobol32_t, unsigned>(
          CURAND_RNG_QUASI_SCRAMBLED_SOBOL32,
          CURAND_SCRAMBLED_DIRECTION_VECTORS_32_JOEKUO6, true,
          "scrambled sobol32") ||
      check<curandStateSobol64_t, unsigned long long>(
          CURAND_RNG_QUASI_SOBOL64, CURAND_DIRECTION_VECTORS_64_JOEKUO6, false,
          "sobol64") ||
      check<curandStateScrambledSobol64_t, unsigned long long>(
          CURAND_RNG_QUASI_SCRAMBLED_SOBOL64,
          CURAND_SCRAMBLED_DIRECTION_VECTORS_64_JOEKUO6, true,
          "scrambled sobol64"))
    return 1;
  printf("PASS\n");
  return 0;
}
