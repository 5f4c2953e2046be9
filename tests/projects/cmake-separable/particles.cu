#include "particles.h"

__device__ float3 acceleration(float3 Position) {
  // A spring towards the origin.
  return make_float3(-Position.x, -Position.y, -Position.z);
}

__device__ void advance(Particle &P, float Dt) {
  float3 A = acceleration(P.Position);
  P.Velocity.x += A.x * Dt;
  P.Velocity.y += A.y * Dt;
  P.Velocity.z += A.z * Dt;
  P.Position.x += P.Velocity.x * Dt;
  P.Position.y += P.Velocity.y * Dt;
  P.Position.z += P.Velocity.z * Dt;
}

static __global__ void initKernel(Particle *P, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    P[I] = {make_float3(I * 0.01f, 1.0f, -I * 0.02f), make_float3(0, 0, 0)};
}

void initParticles(Particle *Device, int N) {
  initKernel<<<(N + 127) / 128, 128>>>(Device, N);
}
