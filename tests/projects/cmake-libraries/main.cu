// Calls each CUDA library once through CMake's CUDA::* targets and checks
// the result against a host computation.
#include <cublas_v2.h>
#include <cufft.h>
#include <curand.h>
#include <cusolverDn.h>
#include <cusparse.h>

#include <cmath>
#include <cstdio>
#include <vector>

static int Failures = 0;

static void check(bool Ok, const char *What) {
  printf("%s: %s\n", What, Ok ? "ok" : "FAILED");
  Failures += !Ok;
}

static void checkGemm() {
  const int N = 48;
  std::vector<float> A(N * N), B(N * N), C(N * N), Reference(N * N, 0.0f);
  for (int I = 0; I < N * N; ++I) {
    A[I] = (I % 7) * 0.25f - 0.5f;
    B[I] = (I % 5) * 0.5f - 1.0f;
  }
  for (int Col = 0; Col < N; ++Col)
    for (int K = 0; K < N; ++K)
      for (int Row = 0; Row < N; ++Row)
        Reference[Row + Col * N] += A[Row + K * N] * B[K + Col * N];
  float *DA, *DB, *DC;
  cudaMalloc(&DA, N * N * sizeof(float));
  cudaMalloc(&DB, N * N * sizeof(float));
  cudaMalloc(&DC, N * N * sizeof(float));
  cudaMemcpy(DA, A.data(), N * N * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(DB, B.data(), N * N * sizeof(float), cudaMemcpyHostToDevice);
  cublasHandle_t Handle;
  cublasCreate(&Handle);
  const float One = 1.0f, Zero = 0.0f;
  cublasStatus_t Status = cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N,
                                      &One, DA, N, DB, N, &Zero, DC, N);
  cudaMemcpy(C.data(), DC, N * N * sizeof(float), cudaMemcpyDeviceToHost);
  bool Ok = Status == CUBLAS_STATUS_SUCCESS;
  for (int I = 0; I < N * N; ++I)
    Ok &= std::fabs(C[I] - Reference[I]) < 1e-3f;
  check(Ok, "cublasSgemm");
  cublasDestroy(Handle);
  cudaFree(DA);
  cudaFree(DB);
  cudaFree(DC);
}

static void checkRandom() {
  const int N = 1 << 16;
  float *Numbers;
  cudaMalloc(&Numbers, N * sizeof(float));
  curandGenerator_t Generator;
  curandCreateGenerator(&Generator, CURAND_RNG_PSEUDO_PHILOX4_32_10);
  curandSetPseudoRandomGeneratorSeed(Generator, 1234);
  curandStatus_t Status = curandGenerateUniform(Generator, Numbers, N);
  std::vector<float> Host(N);
  cudaMemcpy(Host.data(), Numbers, N * sizeof(float), cudaMemcpyDeviceToHost);
  double Sum = 0;
  bool Ok = Status == CURAND_STATUS_SUCCESS;
  for (float X : Host) {
    Ok &= X > 0.0f && X <= 1.0f;
    Sum += X;
  }
  check(Ok && std::fabs(Sum / N - 0.5) < 0.01, "curandGenerateUniform");
  curandDestroyGenerator(Generator);
  cudaFree(Numbers);
}

static void checkFft() {
  const int N = 64, Bin = 5;
  std::vector<cufftComplex> Signal(N);
  for (int I = 0; I < N; ++I)
    Signal[I] = {std::cos(2.0f * 3.14159265f * Bin * I / N), 0.0f};
  cufftComplex *Data;
  cudaMalloc(&Data, N * sizeof(cufftComplex));
  cudaMemcpy(Data, Signal.data(), N * sizeof(cufftComplex),
             cudaMemcpyHostToDevice);
  cufftHandle Plan;
  bool Ok = cufftPlan1d(&Plan, N, CUFFT_C2C, 1) == CUFFT_SUCCESS &&
            cufftExecC2C(Plan, Data, Data, CUFFT_FORWARD) == CUFFT_SUCCESS;
  cudaMemcpy(Signal.data(), Data, N * sizeof(cufftComplex),
             cudaMemcpyDeviceToHost);
  // A cosine: N/2 at bins Bin and N - Bin, zero elsewhere.
  for (int K = 0; K < N; ++K) {
    float Expected = K == Bin || K == N - Bin ? N / 2.0f : 0.0f;
    Ok &= std::fabs(Signal[K].x - Expected) < 1e-3f &&
          std::fabs(Signal[K].y) < 1e-3f;
  }
  check(Ok, "cufftExecC2C");
  cufftDestroy(Plan);
  cudaFree(Data);
}

