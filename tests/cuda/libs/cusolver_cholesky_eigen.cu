// cuSOLVER Cholesky and symmetric eigensolver in a simulation setting:
// a kernel assembles a symmetric positive definite system (float), potrf +
// potrs solve it for three right-hand sides and a kernel checks the
// residuals; an indefinite matrix reports the failing minor in devInfo; and
// syevd (double) finds the spectrum of the 1-D Laplacian, which is known in
// closed form (2 - 2 cos(k pi / (n + 1))), with a kernel checking
// A v = lambda v for every eigenvector.
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

__device__ float hashValue(int i, int j) {
  unsigned h = (unsigned)(i * 73856093) ^ (unsigned)(j * 19349663);
  h = (h ^ (h >> 13)) * 0x5bd1e995u;
  return (float)(h & 0xffff) / 65536.0f - 0.5f;
}

// A = B^T B / n + I, with B(i, j) = hash(i, j): symmetric positive definite.
__global__ void assembleSpd(float *A, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y;
  if (i >= n)
    return;
  float s = 0;
  for (int k = 0; k < n; ++k)
    s += hashValue(k, i) * hashValue(k, j);
  A[i + (size_t)j * n] = s / n + (i == j ? 1.0f : 0.0f);
}

// r = A x - b for every column (A n x n, x and b n x nrhs).
__global__ void residual(const float *A, const float *x, const float *b,
                         float *r, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int c = blockIdx.y;
  if (i >= n)
    return;
  float s = 0;
  for (int k = 0; k < n; ++k)
    s += A[i + (size_t)k * n] * x[k + (size_t)c * n];
  r[i + (size_t)c * n] = s - b[i + (size_t)c * n];
}

__global__ void laplacian(double *A, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y;
  if (i < n)
    A[i + (size_t)j * n] = i == j ? 2.0 : (i - j == 1 || j - i == 1 ? -1 : 0);
}

// out(i, c) = (L v_c)(i) - w_c v_c(i) for the Laplacian L.
__global__ void eigenResidual(const double *V, const double *w, double *out,
                              int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int c = blockIdx.y;
  if (i >= n)
    return;
  const double *v = V + (size_t)c * n;
  double lv = 2 * v[i] - (i > 0 ? v[i - 1] : 0) - (i < n - 1 ? v[i + 1] : 0);
  out[i + (size_t)c * n] = lv - w[c] * v[i];
}

