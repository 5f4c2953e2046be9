//===- GemmCalls.cpp - cuBLAS's GEMM routines -----------------------------===//
//
// Part of Tongxin. cublas<t>gemm, cublasHgemm, cublasGemmEx and their
// batched and strided-batched forms: each checks its arguments as cuBLAS
// does, describes the product as a gemm::Problem and enqueues it; the
// engine (gemm/Gemm.h) picks the kernel for the types.
//
//===----------------------------------------------------------------------===//

#include "Gemm.h"
#include "Handle.h"
#include "Scalars.h"

using namespace tx;
using namespace tx::blas;

namespace {

/// One GEMM call, as received.
struct GemmCall {
  cublasOperation_t TransA = CUBLAS_OP_N, TransB = CUBLAS_OP_N;
  int64_t M = 0, N = 0, K = 0, Batch = 1;
  gemm::Operand A, B, C;
  gemm::Compute Acc = gemm::Compute::F32;
  ScaleType Scale = ScaleType::F32;
  const void *Alpha = nullptr, *Beta = nullptr;
  bool PointerArrays = false;
};

gemm::Op toOp(cublasOperation_t Op) {
  return Op == CUBLAS_OP_N ? gemm::Op::N
                           : (Op == CUBLAS_OP_T ? gemm::Op::T : gemm::Op::C);
}

cublasStatus_t checkShape(const GemmCall &G) {
  TX_REQUIRE(validOp(G.TransA) && validOp(G.TransB));
  TX_REQUIRE(G.M >= 0 && G.N >= 0 && G.K >= 0 && G.Batch >= 0);
  int64_t RowsA = G.TransA == CUBLAS_OP_N ? G.M : G.K;
  int64_t RowsB = G.TransB == CUBLAS_OP_N ? G.K : G.N;
  TX_REQUIRE(G.A.Ld >= atLeastOne(RowsA) && G.B.Ld >= atLeastOne(RowsB) &&
             G.C.Ld >= atLeastOne(G.M));
  TX_REQUIRE(G.Alpha && G.Beta);
  bool Empty = G.M == 0 || G.N == 0 || G.Batch == 0;
  if (!Empty) {
    // Device memory that is not there would fault on a GPU; here it is a
    // clear error instead of a crash.
    bool HasA = G.PointerArrays ? G.A.Pointers != nullptr : G.A.Data != nullptr;
    bool HasB = G.PointerArrays ? G.B.Pointers != nullptr : G.B.Data != nullptr;
    bool HasC = G.PointerArrays ? G.C.Pointers != nullptr : G.C.Data != nullptr;
    TX_REQUIRE(HasC && (G.K == 0 || (HasA && HasB)));
  }
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t submit(cublasHandle_t H, const GemmCall &G) {
  TX_CHECK_HANDLE(H);
  if (cublasStatus_t S = checkShape(G))
    return S;
  if (!gemm::supported(G.A.Elem, G.B.Elem, G.C.Elem, G.Acc))
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (G.M == 0 || G.N == 0 || G.Batch == 0)
    return CUBLAS_STATUS_SUCCESS;
  gemm::Problem P;
  P.TransA = toOp(G.TransA);
  P.TransB = toOp(G.TransB);
  P.M = G.M;
  P.N = G.N;
  P.K = G.K;
  P.Batch = G.Batch;
  P.A = G.A;
  P.B = G.B;
  P.C = G.C;
  P.D = G.C;
  P.Acc = G.Acc;
  ScalarRef Alpha(H, G.Scale, G.Alpha), Beta(H, G.Scale, G.Beta);
  return run(H, [P, Alpha, Beta](int Device) mutable {
    P.Alpha = Alpha.get();
    P.Beta = Beta.get();
    gemm::run(Device, P);
  });
}

//===--- Types ------------------------------------------------------------===//

template <class T> struct Typed;
template <> struct Typed<float> {
  static constexpr gemm::Type Elem = gemm::Type::F32;
  static constexpr gemm::Compute Acc = gemm::Compute::F32;
  static constexpr ScaleType Scale = ScaleType::F32;
};
template <> struct Typed<double> {
  static constexpr gemm::Type Elem = gemm::Type::F64;
  static constexpr gemm::Compute Acc = gemm::Compute::F64;
  static constexpr ScaleType Scale = ScaleType::F64;
};
template <> struct Typed<cuComplex> {
  static constexpr gemm::Type Elem = gemm::Type::C32;
  static constexpr gemm::Compute Acc = gemm::Compute::C32;
  static constexpr ScaleType Scale = ScaleType::C32;
};
template <> struct Typed<cuDoubleComplex> {
  static constexpr gemm::Type Elem = gemm::Type::C64;
  static constexpr gemm::Compute Acc = gemm::Compute::C64;
  static constexpr ScaleType Scale = ScaleType::C64;
};
template <> struct Typed<__half> {
  static constexpr gemm::Type Elem = gemm::Type::F16;
  // Accumulates in fp32: at least CUDA's fp16 precision.
  static constexpr gemm::Compute Acc = gemm::Compute::F32;
  static constexpr ScaleType Scale = ScaleType::F16;
};

/// The cublasGemmEx type table: which A/B/C types each compute type takes
/// and which type alpha and beta have.
cublasStatus_t resolveEx(cudaDataType AType, cudaDataType BType,
                         cudaDataType CType, cublasComputeType_t Compute,
                         GemmCall *G) {
  if (!gemm::typeOfCudaDataType(AType, &G->A.Elem) ||
      !gemm::typeOfCudaDataType(BType, &G->B.Elem) ||
      !gemm::typeOfCudaDataType(CType, &G->C.Elem) || AType != BType)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  auto Is = [&](cudaDataType A, cudaDataType C) {
    return AType == A && CType == C;
  };
  switch (Compute) {
  case CUBLAS_COMPUTE_16F:
  case CUBLAS_COMPUTE_16F_PEDANTIC:
    G->Scale = ScaleType::F16;
    G->Acc = gemm::Compute::F32;
    return Is(CUDA_R_16F, CUDA_R_16F) ? CUBLAS_STATUS_SUCCESS
                                      : CUBLAS_STATUS_NOT_SUPPORTED;
  case CUBLAS_COMPUTE_32I:
  case CUBLAS_COMPUTE_32I_PEDANTIC:
    G->Scale = ScaleType::I32;
    G->Acc = gemm::Compute::I32;
    return Is(CUDA_R_8I, CUDA_R_32I) ? CUBLAS_STATUS_SUCCESS
                                     : CUBLAS_STATUS_NOT_SUPPORTED;
  case CUBLAS_COMPUTE_64F:
  case CUBLAS_COMPUTE_64F_PEDANTIC:
    if (Is(CUDA_R_64F, CUDA_R_64F)) {
      G->Scale = ScaleType::F64;
      G->Acc = gemm::Compute::F64;
      return CUBLAS_STATUS_SUCCESS;
    }
    if (Is(CUDA_C_64F, CUDA_C_64F)) {
      G->Scale = ScaleType::C64;
      G->Acc = gemm::Compute::C64;
      return CUBLAS_STATUS_SUCCESS;
    }
    return CUBLAS_STATUS_NOT_SUPPORTED;
  case CUBLAS_COMPUTE_32F_FAST_16F:
  case CUBLAS_COMPUTE_32F_FAST_16BF:
  case CUBLAS_COMPUTE_32F_FAST_TF32:
    // Allowed only for fp32 data; computed in full fp32 here.
    if (!Is(CUDA_R_32F, CUDA_R_32F) && !Is(CUDA_C_32F, CUDA_C_32F))
      return CUBLAS_STATUS_NOT_SUPPORTED;
    [[fallthrough]];
  case CUBLAS_COMPUTE_32F:
  case CUBLAS_COMPUTE_32F_PEDANTIC:
    if (Is(CUDA_C_32F, CUDA_C_32F) || Is(CUDA_C_8I, CUDA_C_32F)) {
      G->Scale = ScaleType::C32;
      G->Acc = gemm::Compute::C32;
      return CUBLAS_STATUS_SUCCESS;
    }
    G->Scale = ScaleType::F32;
    G->Acc = gemm::Compute::F32;
    if (Is(CUDA_R_32F, CUDA_R_32F) || Is(CUDA_R_8I, CUDA_R_32F) ||
        Is(CUDA_R_16F, CUDA_R_32F) || Is(CUDA_R_16BF, CUDA_R_32F) ||
        Is(CUDA_R_16F, CUDA_R_16F) || Is(CUDA_R_16BF, CUDA_R_16BF))
      return CUBLAS_STATUS_SUCCESS;
    return CUBLAS_STATUS_NOT_SUPPORTED;
  default:
    return CUBLAS_STATUS_INVALID_VALUE;
  }
}

bool validAlgo(cublasGemmAlgo_t Algo) {
  return (Algo >= CUBLAS_GEMM_DEFAULT && Algo <= CUBLAS_GEMM_ALGO23) ||
         (Algo >= CUBLAS_GEMM_DEFAULT_TENSOR_OP &&
          Algo <= CUBLAS_GEMM_ALGO15_TENSOR_OP);
}

//===--- Typed entry points -----------------------------------------------===//

template <class T>
GemmCall typedCall(cublasOperation_t TransA, cublasOperation_t TransB, int M,
                   int N, int K, const T *Alpha, int Lda, int Ldb,
                   const T *Beta, int Ldc) {
  GemmCall G;
  G.TransA = TransA;
  G.TransB = TransB;
  G.M = M;
  G.N = N;
  G.K = K;
  G.A.Ld = Lda;
  G.B.Ld = Ldb;
  G.C.Ld = Ldc;
  G.A.Elem = G.B.Elem = G.C.Elem = Typed<T>::Elem;
  G.Acc = Typed<T>::Acc;
  G.Scale = Typed<T>::Scale;
  G.Alpha = Alpha;
  G.Beta = Beta;
  return G;
}

template <class T>
cublasStatus_t typedGemm(cublasHandle_t H, cublasOperation_t TransA,
                         cublasOperation_t TransB, int M, int N, int K,
                         const T *Alpha, const T *A, int Lda, const T *B,
                         int Ldb, const T *Beta, T *C, int Ldc) {
  GemmCall G = typedCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.A.Data = A;
  G.B.Data = B;
  G.C.Data = C;
  return submit(H, G);
}

template <class T>
cublasStatus_t gemmStrided(cublasHandle_t H, cublasOperation_t TransA,
                           cublasOperation_t TransB, int M, int N, int K,
                           const T *Alpha, const T *A, int Lda,
                           long long StrideA, const T *B, int Ldb,
                           long long StrideB, const T *Beta, T *C, int Ldc,
                           long long StrideC, int BatchCount) {
  GemmCall G = typedCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.A.Data = A;
  G.B.Data = B;
  G.C.Data = C;
  G.A.Stride = StrideA;
  G.B.Stride = StrideB;
  G.C.Stride = StrideC;
  G.Batch = BatchCount;
  return submit(H, G);
}

template <class T>
cublasStatus_t gemmBatched(cublasHandle_t H, cublasOperation_t TransA,
                           cublasOperation_t TransB, int M, int N, int K,
                           const T *Alpha, const T *const A[], int Lda,
                           const T *const B[], int Ldb, const T *Beta,
                           T *const C[], int Ldc, int BatchCount) {
  GemmCall G = typedCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.PointerArrays = true;
  G.A.Pointers = reinterpret_cast<const void *const *>(A);
  G.B.Pointers = reinterpret_cast<const void *const *>(B);
  G.C.Pointers = reinterpret_cast<const void *const *>(C);
  G.Batch = BatchCount;
  return submit(H, G);
}

GemmCall exCall(cublasOperation_t TransA, cublasOperation_t TransB, int M,
                int N, int K, const void *Alpha, int Lda, int Ldb,
                const void *Beta, int Ldc) {
  GemmCall G;
  G.TransA = TransA;
  G.TransB = TransB;
  G.M = M;
  G.N = N;
  G.K = K;
  G.A.Ld = Lda;
  G.B.Ld = Ldb;
  G.C.Ld = Ldc;
  G.Alpha = Alpha;
  G.Beta = Beta;
  return G;
}

cublasStatus_t submitEx(cublasHandle_t H, GemmCall &G, cudaDataType AType,
                        cudaDataType BType, cudaDataType CType,
                        cublasComputeType_t Compute, cublasGemmAlgo_t Algo) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validAlgo(Algo));
  if (cublasStatus_t S = resolveEx(AType, BType, CType, Compute, &G))
    return S;
  return submit(H, G);
}

} // namespace

