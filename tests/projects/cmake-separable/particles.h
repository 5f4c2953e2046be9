#pragma once
#include <cuda_runtime.h>

struct Particle {
  float3 Position, Velocity;
};

// Defined in particles.cu, called from kernels in simulate.cu: needs
// relocatable device code.
__device__ float3 acceleration(float3 Position);
__device__ void advance(Particle &P, float Dt);

// Host side of the library.
void initParticles(Particle *Device, int N);
