// Version macros gating code paths, as libraries test them: the nvcc
// version (__CUDACC_VER_MAJOR__/MINOR__/BUILD__), the runtime's
// CUDART_VERSION, the driver API's CUDA_VERSION from <cuda.h>, and
// __CUDA_API_VER_MAJOR__. They must agree with each other, with
// cudaRuntimeGetVersion, and between the host and the device passes; a
// CUDA 12 toolkit takes the `__reduce_add_sync` path of the warp sum.
#include <cstdio>
#include <cuda.h>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

#if !defined(__CUDACC_VER_MAJOR__) || !defined(__CUDACC_VER_MINOR__) || \
    !defined(__CUDACC_VER_BUILD__)
#error "nvcc version macros missing"
#endif
#if !defined(CUDART_VERSION) || !defined(CUDA_VERSION)
#error "CUDART_VERSION / CUDA_VERSION missing"
#endif
#if !defined(__CUDA_API_VER_MAJOR__) || !defined(__CUDA_API_VER_MINOR__)
#error "__CUDA_API_VER_* missing"
#endif
#if CUDA_VERSION < 11000
#error "this code needs CUDA 11 or newer"
#endif

#define NVCC_VERSION (__CUDACC_VER_MAJOR__ * 1000 + __CUDACC_VER_MINOR__ * 10)

// One macro per path, as a library would define them.
#if __CUDACC_VER_MAJOR__ >= 12 && CUDART_VERSION >= 12000
#define WARP_SUM_PATH 2  // CUDA 12: the sm_80 redux instruction
#elif CUDART_VERSION >= 9000
#define WARP_SUM_PATH 1  // CUDA 9-11: *_sync shuffles
#else
#define WARP_SUM_PATH 0
#endif

__device__ int warpSum(int v) {
#if WARP_SUM_PATH == 2
  return __reduce_add_sync(0xffffffffu, v);
#else
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
#endif
}

__global__ void sums(const int *in, int *out, int *seen) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int s = warpSum(in[i]);
  if ((threadIdx.x & 31) == 0) out[i / 32] = s;
  if (i == 0) {  // what the device pass saw
    seen[0] = __CUDACC_VER_MAJOR__;
    seen[1] = __CUDACC_VER_MINOR__;
    seen[2] = CUDART_VERSION;
    seen[3] = CUDA_VERSION;
    seen[4] = __CUDA_API_VER_MAJOR__;
    seen[5] = WARP_SUM_PATH;
  }
}

int main() {
  int rt = 0, drv = 0;
  CUDA_CHECK(cudaRuntimeGetVersion(&rt));
  CUDA_CHECK(cudaDriverGetVersion(&drv));
  printf("nvcc %d.%d.%d, CUDART_VERSION %d, CUDA_VERSION %d, API %d.%d, runtime %d, driver %d\n",
         __CUDACC_VER_MAJOR__, __CUDACC_VER_MINOR__, __CUDACC_VER_BUILD__, CUDART_VERSION,
         CUDA_VERSION, __CUDA_API_VER_MAJOR__, __CUDA_API_VER_MINOR__, rt, drv);
  if (rt != CUDART_VERSION) { printf("FAIL: cudaRuntimeGetVersion %d != CUDART_VERSION\n", rt); return 1; }
  if (drv < rt) { printf("FAIL: driver %d older than runtime %d\n", drv, rt); return 1; }
  if (CUDA_VERSION != CUDART_VERSION || NVCC_VERSION != CUDART_VERSION) {
    printf("FAIL: versions disagree\n"); return 1;
  }
  if (__CUDA_API_VER_MAJOR__ != __CUDACC_VER_MAJOR__ || __CUDA_API_VER_MINOR__ != __CUDACC_VER_MINOR__) {
    printf("FAIL: API version differs from the compiler's\n"); return 1;
  }
  const int n = 256;
  int h[n], out[n / 32], seen[6];
  for (int i = 0; i < n; ++i) h[i] = (i * 37) % 101 - 50;
  int *din, *dout, *dseen;
  CUDA_CHECK(cudaMalloc(&din, sizeof h));
  CUDA_CHECK(cudaMalloc(&dout, sizeof out));
  CUDA_CHECK(cudaMalloc(&dseen, sizeof seen));
  CUDA_CHECK(cudaMemcpy(din, h, sizeof h, cudaMemcpyHostToDevice));
  sums<<<2, 128>>>(din, dout, dseen);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(out, dout, sizeof out, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(seen, dseen, sizeof seen, cudaMemcpyDeviceToHost));
  const int host[6] = {__CUDACC_VER_MAJOR__, __CUDACC_VER_MINOR__, CUDART_VERSION,
                       CUDA_VERSION, __CUDA_API_VER_MAJOR__, WARP_SUM_PATH};
  for (int k = 0; k < 6; ++k)
    if (seen[k] != host[k]) { printf("FAIL: device saw macro %d = %d, host %d\n", k, seen[k], host[k]); return 1; }
  if (WARP_SUM_PATH != 2) { printf("FAIL: a CUDA 12 toolkit should take path 2\n"); return 1; }
  for (int w = 0; w < n / 32; ++w) {
    int ref = 0;
    for (int j = 0; j < 32; ++j) ref += h[w * 32 + j];
    if (out[w] != ref) { printf("FAIL: warp %d sum %d expected %d\n", w, out[w], ref); return 1; }
  }
  CUDA_CHECK(cudaFree(din)); CUDA_CHECK(cudaFree(dout)); CUDA_CHECK(cudaFree(dseen));
  printf("PASS\n");
  return 0;
}
