//===- nbody.cu - All-pairs n-body force benchmark -----------------------===//
//
// Part of Tongxin. The gravitational accelerations of 4096 bodies, all
// pairs, after GPU Gems 3, chapter 31: positions and masses are float4s, one
// thread per body; the block steps through the bodies one tile of 256 at a
// time, loading the tile into __shared__ memory, and every thread adds the
// 256 interactions (softened distance, rsqrtf) to its acceleration.
//
// What it stresses on a CPU: float4 loads, a long compute loop over shared
// memory at thread-independent addresses, and rsqrtf.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cmath>
#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int NumBodies = 4096;
static constexpr int BlockSize = 256;
static constexpr float Softening2 = 0.01f;

/// Adds the acceleration that body \p Bj (xyz position, w mass) exerts on
/// body \p Bi to \p Ai.
__device__ float3 bodyBodyInteraction(float4 Bi, float4 Bj, float3 Ai) {
  float3 R = make_float3(Bj.x - Bi.x, Bj.y - Bi.y, Bj.z - Bi.z);
  float DistSqr = R.x * R.x + R.y * R.y + R.z * R.z + Softening2;
  float InvDist = rsqrtf(DistSqr);
  float S = Bj.w * (InvDist * InvDist * InvDist);
  Ai.x += R.x * S;
  Ai.y += R.y * S;
  Ai.z += R.z * S;
  return Ai;
}

__global__ void computeAccels(const float4 *Pos, float4 *Acc, int N) {
  __shared__ float4 Tile[BlockSize];
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  float4 Me = I < N ? Pos[I] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
  float3 A = make_float3(0.0f, 0.0f, 0.0f);
  for (int Base = 0; Base < N; Base += BlockSize) {
    int J = Base + threadIdx.x;
    Tile[threadIdx.x] = J < N ? Pos[J] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    __syncthreads();
    for (int K = 0; K < BlockSize; ++K)
      A = bodyBodyInteraction(Me, Tile[K], A);
    __syncthreads();
  }
  if (I < N)
    Acc[I] = make_float4(A.x, A.y, A.z, 0.0f);
}

/// Checks every 16th body against a double-precision sum; the tolerance is
/// relative to the sum of the magnitudes of the terms (cancellation).
static bool checkAccels(const std::vector<float4> &Pos,
                        const std::vector<float4> &Acc) {
  for (int I = 0; I < NumBodies; I += 16) {
    double Want[3] = {0, 0, 0}, Scale[3] = {0, 0, 0};
    for (int J = 0; J < NumBodies; ++J) {
      double R[3] = {double(Pos[J].x) - Pos[I].x, double(Pos[J].y) - Pos[I].y,
                     double(Pos[J].z) - Pos[I].z};
      double D2 = R[0] * R[0] + R[1] * R[1] + R[2] * R[2] + Softening2;
      double S = Pos[J].w / (D2 * std::sqrt(D2));
      for (int C = 0; C < 3; ++C) {
        Want[C] += R[C] * S;
        Scale[C] += std::fabs(R[C] * S);
      }
    }
    double Got[3] = {Acc[I].x, Acc[I].y, Acc[I].z};
    for (int C = 0; C < 3; ++C)
      if (std::fabs(Got[C] - Want[C]) > 1e-4 * Scale[C]) {
        std::fprintf(stderr, "nbody: body %d axis %d: %g, want %g\n", I, C,
                     Got[C], Want[C]);
        return false;
      }
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 8);
  const int N = NumBodies;

  // Positions in [-1, 1)^3, masses in [0.5, 1.5).
  std::vector<float4> Pos(N), Acc(N);
  for (int I = 0; I < N; ++I) {
    auto Coord = [&](unsigned Salt) {
      return float(bench::hash32(unsigned(4 * I) + Salt) % 65536) / 32768.0f -
             1.0f;
    };
    Pos[I] = make_float4(Coord(0), Coord(1), Coord(2),
                         0.5f + (Coord(3) + 1.0f) * 0.5f);
  }

  float4 *DevPos = nullptr, *DevAcc = nullptr;
  CHECK_CUDA(cudaMalloc(&DevPos, N * sizeof(float4)));
  CHECK_CUDA(cudaMalloc(&DevAcc, N * sizeof(float4)));
  CHECK_CUDA(cudaMemcpy(DevPos, Pos.data(), N * sizeof(float4),
                        cudaMemcpyHostToDevice));

  int NumBlocks = (N + BlockSize - 1) / BlockSize;
  computeAccels<<<NumBlocks, BlockSize>>>(DevPos, DevAcc, N); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    computeAccels<<<NumBlocks, BlockSize>>>(DevPos, DevAcc, N);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Acc.data(), DevAcc, N * sizeof(float4),
                        cudaMemcpyDeviceToHost));
  bool Ok = checkAccels(Pos, Acc);

  CHECK_CUDA(cudaFree(DevPos));
  CHECK_CUDA(cudaFree(DevAcc));
  return bench::report("nbody", BENCH_IMPL, Samples, Ok);
}
