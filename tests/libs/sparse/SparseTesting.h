//===- sparse/SparseTesting.h - Helpers for the cuSPARSE tests --*- C++ -*-===//
//
// Part of Tongxin. Random dense matrices with a given fill, their CSR, COO
// and CSC forms with either index type and base, and comparisons with a
// tolerance suited to each value type.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_SPARSE_SPARSETESTING_H
#define TONGXIN_TESTS_LIBS_SPARSE_SPARSETESTING_H

#include "cuda_runtime.h"
#include "cusparse.h"

#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <random>
#include <vector>

namespace sparsetest {

using cfloat = std::complex<float>;
using cdouble = std::complex<double>;

template <class T> struct TypeOf;
template <> struct TypeOf<float> {
  static constexpr cudaDataType Value = CUDA_R_32F;
  static constexpr double Tolerance = 1e-4;
};
template <> struct TypeOf<double> {
  static constexpr cudaDataType Value = CUDA_R_64F;
  static constexpr double Tolerance = 1e-11;
};
template <> struct TypeOf<cfloat> {
  static constexpr cudaDataType Value = CUDA_C_32F;
  static constexpr double Tolerance = 1e-4;
};
template <> struct TypeOf<cdouble> {
  static constexpr cudaDataType Value = CUDA_C_64F;
  static constexpr double Tolerance = 1e-11;
};

template <class I> constexpr cusparseIndexType_t indexTypeOf() {
  return sizeof(I) == 8 ? CUSPARSE_INDEX_64I : CUSPARSE_INDEX_32I;
}

template <class T> T randomValue(std::mt19937 &Gen) {
  std::uniform_real_distribution<double> D(-1.0, 1.0);
  if constexpr (std::is_same_v<T, cfloat> || std::is_same_v<T, cdouble>)
    return T(D(Gen), D(Gen));
  else
    return T(D(Gen));
}

template <class T> T conjugate(T V) {
  if constexpr (std::is_same_v<T, cfloat> || std::is_same_v<T, cdouble>)
    return std::conj(V);
  else
    return V;
}

/// A dense row-major matrix.
template <class T> struct Dense {
  int64_t Rows = 0, Cols = 0;
  std::vector<T> Data;
  Dense(int64_t R, int64_t C) : Rows(R), Cols(C), Data(size_t(R * C)) {}
  T &at(int64_t R, int64_t C) { return Data[size_t(R * Cols + C)]; }
  T at(int64_t R, int64_t C) const { return Data[size_t(R * Cols + C)]; }
};

/// A random Rows x Cols matrix with about Fill of its entries nonzero.
template <class T>
Dense<T> randomSparse(int64_t Rows, int64_t Cols, double Fill, unsigned Seed) {
  std::mt19937 Gen(Seed);
  std::uniform_real_distribution<double> Pick(0.0, 1.0);
  Dense<T> M(Rows, Cols);
  for (T &V : M.Data)
    if (Pick(Gen) < Fill)
      V = randomValue<T>(Gen);
  return M;
}

/// op(M).
template <class T> Dense<T> applyOp(const Dense<T> &M, cusparseOperation_t Op) {
  if (Op == CUSPARSE_OPERATION_NON_TRANSPOSE)
    return M;
  Dense<T> Out(M.Cols, M.Rows);
  for (int64_t R = 0; R < M.Rows; ++R)
    for (int64_t C = 0; C < M.Cols; ++C)
      Out.at(C, R) = Op == CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE
                         ? conjugate(M.at(R, C))
                         : M.at(R, C);
  return Out;
}

/// Compressed form of M (by rows, or by columns for CSC) with base Base.
template <class T, class I> struct Compressed {
  std::vector<I> Offsets, Indices;
  std::vector<T> Values;
};

template <class T, class I>
Compressed<T, I> compress(const Dense<T> &M, bool ByColumn, int Base) {
  Compressed<T, I> Out;
  int64_t Majors = ByColumn ? M.Cols : M.Rows;
  int64_t Minors = ByColumn ? M.Rows : M.Cols;
  Out.Offsets.push_back(I(Base));
  for (int64_t Major = 0; Major < Majors; ++Major) {
    for (int64_t Minor = 0; Minor < Minors; ++Minor) {
      T V = ByColumn ? M.at(Minor, Major) : M.at(Major, Minor);
      if (V == T(0))
        continue;
      Out.Indices.push_back(I(Minor + Base));
      Out.Values.push_back(V);
    }
    Out.Offsets.push_back(I(Out.Indices.size() + Base));
  }
  return Out;
}

/// Row indices of a CSR matrix (for COO).
template <class T, class I>
std::vector<I> rowIndices(const Compressed<T, I> &Csr, int Base) {
  std::vector<I> Rows;
  for (size_t R = 0; R + 1 < Csr.Offsets.size(); ++R)
    for (I K = Csr.Offsets[R]; K < Csr.Offsets[R + 1]; ++K)
      Rows.push_back(I(R + Base));
  return Rows;
}

template <class T>
void expectNear(const std::vector<T> &Expected, const std::vector<T> &Actual,
                double Scale = 1.0) {
  ASSERT_EQ(Expected.size(), Actual.size());
  double Tolerance = TypeOf<T>::Tolerance * Scale;
  for (size_t I = 0; I < Expected.size(); ++I)
    ASSERT_LE(std::abs(Expected[I] - Actual[I]),
              Tolerance * (1.0 + std::abs(Expected[I])))
        << "at " << I;
}

/// A handle on the default stream, destroyed at the end of the scope.
class Handle {
public:
  Handle() { EXPECT_EQ(cusparseCreate(&H), CUSPARSE_STATUS_SUCCESS); }
  ~Handle() { cusparseDestroy(H); }
  operator cusparseHandle_t() const { return H; }

private:
  cusparseHandle_t H = nullptr;
};

} // namespace sparsetest

#endif // TONGXIN_TESTS_LIBS_SPARSE_SPARSETESTING_H
