//===- Level3Test.cpp - cuBLAS Level-3 routines besides GEMM --------------===//
//
// Part of Tongxin. symm/hemm, syrk/herk, syr2k/her2k, trmm and trsm against
// references built from GEMMs of the full matrices, for both sides, both
// triangles and every transpose, at sizes that split over the workers.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

using namespace txtest;

namespace {

class Level3 : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

std::vector<cuDoubleComplex> complexValues(uint64_t Seed, size_t N,
                                           std::vector<cd> *Ref) {
  std::vector<cuDoubleComplex> V(N);
  Ref->resize(N);
  for (size_t I = 0; I < N; ++I) {
    V[I] = make_cuDoubleComplex(testValue(Seed, I), testValue(Seed + 1, I));
    (*Ref)[I] = cd(V[I].x, V[I].y);
  }
  return V;
}

std::vector<cd> toRef(const std::vector<cuDoubleComplex> &V) {
  std::vector<cd> R(V.size());
  for (size_t I = 0; I < V.size(); ++I)
    R[I] = cd(V[I].x, V[I].y);
  return R;
}

void expectNear(const std::vector<cd> &Got, const std::vector<cd> &Want,
                double Tol = 1e-9) {
  ASSERT_EQ(Got.size(), Want.size());
  for (size_t I = 0; I < Got.size(); ++I)
    ASSERT_NEAR(std::abs(Got[I] - Want[I]), 0, Tol) << "element " << I;
}

/// The full matrix a symmetric/Hermitian triangle stands for.
std::vector<cd> fullFrom(const std::vector<cd> &A, int N, cublasFillMode_t U,
                         bool Hermitian) {
  std::vector<cd> Full(size_t(N * N));
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < N; ++I) {
      bool Stored = U == CUBLAS_FILL_MODE_LOWER ? I >= J : I <= J;
      cd V = Stored ? A[size_t(I + J * N)] : A[size_t(J + I * N)];
      if (!Stored && Hermitian)
        V = std::conj(V);
      if (I == J && Hermitian)
        V = V.real();
      Full[size_t(I + J * N)] = V;
    }
  return Full;
}

const cublasFillMode_t Fills[] = {CUBLAS_FILL_MODE_LOWER,
                                  CUBLAS_FILL_MODE_UPPER};

TEST_F(Level3, SymmAndHemmBothSides) {
  const int M = 70, N = 90;
  for (bool Hermitian : {false, true})
    for (cublasSideMode_t Side : {CUBLAS_SIDE_LEFT, CUBLAS_SIDE_RIGHT})
      for (cublasFillMode_t U : Fills) {
        int Order = Side == CUBLAS_SIDE_LEFT ? M : N;
        std::vector<cd> RA, RB, RC;
        auto A = complexValues(1, size_t(Order * Order), &RA);
        auto B = complexValues(3, size_t(M * N), &RB);
        auto C = complexValues(5, size_t(M * N), &RC);
        DeviceBuffer<cuDoubleComplex> DA(A), DB(B), DC(C);
        cuDoubleComplex Al = make_cuDoubleComplex(1, 0.5),
                        Be = make_cuDoubleComplex(-1, 0);
        auto Call = Hermitian ? cublasZhemm : cublasZsymm;
        ASSERT_EQ(Call(Handle, Side, U, M, N, &Al, DA.get(), Order, DB.get(), M,
                       &Be, DC.get(), M),
                  CUBLAS_STATUS_SUCCESS);
        auto Full = fullFrom(RA, Order, U, Hermitian);
        auto Want =
            Side == CUBLAS_SIDE_LEFT
                ? referenceGemm(CUBLAS_OP_N, CUBLAS_OP_N, M, N, M, cd(1, 0.5),
                                Full, M, RB, M, -1.0, RC, M)
                : referenceGemm(CUBLAS_OP_N, CUBLAS_OP_N, M, N, N, cd(1, 0.5),
                                RB, M, Full, N, -1.0, RC, M);
        expectNear(toRef(DC.download()), Want);
      }
}

/// Compares the stored triangle of C with Want; the other must be intact.
void expectTriangle(const std::vector<cd> &Got, const std::vector<cd> &Want,
                    const std::vector<cd> &Before, int N, cublasFillMode_t U,
                    bool RealDiagonal) {
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < N; ++I) {
      bool Stored = U == CUBLAS_FILL_MODE_LOWER ? I >= J : I <= J;
      cd W = Stored ? Want[size_t(I + J * N)] : Before[size_t(I + J * N)];
      if (Stored && I == J && RealDiagonal)
        W = W.real();
      ASSERT_NEAR(std::abs(Got[size_t(I + J * N)] - W), 0, 1e-9)
          << I << "," << J << (Stored ? " stored" : " other");
    }
}

