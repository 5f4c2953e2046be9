// The textbook WMMA GEMM, as a CUDA programmer writes it for tensor cores:
// C (float) = A (half) * B (half), row-major, n x n. A block of 2 x 2 warps
// computes a 64 x 64 tile of C, each warp 32 x 32 as 2 x 2 accumulator
// fragments; each step of 16 along k stages a 64 x 16 slice of A and a
// 16 x 64 slice of B in __shared__ memory between two __syncthreads().
//   wmma_gemm [reps]      (BENCH_REPS; sizes 512 and 1024)
#include "../common/bench_util.h"

#include <mma.h>

#include <string>
#include <vector>

using namespace nvcuda;

constexpr int Tile = 64, Step = 16, Pad = 8;

__global__ void wmmaGemm(const __half *A, const __half *B, float *C, int N) {
  __shared__ __half SliceA[Tile][Step + Pad];
  __shared__ __half SliceB[Step][Tile + Pad];
  const int Warp = threadIdx.x / 32;
  const int Row = blockIdx.y * Tile, Col = blockIdx.x * Tile;
  const int WarpRow = (Warp / 2) * 32, WarpCol = (Warp % 2) * 32;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> Acc[2][2];
  for (int I = 0; I < 2; ++I)
    for (int J = 0; J < 2; ++J)
      wmma::fill_fragment(Acc[I][J], 0.0f);
  for (int K = 0; K < N; K += Step) {
    for (int E = threadIdx.x; E < Tile * Step; E += blockDim.x) {
      SliceA[E / Step][E % Step] = A[(size_t)(Row + E / Step) * N + K + E % Step];
      SliceB[E / Tile][E % Tile] = B[(size_t)(K + E / Tile) * N + Col + E % Tile];
    }
    __syncthreads();
    wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> FA[2];
    wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> FB[2];
    for (int I = 0; I < 2; ++I) {
      wmma::load_matrix_sync(FA[I], &SliceA[WarpRow + 16 * I][0], Step + Pad);
      wmma::load_matrix_sync(FB[I], &SliceB[0][WarpCol + 16 * I], Tile + Pad);
    }
    for (int I = 0; I < 2; ++I)
      for (int J = 0; J < 2; ++J)
        wmma::mma_sync(Acc[I][J], FA[I], FB[J], Acc[I][J]);
    __syncthreads();
  }
  for (int I = 0; I < 2; ++I)
    for (int J = 0; J < 2; ++J)
      wmma::store_matrix_sync(
          C + (size_t)(Row + WarpRow + 16 * I) * N + Col + WarpCol + 16 * J,
          Acc[I][J], N, wmma::mem_row_major);
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  int Status = 0;
  for (int N : {512, 1024}) {
    size_t Elems = size_t(N) * N;
    // Small integers: exact in half and in float sums, the same values as
    // the BLIS baseline multiplies.
    std::vector<__half> HA(Elems), HB(Elems);
    for (size_t I = 0; I < Elems; ++I) {
      HA[I] = __float2half(float(int(I % 5) - 2));
      HB[I] = __float2half(float(int(I % 7) - 3) * 0.5f);
    }
    __half *A, *B;
    float *C;
    cudaMalloc(&A, Elems * sizeof(__half));
    cudaMalloc(&B, Elems * sizeof(__half));
    cudaMalloc(&C, Elems * sizeof(float));
    cudaMemcpy(A, HA.data(), Elems * sizeof(__half), cudaMemcpyHostToDevice);
    cudaMemcpy(B, HB.data(), Elems * sizeof(__half), cudaMemcpyHostToDevice);
    dim3 Grid(N / Tile, N / Tile);
    std::vector<double> Ms;
    for (int R = 0; R <= Reps; ++R) {
      double T0 = bench::nowMs();
      wmmaGemm<<<Grid, 128>>>(A, B, C, N);
      cudaDeviceSynchronize();
      if (R > 0) // the first run warms up
        Ms.push_back(bench::nowMs() - T0);
    }
    std::vector<float> HC(Elems);
    cudaMemcpy(HC.data(), C, Elems * sizeof(float), cudaMemcpyDeviceToHost);
    bool Ok = cudaGetLastError() == cudaSuccess;
    for (int Probe = 0; Probe < 64 && Ok; ++Probe) {
      size_t R = (size_t(Probe) * 7919) % N, Cc = (size_t(Probe) * 104729) % N;
      double Want = 0;
      for (int K = 0; K < N; ++K)
        Want += double(int((R * N + K) % 5) - 2) *
                (double(int((size_t(K) * N + Cc) % 7) - 3) * 0.5);
      Ok = HC[R * N + Cc] == float(Want);
    }
    Status |= bench::report(("hgemm_" + std::to_string(N)).c_str(), "wmma", Ms,
                            Ok);
    cudaFree(A);
    cudaFree(B);
    cudaFree(C);
  }
  return Status;
}
