// cuRAND MTGP32 in kernels: one curandStateMtgp32_t per block, made with
// curandMakeMTGP32Constants and curandMakeMTGP32KernelState from
// mtgp32dc_params_fast_11213, drawn with curand, curand_uniform,
// curand_normal and curand_mtgp32_specific by blocks of 256 threads, of 128
// threads and of 16x16 threads. The host API's MTGP32 generator lays its
// output out over the same 192 block sequences (block b: parameter set b,
// seeded with seed + b + 1; round r: words 256r.. of block 0, then block 1,
// ...), so it is an exact reference for every value the kernels draw.
// txcc-flags: -lcurand
#include <cstdio>
#include <cstring>
#include <curand.h>
#include <curand_kernel.h>
#include <curand_mtgp32_host.h>
#include <curand_mtgp32dc_p_11213.h>
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

const int Blocks = 192, Round = 256, Rounds = 3;
const int Words = Blocks * Round * Rounds;
const unsigned long long Seed = 20240611ull;

// Where word e of block b lies in the host generator's output.
__host__ __device__ int hostIndex(int b, int e) {
  return ((e / Round) * Blocks + b) * Round + e % Round;
}

__global__ void drawBits(curandStateMtgp32_t *s, unsigned *out) {
  for (int r = 0; r < Rounds; ++r)
    out[hostIndex(blockIdx.x, r * Round + threadIdx.x)] =
        curand(&s[blockIdx.x]);
}

__global__ void drawUniforms(curandStateMtgp32_t *s, float *out) {
  for (int r = 0; r < Rounds; ++r)
    out[hostIndex(blockIdx.x, r * Round + threadIdx.x)] =
        curand_uniform(&s[blockIdx.x]);
}

__global__ void drawNormals(curandStateMtgp32_t *s, float *out) {
  for (int r = 0; r < Rounds; ++r)
    out[hostIndex(blockIdx.x, r * Round + threadIdx.x)] =
        curand_normal(&s[blockIdx.x]);
}

// Blocks of 128 threads: each call gives 128 consecutive words.
__global__ void drawHalfBlocks(curandStateMtgp32_t *s, unsigned *out) {
  for (int c = 0; c < 2 * Rounds; ++c)
    out[hostIndex(blockIdx.x, c * blockDim.x + threadIdx.x)] =
        curand(&s[blockIdx.x]);
}

// 16x16 threads (x fastest). Odd rounds use curand_mtgp32_specific with a
// reversed index (thread t takes word 255 - t), moving the offset by 128
// and then by another 128 (n is at most 255); words made twice are made
// from the same inputs, so they come out the same.
__global__ void drawTwoDimensional(curandStateMtgp32_t *s, unsigned *out) {
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  curandStateMtgp32_t *state = &s[blockIdx.x];
  for (int r = 0; r < Rounds; ++r) {
    if (r % 2 == 0) {
      out[hostIndex(blockIdx.x, r * Round + t)] = curand(state);
      continue;
    }
    unsigned w = curand_mtgp32_specific(state, (unsigned char)(255 - t), 128);
    curand_mtgp32_specific(state, 0, 128);
    out[hostIndex(blockIdx.x, r * Round + 255 - t)] = w;
  }
}

// Fresh states for every kernel, as curandMakeMTGP32KernelState makes them.
static int makeStates(mtgp32_kernel_params_t *k, curandStateMtgp32_t *s) {
  CHECK_RAND(curandMakeMTGP32KernelState(s, mtgp32dc_params_fast_11213, k,
                                         Blocks, Seed));
  return 0;
}

template <typename T>
static int compare(const char *name, const std::vector<T> &got,
                   const std::vector<T> &want) {
  for (size_t i = 0; i < want.size(); ++i)
    if (std::memcmp(&got[i], &want[i], sizeof(T))) {
      printf("FAIL: %s: value %zu differs from the host generator's\n", name,
             i);
      return 1;
    }
  printf("%s: %zu values match the host generator\n", name, want.size());
  return 0;
}

// The host API's MTGP32 output for Seed: words, uniforms or normals.
static int hostReference(std::vector<unsigned> &bits,
                         std::vector<float> &uniforms,
                         std::vector<float> &normals) {
  curandGenerator_t g;
  bits.resize(Words);
  uniforms.resize(Words);
  normals.resize(Words);
  for (int kind = 0; kind < 3; ++kind) {
    CHECK_RAND(curandCreateGeneratorHost(&g, CURAND_RNG_PSEUDO_MTGP32));
    CHECK_RAND(curandSetPseudoRandomGeneratorSeed(g, Seed));
    if (kind == 0)
      CHECK_RAND(curandGenerate(g, bits.data(), Words));
    else if (kind == 1)
      CHECK_RAND(curandGenerateUniform(g, uniforms.data(), Words));
    else
      CHECK_RAND(curandGenerateNormal(g, normals.data(), Words, 0.0f, 1.0f));
    CHECK_RAND(curandDestroyGenerator(g));
  }
  return 0;
}

int main() {
  std::vector<unsigned> wantBits, gotBits(Words);
  std::vector<float> wantUniforms, wantNormals, got(Words);
  if (hostReference(wantBits, wantUniforms, wantNormals))
    return 1;

  mtgp32_kernel_params_t *k;
  curandStateMtgp32_t *s;
  unsigned *bits;
  float *values;
  CHECK(cudaMalloc(&k, sizeof(*k)));
  CHECK(cudaMalloc(&s, Blocks * sizeof(*s)));
  CHECK(cudaMalloc(&bits, Words * sizeof(unsigned)));
  CHECK(cudaMalloc(&values, Words * sizeof(float)));
  CHECK_RAND(curandMakeMTGP32Constants(mtgp32dc_params_fast_11213, k));

  if (makeStates(k, s))
    return 1;
  drawBits<<<Blocks, Round>>>(s, bits);
  CHECK(cudaMemcpy(gotBits.data(), bits, Words * 4, cudaMemcpyDeviceToHost));
  if (compare("curand", gotBits, wantBits))
    return 1;

  if (makeStates(k, s))
    return 1;
  drawUniforms<<<Blocks, Round>>>(s, values);
  CHECK(cudaMemcpy(got.data(), values, Words * 4, cudaMemcpyDeviceToHost));
  if (compare("curand_uniform", got, wantUniforms))
    return 1;

  if (makeStates(k, s))
    return 1;
  drawNormals<<<Blocks, Round>>>(s, values);
  CHECK(cudaMemcpy(got.data(), values, Words * 4, cudaMemcpyDeviceToHost));
  if (compare("curand_normal", got, wantNormals))
    return 1;

  if (makeStates(k, s))
    return 1;
  drawHalfBlocks<<<Blocks, Round / 2>>>(s, bits);
  CHECK(cudaMemcpy(gotBits.data(), bits, Words * 4, cudaMemcpyDeviceToHost));
  if (compare("curand, 128 threads a block", gotBits, wantBits))
    return 1;

  if (makeStates(k, s))
    return 1;
  drawTwoDimensional<<<Blocks, dim3(16, 16)>>>(s, bits);
  CHECK(cudaMemcpy(gotBits.data(), bits, Words * 4, cudaMemcpyDeviceToHost));
  if (compare("16x16 threads, curand_mtgp32_specific", gotBits, wantBits))
    return 1;

  CHECK(cudaGetLastError());
  cudaFree(values);
  cudaFree(bits);
  cudaFree(s);
  cudaFree(k);
  printf("PASS\n");
  return 0;
}
