//===- sparse/SpMMTest.cpp - cusparseSpMM
//-----------------------------------===//
//
// Part of Tongxin. SpMM against a dense reference: every value type, both
// index types and bases, operations on A and B, both dense orders.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

using namespace sparsetest;

namespace {
template <class T, class I>
void checkSpMM(int Base, cusparseOperation_t OpA, cusparseOperation_t OpB,
               cusparseOrder_t Order, unsigned Seed) {
  SCOPED_TRACE(testing::Message() << "base " << Base << " opA " << OpA
                                  << " opB " << OpB << " order " << Order);
  Handle H;
  const int64_t M = 13, K = 9, N = 5;
  bool TA = OpA != CUSPARSE_OPERATION_NON_TRANSPOSE;
  bool TB = OpB != CUSPARSE_OPERATION_NON_TRANSPOSE;
  Dense<T> A = randomSparse<T>(TA ? K : M, TA ? M : K, 0.3, Seed);
  Dense<T> B = randomSparse<T>(TB ? N : K, TB ? K : N, 1.0, Seed + 1);
  Dense<T> C = randomSparse<T>(M, N, 1.0, Seed + 2);
  std::mt19937 Gen(Seed);
  T Alpha = randomValue<T>(Gen), Beta = randomValue<T>(Gen);
  Dense<T> OpAM = applyOp(A, OpA), OpBM = applyOp(B, OpB);
  Dense<T> Expected(M, N);
  for (int64_t R = 0; R < M; ++R)
    for (int64_t Col = 0; Col < N; ++Col) {
      T Sum = T(0);
      for (int64_t L = 0; L < K; ++L)
        Sum += OpAM.at(R, L) * OpBM.at(L, Col);
      Expected.at(R, Col) = Alpha * Sum + Beta * C.at(R, Col);
    }
  // Dense storage in the requested order with a padded leading dimension.
  auto Store = [&](const Dense<T> &D, int64_t &Ld) {
    bool Col = Order == CUSPARSE_ORDER_COL;
    Ld = (Col ? D.Rows : D.Cols) + 2;
    std::vector<T> S(size_t(Ld * (Col ? D.Cols : D.Rows)), T(0));
    for (int64_t R = 0; R < D.Rows; ++R)
      for (int64_t Cc = 0; Cc < D.Cols; ++Cc)
        S[size_t(Col ? R + Cc * Ld : R * Ld + Cc)] = D.at(R, Cc);
    return S;
  };
  int64_t LdB, LdC;
  std::vector<T> BS = Store(B, LdB), CS = Store(C, LdC);
  auto Csr = compress<T, I>(A, false, Base);
  cusparseSpMatDescr_t MA;
  auto IT = indexTypeOf<I>();
  ASSERT_EQ(cusparseCreateCsr(&MA, A.Rows, A.Cols, int64_t(Csr.Values.size()),
                              Csr.Offsets.data(), Csr.Indices.data(),
                              Csr.Values.data(), IT, IT,
                              cusparseIndexBase_t(Base), TypeOf<T>::Value),
            CUSPARSE_STATUS_SUCCESS);
  cusparseDnMatDescr_t MB, MC;
  ASSERT_EQ(cusparseCreateDnMat(&MB, B.Rows, B.Cols, LdB, BS.data(),
                                TypeOf<T>::Value, Order),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(
      cusparseCreateDnMat(&MC, M, N, LdC, CS.data(), TypeOf<T>::Value, Order),
      CUSPARSE_STATUS_SUCCESS);
  size_t Size = 0;
  ASSERT_EQ(cusparseSpMM_bufferSize(H, OpA, OpB, &Alpha, MA, MB, &Beta, MC,
                                    TypeOf<T>::Value, CUSPARSE_SPMM_ALG_DEFAULT,
                                    &Size),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSpMM(H, OpA, OpB, &Alpha, MA, MB, &Beta, MC,
                         TypeOf<T>::Value, CUSPARSE_SPMM_ALG_DEFAULT, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  int64_t Unused;
  expectNear(Store(Expected, Unused), CS, 10);
  cusparseDestroySpMat(MA);
  cusparseDestroyDnMat(MB);
  cusparseDestroyDnMat(MC);
}

template <class T> void checkAll() {
  const cusparseOperation_t Ops[] = {CUSPARSE_OPERATION_NON_TRANSPOSE,
                                     CUSPARSE_OPERATION_TRANSPOSE,
                                     CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE};
  unsigned Seed = 10;
  for (int Base : {0, 1})
    for (auto OpA : Ops)
      for (auto OpB : Ops)
        for (auto Order : {CUSPARSE_ORDER_COL, CUSPARSE_ORDER_ROW}) {
          checkSpMM<T, int32_t>(Base, OpA, OpB, Order, Seed++);
          if (OpB == CUSPARSE_OPERATION_NON_TRANSPOSE)
            checkSpMM<T, int64_t>(Base, OpA, OpB, Order, Seed++);
        }
}
} // namespace

TEST(CusparseSpMM, Float) { checkAll<float>(); }
TEST(CusparseSpMM, Double) { checkAll<double>(); }
TEST(CusparseSpMM, ComplexFloat) { checkAll<cfloat>(); }
TEST(CusparseSpMM, ComplexDouble) { checkAll<cdouble>(); }

TEST(CusparseSpMM, ErrorPaths) {
  Handle H;
  int32_t Offsets[3] = {0, 1, 2}, Cols[2] = {0, 1};
  float Values[2] = {1, 1}, B[6], C[6];
  cusparseSpMatDescr_t A;
  cusparseCreateCsr(&A, 2, 2, 2, Offsets, Cols, Values, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F);
  cusparseDnMatDescr_t MB, MC, Wrong;
  cusparseCreateDnMat(&MB, 2, 3, 2, B, CUDA_R_32F, CUSPARSE_ORDER_COL);
  cusparseCreateDnMat(&MC, 2, 3, 2, C, CUDA_R_32F, CUSPARSE_ORDER_COL);
  cusparseCreateDnMat(&Wrong, 3, 2, 3, C, CUDA_R_32F, CUSPARSE_ORDER_COL);
  float Alpha = 1, Beta = 0;
  const auto N = CUSPARSE_OPERATION_NON_TRANSPOSE;
  const auto Alg = CUSPARSE_SPMM_ALG_DEFAULT;
  EXPECT_EQ(cusparseSpMM(nullptr, N, N, &Alpha, A, MB, &Beta, MC, CUDA_R_32F,
                         Alg, nullptr),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseSpMM(H, N, N, &Alpha, A, MB, &Beta, Wrong, CUDA_R_32F, Alg,
                         nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMM(H, N, N, &Alpha, A, MB, nullptr, MC, CUDA_R_32F, Alg,
                         nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(
      cusparseSpMM(H, N, N, &Alpha, A, MB, &Beta, MC, CUDA_C_32F, Alg, nullptr),
      CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpMM(H, N, N, &Alpha, A, MB, &Beta, MC, CUDA_R_32F,
                         cusparseSpMMAlg_t(99), nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMM_preprocess(H, N, N, &Alpha, A, MB, &Beta, MC,
                                    CUDA_R_32F, Alg, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  cusparseDestroySpMat(A);
  cusparseDestroyDnMat(MB);
  cusparseDestroyDnMat(MC);
  cusparseDestroyDnMat(Wrong);
}
