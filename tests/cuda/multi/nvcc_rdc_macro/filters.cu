// Device functions of the filter library, compiled with -dc.
#include <cuda_runtime.h>
#include "filters.h"

#if !FILTERS_SEPARATE
#error "-dc must define __CUDACC_RDC__"
#endif

__device__ unsigned long long g_taperCalls = 0;

__device__ float taper(int i, int n) {
  atomicAdd(&g_taperCalls, 1ull);
  float x = (float)i / (float)(n - 1);
  return 4.0f * x * (1.0f - x);
}

int filtersBuiltSeparately() { return FILTERS_SEPARATE; }

cudaError_t taperCalls(unsigned long long *calls) {
  return cudaMemcpyFromSymbol(calls, g_taperCalls, sizeof *calls);
}