#define TX_GEMM_ENTRY_POINTS(Name, T)                                          \
  cublasStatus_t cublas##Name##gemm(                                           \
      cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB,    \
      int M, int N, int K, const T *Alpha, const T *A, int Lda, const T *B,    \
      int Ldb, const T *Beta, T *C, int Ldc) {                                 \
    TX_BLAS_FORWARD(cublas##Name##gemm, H, TransA, TransB, M, N, K, Alpha, A,  \
                    Lda, B, Ldb, Beta, C, Ldc);                                \
    return typedGemm(H, TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta,  \
                     C, Ldc);                                                  \
  }                                                                            \
  cublasStatus_t cublas##Name##gemmStridedBatched(                             \
      cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB,    \
      int M, int N, int K, const T *Alpha, const T *A, int Lda,                \
      long long StrideA, const T *B, int Ldb, long long StrideB,               \
      const T *Beta, T *C, int Ldc, long long StrideC, int BatchCount) {       \
    TX_BLAS_FORWARD(cublas##Name##gemmStridedBatched, H, TransA, TransB, M, N, \
                    K, Alpha, A, Lda, StrideA, B, Ldb, StrideB, Beta, C, Ldc,  \
                    StrideC, BatchCount);                                      \
    return gemmStrided(H, TransA, TransB, M, N, K, Alpha, A, Lda, StrideA, B,  \
                       Ldb, StrideB, Beta, C, Ldc, StrideC, BatchCount);       \
  }                                                                            \
  cublasStatus_t cublas##Name##gemmBatched(                                    \
      cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB,    \
      int M, int N, int K, const T *Alpha, const T *const A[], int Lda,        \
      const T *const B[], int Ldb, const T *Beta, T *const C[], int Ldc,       \
      int BatchCount) {                                                        \
    TX_BLAS_FORWARD(cublas##Name##gemmBatched, H, TransA, TransB, M, N, K,     \
                    Alpha, A, Lda, B, Ldb, Beta, C, Ldc, BatchCount);          \
    return gemmBatched(H, TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb,      \
                       Beta, C, Ldc, BatchCount);                              \
  }

