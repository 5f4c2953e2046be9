//===- LtTestSupport.h - Helpers of the cuBLASLt tests ------------*- C++
//-*-===//
//
// Part of Tongxin. Typed device buffers filled from doubles, layouts and
// descriptors that destroy themselves, and the double-precision reference
// of a matmul, for the cuBLASLt gtests.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_BLASLT_LTTESTSUPPORT_H
#define TONGXIN_TESTS_LIBS_BLASLT_LTTESTSUPPORT_H

#include "cublasLt.h"
#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "cuda_runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace lttest {

inline size_t sizeOf(cudaDataType T) {
  switch (T) {
  case CUDA_R_16F:
  case CUDA_R_16BF:
    return 2;
  case CUDA_R_64F:
    return 8;
  case CUDA_R_8I:
    return 1;
  default:
    return 4;
  }
}

inline void storeValue(cudaDataType T, void *Buf, size_t I, double V) {
  char *P = static_cast<char *>(Buf) + I * sizeOf(T);
  switch (T) {
  case CUDA_R_16F: {
    __half H = __float2half(float(V));
    std::memcpy(P, &H, 2);
    return;
  }
  case CUDA_R_16BF: {
    __nv_bfloat16 H = __float2bfloat16(float(V));
    std::memcpy(P, &H, 2);
    return;
  }
  case CUDA_R_64F:
    std::memcpy(P, &V, 8);
    return;
  case CUDA_R_32I: {
    int32_t X = int32_t(V);
    std::memcpy(P, &X, 4);
    return;
  }
  case CUDA_R_8I: {
    int8_t X = int8_t(V);
    std::memcpy(P, &X, 1);
    return;
  }
  default: {
    float F = float(V);
    std::memcpy(P, &F, 4);
    return;
  }
  }
}

inline double loadValue(cudaDataType T, const void *Buf, size_t I) {
  const char *P = static_cast<const char *>(Buf) + I * sizeOf(T);
  switch (T) {
  case CUDA_R_16F: {
    __half H;
    std::memcpy(&H, P, 2);
    return __half2float(H);
  }
  case CUDA_R_16BF: {
    __nv_bfloat16 H;
    std::memcpy(&H, P, 2);
    return __bfloat162float(H);
  }
  case CUDA_R_64F: {
    double D;
    std::memcpy(&D, P, 8);
    return D;
  }
  case CUDA_R_32I: {
    int32_t X;
    std::memcpy(&X, P, 4);
    return X;
  }
  case CUDA_R_8I:
    return int8_t(*P);
  default: {
    float F;
    std::memcpy(&F, P, 4);
    return F;
  }
  }
}

/// V rounded to type T.
inline double roundTo(cudaDataType T, double V) {
  char Buf[8];
  storeValue(T, Buf, 0, V);
  return loadValue(T, Buf, 0);
}

/// Multiples of 1/8 in [-2, 2): exact in every type the tests use.
inline double testValue(uint64_t Seed, uint64_t Index) {
  uint64_t X = (Seed * 0x9e3779b97f4a7c15ull) ^ (Index * 0xbf58476d1ce4e5b9ull);
  X ^= X >> 31;
  X *= 0x94d049bb133111ebull;
  X ^= X >> 29;
  return double(int64_t(X % 32) - 16) / 8.0;
}

/// Relative tolerance of results stored in T.
inline double tolerance(cudaDataType T) {
  switch (T) {
  case CUDA_R_16F:
    return 4e-3;
  case CUDA_R_16BF:
    return 2e-2;
  default:
    return 1e-5;
  }
}

/// A device buffer of Count elements of type T, holding doubles' values.
class DeviceArray {
public:
  DeviceArray(cudaDataType T, size_t Count) : Type(T), Count(Count) {
    EXPECT_EQ(cudaMalloc(&Data, Count * sizeOf(T) + 1), cudaSuccess);
    cudaMemset(Data, 0, Count * sizeOf(T) + 1);
  }
  DeviceArray(cudaDataType T, const std::vector<double> &Values)
      : DeviceArray(T, Values.size()) {
    upload(Values);
  }
  ~DeviceArray() { cudaFree(Data); }
  DeviceArray(const DeviceArray &) = delete;
  DeviceArray &operator=(const DeviceArray &) = delete;

