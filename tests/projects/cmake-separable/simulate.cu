#include "particles.h"

__global__ void stepKernel(Particle *P, int N, float Dt) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    advance(P[I], Dt);
}

// Called from main.cpp, which is plain C++.
void simulate(Particle *Device, int N, int Steps, float Dt) {
  for (int S = 0; S < Steps; ++S)
    stepKernel<<<(N + 127) / 128, 128>>>(Device, N, Dt);
}