TEST_F(Level3, SyrkHerkSyr2kHer2k) {
  const int N = 75, K = 31;
  for (cublasFillMode_t U : Fills)
    for (int Kind = 0; Kind < 4; ++Kind) {
      bool Hermitian = Kind == 1 || Kind == 3, TwoInputs = Kind >= 2;
      cublasOperation_t Ops[] = {CUBLAS_OP_N,
                                 Hermitian ? CUBLAS_OP_C : CUBLAS_OP_T};
      for (cublasOperation_t Op : Ops) {
        int Rows = Op == CUBLAS_OP_N ? N : K, Cols = Op == CUBLAS_OP_N ? K : N;
        std::vector<cd> RA, RB, RC;
        auto A = complexValues(7, size_t(Rows * Cols), &RA);
        auto B = complexValues(9, size_t(Rows * Cols), &RB);
        auto C = complexValues(11, size_t(N * N), &RC);
        if (Hermitian)
          for (int I = 0; I < N; ++I) // A Hermitian C has a real diagonal.
            C[size_t(I * N + I)].y = 0,
                             RC[size_t(I * N + I)] = C[size_t(I * N + I)].x;
        DeviceBuffer<cuDoubleComplex> DA(A), DB(B), DC(C);
        cuDoubleComplex Al =
            make_cuDoubleComplex(0.5, Hermitian && !TwoInputs ? 0 : 1);
        cuDoubleComplex Be = make_cuDoubleComplex(2, 0);
        double AlR = 0.5, BeR = 2;
        cublasStatus_t S;
        if (Kind == 0)
          S = cublasZsyrk(Handle, U, Op, N, K, &Al, DA.get(), Rows, &Be,
                          DC.get(), N);
        else if (Kind == 1)
          S = cublasZherk(Handle, U, Op, N, K, &AlR, DA.get(), Rows, &BeR,
                          DC.get(), N);
        else if (Kind == 2)
          S = cublasZsyr2k(Handle, U, Op, N, K, &Al, DA.get(), Rows, DB.get(),
                           Rows, &Be, DC.get(), N);
        else
          S = cublasZher2k(Handle, U, Op, N, K, &Al, DA.get(), Rows, DB.get(),
                           Rows, &BeR, DC.get(), N);
        ASSERT_EQ(S, CUBLAS_STATUS_SUCCESS) << Kind;
        cublasOperation_t Second = Hermitian ? CUBLAS_OP_C : CUBLAS_OP_T;
        // With Op = T or C the transposes flip.
        cublasOperation_t First = Op == CUBLAS_OP_N ? CUBLAS_OP_N : Op;
        if (Op != CUBLAS_OP_N)
          Second = CUBLAS_OP_N;
        cd Alpha = Kind == 1 ? cd(0.5, 0) : cd(0.5, 1);
        auto Want = referenceGemm(First, Second, N, N, K, Alpha, RA, Rows,
                                  TwoInputs ? RB : RA, Rows, 2.0, RC, N);
        if (TwoInputs) {
          cd Alpha2 = Hermitian ? std::conj(Alpha) : Alpha;
          Want = referenceGemm(First, Second, N, N, K, Alpha2, RB, Rows, RA,
                               Rows, 1.0, Want, N);
        }
        expectTriangle(toRef(DC.download()), Want, RC, N, U, Hermitian);
      }
    }
}

