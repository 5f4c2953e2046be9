//===- sparse/IluTest.cpp - csrilu02
//----------------------------------------===//
//
// Part of Tongxin. ILU(0) against a dense reference restricted to A's
// pattern, for S/D/C/Z and both bases; structural and numerical zero
// pivots; error paths.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

using namespace sparsetest;

namespace {
template <class T>
cusparseStatus_t bufferSize(cusparseHandle_t H, int M, int Nnz,
                            cusparseMatDescr_t D, T *V, const int *O,
                            const int *C, csrilu02Info_t Info, int *Size) {
  if constexpr (std::is_same_v<T, float>)
    return cusparseScsrilu02_bufferSize(H, M, Nnz, D, V, O, C, Info, Size);
  else if constexpr (std::is_same_v<T, double>)
    return cusparseDcsrilu02_bufferSize(H, M, Nnz, D, V, O, C, Info, Size);
  else if constexpr (std::is_same_v<T, cfloat>)
    return cusparseCcsrilu02_bufferSize(
        H, M, Nnz, D, reinterpret_cast<cuComplex *>(V), O, C, Info, Size);
  else
    return cusparseZcsrilu02_bufferSize(
        H, M, Nnz, D, reinterpret_cast<cuDoubleComplex *>(V), O, C, Info, Size);
}

template <class T>
cusparseStatus_t analysis(cusparseHandle_t H, int M, int Nnz,
                          cusparseMatDescr_t D, T *V, const int *O,
                          const int *C, csrilu02Info_t Info, void *B) {
  const auto P = CUSPARSE_SOLVE_POLICY_USE_LEVEL;
  if constexpr (std::is_same_v<T, float>)
    return cusparseScsrilu02_analysis(H, M, Nnz, D, V, O, C, Info, P, B);
  else if constexpr (std::is_same_v<T, double>)
    return cusparseDcsrilu02_analysis(H, M, Nnz, D, V, O, C, Info, P, B);
  else if constexpr (std::is_same_v<T, cfloat>)
    return cusparseCcsrilu02_analysis(
        H, M, Nnz, D, reinterpret_cast<cuComplex *>(V), O, C, Info, P, B);
  else
    return cusparseZcsrilu02_analysis(
        H, M, Nnz, D, reinterpret_cast<cuDoubleComplex *>(V), O, C, Info, P, B);
}

template <class T>
cusparseStatus_t factor(cusparseHandle_t H, int M, int Nnz,
                        cusparseMatDescr_t D, T *V, const int *O, const int *C,
                        csrilu02Info_t Info, void *B) {
  const auto P = CUSPARSE_SOLVE_POLICY_NO_LEVEL;
  if constexpr (std::is_same_v<T, float>)
    return cusparseScsrilu02(H, M, Nnz, D, V, O, C, Info, P, B);
  else if constexpr (std::is_same_v<T, double>)
    return cusparseDcsrilu02(H, M, Nnz, D, V, O, C, Info, P, B);
  else if constexpr (std::is_same_v<T, cfloat>)
    return cusparseCcsrilu02(H, M, Nnz, D, reinterpret_cast<cuComplex *>(V), O,
                             C, Info, P, B);
  else
    return cusparseZcsrilu02(
        H, M, Nnz, D, reinterpret_cast<cuDoubleComplex *>(V), O, C, Info, P, B);
}

/// ILU(0) on a dense copy: updates only where A has entries.
template <class T> Dense<T> referenceIlu(Dense<T> A) {
  Dense<T> Pattern = A;
  int64_t N = A.Rows;
  for (int64_t I = 1; I < N; ++I)
    for (int64_t K = 0; K < I; ++K) {
      if (Pattern.at(I, K) == T(0))
        continue;
      A.at(I, K) /= A.at(K, K);
      for (int64_t J = K + 1; J < N; ++J)
        if (Pattern.at(I, J) != T(0) && Pattern.at(K, J) != T(0))
          A.at(I, J) -= A.at(I, K) * A.at(K, J);
    }
  return A;
}

template <class T> void checkIlu(int Base) {
  SCOPED_TRACE(testing::Message() << "base " << Base);
  Handle H;
  const int N = 40;
  Dense<T> A = randomSparse<T>(N, N, 0.15, 11 + Base);
  for (int I = 0; I < N; ++I)
    A.at(I, I) = T(N);
  auto Csr = compress<T, int>(A, false, Base);
  int Nnz = int(Csr.Values.size());
  cusparseMatDescr_t D;
  cusparseCreateMatDescr(&D);
  cusparseSetMatIndexBase(D, cusparseIndexBase_t(Base));
  csrilu02Info_t Info;
  ASSERT_EQ(cusparseCreateCsrilu02Info(&Info), CUSPARSE_STATUS_SUCCESS);
  int Size = 0;
  ASSERT_EQ(bufferSize(H, N, Nnz, D, Csr.Values.data(), Csr.Offsets.data(),
                       Csr.Indices.data(), Info, &Size),
            CUSPARSE_STATUS_SUCCESS);
  void *Buffer;
  cudaMalloc(&Buffer, size_t(Size));
  ASSERT_EQ(analysis(H, N, Nnz, D, Csr.Values.data(), Csr.Offsets.data(),
                     Csr.Indices.data(), Info, Buffer),
            CUSPARSE_STATUS_SUCCESS);
  int Position = -7;
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, Info, &Position),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Position, -1);
  ASSERT_EQ(factor(H, N, Nnz, D, Csr.Values.data(), Csr.Offsets.data(),
                   Csr.Indices.data(), Info, Buffer),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, Info, &Position),
            CUSPARSE_STATUS_SUCCESS);
  auto Expected = compress<T, int>(referenceIlu(A), false, Base);
  expectNear(Expected.Values, Csr.Values, 100);
  cudaFree(Buffer);
  cusparseDestroyCsrilu02Info(Info);
  cusparseDestroyMatDescr(D);
}
} // namespace

