//===- nbody_omp.cpp - OpenMP baseline for nbody -------------------------===//
//
// Part of Tongxin. The same all-pairs accelerations as nbody.cu written for
// a CPU: the bodies are the same 16-byte {x, y, z, mass} structs; a parallel
// loop over the bodies runs, for each, a `simd` loop over all the bodies
// summing the same softened interaction (1 / sqrtf for rsqrtf). The 64 KiB
// of positions stay in the L2 cache, which plays the part of the CUDA
// block's shared tile.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cmath>
#include <cstdio>
#include <vector>

static constexpr int NumBodies = 4096;
static constexpr float Softening2 = 0.01f;

struct alignas(16) Body {
  float X, Y, Z, W;
};

static void computeAccels(const Body *__restrict Pos, Body *__restrict Acc,
                          int N) {
#pragma omp parallel for schedule(static)
  for (int I = 0; I < N; ++I) {
    Body Me = Pos[I];
    float Ax = 0.0f, Ay = 0.0f, Az = 0.0f;
#pragma omp simd reduction(+ : Ax, Ay, Az)
    for (int J = 0; J < N; ++J) {
      float Rx = Pos[J].X - Me.X, Ry = Pos[J].Y - Me.Y, Rz = Pos[J].Z - Me.Z;
      float DistSqr = Rx * Rx + Ry * Ry + Rz * Rz + Softening2;
      float InvDist = 1.0f / std::sqrt(DistSqr);
      float S = Pos[J].W * (InvDist * InvDist * InvDist);
      Ax += Rx * S;
      Ay += Ry * S;
      Az += Rz * S;
    }
    Acc[I] = Body{Ax, Ay, Az, 0.0f};
  }
}

/// Checks every 16th body against a double-precision sum; the tolerance is
/// relative to the sum of the magnitudes of the terms (cancellation).
static bool checkAccels(const std::vector<Body> &Pos,
                        const std::vector<Body> &Acc) {
  for (int I = 0; I < NumBodies; I += 16) {
    double Want[3] = {0, 0, 0}, Scale[3] = {0, 0, 0};
    for (int J = 0; J < NumBodies; ++J) {
      double R[3] = {double(Pos[J].X) - Pos[I].X, double(Pos[J].Y) - Pos[I].Y,
                     double(Pos[J].Z) - Pos[I].Z};
      double D2 = R[0] * R[0] + R[1] * R[1] + R[2] * R[2] + Softening2;
      double S = Pos[J].W / (D2 * std::sqrt(D2));
      for (int C = 0; C < 3; ++C) {
        Want[C] += R[C] * S;
        Scale[C] += std::fabs(R[C] * S);
      }
    }
    double Got[3] = {Acc[I].X, Acc[I].Y, Acc[I].Z};
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
  std::vector<Body> Pos(N), Acc(N);
  for (int I = 0; I < N; ++I) {
    auto Coord = [&](unsigned Salt) {
      return float(bench::hash32(unsigned(4 * I) + Salt) % 65536) / 32768.0f -
             1.0f;
    };
    Pos[I] =
        Body{Coord(0), Coord(1), Coord(2), 0.5f + (Coord(3) + 1.0f) * 0.5f};
  }

  computeAccels(Pos.data(), Acc.data(), N); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    computeAccels(Pos.data(), Acc.data(), N);
    Samples.push_back(bench::nowMs() - Start);
  }
  bool Ok = checkAccels(Pos, Acc);

  std::printf("INFO name=nbody impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("nbody", "omp", Samples, Ok);
}
