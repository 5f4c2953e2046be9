// Host C++ compiled by the C++ compiler against the toolkit's headers:
// a kernel from scale.cu, then cuBLAS's dot product of the result.
#include "scale.h"

#include <cstdio>
#include <cublas_v2.h>
#include <vector>

int main() {
  const int N = 4096;
  std::vector<float> Host(N);
  double Expected = 0;
  for (int I = 0; I < N; ++I) {
    Host[I] = (I % 13) * 0.5f;
    Expected += 9.0 * Host[I] * Host[I];
  }
  float *Device;
  cudaMalloc(&Device, N * sizeof(float));
  cudaMemcpy(Device, Host.data(), N * sizeof(float), cudaMemcpyHostToDevice);
  if (scaleOnDevice(Device, N, 3.0f) != cudaSuccess) {
    printf("FAIL: kernel\n");
    return 1;
  }
  cublasHandle_t Handle;
  cublasCreate(&Handle);
  float Dot = 0;
  cublasStatus_t Status = cublasSdot(Handle, N, Device, 1, Device, 1, &Dot);
  cublasDestroy(Handle);
  cudaFree(Device);
  bool Ok = Status == CUBLAS_STATUS_SUCCESS &&
            (Dot - Expected) / Expected < 1e-5 &&
            (Expected - Dot) / Expected < 1e-5;
  printf("dot %.1f expected %.1f\n%s\n", Dot, Expected, Ok ? "PASS" : "FAIL");
  return Ok ? 0 : 1;
}