static int choleskySolve(cusolverDnHandle_t handle, cudaStream_t stream) {
  const int n = 200, nrhs = 3;
  float *dA, *dF, *dX, *dB, *dR, *dWork;
  int *dInfo, info = -1, lwork = 0;
  CHECK(cudaMalloc(&dA, sizeof(float) * n * n));
  CHECK(cudaMalloc(&dF, sizeof(float) * n * n));
  CHECK(cudaMalloc(&dX, sizeof(float) * n * nrhs));
  CHECK(cudaMalloc(&dB, sizeof(float) * n * nrhs));
  CHECK(cudaMalloc(&dR, sizeof(float) * n * nrhs));
  CHECK(cudaMalloc(&dInfo, sizeof(int)));
  assembleSpd<<<dim3((n + 63) / 64, n), 64, 0, stream>>>(dA, n);
  CHECK(cudaGetLastError());
  std::vector<float> b(n * nrhs);
  for (int i = 0; i < n * nrhs; ++i)
    b[i] = (float)((i % 17) - 8) / 8.0f;
  CHECK(cudaMemcpyAsync(dB, b.data(), sizeof(float) * n * nrhs,
                        cudaMemcpyHostToDevice, stream));
  CHECK(cudaMemcpyAsync(dX, dB, sizeof(float) * n * nrhs,
                        cudaMemcpyDeviceToDevice, stream));
  CHECK(cudaMemcpyAsync(dF, dA, sizeof(float) * n * n, cudaMemcpyDeviceToDevice,
                        stream));
  CHECK_SOLVER(cusolverDnSpotrf_bufferSize(handle, CUBLAS_FILL_MODE_LOWER, n,
                                           dF, n, &lwork));
  CHECK(cudaMalloc(&dWork, sizeof(float) * lwork));
  CHECK_SOLVER(cusolverDnSpotrf(handle, CUBLAS_FILL_MODE_LOWER, n, dF, n, dWork,
                                lwork, dInfo));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  if (info != 0) {
    printf("FAIL: potrf devInfo %d\n", info);
    return 1;
  }
  CHECK_SOLVER(cusolverDnSpotrs(handle, CUBLAS_FILL_MODE_LOWER, n, nrhs, dF, n,
                                dX, n, dInfo));
  residual<<<dim3((n + 63) / 64, nrhs), 64, 0, stream>>>(dA, dX, dB, dR, n);
  std::vector<float> r(n * nrhs);
  CHECK(cudaMemcpyAsync(r.data(), dR, sizeof(float) * n * nrhs,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  float worst = 0;
  for (float v : r)
    worst = fabsf(v) > worst ? fabsf(v) : worst;
  printf("potrs: devInfo %d, max residual %.2e\n", info, worst);
  if (info != 0 || !(worst < 1e-4f)) {
    printf("FAIL: Cholesky solve\n");
    return 1;
  }

  // Indefinite: a negative entry on the diagonal at row 6 (1-based) of an
  // otherwise diagonal matrix makes the minor of order 6 the first to fail.
  std::vector<float> D(n * n, 0.0f);
  for (int i = 0; i < n; ++i)
    D[i + i * n] = i == 5 ? -1.0f : 1.0f;
  CHECK(cudaMemcpyAsync(dF, D.data(), sizeof(float) * n * n,
                        cudaMemcpyHostToDevice, stream));
  CHECK_SOLVER(cusolverDnSpotrf(handle, CUBLAS_FILL_MODE_UPPER, n, dF, n, dWork,
                                lwork, dInfo));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  printf("indefinite potrf: devInfo %d\n", info);
  if (info != 6) {
    printf("FAIL: expected devInfo 6\n");
    return 1;
  }
  cudaFree(dA), cudaFree(dF), cudaFree(dX), cudaFree(dB), cudaFree(dR);
  cudaFree(dWork), cudaFree(dInfo);
  return 0;
}

static int laplacianSpectrum(cusolverDnHandle_t handle, cudaStream_t stream) {
  const int n = 96;
  double *dA, *dW, *dR, *dWork;
  int *dInfo, info = -1, lwork = 0;
  CHECK(cudaMalloc(&dA, sizeof(double) * n * n));
  CHECK(cudaMalloc(&dW, sizeof(double) * n));
  CHECK(cudaMalloc(&dR, sizeof(double) * n * n));
  CHECK(cudaMalloc(&dInfo, sizeof(int)));
  laplacian<<<dim3((n + 31) / 32, n), 32, 0, stream>>>(dA, n);
  CHECK(cudaGetLastError());
  CHECK_SOLVER(cusolverDnDsyevd_bufferSize(handle, CUSOLVER_EIG_MODE_VECTOR,
                                           CUBLAS_FILL_MODE_UPPER, n, dA, n, dW,
                                           &lwork));
  CHECK(cudaMalloc(&dWork, sizeof(double) * lwork));
  CHECK_SOLVER(cusolverDnDsyevd(handle, CUSOLVER_EIG_MODE_VECTOR,
                                CUBLAS_FILL_MODE_UPPER, n, dA, n, dW, dWork,
                                lwork, dInfo));
  eigenResidual<<<dim3((n + 31) / 32, n), 32, 0, stream>>>(dA, dW, dR, n);
  std::vector<double> w(n), r(n * n);
  CHECK(cudaMemcpyAsync(w.data(), dW, sizeof(double) * n,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(r.data(), dR, sizeof(double) * n * n,
                        cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(&info, dInfo, sizeof(int), cudaMemcpyDeviceToHost,
                        stream));
  CHECK(cudaStreamSynchronize(stream));
  const double pi = 3.14159265358979323846;
  double valueError = 0, vectorError = 0;
  for (int k = 0; k < n; ++k)
    valueError =
        fmax(valueError, fabs(w[k] - (2 - 2 * cos((k + 1) * pi / (n + 1)))));
  for (double v : r)
    vectorError = fmax(vectorError, fabs(v));
  printf("syevd: devInfo %d, eigenvalue error %.2e, |Av - wv| %.2e\n", info,
         valueError, vectorError);
  if (info != 0 || !(valueError < 1e-12) || !(vectorError < 1e-12)) {
    printf("FAIL: Laplacian spectrum\n");
    return 1;
  }
  cudaFree(dA), cudaFree(dW), cudaFree(dR), cudaFree(dWork), cudaFree(dInfo);
  return 0;
}

int main() {
  cusolverDnHandle_t handle;
  cudaStream_t stream;
  CHECK_SOLVER(cusolverDnCreate(&handle));
  CHECK(cudaStreamCreate(&stream));
  CHECK_SOLVER(cusolverDnSetStream(handle, stream));
  if (choleskySolve(handle, stream) || laplacianSpectrum(handle, stream))
    return 1;
  CHECK_SOLVER(cusolverDnDestroy(handle));
  CHECK(cudaStreamDestroy(stream));
  printf("PASS\n");
  return 0;
}
