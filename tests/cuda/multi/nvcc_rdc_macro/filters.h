// A filter library that can be built either way: with relocatable device
// code (-rdc=true / -dc; nvcc defines __CUDACC_RDC__) its device functions
// live in filters.cu and are linked across translation units; otherwise
// every includer gets an inline copy.
#pragma once

#ifdef __CUDACC_RDC__
#define FILTERS_SEPARATE 1
extern __device__ float taper(int i, int n);
extern __device__ unsigned long long g_taperCalls;
#else
#define FILTERS_SEPARATE 0
__device__ inline float taper(int i, int n) {
  float x = (float)i / (float)(n - 1);
  return 4.0f * x * (1.0f - x);
}
#endif

// Host side of the library (defined in filters.cu).
int filtersBuiltSeparately();
cudaError_t taperCalls(unsigned long long *calls);
