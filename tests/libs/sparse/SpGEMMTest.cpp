//===- sparse/SpGEMMTest.cpp - cusparseSpGEMM
//-------------------------------===//
//
// Part of Tongxin. The three-step SpGEMM protocol as NVIDIA's samples use
// it, against a dense product: every value type, both index types and
// bases; and its error paths.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

using namespace sparsetest;

namespace {
template <class T, class I> void checkSpGEMM(int Base, unsigned Seed) {
  SCOPED_TRACE(testing::Message() << "base " << Base << " index " << sizeof(I));
  Handle H;
  const int64_t M = 40, K = 30, N = 50;
  Dense<T> A = randomSparse<T>(M, K, 0.1, Seed);
  Dense<T> B = randomSparse<T>(K, N, 0.1, Seed + 1);
  std::mt19937 Gen(Seed);
  T Alpha = randomValue<T>(Gen), Beta = T(0);
  auto ACsr = compress<T, I>(A, false, Base);
  auto BCsr = compress<T, I>(B, false, Base);
  auto IT = indexTypeOf<I>();
  auto BaseT = cusparseIndexBase_t(Base);
  auto Type = TypeOf<T>::Value;
  cusparseSpMatDescr_t MA, MB, MC;
  cusparseCreateCsr(&MA, M, K, int64_t(ACsr.Values.size()), ACsr.Offsets.data(),
                    ACsr.Indices.data(), ACsr.Values.data(), IT, IT, BaseT,
                    Type);
  cusparseCreateCsr(&MB, K, N, int64_t(BCsr.Values.size()), BCsr.Offsets.data(),
                    BCsr.Indices.data(), BCsr.Values.data(), IT, IT, BaseT,
                    Type);
  ASSERT_EQ(cusparseCreateCsr(&MC, M, N, 0, nullptr, nullptr, nullptr, IT, IT,
                              BaseT, Type),
            CUSPARSE_STATUS_SUCCESS);
  const auto Op = CUSPARSE_OPERATION_NON_TRANSPOSE;
  const auto Alg = CUSPARSE_SPGEMM_DEFAULT;
  cusparseSpGEMMDescr_t D;
  ASSERT_EQ(cusparseSpGEMM_createDescr(&D), CUSPARSE_STATUS_SUCCESS);
  size_t Size1 = 0, Size2 = 0;
  ASSERT_EQ(cusparseSpGEMM_workEstimation(H, Op, Op, &Alpha, MA, MB, &Beta, MC,
                                          Type, Alg, D, &Size1, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  void *Buffer1, *Buffer2;
  cudaMalloc(&Buffer1, Size1);
  ASSERT_EQ(cusparseSpGEMM_workEstimation(H, Op, Op, &Alpha, MA, MB, &Beta, MC,
                                          Type, Alg, D, &Size1, Buffer1),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpGEMM_compute(H, Op, Op, &Alpha, MA, MB, &Beta, MC, Type,
                                   Alg, D, &Size2, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  cudaMalloc(&Buffer2, Size2);
  ASSERT_EQ(cusparseSpGEMM_compute(H, Op, Op, &Alpha, MA, MB, &Beta, MC, Type,
                                   Alg, D, &Size2, Buffer2),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Rows, Cols, Nnz;
  ASSERT_EQ(cusparseSpMatGetSize(MC, &Rows, &Cols, &Nnz),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Products = 0;
  EXPECT_EQ(cusparseSpGEMM_getNumProducts(D, &Products),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_GE(Products, Nnz);
  std::vector<I> COffsets(static_cast<size_t>(M + 1));
  std::vector<I> CCols(static_cast<size_t>(Nnz));
  std::vector<T> CValues(static_cast<size_t>(Nnz));
  ASSERT_EQ(
      cusparseCsrSetPointers(MC, COffsets.data(), CCols.data(), CValues.data()),
      CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(
      cusparseSpGEMM_copy(H, Op, Op, &Alpha, MA, MB, &Beta, MC, Type, Alg, D),
      CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  // Compare with the dense product's pattern (structural, so compare
  // every stored entry and the row sizes).
  Dense<T> Got(M, N);
  for (int64_t R = 0; R < M; ++R) {
    ASSERT_LE(COffsets[R], COffsets[R + 1]);
    for (I Kk = COffsets[R] - Base; Kk < COffsets[R + 1] - Base; ++Kk) {
      if (Kk > COffsets[R] - Base)
        ASSERT_LT(CCols[Kk - 1], CCols[Kk]) << "columns sorted";
      Got.at(R, CCols[Kk] - Base) = CValues[Kk];
    }
  }
  Dense<T> Expected(M, N);
  for (int64_t R = 0; R < M; ++R)
    for (int64_t L = 0; L < K; ++L)
      for (int64_t C = 0; C < N; ++C)
        Expected.at(R, C) += Alpha * A.at(R, L) * B.at(L, C);
  expectNear(Expected.Data, Got.Data, 10);
  cusparseSpGEMM_destroyDescr(D);
  cudaFree(Buffer1);
  cudaFree(Buffer2);
  cusparseDestroySpMat(MA);
  cusparseDestroySpMat(MB);
  cusparseDestroySpMat(MC);
}

template <class T> void checkAll() {
  checkSpGEMM<T, int32_t>(0, 1);
  checkSpGEMM<T, int32_t>(1, 2);
  checkSpGEMM<T, int64_t>(0, 3);
  checkSpGEMM<T, int64_t>(1, 4);
}
} // namespace

TEST(CusparseSpGEMM, Float) { checkAll<float>(); }
TEST(CusparseSpGEMM, Double) { checkAll<double>(); }
TEST(CusparseSpGEMM, ComplexFloat) { checkAll<cfloat>(); }
TEST(CusparseSpGEMM, ComplexDouble) { checkAll<cdouble>(); }

TEST(CusparseSpGEMM, ErrorPaths) {
  Handle H;
  int32_t Offsets[3] = {0, 1, 2}, Cols[2] = {0, 1};
  double Values[2] = {1, 1};
  cusparseSpMatDescr_t A, C, Wrong;
  cusparseCreateCsr(&A, 2, 2, 2, Offsets, Cols, Values, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  cusparseCreateCsr(&C, 2, 2, 0, nullptr, nullptr, nullptr, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  cusparseCreateCsr(&Wrong, 3, 2, 0, nullptr, nullptr, nullptr,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  cusparseSpGEMMDescr_t D;
  cusparseSpGEMM_createDescr(&D);
  double Alpha = 1, Beta = 0, One = 1;
  size_t Size;
  char Buffer[8];
  const auto N = CUSPARSE_OPERATION_NON_TRANSPOSE;
  const auto T = CUSPARSE_OPERATION_TRANSPOSE;
  const auto Alg = CUSPARSE_SPGEMM_DEFAULT;
  EXPECT_EQ(cusparseSpGEMM_workEstimation(nullptr, N, N, &Alpha, A, A, &Beta, C,
                                          CUDA_R_64F, Alg, D, &Size, nullptr),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseSpGEMM_workEstimation(H, T, N, &Alpha, A, A, &Beta, C,
                                          CUDA_R_64F, Alg, D, &Size, nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpGEMM_workEstimation(H, N, N, &Alpha, A, A, &Beta, Wrong,
                                          CUDA_R_64F, Alg, D, &Size, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpGEMM_workEstimation(H, N, N, &Alpha, A, A, &Beta, C,
                                          CUDA_R_32F, Alg, D, &Size, nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpGEMM_workEstimation(H, N, N, &Alpha, A, A, &Beta, C,
                                          CUDA_R_64F, Alg, nullptr, &Size,
                                          nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  // Compute before work estimation, copy before compute.
  EXPECT_EQ(cusparseSpGEMM_compute(H, N, N, &Alpha, A, A, &Beta, C, CUDA_R_64F,
                                   Alg, D, &Size, Buffer),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(
      cusparseSpGEMM_copy(H, N, N, &Alpha, A, A, &Beta, C, CUDA_R_64F, Alg, D),
      CUSPARSE_STATUS_INVALID_VALUE);
  int64_t Products;
  EXPECT_EQ(cusparseSpGEMM_getNumProducts(D, &Products),
            CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseSpGEMM_workEstimation(H, N, N, &Alpha, A, A, &Beta, C,
                                          CUDA_R_64F, Alg, D, &Size, Buffer),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSpGEMM_compute(H, N, N, &Alpha, A, A, &One, C, CUDA_R_64F,
                                   Alg, D, &Size, Buffer),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpGEMM_createDescr(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  cusparseSpGEMM_destroyDescr(D);
  cusparseDestroySpMat(A);
  cusparseDestroySpMat(C);
  cusparseDestroySpMat(Wrong);
}
