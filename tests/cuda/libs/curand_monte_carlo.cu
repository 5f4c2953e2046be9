// cuRAND device API in Monte-Carlo kernels: a pi estimate with XORWOW
// uniforms, Gaussian sums with Philox normal4 and MRG32k3a doubles. Each
// thread runs curand_init(seed, thread, 0); the host API's generators lay
// out their default ordering over the same per-thread sequences (XORWOW
// 4096 threads, Philox 65536, MRG32k3a 81920), so the host generator's
// output is an exact reference for every value the kernels draw.
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

const int XorwowThreads = 4096, Rounds = 16;
const int PhiloxThreads = 65536, MrgThreads = 81920;

// Each thread throws Rounds darts; its uniforms go to round-major order.
__global__ void piDarts(unsigned long long seed, float *uniforms,
                        unsigned *hits) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandState state;
  curand_init(seed, t, 0, &state);
  unsigned inside = 0;
  for (int r = 0; r < Rounds; r += 2) {
    float x = curand_uniform(&state), y = curand_uniform(&state);
    uniforms[r * XorwowThreads + t] = x;
    uniforms[(r + 1) * XorwowThreads + t] = y;
    inside += x * x + y * y <= 1.0f;
  }
  hits[t] = inside;
}

__global__ void philoxNormals(unsigned long long seed, float4 *out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandStatePhilox4_32_10_t state;
  curand_init(seed, t, 0, &state);
  out[t] = curand_normal4(&state);
}

// Log-normals (expf of a normal): in a loop the vectoriser would take
// apart if the math were not kept scalar (VectorMathCalls, tx_scalar_math).
__global__ void philoxLogNormals(unsigned long long seed, float4 *out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandStatePhilox4_32_10_t state;
  curand_init(seed, t, 0, &state);
  out[t] = curand_log_normal4(&state, 0.5f, 0.25f);
}

__global__ void mrgUniforms(unsigned long long seed, double *out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandStateMRG32k3a_t state;
  curand_init(seed, t, 0, &state);
  out[t] = curand_uniform_double(&state);
}

template <typename T> static std::vector<T> fromDevice(const T *ptr, size_t n) {
  std::vector<T> host(n);
  cudaMemcpy(host.data(), ptr, n * sizeof(T), cudaMemcpyDeviceToHost);
  return host;
}

template <typename T>
static size_t countDifferent(const std::vector<T> &a, const std::vector<T> &b) {
  size_t diff = 0;
  for (size_t i = 0; i < a.size(); ++i)
    diff += std::memcmp(&a[i], &b[i], sizeof(T)) != 0;
  return diff;
}

// Normals go through logf, sinf and cosf. Where the device runs the host's
// code (the CPU device) they are the host generator's bit for bit; a GPU's
// math library rounds differently (its sine and cosine by up to a few
// parts in a million).
static float normalTolerance() {
  int device = 0, pageable = 0;
  cudaGetDevice(&device);
  cudaDeviceGetAttribute(&pageable, cudaDevAttrPageableMemoryAccess, device);
  return pageable ? 0.0f : 1e-5f;
}

static size_t countFarApart(const std::vector<float> &a,
                            const std::vector<float> &b, float tolerance) {
  size_t far = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    bool same = std::memcmp(&a[i], &b[i], sizeof(float)) == 0;
    far += !same && !(std::fabs(a[i] - b[i]) <= tolerance);
  }
  return far;
}

