//===- sparse/ConversionTest.cpp - Sparse <-> dense, nnz, coo2csr ---------===//
//
// Part of Tongxin. SparseToDense from every format, DenseToSparse to CSR,
// CSC and COO, the legacy nnz counts and the row index conversions.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

using namespace sparsetest;

namespace {
template <class T, class I> void roundTrip(int Base, cusparseFormat_t Format) {
  SCOPED_TRACE(testing::Message() << "base " << Base << " format " << Format);
  Handle H;
  const int64_t M = 17, N = 11;
  Dense<T> A = randomSparse<T>(M, N, 0.3, 7 + Base);
  // Dense A, column-major with ld M + 1.
  const int64_t Ld = M + 1;
  std::vector<T> DenseA(size_t(Ld * N), T(0));
  for (int64_t R = 0; R < M; ++R)
    for (int64_t C = 0; C < N; ++C)
      DenseA[size_t(R + C * Ld)] = A.at(R, C);
  auto Type = TypeOf<T>::Value;
  auto IT = indexTypeOf<I>();
  auto BaseT = cusparseIndexBase_t(Base);
  cusparseDnMatDescr_t DA;
  cusparseCreateDnMat(&DA, M, N, Ld, DenseA.data(), Type, CUSPARSE_ORDER_COL);
  bool ByColumn = Format == CUSPARSE_FORMAT_CSC;
  int64_t Majors = ByColumn ? N : M;
  std::vector<I> Offsets(size_t(Majors + 1));
  cusparseSpMatDescr_t S;
  if (Format == CUSPARSE_FORMAT_CSR)
    cusparseCreateCsr(&S, M, N, 0, Offsets.data(), nullptr, nullptr, IT, IT,
                      BaseT, Type);
  else if (Format == CUSPARSE_FORMAT_CSC)
    cusparseCreateCsc(&S, M, N, 0, Offsets.data(), nullptr, nullptr, IT, IT,
                      BaseT, Type);
  else
    cusparseCreateCoo(&S, M, N, 0, nullptr, nullptr, nullptr, IT, BaseT, Type);
  size_t Size = 0;
  ASSERT_EQ(cusparseDenseToSparse_bufferSize(
                H, DA, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, &Size),
            CUSPARSE_STATUS_SUCCESS);
  std::vector<char> Buffer(Size);
  ASSERT_EQ(cusparseDenseToSparse_analysis(
                H, DA, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, Buffer.data()),
            CUSPARSE_STATUS_SUCCESS);
  int64_t R, C, Nnz;
  cusparseSpMatGetSize(S, &R, &C, &Nnz);
  auto Expected = compress<T, I>(A, ByColumn, Base);
  ASSERT_EQ(Nnz, int64_t(Expected.Values.size()));
  std::vector<I> Rows(static_cast<size_t>(Nnz));
  std::vector<I> Indices(static_cast<size_t>(Nnz));
  std::vector<T> Values(static_cast<size_t>(Nnz));
  if (Format == CUSPARSE_FORMAT_CSR)
    cusparseCsrSetPointers(S, Offsets.data(), Indices.data(), Values.data());
  else if (Format == CUSPARSE_FORMAT_CSC)
    cusparseCscSetPointers(S, Offsets.data(), Indices.data(), Values.data());
  else
    cusparseCooSetPointers(S, Rows.data(), Indices.data(), Values.data());
  ASSERT_EQ(cusparseDenseToSparse_convert(
                H, DA, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, Buffer.data()),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_EQ(Indices, Expected.Indices);
  EXPECT_EQ(Values, Expected.Values);
  if (Format == CUSPARSE_FORMAT_COO)
    EXPECT_EQ(Rows, rowIndices(Expected, Base));
  else
    EXPECT_EQ(Offsets, Expected.Offsets);

  // And back, into a row-major dense matrix full of garbage.
  std::vector<T> Back(size_t(M * N), T(42));
  cusparseDnMatDescr_t DB;
  cusparseCreateDnMat(&DB, M, N, N, Back.data(), Type, CUSPARSE_ORDER_ROW);
  ASSERT_EQ(cusparseSparseToDense_bufferSize(
                H, S, DB, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, &Size),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSparseToDense(H, S, DB, CUSPARSE_SPARSETODENSE_ALG_DEFAULT,
                                  Buffer.data()),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_EQ(Back, A.Data);
  cusparseDestroyDnMat(DA);
  cusparseDestroyDnMat(DB);
  cusparseDestroySpMat(S);
}

template <class T> void checkAll() {
  for (int Base : {0, 1})
    for (auto F :
         {CUSPARSE_FORMAT_CSR, CUSPARSE_FORMAT_CSC, CUSPARSE_FORMAT_COO}) {
      roundTrip<T, int32_t>(Base, F);
      roundTrip<T, int64_t>(Base, F);
    }
}
} // namespace

TEST(CusparseConversion, Float) { checkAll<float>(); }
TEST(CusparseConversion, Double) { checkAll<double>(); }
TEST(CusparseConversion, ComplexFloat) { checkAll<cfloat>(); }
TEST(CusparseConversion, ComplexDouble) { checkAll<cdouble>(); }

TEST(CusparseConversion, BlockedEllToDense) {
  Handle H;
  int32_t BlockCols[2] = {2, 1}; // One-based: block columns 1 and 0.
  float Values[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  cusparseSpMatDescr_t A;
  ASSERT_EQ(cusparseCreateBlockedEll(&A, 4, 4, 2, 2, BlockCols, Values,
                                     CUSPARSE_INDEX_32I,
                                     CUSPARSE_INDEX_BASE_ONE, CUDA_R_32F),
            CUSPARSE_STATUS_SUCCESS);
  float Out[16];
  cusparseDnMatDescr_t B;
  cusparseCreateDnMat(&B, 4, 4, 4, Out, CUDA_R_32F, CUSPARSE_ORDER_ROW);
  ASSERT_EQ(cusparseSparseToDense(H, A, B, CUSPARSE_SPARSETODENSE_ALG_DEFAULT,
                                  nullptr),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  const float Expected[16] = {0, 0, 1, 2, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8, 0, 0};
  for (int I = 0; I < 16; ++I)
    EXPECT_EQ(Out[I], Expected[I]) << I;
  cusparseDestroySpMat(A);
  cusparseDestroyDnMat(B);
}

TEST(CusparseConversion, ErrorPaths) {
  Handle H;
  float D[4];
  cusparseDnMatDescr_t DA;
  cusparseCreateDnMat(&DA, 2, 2, 2, D, CUDA_R_32F, CUSPARSE_ORDER_COL);
  cusparseSpMatDescr_t S, SD, Ell;
  int32_t Offsets[3];
  cusparseCreateCsr(&S, 2, 2, 0, Offsets, nullptr, nullptr, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F);
  cusparseCreateCsr(&SD, 2, 2, 0, Offsets, nullptr, nullptr, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  int32_t BlockCols[1] = {0};
  cusparseCreateBlockedEll(&Ell, 2, 2, 2, 2, BlockCols, D, CUSPARSE_INDEX_32I,
                           CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F);
  size_t Size;
  const auto Alg = CUSPARSE_DENSETOSPARSE_ALG_DEFAULT;
  EXPECT_EQ(cusparseDenseToSparse_bufferSize(nullptr, DA, S, Alg, &Size),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseDenseToSparse_bufferSize(H, DA, S, Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDenseToSparse_analysis(H, DA, SD, Alg, nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseDenseToSparse_analysis(H, DA, Ell, Alg, nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseDenseToSparse_analysis(
                H, DA, S, cusparseDenseToSparseAlg_t(4), nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSparseToDense(H, SD, DA, CUSPARSE_SPARSETODENSE_ALG_DEFAULT,
                                  nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  cusparseDestroyDnMat(DA);
  cusparseDestroySpMat(S);
  cusparseDestroySpMat(SD);
  cusparseDestroySpMat(Ell);
}

namespace {
template <class T> void checkNnz() {
  Handle H;
  cusparseMatDescr_t Descr;
  cusparseCreateMatDescr(&Descr);
  const int M = 5, N = 4, Lda = 6;
  Dense<T> A = randomSparse<T>(M, N, 0.5, 3);
  std::vector<T> Col(size_t(Lda * N), T(0));
  for (int R = 0; R < M; ++R)
    for (int C = 0; C < N; ++C)
      Col[size_t(R + C * Lda)] = A.at(R, C);
  int PerRow[M], PerCol[N], Total = -1;
  int Expected = 0;
  for (const T &V : A.Data)
    Expected += V != T(0);
  cusparseStatus_t S;
  if constexpr (std::is_same_v<T, float>)
    S = cusparseSnnz(H, CUSPARSE_DIRECTION_ROW, M, N, Descr, Col.data(), Lda,
                     PerRow, &Total);
  else if constexpr (std::is_same_v<T, double>)
    S = cusparseDnnz(H, CUSPARSE_DIRECTION_ROW, M, N, Descr, Col.data(), Lda,
                     PerRow, &Total);
  else if constexpr (std::is_same_v<T, cfloat>)
    S = cusparseCnnz(H, CUSPARSE_DIRECTION_ROW, M, N, Descr,
                     reinterpret_cast<const cuComplex *>(Col.data()), Lda,
                     PerRow, &Total);
  else
    S = cusparseZnnz(H, CUSPARSE_DIRECTION_ROW, M, N, Descr,
                     reinterpret_cast<const cuDoubleComplex *>(Col.data()), Lda,
                     PerRow, &Total);
  ASSERT_EQ(S, CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Total, Expected); // Host pointer mode: known at return.
  for (int R = 0; R < M; ++R) {
    int Count = 0;
    for (int C = 0; C < N; ++C)
      Count += A.at(R, C) != T(0);
    EXPECT_EQ(PerRow[R], Count);
  }
  // Columns, with the total in "device" memory.
  cusparseSetPointerMode(H, CUSPARSE_POINTER_MODE_DEVICE);
  int *DTotal;
  cudaMalloc(&DTotal, sizeof(int));
  if constexpr (std::is_same_v<T, double>) {
    ASSERT_EQ(cusparseDnnz(H, CUSPARSE_DIRECTION_COLUMN, M, N, Descr,
                           Col.data(), Lda, PerCol, DTotal),
              CUSPARSE_STATUS_SUCCESS);
    cudaDeviceSynchronize();
    EXPECT_EQ(*DTotal, Expected);
    for (int C = 0; C < N; ++C) {
      int Count = 0;
      for (int R = 0; R < M; ++R)
        Count += A.at(R, C) != T(0);
      EXPECT_EQ(PerCol[C], Count);
    }
    EXPECT_EQ(cusparseDnnz(H, CUSPARSE_DIRECTION_COLUMN, M, N, Descr,
                           Col.data(), 2, PerCol, DTotal),
              CUSPARSE_STATUS_INVALID_VALUE);
    EXPECT_EQ(cusparseDnnz(H, cusparseDirection_t(2), M, N, Descr, Col.data(),
                           Lda, PerCol, DTotal),
              CUSPARSE_STATUS_INVALID_VALUE);
    EXPECT_EQ(cusparseDnnz(nullptr, CUSPARSE_DIRECTION_ROW, M, N, Descr,
                           Col.data(), Lda, PerCol, DTotal),
              CUSPARSE_STATUS_NOT_INITIALIZED);
    cusparseSetMatType(Descr, CUSPARSE_MATRIX_TYPE_SYMMETRIC);
    EXPECT_EQ(cusparseDnnz(H, CUSPARSE_DIRECTION_ROW, M, N, Descr, Col.data(),
                           Lda, PerCol, DTotal),
              CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED);
  }
  cudaFree(DTotal);
  cusparseDestroyMatDescr(Descr);
}
} // namespace

TEST(CusparseNnz, AllTypes) {
  checkNnz<float>();
  checkNnz<double>();
  checkNnz<cfloat>();
  checkNnz<cdouble>();
}

TEST(CusparseIndexConversion, CooCsrAndIdentity) {
  Handle H;
  for (int Base : {0, 1}) {
    // Rows 0,0,2,3,3,3 of a 5-row matrix (row 1 and 4 empty).
    int Coo[6] = {0, 0, 2, 3, 3, 3};
    for (int &R : Coo)
      R += Base;
    int Csr[6] = {-1, -1, -1, -1, -1, -1};
    ASSERT_EQ(cusparseXcoo2csr(H, Coo, 6, 5, Csr, cusparseIndexBase_t(Base)),
              CUSPARSE_STATUS_SUCCESS);
    int Back[6] = {};
    ASSERT_EQ(cusparseXcsr2coo(H, Csr, 6, 5, Back, cusparseIndexBase_t(Base)),
              CUSPARSE_STATUS_SUCCESS);
    cudaDeviceSynchronize();
    const int Expected[6] = {0, 2, 2, 3, 6, 6};
    for (int I = 0; I < 6; ++I) {
      EXPECT_EQ(Csr[I], Expected[I] + Base);
      EXPECT_EQ(Back[I], Coo[I]);
    }
  }
  int P[7];
  ASSERT_EQ(cusparseCreateIdentityPermutation(H, 7, P),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  for (int I = 0; I < 7; ++I)
    EXPECT_EQ(P[I], I);
  int Dummy[2];
  EXPECT_EQ(cusparseXcoo2csr(H, Dummy, -1, 1, Dummy, CUSPARSE_INDEX_BASE_ZERO),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseXcoo2csr(H, Dummy, 1, 1, nullptr, CUSPARSE_INDEX_BASE_ZERO),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseXcsr2coo(H, Dummy, 1, 1, Dummy, cusparseIndexBase_t(2)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(
      cusparseXcsr2coo(nullptr, Dummy, 1, 1, Dummy, CUSPARSE_INDEX_BASE_ZERO),
      CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseCreateIdentityPermutation(H, -1, P),
            CUSPARSE_STATUS_INVALID_VALUE);
}
