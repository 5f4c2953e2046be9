// Headers Tongxin does not provide: one it names (an error, the parse goes
// on), then one nobody has (fatal: the rest is not read).
#include <cufftw.h>
#include <cuda_runtime.h>

int main() {
  void *P;
  cudaMalloc(&P, 16);
  cuMemAlloc(nullptr, 16);
  return 0;
}

#include <cuda_pipeline.h>
