// static_cast between __half and __nv_bfloat16, as mixed-precision code
// writes it (CUDA 12.2+ gives each type an explicit constructor from the
// other). Every one of the 65536 bit patterns of each type is converted in
// a kernel and on the host; the result must equal the conversion through
// float, rounded to nearest even (NaN stays NaN).
#include <cstdio>
#include <cstring>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
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

__global__ void convertAll(const __half *h, const __nv_bfloat16 *b, __nv_bfloat16 *hToB, __half *bToH, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  hToB[i] = static_cast<__nv_bfloat16>(h[i]);
  bToH[i] = static_cast<__half>(b[i]);
}

static unsigned short bits(__half v) { unsigned short u; memcpy(&u, &v, 2); return u; }
static unsigned short bits(__nv_bfloat16 v) { unsigned short u; memcpy(&u, &v, 2); return u; }

int main() {
  const int n = 65536;
  __half *h = new __half[n], *bToH = new __half[n];
  __nv_bfloat16 *b = new __nv_bfloat16[n], *hToB = new __nv_bfloat16[n];
  for (int i = 0; i < n; ++i) {
    h[i] = __ushort_as_half((unsigned short)i);
    b[i] = __ushort_as_bfloat16((unsigned short)i);
  }
  __half *dh, *dbToH;
  __nv_bfloat16 *db, *dhToB;
  CHECK(cudaMalloc(&dh, n * sizeof(__half)));
  CHECK(cudaMalloc(&db, n * sizeof(__nv_bfloat16)));
  CHECK(cudaMalloc(&dbToH, n * sizeof(__half)));
  CHECK(cudaMalloc(&dhToB, n * sizeof(__nv_bfloat16)));
  CHECK(cudaMemcpy(dh, h, n * sizeof(__half), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, b, n * sizeof(__nv_bfloat16), cudaMemcpyHostToDevice));
  convertAll<<<n / 256, 256>>>(dh, db, dhToB, dbToH, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(hToB, dhToB, n * sizeof(__nv_bfloat16), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(bToH, dbToH, n * sizeof(__half), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    float hf = __half2float(h[i]), bf = __bfloat162float(b[i]);
    __nv_bfloat16 refB = __float2bfloat16_rn(hf);
    __half refH = __float2half_rn(bf);
    __nv_bfloat16 hostB = static_cast<__nv_bfloat16>(h[i]);  // the same casts on the host
    __half hostH = static_cast<__half>(b[i]);
    bool nanH = hf != hf, nanB = bf != bf;
    bool okB = nanH ? __bfloat162float(hToB[i]) != __bfloat162float(hToB[i]) &&
                          __bfloat162float(hostB) != __bfloat162float(hostB)
                    : bits(hToB[i]) == bits(refB) && bits(hostB) == bits(refB);
    bool okH = nanB ? __half2float(bToH[i]) != __half2float(bToH[i]) &&
                          __half2float(hostH) != __half2float(hostH)
                    : bits(bToH[i]) == bits(refH) && bits(hostH) == bits(refH);
    if (!okB) {
      printf("FAIL: half 0x%04x -> bf16: device 0x%04x host 0x%04x expected 0x%04x\n", i, bits(hToB[i]),
             bits(hostB), bits(refB));
      return 1;
    }
    if (!okH) {
      printf("FAIL: bf16 0x%04x -> half: device 0x%04x host 0x%04x expected 0x%04x\n", i, bits(bToH[i]),
             bits(hostH), bits(refH));
      return 1;
    }
  }
  // Spot values: rounding and range differ between the formats.
  if (__half2float(static_cast<__half>(__float2bfloat16(65536.0f))) != INFINITY ||
      __bfloat162float(static_cast<__nv_bfloat16>(__float2half(1.0f + 1.0f / 512))) != 1.0f ||
      __half2float(static_cast<__half>(__float2bfloat16(3.0f))) != 3.0f) {
    printf("FAIL: spot values\n");
    return 1;
  }
  CHECK(cudaFree(dh)); CHECK(cudaFree(db)); CHECK(cudaFree(dbToH)); CHECK(cudaFree(dhToB));
  delete[] h; delete[] bToH; delete[] b; delete[] hToB;
  printf("PASS\n");
  return 0;
}
