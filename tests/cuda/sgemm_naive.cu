// Naive SGEMM: C = alpha*A*B + beta*C, one thread per output element, 2-D grid.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

__global__ void sgemmNaive(int M, int N, int K, float alpha, const float *A, const float *B,
                           float beta, float *C) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < M && col < N) {
    float acc = 0.0f;
    for (int k = 0; k < K; ++k) acc += A[row * K + k] * B[k * N + col];
    C[row * N + col] = alpha * acc + beta * C[row * N + col];
  }
}

int main() {
  const int M = 97, N = 75, K = 130;
  const float alpha = 1.5f, beta = -0.5f;
  float *A = (float *)malloc(M * K * 4), *B = (float *)malloc(K * N * 4);
  float *C = (float *)malloc(M * N * 4), *R = (float *)malloc(M * N * 4);
  unsigned s = 1u;
  auto rnd = [&]() { s = s * 1664525u + 1013904223u; return (float)(s >> 8) / 16777216.0f - 0.5f; };
  for (int i = 0; i < M * K; ++i) A[i] = rnd();
  for (int i = 0; i < K * N; ++i) B[i] = rnd();
  for (int i = 0; i < M * N; ++i) C[i] = rnd();
  float *dA, *dB, *dC;
  CHECK(cudaMalloc(&dA, M * K * 4));
  CHECK(cudaMalloc(&dB, K * N * 4));
  CHECK(cudaMalloc(&dC, M * N * 4));
  CHECK(cudaMemcpy(dA, A, M * K * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dB, B, K * N * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dC, C, M * N * 4, cudaMemcpyHostToDevice));
  dim3 block(16, 16), grid((N + 15) / 16, (M + 15) / 16);
  sgemmNaive<<<grid, block>>>(M, N, K, alpha, dA, dB, beta, dC);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(R, dC, M * N * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double acc = 0, absacc = 0;
      for (int k = 0; k < K; ++k) { acc += (double)A[i * K + k] * B[k * N + j]; absacc += fabs((double)A[i * K + k] * B[k * N + j]); }
      double ref = alpha * acc + beta * C[i * N + j];
      double tol = 1e-5 * (alpha * absacc + fabs(beta * C[i * N + j])) + 1e-6;
      if (fabs(R[i * N + j] - ref) > tol) {
        printf("FAIL: C[%d][%d] = %f expected %f\n", i, j, R[i * N + j], ref);
        return 1;
      }
    }
  CHECK(cudaFree(dA)); CHECK(cudaFree(dB)); CHECK(cudaFree(dC));
  free(A); free(B); free(C); free(R);
  printf("PASS\n");
  return 0;
}