TEST(CusparseCsrilu02, Float) {
  checkIlu<float>(0);
  checkIlu<float>(1);
}
TEST(CusparseCsrilu02, Double) {
  checkIlu<double>(0);
  checkIlu<double>(1);
}
TEST(CusparseCsrilu02, ComplexFloat) {
  checkIlu<cfloat>(0);
  checkIlu<cfloat>(1);
}
TEST(CusparseCsrilu02, ComplexDouble) {
  checkIlu<cdouble>(0);
  checkIlu<cdouble>(1);
}

TEST(CusparseCsrilu02, ZeroPivots) {
  Handle H;
  cusparseMatDescr_t D;
  cusparseCreateMatDescr(&D);
  csrilu02Info_t Info;
  cusparseCreateCsrilu02Info(&Info);
  char Buffer[8];
  // Row 1 has no diagonal entry: a structural zero, found by the analysis.
  int Offsets[4] = {0, 1, 2, 4}, Cols[4] = {0, 0, 0, 2};
  double Values[4] = {1, 2, 3, 4};
  ASSERT_EQ(cusparseDcsrilu02_analysis(H, 3, 4, D, Values, Offsets, Cols, Info,
                                       CUSPARSE_SOLVE_POLICY_NO_LEVEL, Buffer),
            CUSPARSE_STATUS_SUCCESS);
  int Position = -1;
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, Info, &Position),
            CUSPARSE_STATUS_ZERO_PIVOT);
  EXPECT_EQ(Position, 1);
  // [[1 1] [1 1]]: U(1,1) becomes 0, a numerical zero (one-based: 2).
  cusparseSetMatIndexBase(D, CUSPARSE_INDEX_BASE_ONE);
  int Offsets2[3] = {1, 3, 5}, Cols2[4] = {1, 2, 1, 2};
  double Values2[4] = {1, 1, 1, 1};
  ASSERT_EQ(cusparseDcsrilu02_analysis(H, 2, 4, D, Values2, Offsets2, Cols2,
                                       Info, CUSPARSE_SOLVE_POLICY_NO_LEVEL,
                                       Buffer),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, Info, &Position),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseDcsrilu02(H, 2, 4, D, Values2, Offsets2, Cols2, Info,
                              CUSPARSE_SOLVE_POLICY_NO_LEVEL, Buffer),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, Info, &Position),
            CUSPARSE_STATUS_ZERO_PIVOT);
  EXPECT_EQ(Position, 2);

  // Error paths.
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(nullptr, Info, &Position),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseXcsrilu02_zeroPivot(H, nullptr, &Position),
            CUSPARSE_STATUS_INVALID_VALUE);
  int Size;
  EXPECT_EQ(cusparseDcsrilu02_bufferSize(H, -1, 4, D, Values2, Offsets2, Cols2,
                                         Info, &Size),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDcsrilu02_bufferSize(H, 2, 4, nullptr, Values2, Offsets2,
                                         Cols2, Info, &Size),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDcsrilu02(H, 2, 4, D, Values2, Offsets2, Cols2, Info,
                              cusparseSolvePolicy_t(3), Buffer),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDcsrilu02(H, 2, 4, D, Values2, Offsets2, Cols2, Info,
                              CUSPARSE_SOLVE_POLICY_NO_LEVEL, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  cusparseSetMatType(D, CUSPARSE_MATRIX_TYPE_SYMMETRIC);
  EXPECT_EQ(cusparseDcsrilu02_bufferSize(H, 2, 4, D, Values2, Offsets2, Cols2,
                                         Info, &Size),
            CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED);
  EXPECT_EQ(cusparseCreateCsrilu02Info(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  cusparseDestroyCsrilu02Info(Info);
  cusparseDestroyMatDescr(D);
}