TX_GEMM_ENTRY_POINTS(S, float)
TX_GEMM_ENTRY_POINTS(D, double)
TX_GEMM_ENTRY_POINTS(C, cuComplex)
TX_GEMM_ENTRY_POINTS(Z, cuDoubleComplex)
TX_GEMM_ENTRY_POINTS(H, __half)
#undef TX_GEMM_ENTRY_POINTS

// The _v2 names are the exported symbols cublas_v2.h maps cublasSgemm to.
#define TX_GEMM_V2(Name, T)                                                    \
  cublasStatus_t cublas##Name##gemm_v2(                                        \
      cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB,    \
      int M, int N, int K, const T *Alpha, const T *A, int Lda, const T *B,    \
      int Ldb, const T *Beta, T *C, int Ldc) {                                 \
    TX_BLAS_FORWARD(cublas##Name##gemm_v2, H, TransA, TransB, M, N, K, Alpha,  \
                    A, Lda, B, Ldb, Beta, C, Ldc);                             \
    return typedGemm(H, TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta,  \
                     C, Ldc);                                                  \
  }
TX_GEMM_V2(S, float)
TX_GEMM_V2(D, double)
TX_GEMM_V2(C, cuComplex)
TX_GEMM_V2(Z, cuDoubleComplex)
#undef TX_GEMM_V2

