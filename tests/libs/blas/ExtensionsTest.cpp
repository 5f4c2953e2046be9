//===- ExtensionsTest.cpp - geam, dgmm, batched LU and transfers ----------===//
//
// Part of Tongxin. cuBLAS's extensions against host references: geam
// (also in place), dgmm on both sides, getrf/getrs/getri/matinv batched
// with and without pivoting (and singular matrices), and the host/device
// copy helpers with strides, including their argument errors.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

using namespace txtest;

namespace {

class Extensions : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

TEST_F(Extensions, GeamTransposesAndInPlace) {
  const int M = 3, N = 2;
  std::vector<float> A = {1, 2, 3, 4, 5, 6};       // 3x2
  std::vector<float> B = {10, 20, 30, 40, 50, 60}; // 2x3, transposed
  DeviceBuffer<float> DA(A), DB(B), DC(M * N);
  float Al = 2, Be = 1;
  ASSERT_EQ(cublasSgeam(Handle, CUBLAS_OP_N, CUBLAS_OP_T, M, N, &Al, DA.get(),
                        M, &Be, DB.get(), N, DC.get(), M),
            CUBLAS_STATUS_SUCCESS);
  // C(i,j) = 2 A(i,j) + B(j,i)
  EXPECT_EQ(DC.download(), (std::vector<float>{12, 34, 56, 28, 50, 72}));
  // In place: A = 2A + 0 B.
  float Zero = 0;
  ASSERT_EQ(cublasSgeam(Handle, CUBLAS_OP_N, CUBLAS_OP_N, M, N, &Al, DA.get(),
                        M, &Zero, DA.get(), M, DA.get(), M),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DA.download(), (std::vector<float>{2, 4, 6, 8, 10, 12}));
  // A transposed operand cannot be written in place.
  EXPECT_EQ(cublasSgeam(Handle, CUBLAS_OP_T, CUBLAS_OP_N, 2, 2, &Al, DA.get(),
                        2, &Zero, DB.get(), 2, DA.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE);
}

TEST_F(Extensions, DgmmBothSides) {
  std::vector<double> A = {1, 2, 3, 4}, X = {10, 100};
  DeviceBuffer<double> DA(A), DX(X), DC(4);
  ASSERT_EQ(cublasDdgmm(Handle, CUBLAS_SIDE_LEFT, 2, 2, DA.get(), 2, DX.get(),
                        1, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DC.download(), (std::vector<double>{10, 200, 30, 400}));
  ASSERT_EQ(cublasDdgmm(Handle, CUBLAS_SIDE_RIGHT, 2, 2, DA.get(), 2, DX.get(),
                        -1, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  // incx = -1 reads x backwards: diag(100, 10).
  EXPECT_EQ(DC.download(), (std::vector<double>{100, 200, 30, 40}));
}

/// A batch of n x n matrices behind a device array of pointers.
template <class T> struct Batch {
  std::vector<std::unique_ptr<DeviceBuffer<T>>> Matrices;
  std::unique_ptr<DeviceBuffer<T *>> Pointers;
  Batch(const std::vector<std::vector<T>> &Host) {
    std::vector<T *> P;
    for (const auto &M : Host) {
      Matrices.push_back(std::make_unique<DeviceBuffer<T>>(M));
      P.push_back(Matrices.back()->get());
    }
    Pointers = std::make_unique<DeviceBuffer<T *>>(P);
  }
  T *const *array() const { return Pointers->get(); }
};

TEST_F(Extensions, GetrfGetrsGetriBatchedWithAndWithoutPivoting) {
  const int N = 5, Count = 6;
  std::vector<std::vector<double>> Host;
  for (int B = 0; B < Count; ++B) {
    std::vector<double> A(N * N);
    for (int I = 0; I < N * N; ++I)
      A[size_t(I)] = testValue(uint64_t(B) + 20, size_t(I));
    for (int I = 0; I < N; ++I)
      A[size_t(I * N + I)] += 6; // Nonsingular, pivots stay useful.
    Host.push_back(A);
  }
  for (bool Pivoting : {true, false}) {
    Batch<double> A(Host), Inverse(std::vector<std::vector<double>>(
                               Count, std::vector<double>(N * N)));
    DeviceBuffer<int> Pivots(N * Count), Info(Count);
    ASSERT_EQ(cublasDgetrfBatched(Handle, N, A.array(), N,
                                  Pivoting ? Pivots.get() : nullptr, Info.get(),
                                  Count),
              CUBLAS_STATUS_SUCCESS);
    for (int I : Info.download())
      EXPECT_EQ(I, 0);
    // Solve A x = e0 for each matrix.
    std::vector<std::vector<double>> Rhs(Count, std::vector<double>(N, 0));
    for (auto &R : Rhs)
      R[0] = 1;
    Batch<double> X(Rhs);
    int HostInfo = -1;
    ASSERT_EQ(cublasDgetrsBatched(Handle, CUBLAS_OP_N, N, 1, A.array(), N,
                                  Pivoting ? Pivots.get() : nullptr, X.array(),
                                  N, &HostInfo, Count),
              CUBLAS_STATUS_SUCCESS);
    EXPECT_EQ(HostInfo, 0);
    ASSERT_EQ(cublasDgetriBatched(Handle, N, A.array(), N,
                                  Pivoting ? Pivots.get() : nullptr,
                                  Inverse.array(), N, Info.get(), Count),
              CUBLAS_STATUS_SUCCESS);
    for (int B = 0; B < Count; ++B) {
      auto Sol = X.Matrices[size_t(B)]->download();
      auto Inv = Inverse.Matrices[size_t(B)]->download();
      for (int I = 0; I < N; ++I) {
        double AxRow = 0;
        for (int J = 0; J < N; ++J)
          AxRow += Host[size_t(B)][size_t(I + J * N)] * Sol[size_t(J)];
        EXPECT_NEAR(AxRow, I == 0 ? 1 : 0, 1e-12);
        for (int J = 0; J < N; ++J) { // (A A^-1)(I, J)
          double Sum = 0;
          for (int P = 0; P < N; ++P)
            Sum += Host[size_t(B)][size_t(I + P * N)] * Inv[size_t(P + J * N)];
          EXPECT_NEAR(Sum, I == J ? 1 : 0, 1e-12);
        }
      }
    }
  }
}

TEST_F(Extensions, SingularMatricesReportTheirPivot) {
  std::vector<std::vector<float>> Host = {{1, 2, 2, 4}, {0, 0, 0, 1}};
  Batch<float> A(Host);
  DeviceBuffer<int> Info(2), Pivots(4);
  ASSERT_EQ(
      cublasSgetrfBatched(Handle, 2, A.array(), 2, Pivots.get(), Info.get(), 2),
      CUBLAS_STATUS_SUCCESS);
  auto I = Info.download();
  EXPECT_EQ(I[0], 2);
  EXPECT_EQ(I[1], 1);
  Batch<float> B(Host);
  ASSERT_EQ(
      cublasSgetrfBatched(Handle, 2, B.array(), 2, nullptr, Info.get(), 2),
      CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Info.download()[1], 1); // Zero pivot without pivoting.
}

TEST_F(Extensions, MatinvBatchedComplex) {
  std::vector<std::vector<cuComplex>> Host = {
      {make_cuComplex(0, 1), make_cuComplex(0, 0), make_cuComplex(0, 0),
       make_cuComplex(2, 0)}};
  Batch<cuComplex> A(Host), Inv(Host);
  DeviceBuffer<int> Info(1);
  ASSERT_EQ(cublasCmatinvBatched(Handle, 2, A.array(), 2, Inv.array(), 2,
                                 Info.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  auto Got = Inv.Matrices[0]->download();
  EXPECT_EQ(Got[0].x, 0); // 1/i = -i
  EXPECT_EQ(Got[0].y, -1);
  EXPECT_EQ(Got[3].x, 0.5f);
  EXPECT_EQ(cublasCmatinvBatched(Handle, 33, A.array(), 33, Inv.array(), 33,
                                 Info.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE); // n <= 32 only
}

TEST_F(Extensions, BatchedArgumentErrors) {
  DeviceBuffer<float *> P(1);
  DeviceBuffer<int> Info(1);
  int HostInfo = 0;
  EXPECT_EQ(cublasSgetrfBatched(nullptr, 2, P.get(), 2, nullptr, Info.get(), 1),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasSgetrfBatched(Handle, 2, P.get(), 1, nullptr, Info.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSgetrsBatched(Handle, CUBLAS_OP_N, 2, 1, P.get(), 2, nullptr,
                                P.get(), 1, &HostInfo, 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(HostInfo, -9); // ldb
  EXPECT_EQ(cublasSgetrsBatched(Handle, CUBLAS_OP_N, -1, 1, P.get(), 2, nullptr,
                                P.get(), 2, &HostInfo, 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(HostInfo, -3);
}

TEST_F(Extensions, VectorAndMatrixTransfers) {
  std::vector<float> Host = {1, -1, 2, -1, 3, -1};
  DeviceBuffer<float> D(6);
  // Every other host element into contiguous device memory, and back
  // into a stride of 3.
  ASSERT_EQ(cublasSetVector(3, sizeof(float), Host.data(), 2, D.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  std::vector<float> Back(9, 0);
  ASSERT_EQ(cublasGetVector(3, sizeof(float), D.get(), 1, Back.data(), 3),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Back, (std::vector<float>{1, 0, 0, 2, 0, 0, 3, 0, 0}));
  // A 2x3 matrix with lda 3 into ldb 2, asynchronously.
  std::vector<double> M = {1, 2, 0, 3, 4, 0, 5, 6, 0}, Out(6);
  DeviceBuffer<double> DM(6);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(
      cublasSetMatrixAsync(2, 3, sizeof(double), M.data(), 3, DM.get(), 2, S),
      CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(
      cublasGetMatrixAsync(2, 3, sizeof(double), DM.get(), 2, Out.data(), 2, S),
      CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Out, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  ASSERT_EQ(cublasSetMatrix(2, 3, sizeof(double), M.data(), 3, DM.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasGetMatrix(2, 3, sizeof(double), DM.get(), 2, Out.data(), 2),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Out, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  std::vector<float> V(2);
  ASSERT_EQ(cublasSetVectorAsync(2, 4, Host.data(), 1, D.get(), 1, nullptr),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasGetVectorAsync(2, 4, D.get(), 1, V.data(), 1, nullptr),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(V, (std::vector<float>{1, -1}));
  // Errors.
  EXPECT_EQ(cublasSetVector(3, 0, Host.data(), 1, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSetVector(3, 4, Host.data(), 0, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSetMatrix(3, 2, 4, Host.data(), 2, D.get(), 3),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasGetMatrix(2, 2, 4, D.get(), 2, nullptr, 2),
            CUBLAS_STATUS_INVALID_VALUE);
}

TEST_F(Extensions, HandleManagement) {
  int Version = 0;
  EXPECT_EQ(cublasGetVersion(Handle, &Version), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Version, CUBLAS_VERSION);
  int Major = 0;
  EXPECT_EQ(cublasGetProperty(MAJOR_VERSION, &Major), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Major, 12);
  cublasPointerMode_t Mode;
  EXPECT_EQ(cublasGetPointerMode(Handle, &Mode), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Mode, CUBLAS_POINTER_MODE_HOST);
  EXPECT_EQ(cublasSetPointerMode(Handle, cublasPointerMode_t(7)),
            CUBLAS_STATUS_INVALID_VALUE);
  cublasMath_t Math;
  EXPECT_EQ(cublasSetMathMode(Handle, CUBLAS_TF32_TENSOR_OP_MATH),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasGetMathMode(Handle, &Math), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Math, CUBLAS_TF32_TENSOR_OP_MATH);
  EXPECT_EQ(cublasSetMathMode(Handle, cublasMath_t(77)),
            CUBLAS_STATUS_INVALID_VALUE);
  cudaStream_t S, Got;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  EXPECT_EQ(cublasSetStream(Handle, S), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasGetStream(Handle, &Got), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Got, S);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  int NotAStream;
  EXPECT_EQ(
      cublasSetStream(Handle, reinterpret_cast<cudaStream_t>(&NotAStream)),
      CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasCreate(nullptr), CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasDestroy(nullptr), CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_STREQ(cublasGetStatusName(CUBLAS_STATUS_NOT_SUPPORTED),
               "CUBLAS_STATUS_NOT_SUPPORTED");
  EXPECT_STRNE(cublasGetStatusString(CUBLAS_STATUS_INVALID_VALUE), "");
  EXPECT_STREQ(cublasGetStatusName(cublasStatus_t(1234)),
               "CUBLAS_STATUS_UNKNOWN");
}

} // namespace
