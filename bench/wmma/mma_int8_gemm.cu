// The textbook int8 tensor-core GEMM in inline PTX, as hand-tuned
// quantised-inference kernels write it: C (int32) = A (s8, n x n row-major)
// * B (s8, given as B^T: n x n row-major, each column of B contiguous).
// A block of 2 x 2 warps computes a 64 x 64 tile of C, each warp 32 x 32
// as 2 x 4 mma.sync.m16n8k32 accumulators; each step of 32 along k stages
// a 64 x 32 slice of A and of B^T in __shared__ (4 bytes per thread
// access), and each lane reads its fragments there in the PTX ISA's layout.
//   mma_int8_gemm [reps]      (BENCH_REPS; sizes 512 and 1024)
#include "../common/bench_util.h"

#include <cstdint>
#include <string>
#include <vector>

constexpr int Tile = 64, Step = 32, Pad = 16;

__device__ unsigned word(const int8_t *P) {
  return *reinterpret_cast<const unsigned *>(P);
}

__global__ void mmaInt8Gemm(const int8_t *A, const int8_t *Bt, int *C, int N) {
  __shared__ __align__(16) int8_t SliceA[Tile][Step + Pad];
  __shared__ __align__(16) int8_t SliceB[Tile][Step + Pad];
  const int Warp = threadIdx.x / 32, Lane = threadIdx.x % 32;
  const int G = Lane / 4, T = Lane % 4;
  const int Row = blockIdx.y * Tile, Col = blockIdx.x * Tile;
  const int WarpRow = (Warp / 2) * 32, WarpCol = (Warp % 2) * 32;
  int Acc[2][4][4] = {};
  for (int K = 0; K < N; K += Step) {
    for (int E = threadIdx.x; E < Tile * Step / 4; E += blockDim.x) {
      int R = E / (Step / 4), Q = 4 * (E % (Step / 4));
      *reinterpret_cast<unsigned *>(&SliceA[R][Q]) =
          word(&A[(size_t)(Row + R) * N + K + Q]);
      *reinterpret_cast<unsigned *>(&SliceB[R][Q]) =
          word(&Bt[(size_t)(Col + R) * N + K + Q]);
    }
    __syncthreads();
    // A: register r holds row G + 8 (r % 2), k (r / 2) 16 + 4 T .. + 3;
    // B: register r holds k 16 r + 4 T .. + 3 of column G.
    unsigned FA[2][4], FB[4][2];
    for (int I = 0; I < 2; ++I)
      for (int R = 0; R < 4; ++R)
        FA[I][R] = word(
            &SliceA[WarpRow + 16 * I + G + 8 * (R % 2)][(R / 2) * 16 + 4 * T]);
    for (int J = 0; J < 4; ++J)
      for (int R = 0; R < 2; ++R)
        FB[J][R] = word(&SliceB[WarpCol + 8 * J + G][16 * R + 4 * T]);
    for (int I = 0; I < 2; ++I)
      for (int J = 0; J < 4; ++J) {
        int *D = Acc[I][J];
        asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 "
                     "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                     "{%0,%1,%2,%3};"
                     : "+r"(D[0]), "+r"(D[1]), "+r"(D[2]), "+r"(D[3])
                     : "r"(FA[I][0]), "r"(FA[I][1]), "r"(FA[I][2]),
                       "r"(FA[I][3]), "r"(FB[J][0]), "r"(FB[J][1]));
      }
    __syncthreads();
  }
  // Element e of an accumulator: row G + 8 (e / 2), column 2 T + e % 2.
  for (int I = 0; I < 2; ++I)
    for (int J = 0; J < 4; ++J)
      for (int E = 0; E < 4; ++E)
        C[(size_t)(Row + WarpRow + 16 * I + G + 8 * (E / 2)) * N + Col +
          WarpCol + 8 * J + 2 * T + E % 2] = Acc[I][J][E];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  int Status = 0;
  for (int N : {512, 1024}) {
    size_t Elems = size_t(N) * N;
    // The same values the oneDNN baseline multiplies.
    std::vector<int8_t> HA(Elems), HBt(Elems);
    for (size_t I = 0; I < Elems; ++I) {
      HA[I] = int8_t(int(I % 251) - 125);
      HBt[I] = int8_t(int(I % 241) - 120);
    }
    int8_t *A, *Bt;
    int *C;
    cudaMalloc(&A, Elems);
    cudaMalloc(&Bt, Elems);
    cudaMalloc(&C, Elems * sizeof(int));
    cudaMemcpy(A, HA.data(), Elems, cudaMemcpyHostToDevice);
    cudaMemcpy(Bt, HBt.data(), Elems, cudaMemcpyHostToDevice);
    dim3 Grid(N / Tile, N / Tile);
    std::vector<double> Ms;
    for (int R = 0; R <= Reps; ++R) {
      double T0 = bench::nowMs();
      mmaInt8Gemm<<<Grid, 128>>>(A, Bt, C, N);
      cudaDeviceSynchronize();
      if (R > 0) // the first run warms up
        Ms.push_back(bench::nowMs() - T0);
    }
    std::vector<int> HC(Elems);
    cudaMemcpy(HC.data(), C, Elems * sizeof(int), cudaMemcpyDeviceToHost);
    bool Ok = cudaGetLastError() == cudaSuccess;
    for (int Probe = 0; Probe < 64 && Ok; ++Probe) {
      size_t R = (size_t(Probe) * 7919) % N, Cc = (size_t(Probe) * 104729) % N;
      long long Want = 0;
      for (int K = 0; K < N; ++K)
        Want += HA[R * N + K] * HBt[Cc * N + K];
      Ok = HC[R * N + Cc] == Want;
    }
    Status |=
        bench::report(("igemm_" + std::to_string(N)).c_str(), "mma", Ms, Ok);
    cudaFree(A);
    cudaFree(Bt);
    cudaFree(C);
  }
  return Status;
}
