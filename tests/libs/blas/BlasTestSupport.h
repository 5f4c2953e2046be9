//===- BlasTestSupport.h - Helpers of the cuBLAS tests ------------*- C++
//-*-===//
//
// Part of Tongxin. Device buffers, deterministic inputs and reference
// products in double precision for the cuBLAS gtests.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_BLAS_BLASTESTSUPPORT_H
#define TONGXIN_TESTS_LIBS_BLAS_BLASTESTSUPPORT_H

#include "cublas_v2.h"
#include "cuda_fp16.h"
#include "cuda_runtime.h"

#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <memory>
#include <vector>

namespace txtest {

/// A device buffer of Count elements of T, freed at scope exit.
template <class T> class DeviceBuffer {
public:
  explicit DeviceBuffer(size_t Count) : Count(Count) {
    EXPECT_EQ(cudaMalloc(&Data, Count * sizeof(T) + 1), cudaSuccess);
  }
  explicit DeviceBuffer(const std::vector<T> &Host)
      : DeviceBuffer(Host.size()) {
    upload(Host);
  }
  ~DeviceBuffer() { cudaFree(Data); }
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer &operator=(const DeviceBuffer &) = delete;

  T *get() const { return Data; }
  void upload(const std::vector<T> &Host) {
    ASSERT_EQ(cudaMemcpy(Data, Host.data(), Host.size() * sizeof(T),
                         cudaMemcpyHostToDevice),
              cudaSuccess);
  }
  std::vector<T> download() const {
    std::vector<T> Host(Count);
    EXPECT_EQ(cudaMemcpy(Host.data(), Data, Count * sizeof(T),
                         cudaMemcpyDeviceToHost),
              cudaSuccess);
    return Host;
  }

private:
  T *Data = nullptr;
  size_t Count;
};

/// Small integers and halves: exact in every type the tests use, so
/// products of short dot products are exact too.
inline double testValue(uint64_t Seed, uint64_t Index) {
  uint64_t X = (Seed * 0x9e3779b97f4a7c15ull) ^ (Index * 0xbf58476d1ce4e5b9ull);
  X ^= X >> 31;
  return double(int64_t(X % 9) - 4) * 0.5;
}

using cd = std::complex<double>;

/// op(X)(I, J) for a column-major X.
inline cd opAt(const std::vector<cd> &X, int64_t Ld, cublasOperation_t Op,
               int64_t I, int64_t J) {
  if (Op == CUBLAS_OP_N)
    return X[size_t(I + J * Ld)];
  cd V = X[size_t(J + I * Ld)];
  return Op == CUBLAS_OP_C ? std::conj(V) : V;
}

/// Reference D = alpha op(A) op(B) + beta C in double (complex) precision.
inline std::vector<cd> referenceGemm(cublasOperation_t TA, cublasOperation_t TB,
                                     int64_t M, int64_t N, int64_t K, cd Alpha,
                                     const std::vector<cd> &A, int64_t Lda,
                                     const std::vector<cd> &B, int64_t Ldb,
                                     cd Beta, const std::vector<cd> &C,
                                     int64_t Ldc) {
  std::vector<cd> D = C;
  for (int64_t J = 0; J < N; ++J)
    for (int64_t I = 0; I < M; ++I) {
      cd Sum = 0;
      for (int64_t P = 0; P < K; ++P)
        Sum += opAt(A, Lda, TA, I, P) * opAt(B, Ldb, TB, P, J);
      cd Old = Beta == cd(0) ? cd(0) : C[size_t(I + J * Ldc)];
      D[size_t(I + J * Ldc)] = Alpha * Sum + Beta * Old;
    }
  return D;
}

} // namespace txtest

#endif // TONGXIN_TESTS_LIBS_BLAS_BLASTESTSUPPORT_H