static void checkSparse() {
  // [1 0 2; 0 3 0; 4 0 5] * [1 2 3] = [7 6 19]
  int RowOffsets[] = {0, 2, 3, 5}, Columns[] = {0, 2, 1, 0, 2};
  float Values[] = {1, 2, 3, 4, 5}, X[] = {1, 2, 3}, Y[3] = {};
  int *DRows, *DColumns;
  float *DValues, *DX, *DY;
  cudaMalloc(&DRows, sizeof(RowOffsets));
  cudaMalloc(&DColumns, sizeof(Columns));
  cudaMalloc(&DValues, sizeof(Values));
  cudaMalloc(&DX, sizeof(X));
  cudaMalloc(&DY, sizeof(Y));
  cudaMemcpy(DRows, RowOffsets, sizeof(RowOffsets), cudaMemcpyHostToDevice);
  cudaMemcpy(DColumns, Columns, sizeof(Columns), cudaMemcpyHostToDevice);
  cudaMemcpy(DValues, Values, sizeof(Values), cudaMemcpyHostToDevice);
  cudaMemcpy(DX, X, sizeof(X), cudaMemcpyHostToDevice);
  cusparseHandle_t Handle;
  cusparseCreate(&Handle);
  cusparseSpMatDescr_t A;
  cusparseDnVecDescr_t VX, VY;
  cusparseCreateCsr(&A, 3, 3, 5, DRows, DColumns, DValues, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F);
  cusparseCreateDnVec(&VX, 3, DX, CUDA_R_32F);
  cusparseCreateDnVec(&VY, 3, DY, CUDA_R_32F);
  const float One = 1.0f, Zero = 0.0f;
  size_t Size = 0;
  cusparseSpMV_bufferSize(Handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &One, A, VX,
                          &Zero, VY, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                          &Size);
  void *Buffer = nullptr;
  cudaMalloc(&Buffer, Size ? Size : 1);
  cusparseStatus_t Status =
      cusparseSpMV(Handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &One, A, VX, &Zero,
                   VY, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT, Buffer);
  cudaMemcpy(Y, DY, sizeof(Y), cudaMemcpyDeviceToHost);
  check(Status == CUSPARSE_STATUS_SUCCESS && Y[0] == 7 && Y[1] == 6 &&
            Y[2] == 19,
        "cusparseSpMV");
  cusparseDestroySpMat(A);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
  cusparseDestroy(Handle);
  for (void *P : {(void *)DRows, (void *)DColumns, (void *)DValues, (void *)DX,
                  (void *)DY, Buffer})
    cudaFree(P);
}

static void checkCholesky() {
  const int N = 16;
  std::vector<double> A(N * N);
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J)
      A[I + J * N] = (I == J ? N : 0.0) + 1.0 / (1 + I + J);
  double *DA;
  int *DInfo;
  cudaMalloc(&DA, N * N * sizeof(double));
  cudaMalloc(&DInfo, sizeof(int));
  cudaMemcpy(DA, A.data(), N * N * sizeof(double), cudaMemcpyHostToDevice);
  cusolverDnHandle_t Handle;
  cusolverDnCreate(&Handle);
  int Work = 0;
  cusolverDnDpotrf_bufferSize(Handle, CUBLAS_FILL_MODE_LOWER, N, DA, N, &Work);
  double *DWork;
  cudaMalloc(&DWork, (Work ? Work : 1) * sizeof(double));
  cusolverStatus_t Status = cusolverDnDpotrf(Handle, CUBLAS_FILL_MODE_LOWER, N,
                                             DA, N, DWork, Work, DInfo);
  std::vector<double> L(N * N);
  int Info = -1;
  cudaMemcpy(L.data(), DA, N * N * sizeof(double), cudaMemcpyDeviceToHost);
  cudaMemcpy(&Info, DInfo, sizeof(int), cudaMemcpyDeviceToHost);
  bool Ok = Status == CUSOLVER_STATUS_SUCCESS && Info == 0;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J <= I; ++J) {
      double Sum = 0;
      for (int K = 0; K <= J; ++K)
        Sum += L[I + K * N] * L[J + K * N];
      Ok &= std::fabs(Sum - A[I + J * N]) < 1e-9;
    }
  check(Ok, "cusolverDnDpotrf");
  cusolverDnDestroy(Handle);
  cudaFree(DA);
  cudaFree(DInfo);
  cudaFree(DWork);
}

int main() {
  checkGemm();
  checkRandom();
  checkFft();
  checkSparse();
  checkCholesky();
  printf("%s\n", Failures ? "FAIL" : "PASS");
  return Failures != 0;
}
