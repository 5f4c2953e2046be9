//===- sparse/SpMVTest.cpp - cusparseSpMV
//-----------------------------------===//
//
// Part of Tongxin. SpMV against a dense reference: every value type, both
// index types and bases, all three operations, CSR/CSC/COO/Blocked-ELL,
// 16-bit inputs, device pointer mode, stream order and error paths.
//
//===----------------------------------------------------------------------===//

#include "SparseTesting.h"

#include <cmath>
#include <cstring>

using namespace sparsetest;

namespace {
enum class Format { Csr, Csc, Coo };

/// Arrays of one sparse matrix kept alive for its descriptor.
template <class T, class I> struct SparseArrays {
  Compressed<T, I> Data;
  std::vector<I> CooRows;
  cusparseSpMatDescr_t Descr = nullptr;
  SparseArrays(const Dense<T> &M, Format F, int Base) {
    Data = compress<T, I>(M, F == Format::Csc, Base);
    auto IT = indexTypeOf<I>();
    auto B = cusparseIndexBase_t(Base);
    auto Type = TypeOf<T>::Value;
    int64_t Nnz = int64_t(Data.Values.size());
    if (F == Format::Csr)
      EXPECT_EQ(cusparseCreateCsr(&Descr, M.Rows, M.Cols, Nnz,
                                  Data.Offsets.data(), Data.Indices.data(),
                                  Data.Values.data(), IT, IT, B, Type),
                CUSPARSE_STATUS_SUCCESS);
    else if (F == Format::Csc)
      EXPECT_EQ(cusparseCreateCsc(&Descr, M.Rows, M.Cols, Nnz,
                                  Data.Offsets.data(), Data.Indices.data(),
                                  Data.Values.data(), IT, IT, B, Type),
                CUSPARSE_STATUS_SUCCESS);
    else {
      CooRows = rowIndices(Data, Base);
      EXPECT_EQ(cusparseCreateCoo(&Descr, M.Rows, M.Cols, Nnz, CooRows.data(),
                                  Data.Indices.data(), Data.Values.data(), IT,
                                  B, Type),
                CUSPARSE_STATUS_SUCCESS);
    }
  }
  ~SparseArrays() { cusparseDestroySpMat(Descr); }
};

template <class T>
std::vector<T> referenceSpMV(const Dense<T> &A, cusparseOperation_t Op, T Alpha,
                             const std::vector<T> &X, T Beta,
                             std::vector<T> Y) {
  Dense<T> OpA = applyOp(A, Op);
  for (int64_t R = 0; R < OpA.Rows; ++R) {
    T Sum = T(0);
    for (int64_t C = 0; C < OpA.Cols; ++C)
      Sum += OpA.at(R, C) * X[C];
    Y[R] = Alpha * Sum + Beta * Y[R];
  }
  return Y;
}

template <class T, class I>
void checkSpMV(Format F, int Base, cusparseOperation_t Op, int64_t Rows,
               int64_t Cols, unsigned Seed) {
  SCOPED_TRACE(testing::Message() << "format " << int(F) << " base " << Base
                                  << " op " << Op << " index " << sizeof(I));
  Handle H;
  Dense<T> A = randomSparse<T>(Rows, Cols, 0.2, Seed);
  SparseArrays<T, I> S(A, F, Base);
  bool Transposed = Op != CUSPARSE_OPERATION_NON_TRANSPOSE;
  std::mt19937 Gen(Seed + 1);
  std::vector<T> X(size_t(Transposed ? Rows : Cols));
  std::vector<T> Y(size_t(Transposed ? Cols : Rows));
  for (T &V : X)
    V = randomValue<T>(Gen);
  for (T &V : Y)
    V = randomValue<T>(Gen);
  T Alpha = randomValue<T>(Gen), Beta = randomValue<T>(Gen);
  std::vector<T> Expected = referenceSpMV(A, Op, Alpha, X, Beta, Y);
  cusparseDnVecDescr_t VX, VY;
  ASSERT_EQ(
      cusparseCreateDnVec(&VX, int64_t(X.size()), X.data(), TypeOf<T>::Value),
      CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(
      cusparseCreateDnVec(&VY, int64_t(Y.size()), Y.data(), TypeOf<T>::Value),
      CUSPARSE_STATUS_SUCCESS);
  size_t Size = 0;
  ASSERT_EQ(cusparseSpMV_bufferSize(H, Op, &Alpha, S.Descr, VX, &Beta, VY,
                                    TypeOf<T>::Value, CUSPARSE_SPMV_ALG_DEFAULT,
                                    &Size),
            CUSPARSE_STATUS_SUCCESS);
  std::vector<char> Buffer(Size);
  ASSERT_EQ(cusparseSpMV(H, Op, &Alpha, S.Descr, VX, &Beta, VY,
                         TypeOf<T>::Value, CUSPARSE_SPMV_ALG_DEFAULT,
                         Buffer.data()),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  expectNear(Expected, Y, 10);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
}

template <class T> void checkAllShapes() {
  const cusparseOperation_t Ops[] = {CUSPARSE_OPERATION_NON_TRANSPOSE,
                                     CUSPARSE_OPERATION_TRANSPOSE,
                                     CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE};
  unsigned Seed = 1;
  for (Format F : {Format::Csr, Format::Csc, Format::Coo})
    for (int Base : {0, 1})
      for (cusparseOperation_t Op : Ops) {
        checkSpMV<T, int32_t>(F, Base, Op, 37, 23, Seed++);
        checkSpMV<T, int64_t>(F, Base, Op, 23, 37, Seed++);
      }
}
} // namespace

TEST(CusparseSpMV, Float) { checkAllShapes<float>(); }
TEST(CusparseSpMV, Double) { checkAllShapes<double>(); }
TEST(CusparseSpMV, ComplexFloat) { checkAllShapes<cfloat>(); }
TEST(CusparseSpMV, ComplexDouble) { checkAllShapes<cdouble>(); }

TEST(CusparseSpMV, LargeSplitOverWorkers) {
  checkSpMV<double, int32_t>(Format::Csr, 0, CUSPARSE_OPERATION_NON_TRANSPOSE,
                             3000, 2000, 99);
}

TEST(CusparseSpMV, BlockedEll) {
  Handle H;
  // 4x6 matrix, 2x2 blocks, two block slots per block row (one padded).
  int32_t BlockCols[4] = {0, 2, 1, -1};
  std::vector<float> Values(4 * 4);
  for (size_t I = 0; I < Values.size(); ++I)
    Values[I] = float(I + 1);
  Dense<float> A(4, 6);
  for (int BR = 0; BR < 2; ++BR)
    for (int Slot = 0; Slot < 2; ++Slot) {
      int BC = BlockCols[BR * 2 + Slot];
      if (BC < 0)
        continue;
      for (int R = 0; R < 2; ++R)
        for (int C = 0; C < 2; ++C)
          A.at(BR * 2 + R, BC * 2 + C) =
              Values[(BR * 2 + R) * 4 + Slot * 2 + C];
    }
  cusparseSpMatDescr_t M;
  ASSERT_EQ(cusparseCreateBlockedEll(&M, 4, 6, 2, 4, BlockCols, Values.data(),
                                     CUSPARSE_INDEX_32I,
                                     CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
            CUSPARSE_STATUS_SUCCESS);
  std::vector<float> X = {1, 2, 3, 4, 5, 6}, Y(4, 0.0f);
  cusparseDnVecDescr_t VX, VY;
  cusparseCreateDnVec(&VX, 6, X.data(), CUDA_R_32F);
  cusparseCreateDnVec(&VY, 4, Y.data(), CUDA_R_32F);
  float Alpha = 1, Beta = 0;
  ASSERT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, M, VX,
                         &Beta, VY, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                         nullptr),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  expectNear(referenceSpMV(A, CUSPARSE_OPERATION_NON_TRANSPOSE, 1.0f, X, 0.0f,
                           std::vector<float>(4, 0.0f)),
             Y);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
  cusparseDestroySpMat(M);
}

namespace {
uint16_t toHalf(float F) { // Exact for the small integers used here.
  if (F == 0)
    return 0;
  int E;
  float M = std::frexp(std::fabs(F), &E); // F = M 2^E, M in [0.5, 1).
  uint16_t Bits = uint16_t(((E + 14) << 10) | (uint16_t(M * 2048) & 0x3ff));
  return F < 0 ? uint16_t(Bits | 0x8000) : Bits;
}
} // namespace

TEST(CusparseSpMV, HalfAndBfloat16InputsComputeInFloat) {
  Handle H;
  // [[1 2 0] [0 3 4]] x [1 2 3] = [5 18]
  int32_t Offsets[3] = {0, 2, 4}, Cols[4] = {0, 1, 1, 2};
  for (cudaDataType Type : {CUDA_R_16F, CUDA_R_16BF}) {
    auto Encode = [&](float F) {
      if (Type == CUDA_R_16F)
        return toHalf(F);
      uint32_t Bits;
      std::memcpy(&Bits, &F, 4);
      return uint16_t(Bits >> 16);
    };
    uint16_t Values[4] = {Encode(1), Encode(2), Encode(3), Encode(4)};
    uint16_t X[3] = {Encode(1), Encode(2), Encode(3)};
    uint16_t Y16[2] = {0, 0};
    float Y32[2] = {100, 100};
    cusparseSpMatDescr_t A;
    ASSERT_EQ(cusparseCreateCsr(&A, 2, 3, 4, Offsets, Cols, Values,
                                CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                CUSPARSE_INDEX_BASE_ZERO, Type),
              CUSPARSE_STATUS_SUCCESS);
    cusparseDnVecDescr_t VX, VY16, VY32;
    cusparseCreateDnVec(&VX, 3, X, Type);
    cusparseCreateDnVec(&VY16, 2, Y16, Type);
    cusparseCreateDnVec(&VY32, 2, Y32, CUDA_R_32F);
    float Alpha = 1, Beta = 0, One = 1;
    EXPECT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, A, VX,
                           &Beta, VY16, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                           nullptr),
              CUSPARSE_STATUS_SUCCESS);
    EXPECT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, A, VX,
                           &One, VY32, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                           nullptr),
              CUSPARSE_STATUS_SUCCESS);
    // 16-bit data computes in float only.
    EXPECT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, A, VX,
                           &Beta, VY16, CUDA_R_64F, CUSPARSE_SPMV_ALG_DEFAULT,
                           nullptr),
              CUSPARSE_STATUS_NOT_SUPPORTED);
    cudaDeviceSynchronize();
    EXPECT_EQ(Y16[0], Encode(5));
    EXPECT_EQ(Y16[1], Encode(18));
    EXPECT_EQ(Y32[0], 105.0f);
    EXPECT_EQ(Y32[1], 118.0f);
    cusparseDestroyDnVec(VX);
    cusparseDestroyDnVec(VY16);
    cusparseDestroyDnVec(VY32);
    cusparseDestroySpMat(A);
  }
}

