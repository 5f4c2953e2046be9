// Plain C++ (compiled by the C++ compiler): CUDA runtime calls only.
#include "particles.h"

#include <cmath>
#include <cstdio>
#include <vector>

void simulate(Particle *Device, int N, int Steps, float Dt);

int main() {
  const int N = 1000;
  const float Dt = 0.01f;
  Particle *Device;
  if (cudaMalloc(&Device, N * sizeof(Particle)) != cudaSuccess)
    return 1;
  initParticles(Device, N);
  simulate(Device, N, STEPS, Dt);
  std::vector<Particle> Result(N);
  cudaMemcpy(Result.data(), Device, N * sizeof(Particle),
             cudaMemcpyDeviceToHost);
  bool Ok = cudaGetLastError() == cudaSuccess;
  for (int I = 0; I < N; ++I) {
    // The same semi-implicit Euler steps on the host.
    float P[3] = {I * 0.01f, 1.0f, -I * 0.02f}, V[3] = {0, 0, 0};
    for (int S = 0; S < STEPS; ++S)
      for (int D = 0; D < 3; ++D) {
        V[D] += -P[D] * Dt;
        P[D] += V[D] * Dt;
      }
    Ok &= std::fabs(Result[I].Position.x - P[0]) < 1e-5f &&
          std::fabs(Result[I].Position.y - P[1]) < 1e-5f &&
          std::fabs(Result[I].Position.z - P[2]) < 1e-5f;
  }
  cudaFree(Device);
  printf("%s\n", Ok ? "PASS" : "FAIL");
  return Ok ? 0 : 1;
}
