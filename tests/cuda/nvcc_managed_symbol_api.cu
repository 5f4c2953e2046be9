// The symbol API on __managed__ variables: cudaMemcpyToSymbol,
// cudaMemcpyFromSymbol (whole and at an offset), cudaGetSymbolAddress
// (the address the host and kernels share: writes through it are the
// variable), cudaGetSymbolSize, cudaMemset on the symbol address, and
// cudaPointerGetAttributes reporting managed memory, as with CUDA.
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

constexpr int kN = 256;
__managed__ float coeffs[kN];
__managed__ int iterations;

__global__ void applyCoeffs(float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < kN) {
    float v = 0.0f;
    for (int k = 0; k < iterations; ++k) v += coeffs[i];
    out[i] = v;
  }
}

int main() {
  float h[kN];
  for (int i = 0; i < kN; ++i) h[i] = 0.5f * (i % 9) - 2.0f;
  const int iters = 3;
  CHECK(cudaMemcpyToSymbol(coeffs, h, sizeof h));
  CHECK(cudaMemcpyToSymbol(iterations, &iters, sizeof iters));
  if (coeffs[10] != h[10] || iterations != 3) { printf("FAIL: host does not see the copied values\n"); return 1; }

  // The symbol's address is the variable itself, for host and kernels.
  void *addr = nullptr;
  size_t size = 0;
  CHECK(cudaGetSymbolAddress(&addr, coeffs));
  CHECK(cudaGetSymbolSize(&size, coeffs));
  if (addr != (void *)coeffs || size != sizeof(coeffs)) {
    printf("FAIL: symbol address %p (variable at %p), size %zu\n", addr, (void *)coeffs, size);
    return 1;
  }
  cudaPointerAttributes attr;
  CHECK(cudaPointerGetAttributes(&attr, addr));
  if (attr.type != cudaMemoryTypeManaged) { printf("FAIL: attributes type %d, expected managed\n", (int)attr.type); return 1; }
  static_cast<float *>(addr)[0] = 100.0f;  // plain host store through the address

  float *out;
  CHECK(cudaMalloc(&out, kN * sizeof(float)));
  applyCoeffs<<<(kN + 127) / 128, 128>>>(out);
  CHECK(cudaGetLastError());
  float r[kN];
  CHECK(cudaMemcpy(r, out, sizeof r, cudaMemcpyDeviceToHost));
  for (int i = 0; i < kN; ++i) {
    float ref = 3.0f * (i == 0 ? 100.0f : h[i]);
    if (r[i] != ref) { printf("FAIL: out[%d] = %g expected %g\n", i, r[i], ref); return 1; }
  }
  // Partial copies at an offset, both directions.
  const float patch[4] = {7.0f, 8.0f, 9.0f, 10.0f};
  CHECK(cudaMemcpyToSymbol(coeffs, patch, sizeof patch, 20 * sizeof(float)));
  float back[6];
  CHECK(cudaMemcpyFromSymbol(back, coeffs, sizeof back, 19 * sizeof(float)));
  if (back[0] != h[19] || back[1] != 7.0f || back[4] != 10.0f || back[5] != h[24] || coeffs[21] != 8.0f) {
    printf("FAIL: offset copies: %g %g %g %g\n", back[0], back[1], back[4], back[5]);
    return 1;
  }
  // Memset through the symbol address, then the async symbol copy.
  CHECK(cudaMemset(static_cast<float *>(addr) + 128, 0, 128 * sizeof(float)));
  int newIters = 1;
  CHECK(cudaMemcpyToSymbolAsync(iterations, &newIters, sizeof newIters, 0, cudaMemcpyHostToDevice, 0));
  applyCoeffs<<<(kN + 127) / 128, 128>>>(out);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, out, sizeof r, cudaMemcpyDeviceToHost));
  if (r[128] != 0.0f || r[255] != 0.0f || r[21] != 8.0f || r[0] != 100.0f) {
    printf("FAIL: after memset: %g %g %g %g\n", r[128], r[255], r[21], r[0]);
    return 1;
  }
  int it = 0;
  CHECK(cudaMemcpyFromSymbol(&it, iterations, sizeof it));
  if (it != 1 || iterations != 1) { printf("FAIL: iterations %d\n", it); return 1; }
  CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