namespace {
/// A 3x3 CSR test matrix [[2 0 1] [0 3 0] [4 0 5]] and its descriptors.
struct Small {
  int32_t Offsets[4] = {0, 2, 3, 5}, Cols[5] = {0, 2, 1, 0, 2};
  double Values[5] = {2, 1, 3, 4, 5};
  double X[3] = {1, 2, 3}, Y[3] = {1, 1, 1};
  cusparseSpMatDescr_t A = nullptr;
  cusparseDnVecDescr_t VX = nullptr, VY = nullptr;
  Small() {
    cusparseCreateCsr(&A, 3, 3, 5, Offsets, Cols, Values, CUSPARSE_INDEX_32I,
                      CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
    cusparseCreateDnVec(&VX, 3, X, CUDA_R_64F);
    cusparseCreateDnVec(&VY, 3, Y, CUDA_R_64F);
  }
  ~Small() {
    cusparseDestroySpMat(A);
    cusparseDestroyDnVec(VX);
    cusparseDestroyDnVec(VY);
  }
};
} // namespace

TEST(CusparseSpMV, BetaZeroIgnoresNaN) {
  Handle H;
  Small S;
  S.Y[0] = S.Y[1] = S.Y[2] = NAN;
  double Alpha = 1, Beta = 0;
  ASSERT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, S.A, S.VX,
                         &Beta, S.VY, CUDA_R_64F, CUSPARSE_SPMV_CSR_ALG1,
                         nullptr),
            CUSPARSE_STATUS_SUCCESS);
  cudaDeviceSynchronize();
  EXPECT_EQ(S.Y[0], 5.0);
  EXPECT_EQ(S.Y[1], 6.0);
  EXPECT_EQ(S.Y[2], 19.0);
}

