// cuSPARSE beyond CSR SpMV: one random sparse matrix in CSR, CSC and COO
// form, dense <-> sparse conversions (DenseToSparse sizes the output, which
// then gets its arrays through cusparseCsrSetPointers), SpMM in row- and
// column-major order, SpMV of the transpose with alpha and beta on the
// device (device pointer mode), a vector whose values move between calls
// (cusparseDnVecSetValues), the index conversions and cusparseSnnz, and
// SpSV after cusparseSpSV_updateMatrix. Every result is checked against
// the host. On NVIDIA GPUs each call goes to NVIDIA's cuSPARSE with twins
// of these descriptors, kept up to date between calls.
// txcc-flags: -lcusparse
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <cuda_runtime.h>
#include <cusparse.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_SPARSE(call)                                                     \
  do {                                                                         \
    cusparseStatus_t st_ = (call);                                             \
    if (st_ != CUSPARSE_STATUS_SUCCESS) {                                      \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cusparseGetErrorString(st_));                                     \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int Rows = 37, Cols = 29, Rhs = 5;

template <class T> static T *toDevice(const std::vector<T> &Host) {
  T *Dev = nullptr;
  if (cudaMalloc(&Dev, sizeof(T) * (Host.size() ? Host.size() : 1)) !=
      cudaSuccess)
    return nullptr;
  cudaMemcpy(Dev, Host.data(), sizeof(T) * Host.size(), cudaMemcpyHostToDevice);
  return Dev;
}

template <class T> static std::vector<T> toHost(const T *Dev, size_t Count) {
  std::vector<T> Host(Count);
  cudaMemcpy(Host.data(), Dev, sizeof(T) * Count, cudaMemcpyDeviceToHost);
  return Host;
}

static int Failures = 0;
static void expectNear(const char *What, int I, double Got, double Want) {
  if (std::fabs(Got - Want) <= 1e-4 * (1 + std::fabs(Want)))
    return;
  if (Failures++ < 10)
    printf("FAIL: %s[%d] = %g, expected %g\n", What, I, Got, Want);
}

int main() {
  // A dense Rows x Cols matrix, about a fifth nonzero, row-major on the host.
  srand(7);
  std::vector<float> Dense(Rows * Cols, 0.0f);
  for (float &V : Dense)
    if (rand() % 5 == 0)
      V = float(rand() % 19) / 4.0f - 2.0f + 0.125f;
  int Nnz = 0;
  for (float V : Dense)
    Nnz += V != 0.0f;

  cusparseHandle_t Handle;
  CHECK_SPARSE(cusparseCreate(&Handle));

  // 1. Dense (row-major) -> CSR: the analysis sizes B; arrays come after.
  float *dDense = toDevice(Dense);
  cusparseDnMatDescr_t DenseDesc;
  CHECK_SPARSE(cusparseCreateDnMat(&DenseDesc, Rows, Cols, Cols, dDense,
                                   CUDA_R_32F, CUSPARSE_ORDER_ROW));
  int *dOffsets;
  CHECK(cudaMalloc(&dOffsets, sizeof(int) * (Rows + 1)));
  cusparseSpMatDescr_t Csr;
  CHECK_SPARSE(cusparseCreateCsr(
      &Csr, Rows, Cols, 0, dOffsets, nullptr, nullptr, CUSPARSE_INDEX_32I,
      CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  size_t Bytes = 0;
  CHECK_SPARSE(cusparseDenseToSparse_bufferSize(
      Handle, DenseDesc, Csr, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, &Bytes));
  void *Buffer;
  CHECK(cudaMalloc(&Buffer, Bytes ? Bytes : 1));
  CHECK_SPARSE(cusparseDenseToSparse_analysis(
      Handle, DenseDesc, Csr, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, Buffer));
  int64_t R, C, CsrNnz;
  CHECK_SPARSE(cusparseSpMatGetSize(Csr, &R, &C, &CsrNnz));
  if (CsrNnz != Nnz) {
    printf("FAIL: DenseToSparse counted %lld nonzeros, expected %d\n",
           (long long)CsrNnz, Nnz);
    return 1;
  }
  int *dCols;
  float *dVals;
  CHECK(cudaMalloc(&dCols, sizeof(int) * Nnz));
  CHECK(cudaMalloc(&dVals, sizeof(float) * Nnz));
  CHECK_SPARSE(cusparseCsrSetPointers(Csr, dOffsets, dCols, dVals));
  CHECK_SPARSE(cusparseDenseToSparse_convert(
      Handle, DenseDesc, Csr, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, Buffer));
  std::vector<int> Offsets = toHost(dOffsets, Rows + 1);
  std::vector<int> ColInd = toHost(dCols, Nnz);
  std::vector<float> Vals = toHost(dVals, Nnz);
  for (int Row = 0, K = 0; Row < Rows; ++Row)
    for (int Col = 0; Col < Cols; ++Col)
      if (Dense[Row * Cols + Col] != 0.0f) {
        if (K >= Offsets[Row + 1] || ColInd[K] != Col) {
          printf("FAIL: CSR from DenseToSparse misplaces (%d, %d)\n", Row, Col);
          return 1;
        }
        expectNear("csr values", K, Vals[K], Dense[Row * Cols + Col]);
        ++K;
      }

  // 2. The index conversions, and a COO and a CSC view of the same matrix.
  int *dCooRows, *dBack;
  CHECK(cudaMalloc(&dCooRows, sizeof(int) * Nnz));
  CHECK(cudaMalloc(&dBack, sizeof(int) * (Rows + 1)));
  CHECK_SPARSE(cusparseXcsr2coo(Handle, dOffsets, Nnz, Rows, dCooRows,
                                CUSPARSE_INDEX_BASE_ZERO));
  CHECK_SPARSE(cusparseXcoo2csr(Handle, dCooRows, Nnz, Rows, dBack,
                                CUSPARSE_INDEX_BASE_ZERO));
  std::vector<int> CooRows = toHost(dCooRows, Nnz);
  std::vector<int> Back = toHost(dBack, Rows + 1);
  for (int Row = 0; Row < Rows; ++Row)
    for (int K = Offsets[Row]; K < Offsets[Row + 1]; ++K)
      if (CooRows[K] != Row) {
        printf("FAIL: csr2coo gives row %d for entry %d of row %d\n",
               CooRows[K], K, Row);
        return 1;
      }
  if (Back != Offsets) {
    printf("FAIL: coo2csr does not give the row offsets back\n");
    return 1;
  }
  cusparseSpMatDescr_t Coo, Csc;
  CHECK_SPARSE(cusparseCreateCoo(&Coo, Rows, Cols, Nnz, dCooRows, dCols, dVals,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO,
                                 CUDA_R_32F));
  // The CSR arrays of A, read as CSC, describe A^T (Cols x Rows).
  CHECK_SPARSE(cusparseCreateCsc(&Csc, Cols, Rows, Nnz, dOffsets, dCols, dVals,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));

  // 3. SpMM with COO in column-major and CSR in row-major order.
  std::vector<float> B(Cols * Rhs);
  for (int I = 0; I < Cols * Rhs; ++I)
    B[I] = std::sin(0.37f * I);
  std::vector<float> Want(Rows * Rhs, 0.0f); // Want[r][j] = (A B)[r][j]
  for (int Row = 0; Row < Rows; ++Row)
    for (int J = 0; J < Rhs; ++J)
      for (int Col = 0; Col < Cols; ++Col)
        Want[Row * Rhs + J] += Dense[Row * Cols + Col] * B[Col * Rhs + J];
  float One = 1.0f, Zero = 0.0f;
  for (int RowMajor = 0; RowMajor < 2; ++RowMajor) {
    // B is Cols x Rhs; stored row-major for RowMajor, else column-major.
    std::vector<float> BStored(B.size());
    for (int Col = 0; Col < Cols; ++Col)
      for (int J = 0; J < Rhs; ++J)
        BStored[RowMajor ? Col * Rhs + J : J * Cols + Col] = B[Col * Rhs + J];
    float *dB = toDevice(BStored), *dC;
    CHECK(cudaMalloc(&dC, sizeof(float) * Rows * Rhs));
    cusparseOrder_t Order = RowMajor ? CUSPARSE_ORDER_ROW : CUSPARSE_ORDER_COL;
    cusparseDnMatDescr_t BDesc, CDesc;
    CHECK_SPARSE(cusparseCreateDnMat(&BDesc, Cols, Rhs, RowMajor ? Rhs : Cols,
                                     dB, CUDA_R_32F, Order));
    CHECK_SPARSE(cusparseCreateDnMat(&CDesc, Rows, Rhs, RowMajor ? Rhs : Rows,
                                     dC, CUDA_R_32F, Order));
    cusparseSpMatDescr_t A = RowMajor ? Csr : Coo;
    size_t SpMMBytes = 0;
    CHECK_SPARSE(cusparseSpMM_bufferSize(
        Handle, CUSPARSE_OPERATION_NON_TRANSPOSE,
        CUSPARSE_OPERATION_NON_TRANSPOSE, &One, A, BDesc, &Zero, CDesc,
        CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, &SpMMBytes));
    void *SpMMBuffer;
    CHECK(cudaMalloc(&SpMMBuffer, SpMMBytes ? SpMMBytes : 1));
    CHECK_SPARSE(cusparseSpMM(Handle, CUSPARSE_OPERATION_NON_TRANSPOSE,
                              CUSPARSE_OPERATION_NON_TRANSPOSE, &One, A, BDesc,
                              &Zero, CDesc, CUDA_R_32F,
                              CUSPARSE_SPMM_ALG_DEFAULT, SpMMBuffer));
    std::vector<float> Got = toHost(dC, Rows * Rhs);
    for (int Row = 0; Row < Rows; ++Row)
      for (int J = 0; J < Rhs; ++J)
        expectNear(RowMajor ? "spmm(csr, row-major)" : "spmm(coo, col-major)",
                   Row * Rhs + J,
                   Got[RowMajor ? Row * Rhs + J : J * Rows + Row],
                   Want[Row * Rhs + J]);
    CHECK_SPARSE(cusparseDestroyDnMat(BDesc));
    CHECK_SPARSE(cusparseDestroyDnMat(CDesc));
    CHECK(cudaFree(dB));
    CHECK(cudaFree(dC));
    CHECK(cudaFree(SpMMBuffer));
  }

  // 4. SpMV: y = alpha (A^T as CSC) x + beta y with the scalars on the
  //    device, twice, the vector x moving to new values in between.
  float *dScalars = toDevice(std::vector<float>{0.5f, -2.0f});
  std::vector<float> X1(Rows), X2(Rows), Y0(Cols);
  for (int I = 0; I < Rows; ++I)
    X1[I] = 1.0f + 0.1f * I, X2[I] = std::cos(0.2f * I);
  for (int I = 0; I < Cols; ++I)
    Y0[I] = 0.25f * I;
  float *dX1 = toDevice(X1), *dX2 = toDevice(X2), *dY = toDevice(Y0);
  cusparseDnVecDescr_t XDesc, YDesc;
  CHECK_SPARSE(cusparseCreateDnVec(&XDesc, Rows, dX1, CUDA_R_32F));
  CHECK_SPARSE(cusparseCreateDnVec(&YDesc, Cols, dY, CUDA_R_32F));
  CHECK_SPARSE(cusparseSetPointerMode(Handle, CUSPARSE_POINTER_MODE_DEVICE));
  size_t SpMVBytes = 0;
  CHECK_SPARSE(cusparseSpMV_bufferSize(
      Handle, CUSPARSE_OPERATION_NON_TRANSPOSE, dScalars, Csc, XDesc,
      dScalars + 1, YDesc, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT, &SpMVBytes));
  void *SpMVBuffer;
  CHECK(cudaMalloc(&SpMVBuffer, SpMVBytes ? SpMVBytes : 1));
  std::vector<float> YWant = Y0;
  for (const std::vector<float> *X : {&X1, &X2}) {
    if (X == &X2)
      CHECK_SPARSE(cusparseDnVecSetValues(XDesc, dX2));
    CHECK_SPARSE(cusparseSpMV(Handle, CUSPARSE_OPERATION_NON_TRANSPOSE,
                              dScalars, Csc, XDesc, dScalars + 1, YDesc,
                              CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                              SpMVBuffer));
    for (int Col = 0; Col < Cols; ++Col) {
      double Sum = 0;
      for (int Row = 0; Row < Rows; ++Row)
        Sum += Dense[Row * Cols + Col] * (*X)[Row];
      YWant[Col] = float(0.5 * Sum - 2.0 * YWant[Col]);
    }
    std::vector<float> Y = toHost(dY, Cols);
    for (int Col = 0; Col < Cols; ++Col)
      expectNear(X == &X1 ? "spmv(csc) first" : "spmv(csc) moved x", Col,
                 Y[Col], YWant[Col]);
  }
  CHECK_SPARSE(cusparseSetPointerMode(Handle, CUSPARSE_POINTER_MODE_HOST));

  // 5. CSR -> dense (column-major this time) gives the matrix back.
  float *dDense2;
  CHECK(cudaMalloc(&dDense2, sizeof(float) * Rows * Cols));
  cusparseDnMatDescr_t Dense2;
  CHECK_SPARSE(cusparseCreateDnMat(&Dense2, Rows, Cols, Rows, dDense2,
                                   CUDA_R_32F, CUSPARSE_ORDER_COL));
  CHECK_SPARSE(cusparseSparseToDense_bufferSize(
      Handle, Csr, Dense2, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, &Bytes));
  void *Buffer2;
  CHECK(cudaMalloc(&Buffer2, Bytes ? Bytes : 1));
  CHECK_SPARSE(cusparseSparseToDense(
      Handle, Csr, Dense2, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, Buffer2));
  std::vector<float> Round = toHost(dDense2, Rows * Cols);
  for (int Row = 0; Row < Rows; ++Row)
    for (int Col = 0; Col < Cols; ++Col)
      expectNear("sparse to dense", Row * Cols + Col, Round[Col * Rows + Row],
                 Dense[Row * Cols + Col]);

  // 6. Nonzeros per row of the dense matrix read column-major, and an
  //    identity permutation.
  cusparseMatDescr_t Legacy;
  CHECK_SPARSE(cusparseCreateMatDescr(&Legacy));
  int *dPerRow, *dPerm, Total = -1;
  CHECK(cudaMalloc(&dPerRow, sizeof(int) * Rows));
  CHECK(cudaMalloc(&dPerm, sizeof(int) * Cols));
  CHECK_SPARSE(cusparseSnnz(Handle, CUSPARSE_DIRECTION_ROW, Rows, Cols, Legacy,
                            dDense2, Rows, dPerRow, &Total));
  CHECK_SPARSE(cusparseCreateIdentityPermutation(Handle, Cols, dPerm));
  std::vector<int> PerRow = toHost(dPerRow, Rows), Perm = toHost(dPerm, Cols);
  if (Total != Nnz) {
    printf("FAIL: cusparseSnnz counted %d nonzeros, expected %d\n", Total, Nnz);
    return 1;
  }
  for (int Row = 0; Row < Rows; ++Row)
    expectNear("nnz per row", Row, PerRow[Row],
               Offsets[Row + 1] - Offsets[Row]);
  for (int I = 0; I < Cols; ++I)
    expectNear("identity permutation", I, Perm[I], I);

  // 7. SpSV with a lower bidiagonal L, then again after its values were
  //    replaced through cusparseSpSV_updateMatrix (no new analysis).
  constexpr int N = 50;
  std::vector<int> LOff(N + 1), LCol;
  std::vector<float> LVal, LVal2;
  for (int I = 0; I < N; ++I) {
    LOff[I] = int(LCol.size());
    if (I > 0)
      LCol.push_back(I - 1), LVal.push_back(-0.5f), LVal2.push_back(0.25f);
    LCol.push_back(I), LVal.push_back(2.0f), LVal2.push_back(4.0f);
  }
  LOff[N] = int(LCol.size());
  int LNnz = LOff[N];
  int *dLOff = toDevice(LOff), *dLCol = toDevice(LCol);
  float *dLVal = toDevice(LVal), *dLVal2 = toDevice(LVal2);
  std::vector<float> Rhs1(N);
  for (int I = 0; I < N; ++I)
    Rhs1[I] = 1.0f + (I % 3);
  float *dRhs = toDevice(Rhs1), *dSol;
  CHECK(cudaMalloc(&dSol, sizeof(float) * N));
  cusparseSpMatDescr_t L;
  CHECK_SPARSE(cusparseCreateCsr(&L, N, N, LNnz, dLOff, dLCol, dLVal,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  cusparseFillMode_t Fill = CUSPARSE_FILL_MODE_LOWER;
  CHECK_SPARSE(cusparseSpMatSetAttribute(L, CUSPARSE_SPMAT_FILL_MODE, &Fill,
                                         sizeof(Fill)));
  cusparseDnVecDescr_t RhsDesc, SolDesc;
  CHECK_SPARSE(cusparseCreateDnVec(&RhsDesc, N, dRhs, CUDA_R_32F));
  CHECK_SPARSE(cusparseCreateDnVec(&SolDesc, N, dSol, CUDA_R_32F));
  cusparseSpSVDescr_t SpSV;
  CHECK_SPARSE(cusparseSpSV_createDescr(&SpSV));
  size_t SpSVBytes = 0;
  CHECK_SPARSE(cusparseSpSV_bufferSize(
      Handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &One, L, RhsDesc, SolDesc,
      CUDA_R_32F, CUSPARSE_SPSV_ALG_DEFAULT, SpSV, &SpSVBytes));
  void *SpSVBuffer;
  CHECK(cudaMalloc(&SpSVBuffer, SpSVBytes ? SpSVBytes : 1));
  CHECK_SPARSE(cusparseSpSV_analysis(
      Handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &One, L, RhsDesc, SolDesc,
      CUDA_R_32F, CUSPARSE_SPSV_ALG_DEFAULT, SpSV, SpSVBuffer));
  for (int Pass = 0; Pass < 2; ++Pass) {
    const std::vector<float> &Lv = Pass ? LVal2 : LVal;
    if (Pass)
      CHECK_SPARSE(cusparseSpSV_updateMatrix(Handle, SpSV, dLVal2,
                                             CUSPARSE_SPSV_UPDATE_GENERAL));
    CHECK_SPARSE(cusparseSpSV_solve(Handle, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                    &One, L, RhsDesc, SolDesc, CUDA_R_32F,
                                    CUSPARSE_SPSV_ALG_DEFAULT, SpSV));
    std::vector<float> Sol = toHost(dSol, N);
    std::vector<double> Ref(N);
    for (int I = 0; I < N; ++I) {
      double Sum = Rhs1[I];
      for (int K = LOff[I]; K < LOff[I + 1] - 1; ++K)
        Sum -= Lv[K] * Ref[LCol[K]];
      Ref[I] = Sum / Lv[LOff[I + 1] - 1];
      expectNear(Pass ? "spsv after update" : "spsv", I, Sol[I], Ref[I]);
    }
  }

  CHECK_SPARSE(cusparseSpSV_destroyDescr(SpSV));
  CHECK_SPARSE(cusparseDestroySpMat(L));
  CHECK_SPARSE(cusparseDestroyDnVec(RhsDesc));
  CHECK_SPARSE(cusparseDestroyDnVec(SolDesc));
  CHECK_SPARSE(cusparseDestroyMatDescr(Legacy));
  CHECK_SPARSE(cusparseDestroyDnMat(Dense2));
  CHECK_SPARSE(cusparseDestroyDnVec(XDesc));
  CHECK_SPARSE(cusparseDestroyDnVec(YDesc));
  CHECK_SPARSE(cusparseDestroySpMat(Csc));
  CHECK_SPARSE(cusparseDestroySpMat(Coo));
  CHECK_SPARSE(cusparseDestroySpMat(Csr));
  CHECK_SPARSE(cusparseDestroyDnMat(DenseDesc));
  CHECK_SPARSE(cusparseDestroy(Handle));
  if (Failures)
    return 1;
  printf("PASS: %dx%d matrix with %d nonzeros through CSR, CSC and COO, "
         "conversions, SpMM, SpMV and SpSV\n",
         Rows, Cols, Nnz);
  return 0;
}
