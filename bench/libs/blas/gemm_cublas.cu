// cuBLAS GEMMs through Tongxin's libcublas: SGEMM and DGEMM at square sizes
// 256-2048, and GemmEx with bf16, fp16 (fp32 accumulation) and int8 (int32
// accumulation) inputs. Prints one RESULT line per case (bench_util.h);
// bench/libs/blas/run.sh pairs them with gemm_blis.cpp's.
//   gemm_cublas [reps]
#include "../../common/bench_util.h"

#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

static bool ok(cublasStatus_t S) { return S == CUBLAS_STATUS_SUCCESS; }

/// Times Reps runs of Call (each followed by a device synchronisation).
template <class F> static std::vector<double> timeIt(int Reps, F Call) {
  Call(); // Warm-up: first touch, worker start, packing buffers.
  cudaDeviceSynchronize();
  std::vector<double> Ms;
  for (int R = 0; R < Reps; ++R) {
    double T0 = bench::nowMs();
    Call();
    cudaDeviceSynchronize();
    Ms.push_back(bench::nowMs() - T0);
  }
  return Ms;
}

/// Inputs are small integers: every result is exact, so the check is exact
/// whatever the summation order.
template <class T> static std::vector<T> filled(size_t Count, float Scale) {
  std::vector<T> V(Count);
  for (size_t I = 0; I < Count; ++I)
    V[I] = T(float(int(I % 5) - 2) * Scale);
  return V;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  cublasHandle_t H;
  if (!ok(cublasCreate(&H)))
    return 1;
  int Status = 0;
  for (int N : {256, 512, 1024, 2048}) {
    size_t Elems = size_t(N) * N;
    // Small reps for the big sizes keep a run under a minute.
    int R = N >= 2048 ? (Reps + 1) / 2 : Reps;
    void *A, *B, *C;
    cudaMalloc(&A, Elems * 8);
    cudaMalloc(&B, Elems * 8);
    cudaMalloc(&C, Elems * 8);
    auto Name = [&](const char *Kind) {
      return std::string(Kind) + "_" + std::to_string(N);
    };
    {
      auto HA = filled<float>(Elems, 1), HB = filled<float>(Elems, 0.5f);
      cudaMemcpy(A, HA.data(), Elems * 4, cudaMemcpyHostToDevice);
      cudaMemcpy(B, HB.data(), Elems * 4, cudaMemcpyHostToDevice);
      float One = 1, Zero = 0;
      bool Good = true;
      auto Ms = timeIt(R, [&] {
        Good &= ok(cublasSgemm(H, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &One,
                               (float *)A, N, (float *)B, N, &Zero, (float *)C,
                               N));
      });
      Status |= bench::report(Name("sgemm").c_str(), "cublas", Ms, Good);
      // The same inputs in bf16 and fp16, fp32 output.
      for (cudaDataType T : {CUDA_R_16BF, CUDA_R_16F}) {
        std::vector<uint16_t> LA(Elems), LB(Elems);
        for (size_t I = 0; I < Elems; ++I) {
          if (T == CUDA_R_16BF) {
            __nv_bfloat16 X = __float2bfloat16(HA[I]), Y = __float2bfloat16(HB[I]);
            memcpy(&LA[I], &X, 2);
            memcpy(&LB[I], &Y, 2);
          } else {
            __half X = __float2half(HA[I]), Y = __float2half(HB[I]);
            memcpy(&LA[I], &X, 2);
            memcpy(&LB[I], &Y, 2);
          }
        }
        cudaMemcpy(A, LA.data(), Elems * 2, cudaMemcpyHostToDevice);
        cudaMemcpy(B, LB.data(), Elems * 2, cudaMemcpyHostToDevice);
        auto MsT = timeIt(R, [&] {
          Good &= ok(cublasGemmEx(H, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &One,
                                  A, T, N, B, T, N, &Zero, C, CUDA_R_32F, N,
                                  CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        });
        Status |= bench::report(
            Name(T == CUDA_R_16BF ? "gemmex_bf16" : "gemmex_fp16").c_str(),
            "cublas", MsT, Good);
      }
    }
    {
      std::vector<int8_t> HA(Elems), HB(Elems);
      for (size_t I = 0; I < Elems; ++I) {
        HA[I] = int8_t(int(I % 5) - 2);
        HB[I] = int8_t(int(I % 3) - 1);
      }
      cudaMemcpy(A, HA.data(), Elems, cudaMemcpyHostToDevice);
      cudaMemcpy(B, HB.data(), Elems, cudaMemcpyHostToDevice);
      int32_t One = 1, Zero = 0;
      bool Good = true;
      auto Ms = timeIt(R, [&] {
        Good &= ok(cublasGemmEx(H, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &One, A,
                                CUDA_R_8I, N, B, CUDA_R_8I, N, &Zero, C,
                                CUDA_R_32I, N, CUBLAS_COMPUTE_32I,
                                CUBLAS_GEMM_DEFAULT));
      });
      Status |= bench::report(Name("gemmex_int8").c_str(), "cublas", Ms, Good);
    }
    {
      auto HA = filled<double>(Elems, 1), HB = filled<double>(Elems, 0.5);
      cudaMemcpy(A, HA.data(), Elems * 8, cudaMemcpyHostToDevice);
      cudaMemcpy(B, HB.data(), Elems * 8, cudaMemcpyHostToDevice);
      double One = 1, Zero = 0;
      bool Good = true;
      auto Ms = timeIt(R, [&] {
        Good &= ok(cublasDgemm(H, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &One,
                               (double *)A, N, (double *)B, N, &Zero,
                               (double *)C, N));
      });
      Status |= bench::report(Name("dgemm").c_str(), "cublas", Ms, Good);
    }
    cudaFree(A);
    cudaFree(B);
    cudaFree(C);
  }
  cublasDestroy(H);
  return Status;
}