TEST(CusparseSpMV, DevicePointerModeReadsScalarsOnTheStream) {
  Handle H;
  Small S;
  double *Scalars = nullptr;
  ASSERT_EQ(cudaMalloc(&Scalars, 2 * sizeof(double)), cudaSuccess);
  cudaStream_t Stream;
  ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  ASSERT_EQ(cusparseSetStream(H, Stream), CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cusparseSetPointerMode(H, CUSPARSE_POINTER_MODE_DEVICE),
            CUSPARSE_STATUS_SUCCESS);
  // The scalars are written by earlier work on the same stream.
  const double Host[2] = {2, 10};
  ASSERT_EQ(cudaMemcpyAsync(Scalars, Host, sizeof Host, cudaMemcpyHostToDevice,
                            Stream),
            cudaSuccess);
  ASSERT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, Scalars, S.A,
                         S.VX, Scalars + 1, S.VY, CUDA_R_64F,
                         CUSPARSE_SPMV_ALG_DEFAULT, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamSynchronize(Stream), cudaSuccess);
  EXPECT_EQ(S.Y[0], 20.0);
  EXPECT_EQ(S.Y[1], 22.0);
  EXPECT_EQ(S.Y[2], 48.0);
  cudaFree(Scalars);
  cusparseSetStream(H, nullptr);
  cudaStreamDestroy(Stream);
}

