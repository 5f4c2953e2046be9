// Eigen in a .cu file compiled by txcc: Eigen keys its CUDA support on
// __CUDACC__ / __NVCC__ / __CUDA_ARCH__ and marks its fixed-size code
// EIGEN_DEVICE_FUNC (__host__ __device__). Host code solves small dense
// systems with Eigen's decompositions; a kernel transforms points with
// fixed-size Eigen matrices and vectors (supported in CUDA device code);
// both are checked against plain loops. Built and run by check-headers.py.
#include <cstdio>
#include <cuda_runtime.h>
#include <Eigen/Dense>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

// p' = R p + t for each point, with Eigen types in device code.
__global__ void transformPoints(const float *in, float *out, int n, Eigen::Matrix3f r, Eigen::Vector3f t) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Eigen::Map<const Eigen::Vector3f> p(in + 3 * i);
  Eigen::Vector3f q = r * p + t;
  Eigen::Map<Eigen::Vector3f>(out + 3 * i) = q;
}

int main() {
  // Host: a well-conditioned 6x6 system through LU and QR.
  Eigen::MatrixXd a(6, 6);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) a(i, j) = (i == j) ? 10.0 + i : 1.0 / (1 + i + j);
  Eigen::VectorXd x(6);
  for (int i = 0; i < 6; ++i) x(i) = i - 2.5;
  Eigen::VectorXd b = a * x;
  Eigen::VectorXd xLu = a.partialPivLu().solve(b), xQr = a.householderQr().solve(b);
  if ((xLu - x).norm() > 1e-12 || (xQr - x).norm() > 1e-12) {
    printf("FAIL: host solve error %g %g\n", (xLu - x).norm(), (xQr - x).norm());
    return 1;
  }

  // Device: rotation about z by a quarter turn (exact), plus a translation.
  Eigen::Matrix3f r;
  r << 0, -1, 0, 1, 0, 0, 0, 0, 1;
  Eigen::Vector3f t(1.0f, 2.0f, -3.0f);
  const int n = 1000;
  float *in, *out;
  CHECK(cudaMallocManaged(&in, 3 * n * sizeof(float)));
  CHECK(cudaMallocManaged(&out, 3 * n * sizeof(float)));
  for (int i = 0; i < 3 * n; ++i) in[i] = (float)(i % 17) - 8.0f;
  transformPoints<<<(n + 127) / 128, 128>>>(in, out, n, r, t);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i) {
    const float *p = in + 3 * i;
    float ref[3] = {-p[1] + 1.0f, p[0] + 2.0f, p[2] - 3.0f};
    for (int k = 0; k < 3; ++k)
      if (out[3 * i + k] != ref[k]) { printf("FAIL: point %d[%d] = %g expected %g\n", i, k, out[3 * i + k], ref[k]); return 1; }
  }
  CHECK(cudaFree(in));
  CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
