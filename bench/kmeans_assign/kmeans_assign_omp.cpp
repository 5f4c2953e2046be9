//===- kmeans_assign_omp.cpp - OpenMP baseline for kmeans_assign ---------===//
//
// Part of Tongxin. The same assignment step as kmeans_assign.cu written for
// a CPU: each OpenMP thread copies the 32x8 centroids into a local array
// (the CUDA block's __shared__ copy), then a `for simd` loop over the points
// runs the same per-point loops over clusters and dimensions, vectorised
// across points as the CUDA threads are.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int NumPoints = 1 << 20;
static constexpr int NumClusters = 32;
static constexpr int NumDims = 8;

static void assignClusters(const float *__restrict Points,
                           const float *__restrict Centroids,
                           int *__restrict Assign, int N) {
#pragma omp parallel
  {
    float Cent[NumClusters * NumDims];
    for (int I = 0; I < NumClusters * NumDims; ++I)
      Cent[I] = Centroids[I];
#pragma omp for simd schedule(static)
    for (int P = 0; P < N; ++P) {
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
  }
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

  // Integer coordinates in [0, 16): every distance is an exact integer.
  std::vector<float> Points(size_t(NumDims) * N);
  std::vector<float> Centroids(NumClusters * NumDims);
  for (size_t I = 0; I < Points.size(); ++I)
    Points[I] = float(bench::hash32(unsigned(I)) % 16);
  for (int I = 0; I < NumClusters * NumDims; ++I)
    Centroids[I] = float(bench::hash32(unsigned(I) + 0x9e3779b9u) % 16);
  std::vector<int> Assign(N);

  assignClusters(Points.data(), Centroids.data(), Assign.data(),
                 N); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    assignClusters(Points.data(), Centroids.data(), Assign.data(), N);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = true;
  for (int P = 0; P < N && Ok; ++P) {
    int Want = nearestCentroid(Points, Centroids, P, N);
    Ok = Assign[P] == Want;
    if (!Ok)
      std::fprintf(stderr, "kmeans_assign: point %d -> %d, want %d\n", P,
                   Assign[P], Want);
  }

  std::printf("INFO name=kmeans_assign impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("kmeans_assign", "omp", Samples, Ok);
}