cublasStatus_t cublasCgemm3m(cublasHandle_t H, cublasOperation_t TransA,
                             cublasOperation_t TransB, int M, int N, int K,
                             const cuComplex *Alpha, const cuComplex *A,
                             int Lda, const cuComplex *B, int Ldb,
                             const cuComplex *Beta, cuComplex *C, int Ldc) {

  TX_BLAS_FORWARD(cublasCgemm3m, H, TransA, TransB, M, N, K, Alpha, A, Lda, B,
                  Ldb, Beta, C, Ldc);
  return typedGemm(H, TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, C,
                   Ldc);
}

cublasStatus_t cublasGemmEx(cublasHandle_t H, cublasOperation_t TransA,
                            cublasOperation_t TransB, int M, int N, int K,
                            const void *Alpha, const void *A,
                            cudaDataType AType, int Lda, const void *B,
                            cudaDataType BType, int Ldb, const void *Beta,
                            void *C, cudaDataType CType, int Ldc,
                            cublasComputeType_t Compute,
                            cublasGemmAlgo_t Algo) {

  TX_BLAS_FORWARD(cublasGemmEx, H, TransA, TransB, M, N, K, Alpha, A, AType,
                  Lda, B, BType, Ldb, Beta, C, CType, Ldc, Compute, Algo);
  GemmCall G = exCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.A.Data = A;
  G.B.Data = B;
  G.C.Data = C;
  return submitEx(H, G, AType, BType, CType, Compute, Algo);
}

