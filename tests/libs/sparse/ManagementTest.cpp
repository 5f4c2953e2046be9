//===- sparse/ManagementTest.cpp - Handles and descriptors ----------------===//
//
// Part of Tongxin. cuSPARSE handles, streams, pointer modes, status names,
// and every descriptor's creation, getters, setters and error paths.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

#include <cstring>

using namespace sparsetest;

TEST(CusparseHandle, CreateDestroyAndNullHandles) {
  EXPECT_EQ(cusparseCreate(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDestroy(nullptr), CUSPARSE_STATUS_NOT_INITIALIZED);
  int Version = 0;
  EXPECT_EQ(cusparseGetVersion(nullptr, &Version),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseSetStream(nullptr, nullptr),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  Handle H;
  EXPECT_EQ(cusparseGetVersion(H, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseGetVersion(H, &Version), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Version, CUSPARSE_VERSION);
  EXPECT_GE(Version, 12000);
}

TEST(CusparseHandle, Properties) {
  int Major = 0, Minor = -1, Patch = -1;
  EXPECT_EQ(cusparseGetProperty(MAJOR_VERSION, &Major),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetProperty(MINOR_VERSION, &Minor),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetProperty(PATCH_LEVEL, &Patch), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Major, 12);
  EXPECT_EQ(Major * 1000 + Minor * 100 + Patch, CUSPARSE_VERSION);
  EXPECT_EQ(cusparseGetProperty(MAJOR_VERSION, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseGetProperty(libraryPropertyType(7), &Major),
            CUSPARSE_STATUS_INVALID_VALUE);
}

TEST(CusparseHandle, ErrorNamesAndStrings) {
  EXPECT_STREQ(cusparseGetErrorName(CUSPARSE_STATUS_SUCCESS),
               "CUSPARSE_STATUS_SUCCESS");
  EXPECT_STREQ(cusparseGetErrorName(CUSPARSE_STATUS_ZERO_PIVOT),
               "CUSPARSE_STATUS_ZERO_PIVOT");
  EXPECT_STREQ(cusparseGetErrorName(CUSPARSE_STATUS_NOT_SUPPORTED),
               "CUSPARSE_STATUS_NOT_SUPPORTED");
  for (int S = 0; S <= 12; ++S) {
    EXPECT_NE(cusparseGetErrorName(cusparseStatus_t(S)), nullptr);
    EXPECT_GT(std::strlen(cusparseGetErrorString(cusparseStatus_t(S))), 0u);
  }
}

TEST(CusparseHandle, StreamAndPointerMode) {
  Handle H;
  cudaStream_t Stream = nullptr, Got = reinterpret_cast<cudaStream_t>(1);
  ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  EXPECT_EQ(cusparseGetStream(H, &Got), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Got, nullptr);
  EXPECT_EQ(cusparseSetStream(H, Stream), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetStream(H, &Got), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Got, Stream);
  EXPECT_EQ(cusparseGetStream(H, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetStream(H, nullptr), CUSPARSE_STATUS_SUCCESS);
  cudaStreamDestroy(Stream);

  cusparsePointerMode_t Mode = CUSPARSE_POINTER_MODE_DEVICE;
  EXPECT_EQ(cusparseGetPointerMode(H, &Mode), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Mode, CUSPARSE_POINTER_MODE_HOST);
  EXPECT_EQ(cusparseSetPointerMode(H, CUSPARSE_POINTER_MODE_DEVICE),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetPointerMode(H, &Mode), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Mode, CUSPARSE_POINTER_MODE_DEVICE);
  EXPECT_EQ(cusparseSetPointerMode(H, cusparsePointerMode_t(5)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseGetPointerMode(H, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetPointerMode(nullptr, CUSPARSE_POINTER_MODE_HOST),
            CUSPARSE_STATUS_NOT_INITIALIZED);
}

TEST(CusparseMatDescr, DefaultsSettersAndErrors) {
  cusparseMatDescr_t D = nullptr;
  EXPECT_EQ(cusparseCreateMatDescr(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseCreateMatDescr(&D), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetMatType(D), CUSPARSE_MATRIX_TYPE_GENERAL);
  EXPECT_EQ(cusparseGetMatIndexBase(D), CUSPARSE_INDEX_BASE_ZERO);
  EXPECT_EQ(cusparseGetMatFillMode(D), CUSPARSE_FILL_MODE_LOWER);
  EXPECT_EQ(cusparseGetMatDiagType(D), CUSPARSE_DIAG_TYPE_NON_UNIT);
  EXPECT_EQ(cusparseSetMatType(D, CUSPARSE_MATRIX_TYPE_TRIANGULAR),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSetMatIndexBase(D, CUSPARSE_INDEX_BASE_ONE),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSetMatFillMode(D, CUSPARSE_FILL_MODE_UPPER),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSetMatDiagType(D, CUSPARSE_DIAG_TYPE_UNIT),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseGetMatType(D), CUSPARSE_MATRIX_TYPE_TRIANGULAR);
  EXPECT_EQ(cusparseGetMatIndexBase(D), CUSPARSE_INDEX_BASE_ONE);
  EXPECT_EQ(cusparseGetMatFillMode(D), CUSPARSE_FILL_MODE_UPPER);
  EXPECT_EQ(cusparseGetMatDiagType(D), CUSPARSE_DIAG_TYPE_UNIT);
  EXPECT_EQ(cusparseSetMatType(D, cusparseMatrixType_t(9)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetMatIndexBase(D, cusparseIndexBase_t(2)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetMatFillMode(D, cusparseFillMode_t(2)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetMatDiagType(D, cusparseDiagType_t(2)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSetMatType(nullptr, CUSPARSE_MATRIX_TYPE_GENERAL),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDestroyMatDescr(D), CUSPARSE_STATUS_SUCCESS);
}

TEST(CusparseSpMat, CsrCreateGetSetAndSize) {
  int32_t Offsets[4] = {0, 1, 2, 3}, Cols[3] = {0, 1, 2};
  float Values[3] = {1, 2, 3};
  cusparseSpMatDescr_t A = nullptr;
  ASSERT_EQ(cusparseCreateCsr(&A, 3, 4, 3, Offsets, Cols, Values,
                              CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                              CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Rows, NCols, Nnz;
  void *O, *C, *V;
  cusparseIndexType_t OT, CT;
  cusparseIndexBase_t Base;
  cudaDataType Type;
  ASSERT_EQ(cusparseCsrGet(A, &Rows, &NCols, &Nnz, &O, &C, &V, &OT, &CT, &Base,
                           &Type),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Rows, 3);
  EXPECT_EQ(NCols, 4);
  EXPECT_EQ(Nnz, 3);
  EXPECT_EQ(O, Offsets);
  EXPECT_EQ(C, Cols);
  EXPECT_EQ(V, Values);
  EXPECT_EQ(Type, CUDA_R_32F);
  EXPECT_EQ(cusparseSpMatGetSize(A, &Rows, &NCols, &Nnz),
            CUSPARSE_STATUS_SUCCESS);
  cusparseFormat_t Format;
  EXPECT_EQ(cusparseSpMatGetFormat(A, &Format), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Format, CUSPARSE_FORMAT_CSR);
  EXPECT_EQ(cusparseSpMatGetIndexBase(A, &Base), CUSPARSE_STATUS_SUCCESS);
  float Other[3];
  EXPECT_EQ(cusparseSpMatSetValues(A, Other), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSpMatGetValues(A, &V), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(V, Other);
  EXPECT_EQ(cusparseCsrSetPointers(A, Offsets, Cols, Values),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseCsrSetPointers(A, nullptr, Cols, Values),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCscSetPointers(A, Offsets, Cols, Values),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(
      cusparseCooGet(A, &Rows, &NCols, &Nnz, &O, &C, &V, &OT, &Base, &Type),
      CUSPARSE_STATUS_INVALID_VALUE);
  int Batch = 0;
  EXPECT_EQ(cusparseSpMatGetStridedBatch(A, &Batch), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Batch, 1);

  cusparseFillMode_t Fill = CUSPARSE_FILL_MODE_UPPER;
  cusparseDiagType_t Diag = CUSPARSE_DIAG_TYPE_UNIT;
  EXPECT_EQ(cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &Fill,
                                      sizeof Fill),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_DIAG_TYPE, &Diag,
                                      sizeof Diag),
            CUSPARSE_STATUS_SUCCESS);
  Fill = CUSPARSE_FILL_MODE_LOWER, Diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
  EXPECT_EQ(cusparseSpMatGetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &Fill,
                                      sizeof Fill),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSpMatGetAttribute(A, CUSPARSE_SPMAT_DIAG_TYPE, &Diag,
                                      sizeof Diag),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Fill, CUSPARSE_FILL_MODE_UPPER);
  EXPECT_EQ(Diag, CUSPARSE_DIAG_TYPE_UNIT);
  EXPECT_EQ(cusparseSpMatGetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &Fill, 1),
            CUSPARSE_STATUS_INVALID_VALUE);
  int Bad = 7;
  EXPECT_EQ(
      cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &Bad, sizeof Bad),
      CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMatSetAttribute(A, cusparseSpMatAttribute_t(5), &Bad,
                                      sizeof Bad),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDestroySpMat(A), CUSPARSE_STATUS_SUCCESS);
}

TEST(CusparseSpMat, CreationErrors) {
  int32_t Offsets[3] = {0, 1, 2}, Cols[2] = {0, 1};
  double Values[2] = {1, 2};
  cusparseSpMatDescr_t A = nullptr;
  auto Csr = [&](int64_t Rows, int64_t NCols, int64_t Nnz,
                 cusparseIndexType_t OT, cusparseIndexType_t CT,
                 cusparseIndexBase_t Base, cudaDataType Type) {
    cusparseStatus_t S = cusparseCreateCsr(&A, Rows, NCols, Nnz, Offsets, Cols,
                                           Values, OT, CT, Base, Type);
    if (S == CUSPARSE_STATUS_SUCCESS)
      cusparseDestroySpMat(A);
    return S;
  };
  const auto I32 = CUSPARSE_INDEX_32I;
  const auto Zero = CUSPARSE_INDEX_BASE_ZERO;
  EXPECT_EQ(Csr(2, 2, 2, I32, I32, Zero, CUDA_R_64F), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Csr(-1, 2, 2, I32, I32, Zero, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(Csr(2, 2, -2, I32, I32, Zero, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(Csr(2, 2, 5, I32, I32, Zero, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(Csr(2, 2, 2, I32, I32, cusparseIndexBase_t(3), CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(Csr(2, 2, 2, CUSPARSE_INDEX_16U, I32, Zero, CUDA_R_64F),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Csr(2, 2, 2, cusparseIndexType_t(9), I32, Zero, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(Csr(2, 2, 2, I32, I32, Zero, CUDA_R_8I),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseCreateCsr(nullptr, 2, 2, 2, Offsets, Cols, Values, I32, I32,
                              Zero, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  // A C matrix of SpGEMM starts without arrays.
  ASSERT_EQ(cusparseCreateCsr(&A, 2, 2, 0, nullptr, nullptr, nullptr, I32, I32,
                              Zero, CUDA_R_64F),
            CUSPARSE_STATUS_SUCCESS);
  cusparseDestroySpMat(A);
  EXPECT_EQ(cusparseCreateCoo(&A, 2, 2, 3, Offsets, Cols, Values, I32, Zero,
                              CUDA_R_64F),
            CUSPARSE_STATUS_SUCCESS);
  cusparseDestroySpMat(A);
  EXPECT_EQ(cusparseCreateCoo(&A, 2, -2, 3, Offsets, Cols, Values, I32, Zero,
                              CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateBlockedEll(&A, 4, 4, 3, 2, Cols, Values, I32, Zero,
                                     CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateBlockedEll(&A, 4, 4, 0, 2, Cols, Values, I32, Zero,
                                     CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDestroySpMat(nullptr), CUSPARSE_STATUS_SUCCESS);
}

TEST(CusparseSpMat, OtherFormatsGetters) {
  int64_t Rows[2] = {0, 1}, Cols[2] = {1, 0};
  cfloat Values[2];
  cusparseConstSpMatDescr_t A = nullptr;
  ASSERT_EQ(cusparseCreateConstCoo(&A, 2, 2, 2, Rows, Cols, Values,
                                   CUSPARSE_INDEX_64I, CUSPARSE_INDEX_BASE_ONE,
                                   CUDA_C_32F),
            CUSPARSE_STATUS_SUCCESS);
  int64_t R, C, Nnz;
  const void *RI, *CI, *V;
  cusparseIndexType_t IT;
  cusparseIndexBase_t Base;
  cudaDataType Type;
  ASSERT_EQ(
      cusparseConstCooGet(A, &R, &C, &Nnz, &RI, &CI, &V, &IT, &Base, &Type),
      CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(RI, Rows);
  EXPECT_EQ(IT, CUSPARSE_INDEX_64I);
  EXPECT_EQ(Base, CUSPARSE_INDEX_BASE_ONE);
  EXPECT_EQ(Type, CUDA_C_32F);
  cusparseDestroySpMat(A);

  int32_t Offsets[3] = {0, 1, 2};
  cusparseSpMatDescr_t B = nullptr;
  ASSERT_EQ(cusparseCreateCsc(&B, 2, 2, 2, Offsets, Offsets, Values,
                              CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                              CUSPARSE_INDEX_BASE_ZERO, CUDA_C_32F),
            CUSPARSE_STATUS_SUCCESS);
  void *O, *I, *W;
  cusparseIndexType_t OT;
  ASSERT_EQ(cusparseCscGet(B, &R, &C, &Nnz, &O, &I, &W, &OT, &IT, &Base, &Type),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(O, Offsets);
  EXPECT_EQ(cusparseCscSetPointers(B, Offsets, Offsets, Values),
            CUSPARSE_STATUS_SUCCESS);
  cusparseDestroySpMat(B);

  int32_t EllCols[2] = {0, -1};
  ASSERT_EQ(cusparseCreateBlockedEll(&B, 4, 4, 2, 2, EllCols, Values,
                                     CUSPARSE_INDEX_32I,
                                     CUSPARSE_INDEX_BASE_ZERO, CUDA_C_32F),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Block, Ell;
  ASSERT_EQ(
      cusparseBlockedEllGet(B, &R, &C, &Block, &Ell, &I, &W, &IT, &Base, &Type),
      CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Block, 2);
  EXPECT_EQ(Ell, 2);
  EXPECT_EQ(cusparseSpMatGetSize(B, &R, &C, &Nnz), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Nnz, 8);
  cusparseDestroySpMat(B);
}

TEST(CusparseDnVec, CreateGetSet) {
  double X[4];
  cusparseDnVecDescr_t V = nullptr;
  EXPECT_EQ(cusparseCreateDnVec(&V, -1, X, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateDnVec(&V, 4, nullptr, CUDA_R_64F),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateDnVec(&V, 4, X, CUDA_R_8I),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  ASSERT_EQ(cusparseCreateDnVec(&V, 4, X, CUDA_R_64F), CUSPARSE_STATUS_SUCCESS);
  int64_t Size;
  void *Values;
  cudaDataType Type;
  ASSERT_EQ(cusparseDnVecGet(V, &Size, &Values, &Type),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Size, 4);
  EXPECT_EQ(Values, X);
  double Y[4];
  EXPECT_EQ(cusparseDnVecSetValues(V, Y), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseDnVecGetValues(V, &Values), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Values, Y);
  EXPECT_EQ(cusparseDnVecSetValues(V, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDnVecGet(V, nullptr, &Values, &Type),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseDestroyDnVec(V), CUSPARSE_STATUS_SUCCESS);
  cusparseConstDnVecDescr_t CV = nullptr;
  ASSERT_EQ(cusparseCreateConstDnVec(&CV, 4, X, CUDA_R_64F),
            CUSPARSE_STATUS_SUCCESS);
  const void *CValues;
  EXPECT_EQ(cusparseConstDnVecGetValues(CV, &CValues), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(CValues, X);
  cusparseDestroyDnVec(CV);
}

TEST(CusparseSpVec, CreateGet) {
  int32_t Indices[2] = {1, 3};
  float Values[2] = {1, 2};
  cusparseSpVecDescr_t V = nullptr;
  EXPECT_EQ(cusparseCreateSpVec(&V, 2, 3, Indices, Values, CUSPARSE_INDEX_32I,
                                CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
            CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseCreateSpVec(&V, 5, 2, Indices, Values, CUSPARSE_INDEX_32I,
                                CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Size, Nnz;
  void *I, *W;
  cusparseIndexType_t IT;
  cusparseIndexBase_t Base;
  cudaDataType Type;
  ASSERT_EQ(cusparseSpVecGet(V, &Size, &Nnz, &I, &W, &IT, &Base, &Type),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Size, 5);
  EXPECT_EQ(Nnz, 2);
  EXPECT_EQ(I, Indices);
  cusparseDestroySpVec(V);
}

TEST(CusparseDnMat, CreateGetAndErrors) {
  float M[12];
  cusparseDnMatDescr_t D = nullptr;
  EXPECT_EQ(cusparseCreateDnMat(&D, 3, 4, 2, M, CUDA_R_32F, CUSPARSE_ORDER_COL),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateDnMat(&D, 3, 4, 3, M, CUDA_R_32F, CUSPARSE_ORDER_ROW),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseCreateDnMat(&D, 3, 4, 3, M, CUDA_R_32F, cusparseOrder_t(0)),
            CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseCreateDnMat(&D, 3, 4, 4, M, CUDA_R_32F, CUSPARSE_ORDER_ROW),
            CUSPARSE_STATUS_SUCCESS);
  int64_t Rows, Cols, Ld;
  void *Values;
  cudaDataType Type;
  cusparseOrder_t Order;
  ASSERT_EQ(cusparseDnMatGet(D, &Rows, &Cols, &Ld, &Values, &Type, &Order),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Rows, 3);
  EXPECT_EQ(Cols, 4);
  EXPECT_EQ(Ld, 4);
  EXPECT_EQ(Order, CUSPARSE_ORDER_ROW);
  EXPECT_EQ(cusparseDnMatSetValues(D, M), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseDnMatGetValues(D, &Values), CUSPARSE_STATUS_SUCCESS);
  cusparseDestroyDnMat(D);
}