TEST(CusparseSpMV, StreamOrderWithDeviceMemory) {
  Handle H;
  cudaStream_t Stream;
  ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  cusparseSetStream(H, Stream);
  Dense<float> A = randomSparse<float>(200, 150, 0.1, 5);
  auto Csr = compress<float, int32_t>(A, false, 0);
  int32_t *DOff, *DCol;
  float *DVal, *DX, *DY;
  cudaMalloc(&DOff, Csr.Offsets.size() * 4);
  cudaMalloc(&DCol, Csr.Indices.size() * 4);
  cudaMalloc(&DVal, Csr.Values.size() * 4);
  cudaMalloc(&DX, 150 * 4);
  cudaMalloc(&DY, 200 * 4);
  std::vector<float> X(150, 1.0f), Y(200, -1.0f);
  // Everything goes through the stream: copies in, SpMV twice, copy out.
  cudaMemcpyAsync(DOff, Csr.Offsets.data(), Csr.Offsets.size() * 4,
                  cudaMemcpyHostToDevice, Stream);
  cudaMemcpyAsync(DCol, Csr.Indices.data(), Csr.Indices.size() * 4,
                  cudaMemcpyHostToDevice, Stream);
  cudaMemcpyAsync(DVal, Csr.Values.data(), Csr.Values.size() * 4,
                  cudaMemcpyHostToDevice, Stream);
  cudaMemcpyAsync(DX, X.data(), 150 * 4, cudaMemcpyHostToDevice, Stream);
  cudaMemsetAsync(DY, 0, 200 * 4, Stream);
  cusparseSpMatDescr_t M;
  cusparseDnVecDescr_t VX, VY;
  cusparseCreateCsr(&M, 200, 150, int64_t(Csr.Values.size()), DOff, DCol, DVal,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F);
  cusparseCreateDnVec(&VX, 150, DX, CUDA_R_32F);
  cusparseCreateDnVec(&VY, 200, DY, CUDA_R_32F);
  float Alpha = 1, Beta = 1;
  for (int Round = 0; Round < 2; ++Round)
    ASSERT_EQ(cusparseSpMV(H, CUSPARSE_OPERATION_NON_TRANSPOSE, &Alpha, M, VX,
                           &Beta, VY, CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT,
                           nullptr),
              CUSPARSE_STATUS_SUCCESS);
  cudaMemcpyAsync(Y.data(), DY, 200 * 4, cudaMemcpyDeviceToHost, Stream);
  ASSERT_EQ(cudaStreamSynchronize(Stream), cudaSuccess);
  std::vector<float> Expected =
      referenceSpMV(A, CUSPARSE_OPERATION_NON_TRANSPOSE, 2.0f, X, 0.0f,
                    std::vector<float>(200, 0.0f));
  expectNear(Expected, Y, 10);
  cusparseDestroySpMat(M);
  cusparseDestroyDnVec(VX);
  cusparseDestroyDnVec(VY);
  for (void *P :
       {(void *)DOff, (void *)DCol, (void *)DVal, (void *)DX, (void *)DY})
    cudaFree(P);
  cusparseSetStream(H, nullptr);
  cudaStreamDestroy(Stream);
}

