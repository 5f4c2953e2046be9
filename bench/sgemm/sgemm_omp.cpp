//===- sgemm_omp.cpp - OpenMP baseline for sgemm -------------------------===//
//
// Part of Tongxin. The same tiling as sgemm.cu, written for a CPU: a parallel
// loop over the 16x16 output tiles of C; each tile steps through K copying a
// 16x16 tile of A and of B into local arrays and accumulating a local 16x16
// tile of C. The inner loop runs over the tile's columns so that it
// vectorises; each element of C still sums its products in the same k order
// as one CUDA thread does. Full tiles (all of them at 512) load without the
// bounds checks, which keeps the copies vectorised too.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"
#include "../common/gemm_data.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int Dim = 512; // M = N = K.
static constexpr int Tile = 16;

/// Copies the 16x16 tiles of A and B for one K step when they lie wholly
/// inside the matrices (always, at 512x512): plain row copies that vectorise.
static inline void loadFullTiles(const float *__restrict A,
                                 const float *__restrict B,
                                 float (*__restrict TileA)[Tile],
                                 float (*__restrict TileB)[Tile], int Row0,
                                 int Col0, int K0, int N, int K) {
  for (int Ty = 0; Ty < Tile; ++Ty)
    for (int Tx = 0; Tx < Tile; ++Tx) {
      TileA[Ty][Tx] = A[(Row0 + Ty) * K + K0 + Tx];
      TileB[Ty][Tx] = B[(K0 + Ty) * N + Col0 + Tx];
    }
}

/// The same copy for tiles that cross an edge: zero outside the matrices,
/// exactly as each CUDA thread's guarded load does.
static void loadEdgeTiles(const float *__restrict A, const float *__restrict B,
                          float (*__restrict TileA)[Tile],
                          float (*__restrict TileB)[Tile], int Row0, int Col0,
                          int K0, int M, int N, int K) {
  for (int Ty = 0; Ty < Tile; ++Ty)
    for (int Tx = 0; Tx < Tile; ++Tx) {
      int Row = Row0 + Ty, Col = Col0 + Tx;
      TileA[Ty][Tx] = (Row < M && K0 + Tx < K) ? A[Row * K + K0 + Tx] : 0.0f;
      TileB[Ty][Tx] = (K0 + Ty < K && Col < N) ? B[(K0 + Ty) * N + Col] : 0.0f;
    }
}

static void sgemmTiled(const float *__restrict A, const float *__restrict B,
                       float *__restrict C, int M, int N, int K) {
  int TilesM = (M + Tile - 1) / Tile;
  int TilesN = (N + Tile - 1) / Tile;
#pragma omp parallel for collapse(2) schedule(static)
  for (int TileRow = 0; TileRow < TilesM; ++TileRow)
    for (int TileCol = 0; TileCol < TilesN; ++TileCol) {
      alignas(64) float TileA[Tile][Tile];
      alignas(64) float TileB[Tile][Tile];
      alignas(64) float Acc[Tile][Tile] = {};
      int Row0 = TileRow * Tile, Col0 = TileCol * Tile;

      for (int K0 = 0; K0 < K; K0 += Tile) {
        if (Row0 + Tile <= M && Col0 + Tile <= N && K0 + Tile <= K)
          loadFullTiles(A, B, TileA, TileB, Row0, Col0, K0, N, K);
        else
          loadEdgeTiles(A, B, TileA, TileB, Row0, Col0, K0, M, N, K);
        // One row of the C tile at a time, its 16 accumulators held in
        // registers across the k loop; without `omp simd` g++ 12 turns this
        // nest into shuffles and runs ~15x slower.
        for (int Ty = 0; Ty < Tile; ++Ty) {
          float Row[Tile];
          for (int Tx = 0; Tx < Tile; ++Tx)
            Row[Tx] = Acc[Ty][Tx];
          for (int Kk = 0; Kk < Tile; ++Kk) {
            float Aik = TileA[Ty][Kk];
#pragma omp simd
            for (int Tx = 0; Tx < Tile; ++Tx)
              Row[Tx] += Aik * TileB[Kk][Tx];
          }
          for (int Tx = 0; Tx < Tile; ++Tx)
            Acc[Ty][Tx] = Row[Tx];
        }
      }

      for (int Ty = 0; Ty < Tile; ++Ty)
        for (int Tx = 0; Tx < Tile; ++Tx) {
          int Row = Row0 + Ty, Col = Col0 + Tx;
          if (Row < M && Col < N)
            C[Row * N + Col] = Acc[Ty][Tx];
        }
    }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  const int M = Dim, N = Dim, K = Dim;

  std::vector<float> A, B, C(size_t(M) * N);
  bench::fillGemmInputs(A, B, M, N, K);

  sgemmTiled(A.data(), B.data(), C.data(), M, N, K); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    sgemmTiled(A.data(), B.data(), C.data(), M, N, K);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = bench::checkGemm("sgemm", C.data(), A, B, M, N, K);

  std::printf("INFO name=sgemm impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("sgemm", "omp", Samples, Ok);
}
