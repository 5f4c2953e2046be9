// Sparse matrix-vector product in CSR format (scalar kernel: one thread per
// row) on a random matrix with very uneven row lengths (0 to ~200 nonzeros).
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__global__ void spmvCsr(int rows, const int *rowPtr, const int *colIdx, const double *vals, const double *x, double *y) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < rows) {
    double acc = 0.0;
    for (int k = rowPtr[r]; k < rowPtr[r + 1]; ++k) acc += vals[k] * x[colIdx[k]];
    y[r] = acc;
  }
}

int main() {
  const int rows = 5000, cols = 4000;
  std::vector<int> rowPtr(rows + 1), colIdx;
  std::vector<double> vals, x(cols), y(rows);
  unsigned s = 3u;
  auto next = [&]() { s = s * 1664525u + 1013904223u; return s >> 8; };
  rowPtr[0] = 0;
  for (int r = 0; r < rows; ++r) {
    int len = (r % 50 == 0) ? 200 : (int)(next() % 12);  // a few heavy rows, some empty
    int c = (int)(next() % 20);
    for (int k = 0; k < len && c < cols; ++k) {
      colIdx.push_back(c);
      vals.push_back((double)((int)(next() % 200) - 100) / 8.0);
      c += 1 + (int)(next() % 19);
    }
    rowPtr[r + 1] = (int)colIdx.size();
  }
  for (int c = 0; c < cols; ++c) x[c] = (double)(c % 17) - 8.0;
  int nnz = (int)colIdx.size();
  int *dRow, *dCol; double *dVal, *dx, *dy;
  CHECK(cudaMalloc(&dRow, (rows + 1) * sizeof(int)));
  CHECK(cudaMalloc(&dCol, nnz * sizeof(int)));
  CHECK(cudaMalloc(&dVal, nnz * sizeof(double)));
  CHECK(cudaMalloc(&dx, cols * sizeof(double)));
  CHECK(cudaMalloc(&dy, rows * sizeof(double)));
  CHECK(cudaMemcpy(dRow, rowPtr.data(), (rows + 1) * sizeof(int), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dCol, colIdx.data(), nnz * sizeof(int), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dVal, vals.data(), nnz * sizeof(double), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dx, x.data(), cols * sizeof(double), cudaMemcpyHostToDevice));
  spmvCsr<<<(rows + 127) / 128, 128>>>(rows, dRow, dCol, dVal, dx, dy);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(y.data(), dy, rows * sizeof(double), cudaMemcpyDeviceToHost));
  for (int r = 0; r < rows; ++r) {
    double acc = 0.0;
    for (int k = rowPtr[r]; k < rowPtr[r + 1]; ++k) acc += vals[k] * x[colIdx[k]];
    // values are multiples of 1/8 times small integers: exact in double
    if (y[r] != acc) { printf("FAIL: row %d: %f expected %f\n", r, y[r], acc); return 1; }
  }
  CHECK(cudaFree(dRow)); CHECK(cudaFree(dCol)); CHECK(cudaFree(dVal)); CHECK(cudaFree(dx)); CHECK(cudaFree(dy));
  printf("PASS\n");
  return 0;
}
