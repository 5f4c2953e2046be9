//===- transpose_omp.cpp - OpenMP baseline for transpose -----------------===//
//
// Part of Tongxin. The same tiling as transpose.cu written for a CPU: a
// parallel loop over the 32x32 tiles, each transposed directly from In to
// Out. On a CPU the tile of In stays in L1 while its columns are written, so
// the L1 cache plays the part of the CUDA block's __shared__ tile; copying
// through a local 32x33 array was measured to be slower here, so the
// baseline does not.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int Width = 4096;  // Columns of In, rows of Out.
static constexpr int Height = 2048; // Rows of In, columns of Out.
static constexpr int TileDim = 32;

static void transposeTiled(float *__restrict Out, const float *__restrict In,
                           int W, int H) {
  int TilesX = (W + TileDim - 1) / TileDim;
  int TilesY = (H + TileDim - 1) / TileDim;
#pragma omp parallel for collapse(2) schedule(static)
  for (int TileY = 0; TileY < TilesY; ++TileY)
    for (int TileX = 0; TileX < TilesX; ++TileX) {
      int X0 = TileX * TileDim, Y0 = TileY * TileDim;
      int NumX = std::min(TileDim, W - X0), NumY = std::min(TileDim, H - Y0);
      for (int X = 0; X < NumX; ++X)
        for (int Y = 0; Y < NumY; ++Y)
          Out[size_t(X0 + X) * H + Y0 + Y] = In[size_t(Y0 + Y) * W + X0 + X];
    }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  size_t NumElems = size_t(Width) * Height;

  std::vector<float> In(NumElems), Out(NumElems);
  for (size_t I = 0; I < NumElems; ++I)
    In[I] = float(I);

  transposeTiled(Out.data(), In.data(), Width, Height); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    transposeTiled(Out.data(), In.data(), Width, Height);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = true;
  for (int R = 0; R < Width && Ok; ++R)
    for (int C = 0; C < Height && Ok; ++C)
      Ok = Out[size_t(R) * Height + C] == In[size_t(C) * Width + R];

  std::printf("INFO name=transpose impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("transpose", "omp", Samples, Ok);
}