int main() {
  const unsigned long long seed = 2024;
  // XORWOW darts.
  float *uniforms;
  unsigned *hits;
  CHECK(cudaMalloc(&uniforms, sizeof(float) * Rounds * XorwowThreads));
  CHECK(cudaMalloc(&hits, sizeof(unsigned) * XorwowThreads));
  piDarts<<<XorwowThreads / 128, 128>>>(seed, uniforms, hits);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  std::vector<float> got = fromDevice(uniforms, Rounds * XorwowThreads);
  std::vector<unsigned> gotHits = fromDevice(hits, XorwowThreads);

  curandGenerator_t gen;
  CHECK_RAND(curandCreateGeneratorHost(&gen, CURAND_RNG_PSEUDO_XORWOW));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(gen, seed));
  std::vector<float> want(got.size());
  CHECK_RAND(curandGenerateUniform(gen, want.data(), want.size()));
  CHECK_RAND(curandDestroyGenerator(gen));
  if (size_t d = countDifferent(got, want)) {
    printf("FAIL: %zu XORWOW uniforms differ from the host generator\n", d);
    return 1;
  }
  unsigned long long inside = 0, wantInside = 0;
  for (int t = 0; t < XorwowThreads; ++t) {
    inside += gotHits[t];
    for (int r = 0; r < Rounds; r += 2) {
      float x = want[r * XorwowThreads + t],
            y = want[(r + 1) * XorwowThreads + t];
      wantInside += x * x + y * y <= 1.0f;
    }
  }
  double pi = 4.0 * inside / (XorwowThreads * Rounds / 2);
  if (inside != wantInside || std::fabs(pi - M_PI) > 0.05) {
    printf("FAIL: pi %f (%llu hits, host %llu)\n", pi, inside, wantInside);
    return 1;
  }

  // Philox normals: thread t's curand_normal4 is the host's values 4t..4t+3.
  float4 *normals;
  CHECK(cudaMalloc(&normals, sizeof(float4) * PhiloxThreads));
  philoxNormals<<<PhiloxThreads / 256, 256>>>(seed, normals);
  CHECK(cudaDeviceSynchronize());
  std::vector<float4> gotN = fromDevice(normals, PhiloxThreads);
  std::vector<float> wantN(4 * PhiloxThreads);
  CHECK_RAND(curandCreateGeneratorHost(&gen, CURAND_RNG_PSEUDO_PHILOX4_32_10));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(gen, seed));
  CHECK_RAND(curandGenerateNormal(gen, wantN.data(), wantN.size(), 0.0f, 1.0f));
  CHECK_RAND(curandDestroyGenerator(gen));
  std::vector<float> gotFlat(4 * PhiloxThreads);
  std::memcpy(gotFlat.data(), gotN.data(), sizeof(float) * gotFlat.size());
  if (size_t d = countFarApart(gotFlat, wantN, normalTolerance())) {
    printf("FAIL: %zu Philox normals differ from the host generator\n", d);
    return 1;
  }
  double sum = 0, sum2 = 0;
  for (float v : gotFlat)
    sum += v, sum2 += (double)v * v;
  double mean = sum / gotFlat.size(), var = sum2 / gotFlat.size() - mean * mean;
  if (std::fabs(mean) > 0.01 || std::fabs(var - 1.0) > 0.02) {
    printf("FAIL: Philox normals mean %f variance %f\n", mean, var);
    return 1;
  }

  // Philox log-normals, the same way.
  philoxLogNormals<<<PhiloxThreads / 256, 256>>>(seed, normals);
  CHECK(cudaDeviceSynchronize());
  gotN = fromDevice(normals, PhiloxThreads);
  CHECK_RAND(curandCreateGeneratorHost(&gen, CURAND_RNG_PSEUDO_PHILOX4_32_10));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(gen, seed));
  CHECK_RAND(
      curandGenerateLogNormal(gen, wantN.data(), wantN.size(), 0.5f, 0.25f));
  CHECK_RAND(curandDestroyGenerator(gen));
  std::memcpy(gotFlat.data(), gotN.data(), sizeof(float) * gotFlat.size());
  if (size_t d = countFarApart(gotFlat, wantN, 4 * normalTolerance())) {
    printf("FAIL: %zu Philox log-normals differ from the host generator\n", d);
    return 1;
  }

  // MRG32k3a doubles.
  double *doubles;
  CHECK(cudaMalloc(&doubles, sizeof(double) * MrgThreads));
  mrgUniforms<<<MrgThreads / 256, 256>>>(seed, doubles);
  CHECK(cudaDeviceSynchronize());
  std::vector<double> gotD = fromDevice(doubles, MrgThreads);
  std::vector<double> wantD(MrgThreads);
  CHECK_RAND(curandCreateGeneratorHost(&gen, CURAND_RNG_PSEUDO_MRG32K3A));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(gen, seed));
  CHECK_RAND(curandGenerateUniformDouble(gen, wantD.data(), wantD.size()));
  CHECK_RAND(curandDestroyGenerator(gen));
  if (size_t d = countDifferent(gotD, wantD)) {
    printf("FAIL: %zu MRG32k3a doubles differ from the host generator\n", d);
    return 1;
  }
  cudaFree(uniforms);
  cudaFree(hits);
  cudaFree(normals);
  cudaFree(doubles);
  printf("pi ~ %.4f\nPASS\n", pi);
  return 0;
}
