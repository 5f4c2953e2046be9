// __CUDA_ARCH__ and __CUDA_ARCH_LIST__ as libraries use them: a
// __host__ __device__ function that reports where it runs (__CUDA_ARCH__ is
// defined only when compiling device code, to the target's 3-digit number),
// device code choosing an instruction by architecture, and the host reading
// the list of targets the binary was built for. Built with the default
// -arch=sm_80: expects 800 on the device and a list of {800}.
#include <cstdio>
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

#ifndef __CUDA_ARCH_LIST__
#error "__CUDA_ARCH_LIST__ is not defined"
#endif

__host__ __device__ int compiledFor() {
#ifdef __CUDA_ARCH__
  return __CUDA_ARCH__;
#else
  return 0;  // host code
#endif
}

__device__ unsigned warpMax(unsigned v) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
  return __reduce_max_sync(0xffffffffu, v);
#else
  for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
#endif
}

__global__ void probe(const unsigned *in, unsigned *maxOut, int *arch, int *list0) {
  unsigned m = warpMax(in[threadIdx.x]);
  if (threadIdx.x == 0) {
    *maxOut = m;
    *arch = compiledFor();
    constexpr int archs[] = {__CUDA_ARCH_LIST__};
    *list0 = archs[0];
  }
}

int main() {
  constexpr int archs[] = {__CUDA_ARCH_LIST__};
  const int nArchs = sizeof(archs) / sizeof(archs[0]);
  printf("built for %d architecture(s), first %d; host compiledFor() = %d\n", nArchs,
         archs[0], compiledFor());
  if (compiledFor() != 0) { printf("FAIL: __CUDA_ARCH__ defined in host code\n"); return 1; }
  if (nArchs != 1 || archs[0] != 800) { printf("FAIL: expected __CUDA_ARCH_LIST__ = 800\n"); return 1; }

  unsigned h[32];
  for (int i = 0; i < 32; ++i) h[i] = (i * 2654435761u) >> 7;
  unsigned *din, *dmax;
  int *darch, *dlist;
  CUDA_CHECK(cudaMalloc(&din, sizeof h));
  CUDA_CHECK(cudaMalloc(&dmax, sizeof(unsigned)));
  CUDA_CHECK(cudaMalloc(&darch, sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dlist, sizeof(int)));
  CUDA_CHECK(cudaMemcpy(din, h, sizeof h, cudaMemcpyHostToDevice));
  probe<<<1, 32>>>(din, dmax, darch, dlist);
  CUDA_CHECK(cudaGetLastError());
  unsigned m = 0;
  int arch = 0, list0 = 0;
  CUDA_CHECK(cudaMemcpy(&m, dmax, sizeof m, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(&arch, darch, sizeof arch, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(&list0, dlist, sizeof list0, cudaMemcpyDeviceToHost));
  unsigned ref = 0;
  for (int i = 0; i < 32; ++i) ref = h[i] > ref ? h[i] : ref;
  printf("device: __CUDA_ARCH__ = %d, __CUDA_ARCH_LIST__[0] = %d\n", arch, list0);
  if (arch != 800) { printf("FAIL: __CUDA_ARCH__ = %d in device code, expected 800\n", arch); return 1; }
  if (list0 != archs[0]) { printf("FAIL: device and host lists differ\n"); return 1; }
  if (m != ref) { printf("FAIL: warp max %u expected %u\n", m, ref); return 1; }
  CUDA_CHECK(cudaFree(din)); CUDA_CHECK(cudaFree(dmax));
  CUDA_CHECK(cudaFree(darch)); CUDA_CHECK(cudaFree(dlist));
  printf("PASS\n");
  return 0;
}
