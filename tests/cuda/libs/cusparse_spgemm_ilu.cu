// SpGEMM and ILU(0) preconditioning: C = A A for a random sparse A through
// the three-step SpGEMM protocol, checked against a host product; then
// csrilu02 on a tridiagonal matrix (where ILU(0) is the exact LU) and two
// SpSV solves (unit lower L, upper U) that must reproduce a known x.
// txcc-flags: -lcusparse
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <cuda_runtime.h>
#include <cusparse.h>

#define CHECK_SPARSE(call)                                                     \
  do {                                                                         \
    cusparseStatus_t st_ = (call);                                             \
    if (st_ != CUSPARSE_STATUS_SUCCESS) {                                      \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cusparseGetErrorString(st_));                                     \
      return 1;                                                                \
    }                                                                          \
  } while (0)

template <class T> T *toDevice(const std::vector<T> &h) {
  T *d = nullptr;
  cudaMalloc(&d, h.size() * sizeof(T) + 1);
  cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice);
  return d;
}

static int spgemm(cusparseHandle_t handle) {
  const int n = 300;
  std::vector<int> off(1, 0), col;
  std::vector<float> val;
  srand(7);
  std::vector<float> dense(n * n, 0.0f);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c)
      if (rand() % 50 == 0 || r == c) {
        float v = (rand() % 100) / 50.0f - 1.0f;
        col.push_back(c);
        val.push_back(v);
        dense[r * n + c] = v;
      }
    off.push_back((int)col.size());
  }
  int *dOff = toDevice(off), *dCol = toDevice(col);
  float *dVal = toDevice(val);
  cusparseSpMatDescr_t a, c;
  CHECK_SPARSE(cusparseCreateCsr(&a, n, n, (int64_t)val.size(), dOff, dCol,
                                 dVal, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  CHECK_SPARSE(cusparseCreateCsr(&c, n, n, 0, nullptr, nullptr, nullptr,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  float alpha = 1, beta = 0;
  auto op = CUSPARSE_OPERATION_NON_TRANSPOSE;
  cusparseSpGEMMDescr_t desc;
  CHECK_SPARSE(cusparseSpGEMM_createDescr(&desc));
  size_t size1 = 0, size2 = 0;
  void *buf1 = nullptr, *buf2 = nullptr;
  CHECK_SPARSE(cusparseSpGEMM_workEstimation(
      handle, op, op, &alpha, a, a, &beta, c, CUDA_R_32F,
      CUSPARSE_SPGEMM_DEFAULT, desc, &size1, nullptr));
  cudaMalloc(&buf1, size1);
  CHECK_SPARSE(cusparseSpGEMM_workEstimation(
      handle, op, op, &alpha, a, a, &beta, c, CUDA_R_32F,
      CUSPARSE_SPGEMM_DEFAULT, desc, &size1, buf1));
  CHECK_SPARSE(cusparseSpGEMM_compute(handle, op, op, &alpha, a, a, &beta, c,
                                      CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, desc,
                                      &size2, nullptr));
  cudaMalloc(&buf2, size2);
  CHECK_SPARSE(cusparseSpGEMM_compute(handle, op, op, &alpha, a, a, &beta, c,
                                      CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, desc,
                                      &size2, buf2));
  int64_t rows, cols, nnzC;
  CHECK_SPARSE(cusparseSpMatGetSize(c, &rows, &cols, &nnzC));
  int *cOff, *cCol;
  float *cVal;
  cudaMalloc(&cOff, (n + 1) * sizeof(int));
  cudaMalloc(&cCol, nnzC * sizeof(int));
  cudaMalloc(&cVal, nnzC * sizeof(float));
  CHECK_SPARSE(cusparseCsrSetPointers(c, cOff, cCol, cVal));
  CHECK_SPARSE(cusparseSpGEMM_copy(handle, op, op, &alpha, a, a, &beta, c,
                                   CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, desc));
  std::vector<int> hOff(n + 1), hCol(nnzC);
  std::vector<float> hVal(nnzC), got(n * n, 0.0f);
  cudaMemcpy(hOff.data(), cOff, (n + 1) * sizeof(int), cudaMemcpyDeviceToHost);
  cudaMemcpy(hCol.data(), cCol, nnzC * sizeof(int), cudaMemcpyDeviceToHost);
  cudaMemcpy(hVal.data(), cVal, nnzC * sizeof(float), cudaMemcpyDeviceToHost);
  for (int r = 0; r < n; ++r)
    for (int k = hOff[r]; k < hOff[r + 1]; ++k)
      got[r * n + hCol[k]] = hVal[k];
  double maxErr = 0;
  for (int r = 0; r < n; ++r)
    for (int cc = 0; cc < n; ++cc) {
      double s = 0;
      for (int k = off[r]; k < off[r + 1]; ++k)
        s += val[k] * dense[col[k] * n + cc];
      maxErr = fmax(maxErr, fabs(s - got[r * n + cc]));
    }
  printf("SpGEMM: nnz(A) %zu, nnz(A*A) %lld, max error %.2e\n", val.size(),
         (long long)nnzC, maxErr);
  cusparseSpGEMM_destroyDescr(desc);
  cusparseDestroySpMat(a);
  cusparseDestroySpMat(c);
  return maxErr < 1e-4 ? 0 : 1;
}

static int iluSolve(cusparseHandle_t handle) {
  const int n = 1000;
  std::vector<int> off(1, 0), col;
  std::vector<double> val, xTrue(n), b(n, 0.0);
  for (int r = 0; r < n; ++r) {
    for (int c = r - 1; c <= r + 1; ++c)
      if (c >= 0 && c < n) {
        col.push_back(c);
        val.push_back(c == r ? 4.0 : -1.0 - 0.001 * r);
      }
    off.push_back((int)col.size());
    xTrue[r] = cos(0.05 * r);
  }
  for (int r = 0; r < n; ++r)
    for (int k = off[r]; k < off[r + 1]; ++k)
      b[r] += val[k] * xTrue[col[k]];
  int nnz = (int)val.size();
  int *dOff = toDevice(off), *dCol = toDevice(col);
  double *dVal = toDevice(val), *dB = toDevice(b), *dZ, *dX;
  cudaMalloc(&dZ, n * sizeof(double));
  cudaMalloc(&dX, n * sizeof(double));

  cusparseMatDescr_t descr;
  CHECK_SPARSE(cusparseCreateMatDescr(&descr));
  csrilu02Info_t info;
  CHECK_SPARSE(cusparseCreateCsrilu02Info(&info));
  int bufSize = 0;
  CHECK_SPARSE(cusparseDcsrilu02_bufferSize(handle, n, nnz, descr, dVal, dOff,
                                            dCol, info, &bufSize));
  void *buf;
  cudaMalloc(&buf, bufSize);
  auto policy = CUSPARSE_SOLVE_POLICY_USE_LEVEL;
  CHECK_SPARSE(cusparseDcsrilu02_analysis(handle, n, nnz, descr, dVal, dOff,
                                          dCol, info, policy, buf));
  int pivot = 0;
  if (cusparseXcsrilu02_zeroPivot(handle, info, &pivot) !=
      CUSPARSE_STATUS_SUCCESS) {
    printf("FAIL: structural zero at %d\n", pivot);
    return 1;
  }
  CHECK_SPARSE(cusparseDcsrilu02(handle, n, nnz, descr, dVal, dOff, dCol, info,
                                 policy, buf));
  if (cusparseXcsrilu02_zeroPivot(handle, info, &pivot) !=
      CUSPARSE_STATUS_SUCCESS) {
    printf("FAIL: zero pivot at %d\n", pivot);
    return 1;
  }
  // L (unit lower) and U (upper) share the factorised values.
  cusparseSpMatDescr_t matL, matU;
  CHECK_SPARSE(cusparseCreateCsr(&matL, n, n, nnz, dOff, dCol, dVal,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F));
  CHECK_SPARSE(cusparseCreateCsr(&matU, n, n, nnz, dOff, dCol, dVal,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F));
  cusparseFillMode_t lower = CUSPARSE_FILL_MODE_LOWER,
                     upper = CUSPARSE_FILL_MODE_UPPER;
  cusparseDiagType_t unit = CUSPARSE_DIAG_TYPE_UNIT,
                     nonUnit = CUSPARSE_DIAG_TYPE_NON_UNIT;
  cusparseSpMatSetAttribute(matL, CUSPARSE_SPMAT_FILL_MODE, &lower,
                            sizeof lower);
  cusparseSpMatSetAttribute(matL, CUSPARSE_SPMAT_DIAG_TYPE, &unit, sizeof unit);
  cusparseSpMatSetAttribute(matU, CUSPARSE_SPMAT_FILL_MODE, &upper,
                            sizeof upper);
  cusparseSpMatSetAttribute(matU, CUSPARSE_SPMAT_DIAG_TYPE, &nonUnit,
                            sizeof nonUnit);
  cusparseDnVecDescr_t vecB, vecZ, vecX;
  cusparseCreateDnVec(&vecB, n, dB, CUDA_R_64F);
  cusparseCreateDnVec(&vecZ, n, dZ, CUDA_R_64F);
  cusparseCreateDnVec(&vecX, n, dX, CUDA_R_64F);
  cusparseSpSVDescr_t svL, svU;
  cusparseSpSV_createDescr(&svL);
  cusparseSpSV_createDescr(&svU);
  double one = 1;
  auto op = CUSPARSE_OPERATION_NON_TRANSPOSE;
  size_t sizeL, sizeU;
  void *bufL, *bufU;
  CHECK_SPARSE(cusparseSpSV_bufferSize(handle, op, &one, matL, vecB, vecZ,
                                       CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT,
                                       svL, &sizeL));
  CHECK_SPARSE(cusparseSpSV_bufferSize(handle, op, &one, matU, vecZ, vecX,
                                       CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT,
                                       svU, &sizeU));
  cudaMalloc(&bufL, sizeL);
  cudaMalloc(&bufU, sizeU);
  CHECK_SPARSE(cusparseSpSV_analysis(handle, op, &one, matL, vecB, vecZ,
                                     CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT, svL,
                                     bufL));
  CHECK_SPARSE(cusparseSpSV_analysis(handle, op, &one, matU, vecZ, vecX,
                                     CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT, svU,
                                     bufU));
  CHECK_SPARSE(cusparseSpSV_solve(handle, op, &one, matL, vecB, vecZ,
                                  CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT, svL));
  CHECK_SPARSE(cusparseSpSV_solve(handle, op, &one, matU, vecZ, vecX,
                                  CUDA_R_64F, CUSPARSE_SPSV_ALG_DEFAULT, svU));
  std::vector<double> x(n);
  cudaMemcpy(x.data(), dX, n * sizeof(double), cudaMemcpyDeviceToHost);
  double maxErr = 0;
  for (int r = 0; r < n; ++r)
    maxErr = fmax(maxErr, fabs(x[r] - xTrue[r]));
  printf("ILU(0) of a tridiagonal matrix + two SpSV: max error %.2e\n", maxErr);
  cusparseSpSV_destroyDescr(svL);
  cusparseSpSV_destroyDescr(svU);
  cusparseDestroyCsrilu02Info(info);
  cusparseDestroyMatDescr(descr);
  return maxErr < 1e-10 ? 0 : 1;
}

int main() {
  cusparseHandle_t handle;
  CHECK_SPARSE(cusparseCreate(&handle));
  int failed = spgemm(handle) | iluSolve(handle);
  cusparseDestroy(handle);
  printf(failed ? "FAIL\n" : "PASS\n");
  return failed;
}
