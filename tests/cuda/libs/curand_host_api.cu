// cuRAND host API: a device generator writes normals into device memory
// asynchronously on a stream; a kernel then reduces them. The values must
// equal a host generator's (curandCreateGeneratorHost) bit for bit, and
// have mean and variance near what was asked for.
// txcc-flags: -lcurand
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <cstring>
#include <curand.h>
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
      printf("FAIL: %s:%d: status %d\n", __FILE__, __LINE__, (int)st_);       \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Sums of values and squares, one block, shared-memory reduction.
__global__ void moments(const float *x, int n, double *out) {
  __shared__ double s[256], q[256];
  double a = 0, b = 0;
  for (int i = threadIdx.x; i < n; i += blockDim.x)
    a += x[i], b += (double)x[i] * x[i];
  s[threadIdx.x] = a;
  q[threadIdx.x] = b;
  __syncthreads();
  for (int w = blockDim.x / 2; w > 0; w /= 2) {
    if (threadIdx.x < w) {
      s[threadIdx.x] += s[threadIdx.x + w];
      q[threadIdx.x] += q[threadIdx.x + w];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0)
    out[0] = s[0], out[1] = q[0];
}

int main() {
  const size_t n = 1 << 20;
  const float mean = 2.0f, stddev = 3.0f;
  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));
  float *d;
  double *m;
  CHECK(cudaMalloc(&d, n * sizeof(float)));
  CHECK(cudaMalloc(&m, 2 * sizeof(double)));

  curandGenerator_t gen;
  CHECK_RAND(curandCreateGenerator(&gen, CURAND_RNG_PSEUDO_DEFAULT));
  CHECK_RAND(curandSetStream(gen, stream));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(gen, 1234ULL));
  // Two calls: the second continues where the first stopped.
  CHECK_RAND(curandGenerateNormal(gen, d, n / 2, mean, stddev));
  CHECK_RAND(curandGenerateNormal(gen, d + n / 2, n / 2, mean, stddev));
  moments<<<1, 256, 0, stream>>>(d, (int)n, m);
  std::vector<float> got(n);
  double sums[2];
  CHECK(cudaMemcpyAsync(got.data(), d, n * sizeof(float),
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(sums, m, sizeof(sums), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  CHECK_RAND(curandDestroyGenerator(gen));

  curandGenerator_t host;
  CHECK_RAND(curandCreateGeneratorHost(&host, CURAND_RNG_PSEUDO_XORWOW));
  CHECK_RAND(curandSetPseudoRandomGeneratorSeed(host, 1234ULL));
  std::vector<float> want(n);
  CHECK_RAND(curandGenerateNormal(host, want.data(), n / 2, mean, stddev));
  CHECK_RAND(curandGenerateNormal(host, want.data() + n / 2, n / 2, mean,
                                  stddev));
  CHECK_RAND(curandDestroyGenerator(host));
  // Bit for bit where the device runs the host's code (the CPU device). A
  // GPU computes the same Box-Muller transform with its own logf and its
  // fast sine and cosine (as NVIDIA's device generators do): equal to a few
  // parts in a million of stddev.
  int device = 0, pageable = 0;
  CHECK(cudaGetDevice(&device));
  CHECK(cudaDeviceGetAttribute(&pageable, cudaDevAttrPageableMemoryAccess,
                               device));
  const float tolerance = pageable ? 0.0f : 1e-5f * stddev;
  for (size_t i = 0; i < n; ++i) {
    bool same = std::memcmp(&got[i], &want[i], sizeof(float)) == 0;
    if (!same && !(std::fabs(got[i] - want[i]) <= tolerance)) {
      printf("FAIL: device and host generators differ at %zu: %a vs %a\n", i,
             got[i], want[i]);
      return 1;
    }
  }
  double mu = sums[0] / n, var = sums[1] / n - mu * mu;
  if (std::fabs(mu - mean) > 0.02 || std::fabs(var - stddev * stddev) > 0.1) {
    printf("FAIL: mean %f variance %f\n", mu, var);
    return 1;
  }
  // Odd counts of normals are refused by XORWOW (they come in pairs).
  CHECK_RAND(curandCreateGenerator(&gen, CURAND_RNG_PSEUDO_XORWOW));
  if (curandGenerateNormal(gen, d, 3, 0.0f, 1.0f) !=
      CURAND_STATUS_LENGTH_NOT_MULTIPLE) {
    printf("FAIL: odd normal count accepted\n");
    return 1;
  }
  CHECK_RAND(curandDestroyGenerator(gen));
  cudaFree(d);
  cudaFree(m);
  cudaStreamDestroy(stream);
  printf("mean %.4f variance %.4f\nPASS\n", mu, var);
  return 0;
}