cublasStatus_t cublasGemmStridedBatchedEx(
    cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB, int M,
    int N, int K, const void *Alpha, const void *A, cudaDataType AType, int Lda,
    long long StrideA, const void *B, cudaDataType BType, int Ldb,
    long long StrideB, const void *Beta, void *C, cudaDataType CType, int Ldc,
    long long StrideC, int BatchCount, cublasComputeType_t Compute,
    cublasGemmAlgo_t Algo) {

  TX_BLAS_FORWARD(cublasGemmStridedBatchedEx, H, TransA, TransB, M, N, K, Alpha,
                  A, AType, Lda, StrideA, B, BType, Ldb, StrideB, Beta, C,
                  CType, Ldc, StrideC, BatchCount, Compute, Algo);
  GemmCall G = exCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.A.Data = A;
  G.B.Data = B;
  G.C.Data = C;
  G.A.Stride = StrideA;
  G.B.Stride = StrideB;
  G.C.Stride = StrideC;
  G.Batch = BatchCount;
  return submitEx(H, G, AType, BType, CType, Compute, Algo);
}

cublasStatus_t cublasGemmBatchedEx(
    cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB, int M,
    int N, int K, const void *Alpha, const void *const A[], cudaDataType AType,
    int Lda, const void *const B[], cudaDataType BType, int Ldb,
    const void *Beta, void *const C[], cudaDataType CType, int Ldc,
    int BatchCount, cublasComputeType_t Compute, cublasGemmAlgo_t Algo) {

  TX_BLAS_FORWARD(cublasGemmBatchedEx, H, TransA, TransB, M, N, K, Alpha, A,
                  AType, Lda, B, BType, Ldb, Beta, C, CType, Ldc, BatchCount,
                  Compute, Algo);
  GemmCall G = exCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.PointerArrays = true;
  G.A.Pointers = A;
  G.B.Pointers = B;
  G.C.Pointers = const_cast<const void *const *>(C);
  G.Batch = BatchCount;
  return submitEx(H, G, AType, BType, CType, Compute, Algo);
}

cublasStatus_t cublasSgemmEx(cublasHandle_t H, cublasOperation_t TransA,
                             cublasOperation_t TransB, int M, int N, int K,
                             const float *Alpha, const void *A,
                             cudaDataType AType, int Lda, const void *B,
                             cudaDataType BType, int Ldb, const float *Beta,
                             void *C, cudaDataType CType, int Ldc) {

  TX_BLAS_FORWARD(cublasSgemmEx, H, TransA, TransB, M, N, K, Alpha, A, AType,
                  Lda, B, BType, Ldb, Beta, C, CType, Ldc);
  GemmCall G = exCall(TransA, TransB, M, N, K, Alpha, Lda, Ldb, Beta, Ldc);
  G.A.Data = A;
  G.B.Data = B;
  G.C.Data = C;
  return submitEx(H, G, AType, BType, CType, CUBLAS_COMPUTE_32F,
                  CUBLAS_GEMM_DEFAULT);
}