  void *get() const { return Data; }
  void upload(const std::vector<double> &Values) {
    std::vector<char> Host(Count * sizeOf(Type));
    for (size_t I = 0; I < Values.size(); ++I)
      storeValue(Type, Host.data(), I, Values[I]);
    ASSERT_EQ(
        cudaMemcpy(Data, Host.data(), Host.size(), cudaMemcpyHostToDevice),
        cudaSuccess);
  }
  std::vector<double> download() const {
    std::vector<char> Host(Count * sizeOf(Type));
    EXPECT_EQ(
        cudaMemcpy(Host.data(), Data, Host.size(), cudaMemcpyDeviceToHost),
        cudaSuccess);
    std::vector<double> Values(Count);
    for (size_t I = 0; I < Count; ++I)
      Values[I] = loadValue(Type, Host.data(), I);
    return Values;
  }
  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> Host(Count * sizeOf(Type));
    EXPECT_EQ(
        cudaMemcpy(Host.data(), Data, Host.size(), cudaMemcpyDeviceToHost),
        cudaSuccess);
    return Host;
  }

private:
  cudaDataType Type;
  size_t Count;
  void *Data = nullptr;
};

/// A matrix layout destroyed at scope exit.
class Layout {
public:
  Layout(cudaDataType T, uint64_t Rows, uint64_t Cols, int64_t Ld) {
    EXPECT_EQ(cublasLtMatrixLayoutCreate(&L, T, Rows, Cols, Ld),
              CUBLAS_STATUS_SUCCESS);
  }
  ~Layout() { cublasLtMatrixLayoutDestroy(L); }
  Layout(const Layout &) = delete;
  Layout &operator=(const Layout &) = delete;
  operator cublasLtMatrixLayout_t() const { return L; }
  template <class V> void set(cublasLtMatrixLayoutAttribute_t A, V Value) {
    ASSERT_EQ(cublasLtMatrixLayoutSetAttribute(L, A, &Value, sizeof(V)),
              CUBLAS_STATUS_SUCCESS);
  }
  void batch(int32_t Count, int64_t Stride) {
    set(CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, Count);
    set(CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, Stride);
  }

private:
  cublasLtMatrixLayout_t L = nullptr;
};

/// A matmul descriptor destroyed at scope exit.
class MatmulDesc {
public:
  MatmulDesc(cublasComputeType_t Compute, cudaDataType Scale) {
    EXPECT_EQ(cublasLtMatmulDescCreate(&D, Compute, Scale),
              CUBLAS_STATUS_SUCCESS);
  }
  ~MatmulDesc() { cublasLtMatmulDescDestroy(D); }
  MatmulDesc(const MatmulDesc &) = delete;
  MatmulDesc &operator=(const MatmulDesc &) = delete;
  operator cublasLtMatmulDesc_t() const { return D; }
  template <class V> void set(cublasLtMatmulDescAttributes_t A, V Value) {
    ASSERT_EQ(cublasLtMatmulDescSetAttribute(D, A, &Value, sizeof(V)),
              CUBLAS_STATUS_SUCCESS);
  }

private:
  cublasLtMatmulDesc_t D = nullptr;
};

/// A test fixture with a cuBLASLt handle.
class LtTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasLtCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasLtDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasLtHandle_t Handle = nullptr;
};

/// Element (R, C) of a column-major (or row-major) matrix of leading
/// dimension Ld.
inline size_t at(int64_t R, int64_t C, int64_t Ld, bool Row = false) {
  return size_t(Row ? R * Ld + C : R + C * Ld);
}

/// The GELU CUDA's epilogues use (tanh approximation) and its derivative.
inline double gelu(double X) {
  const double K = std::sqrt(2.0 / M_PI);
  return 0.5 * X * (1 + std::tanh(K * (X + 0.044715 * X * X * X)));
}
inline double geluGradient(double X) {
  const double K = std::sqrt(2.0 / M_PI);
  double T = std::tanh(K * (X + 0.044715 * X * X * X));
  return 0.5 * (1 + T) + 0.5 * X * (1 - T * T) * K * (1 + 3 * 0.044715 * X * X);
}

} // namespace lttest

#endif // TONGXIN_TESTS_LIBS_BLASLT_LTTESTSUPPORT_H
