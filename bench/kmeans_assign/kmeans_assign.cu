//===- kmeans_assign.cu - Nearest-centroid assignment benchmark ----------===//
//
// Part of Tongxin. The assignment step of k-means: 2^20 points in 8
// dimensions (structure of arrays, so that neighbouring threads read
// neighbouring floats), 32 centroids. Each block copies the 32x8 centroids
// into __shared__ memory; each thread then loops over the clusters and the
// dimensions of its point and writes the index of the nearest centroid.
//
// What it stresses on a CPU: a per-thread loop nest over a small uniform
// dimension, reading shared memory at thread-independent addresses, with a
// data-dependent select (the running argmin) inside.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int NumPoints = 1 << 20;
static constexpr int NumClusters = 32;
static constexpr int NumDims = 8;
static constexpr int BlockSize = 256;

/// Points[D * N + P] is coordinate D of point P; Centroids[K * NumDims + D]
/// coordinate D of centroid K.
__global__ void assignClusters(const float *Points, const float *Centroids,
                               int *Assign, int N) {
  __shared__ float Cent[NumClusters * NumDims];
  for (int I = threadIdx.x; I < NumClusters * NumDims; I += blockDim.x)
    Cent[I] = Centroids[I];
  __syncthreads();

  int P = blockIdx.x * blockDim.x + threadIdx.x;
  if (P >= N)
    return;
  float X[NumDims];
  for (int D = 0; D < NumDims; ++D)
    X[D] = Points[D * N + P];
  float Best = 3.4e38f;
  int BestK = 0;
  for (int K = 0; K < NumClusters; ++K) {
    float Dist = 0.0f;
    for (int D = 0; D < NumDims; ++D) {
      float Diff = X[D] - Cent[K * NumDims + D];
      Dist += Diff * Diff;
    }
    if (Dist < Best) {
      Best = Dist;
      BestK = K;
    }
  }
  Assign[P] = BestK;
}

/// Host reference: the same loops, first minimum wins.
static int nearestCentroid(const std::vector<float> &Points,
                           const std::vector<float> &Centroids, int P, int N) {
  float Best = 3.4e38f;
  int BestK = 0;
  for (int K = 0; K < NumClusters; ++K) {
    float Dist = 0.0f;
    for (int D = 0; D < NumDims; ++D) {
      float Diff = Points[D * N + P] - Centroids[K * NumDims + D];
      Dist += Diff * Diff;
    }
    if (Dist < Best) {
      Best = Dist;
      BestK = K;
    }
  }
  return BestK;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 15);
  const int N = NumPoints;

  // Integer coordinates in [0, 16): every distance is an exact integer, so
  // ties (first minimum wins) resolve identically everywhere.
  std::vector<float> Points(size_t(NumDims) * N);
  std::vector<float> Centroids(NumClusters * NumDims);
  for (size_t I = 0; I < Points.size(); ++I)
    Points[I] = float(bench::hash32(unsigned(I)) % 16);
  for (int I = 0; I < NumClusters * NumDims; ++I)
    Centroids[I] = float(bench::hash32(unsigned(I) + 0x9e3779b9u) % 16);
  std::vector<int> Assign(N);

  float *DevPoints = nullptr, *DevCentroids = nullptr;
  int *DevAssign = nullptr;
  CHECK_CUDA(cudaMalloc(&DevPoints, Points.size() * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevCentroids, Centroids.size() * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevAssign, size_t(N) * sizeof(int)));
  CHECK_CUDA(cudaMemcpy(DevPoints, Points.data(), Points.size() * sizeof(float),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevCentroids, Centroids.data(),
                        Centroids.size() * sizeof(float),
                        cudaMemcpyHostToDevice));

  int NumBlocks = (N + BlockSize - 1) / BlockSize;
  assignClusters<<<NumBlocks, BlockSize>>>(DevPoints, DevCentroids, DevAssign,
                                           N); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    assignClusters<<<NumBlocks, BlockSize>>>(DevPoints, DevCentroids, DevAssign,
                                             N);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Assign.data(), DevAssign, size_t(N) * sizeof(int),
                        cudaMemcpyDeviceToHost));
  bool Ok = true;
  for (int P = 0; P < N && Ok; ++P) {
    int Want = nearestCentroid(Points, Centroids, P, N);
    Ok = Assign[P] == Want;
    if (!Ok)
      std::fprintf(stderr, "kmeans_assign: point %d -> %d, want %d\n", P,
                   Assign[P], Want);
  }

  CHECK_CUDA(cudaFree(DevPoints));
  CHECK_CUDA(cudaFree(DevCentroids));
  CHECK_CUDA(cudaFree(DevAssign));
  return bench::report("kmeans_assign", BENCH_IMPL, Samples, Ok);
}
