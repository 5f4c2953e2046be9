// cuSOLVER least squares, as an application fits a model: min ||A x - b||
// for a tall A (polynomial features built by a kernel) by QR: geqrf, then
// ormqr applies Q^T to b, then our own kernel solves R x = (Q^T b)(1:n) by
// back substitution. Workspace sizes come from the _bufferSize calls, all
// data lives in device memory, devInfo is copied back and checked. The
// answer must meet the host's normal equations A^T A x = A^T b.
// txcc-flags: -lcusolver
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <cusolverDn.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_SOLVER(call)                                                     \
  do {                                                                         \
    cusolverStatus_t st_ = (call);                                             \
    if (st_ != CUSOLVER_STATUS_SUCCESS) {                                      \
      printf("FAIL: %s:%d: status %d\n", __FILE__, __LINE__, (int)st_);        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Row i of A: Chebyshev-like features of t_i in [-1, 1]; b: a noisy curve.
__global__ void buildSystem(double *A, double *b, int m, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= m)
    return;
  double t = -1.0 + 2.0 * i / (m - 1);
  double p = 1.0;
  for (int j = 0; j < n; ++j) {
    A[i + (size_t)j * m] = p;
    p *= t;
  }
  b[i] = sin(3.0 * t) + 0.1 * cos(17.0 * t) + 0.01 * ((i * 7919) % 13 - 6);
}

// Solves R x = y in place (y -> x) for the n x n upper triangle of R (leading
// dimension lda): one block, one thread per row, a barrier per step.
__global__ void backSubstitute(const double *R, int lda, double *y, int n) {
  int row = threadIdx.x;
  for (int k = n - 1; k >= 0; --k) {
    if (row == k)
      y[k] /= R[k + (size_t)k * lda];
    __syncthreads();
    if (row < k)
      y[row] -= R[row + (size_t)k * lda] * y[k];
    __syncthreads();
  }
}

// Host reference: the normal equations by Cholesky, in double.
static std::vector<double> normalEquations(const std::vector<double> &A,
                                           const std::vector<double> &b, int m,
                                           int n) {
  std::vector<double> G(n * n), r(n);
  for (int p = 0; p < n; ++p) {
    for (int q = 0; q < n; ++q) {
      double s = 0;
      for (int i = 0; i < m; ++i)
        s += A[i + p * m] * A[i + q * m];
      G[p + q * n] = s;
    }
    double s = 0;
    for (int i = 0; i < m; ++i)
      s += A[i + p * m] * b[i];
    r[p] = s;
  }
  for (int j = 0; j < n; ++j) { // G = L L^T, lower part.
    for (int k = 0; k < j; ++k)
      G[j + j * n] -= G[j + k * n] * G[j + k * n];
    G[j + j * n] = sqrt(G[j + j * n]);
    for (int i = j + 1; i < n; ++i) {
      for (int k = 0; k < j; ++k)
        G[i + j * n] -= G[i + k * n] * G[j + k * n];
      G[i + j * n] /= G[j + j * n];
    }
  }
  for (int i = 0; i < n; ++i) { // L y = r.
    for (int k = 0; k < i; ++k)
      r[i] -= G[i + k * n] * r[k];
    r[i] /= G[i + i * n];
  }
  for (int i = n - 1; i >= 0; --i) { // L^T x = y.
    for (int k = i + 1; k < n; ++k)
      r[i] -= G[k + i * n] * r[k];
    r[i] /= G[i + i * n];
  }
  return r;
}

int main() {
  const int m = 500, n = 8;
  cusolverDnHandle_t handle;
  cudaStream_t stream;
  CHECK_SOLVER(cusolverDnCreate(&handle));
  CHECK(cudaStreamCreate(&stream));
  CHECK_SOLVER(cusolverDnSetStream(handle, stream));

  double *dA, *dB, *dTau, *dWork;
  int *dInfo;
  CHECK(cudaMalloc(&dA, sizeof(double) * m * n));
  CHECK(cudaMalloc(&dB, sizeof(double) * m));
  CHECK(cudaMalloc(&dTau, sizeof(double) * n));
  CHECK(cudaMalloc(&dInfo, sizeof(int)));
  buildSystem<<<(m + 127) / 128, 128, 0, stream>>>(dA, dB, m, n);
  CHECK(cudaGetLastError());
  std::vector<double> A(m * n), b(m);
  CHECK(cudaMemcpyAsync(A.data(), dA, sizeof(double) * m * n,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(b.data(), dB, sizeof(double) * m,
                        cudaMemcpyDeviceToHost, stream));

  int lworkQR = 0, lworkQ = 0;
  CHECK_SOLVER(cusolverDnDgeqrf_bufferSize(handle, m, n, dA, m, &lworkQR));
  CHECK_SOLVER(cusolverDnDormqr_bufferSize(handle, CUBLAS_SIDE_LEFT,
                                           CUBLAS_OP_T, m, 1, n, dA, m, dTau,
                                           dB, m, &lworkQ));
  int lwork = lworkQR > lworkQ ? lworkQR : lworkQ;
  CHECK(cudaMalloc(&dWork, sizeof(double) * lwork));

  int info = -1;
  CHECK_SOLVER(
      cusolverDnDgeqrf(handle, m, n, dA, m, dTau, dWork, lwork, dInfo));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  if (info != 0) {
    printf("FAIL: geqrf devInfo %d\n", info);
    return 1;
  }
  CHECK_SOLVER(cusolverDnDormqr(handle, CUBLAS_SIDE_LEFT, CUBLAS_OP_T, m, 1, n,
                                dA, m, dTau, dB, m, dWork, lwork, dInfo));
  backSubstitute<<<1, n, 0, stream>>>(dA, m, dB, n);
  CHECK(cudaGetLastError());
  std::vector<double> x(n);
  CHECK(cudaMemcpyAsync(x.data(), dB, sizeof(double) * n,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  if (info != 0) {
    printf("FAIL: ormqr devInfo %d\n", info);
    return 1;
  }

  std::vector<double> ref = normalEquations(A, b, m, n);
  double worst = 0;
  for (int j = 0; j < n; ++j) {
    double err = fabs(x[j] - ref[j]) / (1 + fabs(ref[j]));
    worst = err > worst ? err : worst;
  }
  printf("coefficients: %.6f %.6f %.6f ... max rel. difference %.2e\n", x[0],
         x[1], x[2], worst);
  if (!(worst < 1e-8)) {
    printf("FAIL: least-squares solution differs from normal equations\n");
    return 1;
  }

  CHECK(cudaFree(dA));
  CHECK(cudaFree(dB));
  CHECK(cudaFree(dTau));
  CHECK(cudaFree(dWork));
  CHECK(cudaFree(dInfo));
  CHECK_SOLVER(cusolverDnDestroy(handle));
  CHECK(cudaStreamDestroy(stream));
  printf("PASS\n");
  return 0;
}