TEST(CusparseSpMV, ErrorPaths) {
  Handle H;
  Small S;
  double Alpha = 1, Beta = 0;
  size_t Size;
  const auto N = CUSPARSE_OPERATION_NON_TRANSPOSE;
  const auto Alg = CUSPARSE_SPMV_ALG_DEFAULT;
  EXPECT_EQ(cusparseSpMV(nullptr, N, &Alpha, S.A, S.VX, &Beta, S.VY, CUDA_R_64F,
                         Alg, nullptr),
            CUSPARSE_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusparseSpMV(H, N, nullptr, S.A, S.VX, &Beta, S.VY, CUDA_R_64F, Alg,
                         nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMV(H, N, &Alpha, nullptr, S.VX, &Beta, S.VY, CUDA_R_64F,
                         Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMV(H, cusparseOperation_t(3), &Alpha, S.A, S.VX, &Beta,
                         S.VY, CUDA_R_64F, Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMV(H, N, &Alpha, S.A, S.VX, &Beta, S.VY, CUDA_R_64F,
                         cusparseSpMVAlg_t(42), nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMV(H, N, &Alpha, S.A, S.VX, &Beta, S.VY, CUDA_R_32F, Alg,
                         nullptr),
            CUSPARSE_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cusparseSpMV_bufferSize(H, N, &Alpha, S.A, S.VX, &Beta, S.VY,
                                    CUDA_R_64F, Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusparseSpMV_bufferSize(H, N, &Alpha, S.A, S.VX, &Beta, S.VY,
                                    CUDA_R_64F, Alg, &Size),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(cusparseSpMV_preprocess(H, N, &Alpha, S.A, S.VX, &Beta, S.VY,
                                    CUDA_R_64F, Alg, nullptr),
            CUSPARSE_STATUS_SUCCESS);
  double Short[2];
  cusparseDnVecDescr_t VShort;
  cusparseCreateDnVec(&VShort, 2, Short, CUDA_R_64F);
  EXPECT_EQ(cusparseSpMV(H, N, &Alpha, S.A, VShort, &Beta, S.VY, CUDA_R_64F,
                         Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  cusparseDestroyDnVec(VShort);
  // A matrix whose arrays were never set cannot be multiplied.
  cusparseSpMatDescr_t Empty;
  cusparseCreateCsr(&Empty, 3, 3, 0, nullptr, nullptr, nullptr,
                    CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                    CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F);
  EXPECT_EQ(cusparseSpMV(H, N, &Alpha, Empty, S.VX, &Beta, S.VY, CUDA_R_64F,
                         Alg, nullptr),
            CUSPARSE_STATUS_INVALID_VALUE);
  cusparseDestroySpMat(Empty);
}
