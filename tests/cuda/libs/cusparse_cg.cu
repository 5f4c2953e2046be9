// Conjugate gradients on the 2-D Poisson matrix (5-point stencil, 48x48
// grid) with cusparseSpMV for A p and kernels of its own for the dot
// products and vector updates. b = A x_true for a known x_true: the
// solution and the true residual are checked on the host.
// txcc-flags: -lcusparse
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <vector>

#include <cuda_runtime.h>
#include <cusparse.h>

#define CHECK_CUDA(call)                                                       \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_SPARSE(call)                                                     \
  do {                                                                         \
    cusparseStatus_t st_ = (call);                                             \
    if (st_ != CUSPARSE_STATUS_SUCCESS) {                                      \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cusparseGetErrorString(st_));                                     \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__global__ void dotKernel(const double *x, const double *y, double *out,
                          int n) {
  __shared__ double partial[256];
  double sum = 0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += gridDim.x * blockDim.x)
    sum += x[i] * y[i];
  partial[threadIdx.x] = sum;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s /= 2) {
    if (threadIdx.x < s)
      partial[threadIdx.x] += partial[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0)
    atomicAdd(out, partial[0]);
}

// y = a x + y
__global__ void axpyKernel(double a, const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] += a * x[i];
}

// p = r + b p
__global__ void xpbyKernel(const double *r, double b, double *p, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    p[i] = r[i] + b * p[i];
}

static double dot(const double *x, const double *y, double *scratch, int n) {
  cudaMemset(scratch, 0, sizeof(double));
  dotKernel<<<16, 256>>>(x, y, scratch, n);
  double h = 0;
  cudaMemcpy(&h, scratch, sizeof h, cudaMemcpyDeviceToHost);
  return h;
}

int main() {
  const int g = 48, n = g * g;
  std::vector<int> offsets(1, 0), cols;
  std::vector<double> vals;
  for (int i = 0; i < g; ++i)
    for (int j = 0; j < g; ++j) {
      auto add = [&](int c, double v) {
        cols.push_back(c);
        vals.push_back(v);
      };
      int r = i * g + j;
      if (i > 0)
        add(r - g, -1);
      if (j > 0)
        add(r - 1, -1);
      add(r, 4);
      if (j < g - 1)
        add(r + 1, -1);
      if (i < g - 1)
        add(r + g, -1);
      offsets.push_back((int)cols.size());
    }
  int nnz = (int)vals.size();
  std::vector<double> xTrue(n), b(n, 0.0);
  for (int r = 0; r < n; ++r)
    xTrue[r] = sin(0.01 * r) + 1.0;
  for (int r = 0; r < n; ++r)
    for (int k = offsets[r]; k < offsets[r + 1]; ++k)
      b[r] += vals[k] * xTrue[cols[k]];

  int *dOff, *dCol;
  double *dVal, *dX, *dR, *dP, *dAp, *dScratch;
  CHECK_CUDA(cudaMalloc(&dOff, (n + 1) * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&dCol, nnz * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&dVal, nnz * sizeof(double)));
  for (double **v : {&dX, &dR, &dP, &dAp})
    CHECK_CUDA(cudaMalloc(v, n * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&dScratch, sizeof(double)));
  cudaMemcpy(dOff, offsets.data(), (n + 1) * sizeof(int),
             cudaMemcpyHostToDevice);
  cudaMemcpy(dCol, cols.data(), nnz * sizeof(int), cudaMemcpyHostToDevice);
  cudaMemcpy(dVal, vals.data(), nnz * sizeof(double), cudaMemcpyHostToDevice);
  cudaMemset(dX, 0, n * sizeof(double));
  cudaMemcpy(dR, b.data(), n * sizeof(double), cudaMemcpyHostToDevice);
  cudaMemcpy(dP, b.data(), n * sizeof(double), cudaMemcpyHostToDevice);

  cusparseHandle_t handle;
  CHECK_SPARSE(cusparseCreate(&handle));
  cusparseSpMatDescr_t matA;
  cusparseDnVecDescr_t vecP, vecAp;
  CHECK_SPARSE(cusparseCreateCsr(&matA, n, n, nnz, dOff, dCol, dVal,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F));
  CHECK_SPARSE(cusparseCreateDnVec(&vecP, n, dP, CUDA_R_64F));
  CHECK_SPARSE(cusparseCreateDnVec(&vecAp, n, dAp, CUDA_R_64F));
  double one = 1, zero = 0;
  size_t bufferSize = 0;
  CHECK_SPARSE(cusparseSpMV_bufferSize(
      handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &one, matA, vecP, &zero, vecAp,
      CUDA_R_64F, CUSPARSE_SPMV_ALG_DEFAULT, &bufferSize));
  void *buffer;
  CHECK_CUDA(cudaMalloc(&buffer, bufferSize));

  const int threads = 256, blocks = (n + threads - 1) / threads;
  double rr = dot(dR, dR, dScratch, n), bb = rr;
  int it = 0;
  for (; it < 1000 && rr > 1e-20 * bb; ++it) {
    CHECK_SPARSE(cusparseSpMV(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &one,
                              matA, vecP, &zero, vecAp, CUDA_R_64F,
                              CUSPARSE_SPMV_ALG_DEFAULT, buffer));
    double alpha = rr / dot(dP, dAp, dScratch, n);
    axpyKernel<<<blocks, threads>>>(alpha, dP, dX, n);
    axpyKernel<<<blocks, threads>>>(-alpha, dAp, dR, n);
    double rrNew = dot(dR, dR, dScratch, n);
    xpbyKernel<<<blocks, threads>>>(dR, rrNew / rr, dP, n);
    rr = rrNew;
  }
  CHECK_CUDA(cudaDeviceSynchronize());
  std::vector<double> x(n);
  cudaMemcpy(x.data(), dX, n * sizeof(double), cudaMemcpyDeviceToHost);

  // Host checks: the true residual and the error against x_true.
  double res = 0, err = 0, bn = 0;
  for (int r = 0; r < n; ++r) {
    double ax = 0;
    for (int k = offsets[r]; k < offsets[r + 1]; ++k)
      ax += vals[k] * x[cols[k]];
    res += (b[r] - ax) * (b[r] - ax);
    bn += b[r] * b[r];
    err = fmax(err, fabs(x[r] - xTrue[r]));
  }
  res = sqrt(res / bn);
  printf("CG: %d iterations, relative residual %.3e, max error %.3e\n", it, res,
         err);
  cusparseDestroySpMat(matA);
  cusparseDestroyDnVec(vecP);
  cusparseDestroyDnVec(vecAp);
  cusparseDestroy(handle);
  if (res > 1e-8 || err > 1e-6 || it >= 1000) {
    printf("FAIL\n");
    return 1;
  }
  printf("PASS\n");
  return 0;
}