TEST_F(Level3, TrmmAndTrsmEveryVariant) {
  const int M = 40, N = 66;
  for (cublasSideMode_t Side : {CUBLAS_SIDE_LEFT, CUBLAS_SIDE_RIGHT})
    for (cublasFillMode_t U : Fills)
      for (cublasOperation_t Op : {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C})
        for (cublasDiagType_t Diag : {CUBLAS_DIAG_NON_UNIT, CUBLAS_DIAG_UNIT}) {
          int Order = Side == CUBLAS_SIDE_LEFT ? M : N;
          std::vector<cd> RA, RB;
          auto A = complexValues(13, size_t(Order * Order), &RA);
          for (int I = 0; I < Order; ++I) { // Well conditioned.
            A[size_t(I * Order + I)] = make_cuDoubleComplex(4 + I % 3, 1);
            RA[size_t(I * Order + I)] = cd(4 + I % 3, 1);
          }
          auto B = complexValues(15, size_t(M * N), &RB);
          DeviceBuffer<cuDoubleComplex> DA(A), DB(B),
              DC(std::vector<cuDoubleComplex>(size_t(M * N)));
          cuDoubleComplex Al = make_cuDoubleComplex(2, 0);
          ASSERT_EQ(cublasZtrmm(Handle, Side, U, Op, Diag, M, N, &Al, DA.get(),
                                Order, DB.get(), M, DC.get(), M),
                    CUBLAS_STATUS_SUCCESS);
          // Triangle of A as a full matrix.
          std::vector<cd> Tri(size_t(Order * Order), 0);
          for (int J = 0; J < Order; ++J)
            for (int I = 0; I < Order; ++I) {
              bool In = U == CUBLAS_FILL_MODE_LOWER ? I >= J : I <= J;
              if (In)
                Tri[size_t(I + J * Order)] = I == J && Diag == CUBLAS_DIAG_UNIT
                                                 ? 1
                                                 : RA[size_t(I + J * Order)];
            }
          std::vector<cd> Zero(size_t(M * N), 0);
          auto Want = Side == CUBLAS_SIDE_LEFT
                          ? referenceGemm(Op, CUBLAS_OP_N, M, N, M, 2.0, Tri, M,
                                          RB, M, 0.0, Zero, M)
                          : referenceGemm(CUBLAS_OP_N, Op, M, N, N, 2.0, RB, M,
                                          Tri, N, 0.0, Zero, M);
          expectNear(toRef(DC.download()), Want);
          // Solving with the product and alpha 1/2 gives B back.
          cuDoubleComplex Half = make_cuDoubleComplex(0.5, 0);
          ASSERT_EQ(cublasZtrsm(Handle, Side, U, Op, Diag, M, N, &Half,
                                DA.get(), Order, DC.get(), M),
                    CUBLAS_STATUS_SUCCESS);
          expectNear(toRef(DC.download()), RB, 1e-8);
        }
}

TEST_F(Level3, RealPrecisionsRouteThroughTheSameCode) {
  const int N = 33;
  std::vector<float> A(N * N), C(N * N, 0);
  for (int I = 0; I < N * N; ++I)
    A[size_t(I)] = float(testValue(17, size_t(I)));
  DeviceBuffer<float> DA(A), DC(C);
  float One = 1, Zero = 0;
  // C = A A^T on the lower triangle, real syrk with op C meaning T.
  ASSERT_EQ(cublasSsyrk(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_C, N, N, &One,
                        DA.get(), N, &Zero, DC.get(), N),
            CUBLAS_STATUS_SUCCESS);
  auto Got = DC.download();
  for (int J = 0; J < N; ++J)
    for (int I = J; I < N; ++I) {
      double Sum = 0;
      for (int P = 0; P < N; ++P)
        Sum += double(A[size_t(P + I * N)]) * A[size_t(P + J * N)];
      ASSERT_EQ(Got[size_t(I + J * N)], float(Sum));
    }
}

TEST_F(Level3, ArgumentErrors) {
  DeviceBuffer<float> D(64);
  float One = 1;
  EXPECT_EQ(cublasSsymm(nullptr, CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_LOWER, 2, 2,
                        &One, D.get(), 2, D.get(), 2, &One, D.get(), 2),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasSsymm(Handle, cublasSideMode_t(9), CUBLAS_FILL_MODE_LOWER, 2,
                        2, &One, D.get(), 2, D.get(), 2, &One, D.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSsymm(Handle, CUBLAS_SIDE_RIGHT, CUBLAS_FILL_MODE_LOWER, 2, 4,
                        &One, D.get(), 3, D.get(), 2, &One, D.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE); // lda < n on the right
  EXPECT_EQ(cublasSsyrk(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_T, 2, 4, &One,
                        D.get(), 3, &One, D.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE); // lda < k
  cuComplex COne = make_cuComplex(1, 0);
  DeviceBuffer<cuComplex> DCx(16);
  EXPECT_EQ(cublasCsyrk(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_C, 2, 2,
                        &COne, DCx.get(), 2, &COne, DCx.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE); // complex syrk has no op C
  EXPECT_EQ(cublasCherk(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_T, 2, 2, &One,
                        DCx.get(), 2, &One, DCx.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE); // herk has no op T
  EXPECT_EQ(cublasStrsm(Handle, CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_LOWER,
                        CUBLAS_OP_N, CUBLAS_DIAG_UNIT, 2, 2, nullptr, D.get(),
                        2, D.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasStrmm(Handle, CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_LOWER,
                        CUBLAS_OP_N, CUBLAS_DIAG_UNIT, 2, 2, &One, D.get(), 2,
                        D.get(), 2, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE); // ldc < m
}

} // namespace
