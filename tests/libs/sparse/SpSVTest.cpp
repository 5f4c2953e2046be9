//===- sparse/SpSVTest.cpp - cusparseSpSV
//-----------------------------------===//
//
// Part of Tongxin. Triangular solves checked by multiplying back: lower and
// upper, unit and non-unit, all operations, every value type, both index
// types and bases; updateMatrix; error paths.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

using namespace sparsetest;

namespace {
template <class T, class I>
void checkSpSV(int Base, cusparseOperation_t Op, cusparseFillMode_t Fill,
               cusparseDiagType_t Diag, unsigned Seed) {
  SCOPED_TRACE(testing::Message() << "base " << Base << " op " << Op << " fill "
                                  << Fill << " diag " << Diag);
  Handle H;
  const int64_t N = 31;
  // A full random matrix with a strong diagonal: the solve must ignore the
  // other triangle (and, for unit diagonals, the diagonal).
  Dense<T> A = randomSparse<T>(N, N, 0.3, Seed);
  for (int64_t I2 = 0; I2 < N; ++I2)
    A.at(I2, I2) = T(4) + A.at(I2, I2);
  Dense<T> Tri(N, N);
  for (int64_t R = 0; R < N; ++R)
    for (int64_t C = 0; C < N; ++C) {
      bool Keep = Fill == CUSPARSE_FILL_MODE_LOWER ? C < R : C > R;
      if (Keep)
        Tri.at(R, C) = A.at(R, C);
      if (R == C)
        Tri.at(R, C) = Diag == CUSPARSE_DIAG_TYPE_UNIT ? T(1) : A.at(R, C);
    }
  Dense<T> OpTri = applyOp(Tri, Op);
  std::mt19937 Gen(Seed);
  std::vector<T> Y(N), X(N, T(0)), Out(N, T(0));
  for (T &V : Y)
    V = randomValue<T>(Gen);
  T Alpha = T(2);
  for (int64_t R = 0; R < N; ++R) // X = op(Tri) Y / alpha
    for (int64_t C = 0; C < N; ++C)
      X[R] += OpTri.at(R, C) * Y[C] / Alpha;
  auto Csr = compress<T, I>(A, false, Base);
  auto IT = indexTypeOf<I>();
  cusparseSpMatDescr_t MA;
  ASSERT_EQ(cusparseCreateCsr(&MA, N, N, int64_t(Csr.Values.size()),
                              Csr.Offsets.data(), Csr.Indices.data(),
                              Csr.Values.data(), IT, IT,
                              cusparseIndexBase_t(Base), TypeOf<T>::Value),
            CUSPARSE_STATUS_SUCCESS);
  cusparseSpMatSetAttribute(MA, CUSPARSE_SPMAT_FILL_MODE, &Fill, sizeof Fill);
  cusparseSpMatSetAttribute(MA, CUSPARSE_SPMAT_DIAG_TYPE, &Diag, sizeof Diag);
  cusparseDnVecDescr_t VX, VY;
  cusparseCreateDnVec(&VX, N, X.data(), TypeOf<T>::Value);
  cusparseCreateDnVec(&VY, N, Out.data(), TypeOf<T>::Value);
  cusparseSpSVDescr_t D;
  ASSERT_EQ(cusparseSpSV_createDescr(&D), CUSPARSE_STATUS_SUCCESS);
  size_t Size = 0;
  ASSERT_EQ(cusparseSpSV_bufferSize(H, Op, &Alpha, MA, VX, VY, TypeOf<T>::Value,
                                    CUSPARSE_SPSV_ALG_DEFAULT, D, &Size),
            CUSPARSE_STATUS_SUCCESS);
  std::vector<char> Buffer(Size);
  ASSERT_EQ(cusparseSpSV_analysis(H, Op, &Alpha, MA, VX, VY, TypeOf<T>::Value,
                                  CUSPARSE_SPSV_ALG_DEFAULT, D, Buffer.data()),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpSV_solve(H, Op, &Alpha, MA, VX, VY, TypeOf<T>::Value,
                               CUSPARSE_SPSV_ALG_DEFAULT, D),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  expectNear(Y, Out, 100);
  cusparseSpSV_destroyDescr(D);
  cusparseDestroySpMat(MA);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
}

template <class T> void checkAll() {
  unsigned Seed = 100;
  for (int Base : {0, 1})
    for (auto Op :
         {CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_TRANSPOSE,
          CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE})
      for (auto Fill : {CUSPARSE_FILL_MODE_LOWER, CUSPARSE_FILL_MODE_UPPER})
        for (auto Diag :
             {CUSPARSE_DIAG_TYPE_NON_UNIT, CUSPARSE_DIAG_TYPE_UNIT}) {
          checkSpSV<T, int32_t>(Base, Op, Fill, Diag, Seed++);
          checkSpSV<T, int64_t>(Base, Op, Fill, Diag, Seed++);
        }
}
} // namespace

TEST(CusparseSpSV, Float) { checkAll<float>(); }
TEST(CusparseSpSV, Double) { checkAll<double>(); }
TEST(CusparseSpSV, ComplexFloat) { checkAll<cfloat>(); }
TEST(CusparseSpSV, ComplexDouble) { checkAll<cdouble>(); }

TEST(CusparseSpSV, UpdateMatrixAndErrors) {
  Handle H;
  // Lower [[2 0] [1 4]]; solve with alpha 1.
  int32_t Offsets[3] = {0, 1, 3}, Cols[3] = {0, 0, 1};
  double Values[3] = {2, 1, 4}, NewValues[3] = {1, 1, 1}, X[2] = {2, 9}, Y[2];
  cusparseSpMatDescr_t A;
  cusparseCreateCsr(&A, 2, 2, 3, Offsets, Cols, Values, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  cusparseDnVecDescr_t VX, VY;
  cusparseCreateDnVec(&VX, 2, X, CUDA_R_64F);
  cusparseCreateDnVec(&VY, 2, Y, CUDA_R_64F);
  cusparseSpSVDescr_t D;
  cusparseSpSV_createDescr(&D);
  double Alpha = 1;
  const auto N = CUSPARSE_OPERATION_NON_TRANSPOSE;
  const auto Alg = CUSPARSE_SPSV_ALG_DEFAULT;
  char Buffer[8];
  EXPECT_EQ(cusparseSpSV_solve(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg, D),
            CUSPARSE_STATUS_INVALID_VALUE); // Before analysis.
  EXPECT_EQ(cusparseSpSV_analysis(nullptr, N, &Alpha, A, VX, VY, CUDA_R_64F,
                                  Alg, D, Buffer),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseSpSV_analysis(H, N, &Alpha, A, VX, VY, CUDA_R_32F, Alg, D,
                                  Buffer),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpSV_analysis(H, N, &Alpha, A, VX, VY, CUDA_R_64F,
                                  cusparseSpSVAlg_t(3), D, Buffer),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpSV_analysis(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg,
                                  nullptr, Buffer),
            CUSPARSE_STATUS_INVALID_VALUE);
  ASSERT_EQ(cusparseSpSV_analysis(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg, D,
                                  Buffer),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpSV_solve(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg, D),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_DOUBLE_EQ(Y[0], 1.0);
  EXPECT_DOUBLE_EQ(Y[1], 2.0);
  ASSERT_EQ(
      cusparseSpSV_updateMatrix(H, D, NewValues, CUSPARSE_SPSV_UPDATE_GENERAL),
      CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpSV_solve(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg, D),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_DOUBLE_EQ(Y[0], 2.0); // [[1 0] [1 1]] y = [2 9]
  EXPECT_DOUBLE_EQ(Y[1], 7.0);
  double Diagonal[2] = {2, 7};
  ASSERT_EQ(
      cusparseSpSV_updateMatrix(H, D, Diagonal, CUSPARSE_SPSV_UPDATE_DIAGONAL),
      CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpSV_solve(H, N, &Alpha, A, VX, VY, CUDA_R_64F, Alg, D),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_DOUBLE_EQ(Y[0], 1.0); // [[2 0] [1 7]] y = [2 9]
  EXPECT_DOUBLE_EQ(Y[1], 8.0 / 7.0);
  EXPECT_EQ(
      cusparseSpSV_updateMatrix(H, D, nullptr, CUSPARSE_SPSV_UPDATE_GENERAL),
      CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpSV_updateMatrix(H, D, NewValues, cusparseSpSVUpdate_t(5)),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpSV_createDescr(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
  cusparseSpSV_destroyDescr(D);
  cusparseDestroySpMat(A);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
}
