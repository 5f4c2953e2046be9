//===- Epilogue.cpp - cuBLASLt's epilogues around the GEMM engine ---------===//
//
// Part of Tongxin. See Epilogue.h. All arithmetic is in fp32 on the
// accumulated result; D's type rounds only the final value.
//
//===----------------------------------------------------------------------===//

#include "Epilogue.h"
#include "Convert.h"
#include "LibraryCall.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

using namespace tx;
using namespace tx::blaslt;

namespace tx {
namespace blaslt {

// GELU's tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
static constexpr float SqrtTwoOverPi = 0.7978845608028654f;
static constexpr float GeluCubic = 0.044715f;

float gelu(float X) {
  float T = std::tanh(SqrtTwoOverPi * (X + GeluCubic * X * X * X));
  return 0.5f * X * (1.0f + T);
}

float geluGradient(float X) {
  float T = std::tanh(SqrtTwoOverPi * (X + GeluCubic * X * X * X));
  float Inner = SqrtTwoOverPi * (1.0f + 3.0f * GeluCubic * X * X);
  return 0.5f * (1.0f + T) + 0.5f * X * (1.0f - T * T) * Inner;
}

} // namespace blaslt
} // namespace tx

/// Address of element Index of matrix Batch of O.
static char *elementAt(const gemm::Operand &O, int64_t Batch, int64_t Index) {
  auto *Base = static_cast<const char *>(O.matrix(Batch));
  return const_cast<char *>(Base) + Index * int64_t(gemm::elementSize(O.Elem));
}

/// Address of element Index of the vector or matrix Batch of a plain
/// pointer with a batch stride.
static char *vectorAt(void *Base, gemm::Type T, int64_t Stride, int64_t Batch,
                      int64_t Index) {
  return static_cast<char *>(Base) +
         (Batch * Stride + Index) * int64_t(gemm::elementSize(T));
}

static float *reserve(std::vector<float> &V, int64_t Count) {
  if (V.size() < size_t(Count))
    V.resize(size_t(Count));
  return V.data();
}

//===--- ReLU bit masks ---------------------------------------------------===//

/// The mask's bytes for column Col of matrix Batch (whole bytes: the
/// leading dimension and batch stride are multiples of 128 bits).
static uint8_t *maskColumn(const Plan &Pl, int64_t Batch, int64_t Col) {
  int64_t Bit = Batch * Pl.AuxStride + Col * Pl.AuxLd;
  return static_cast<uint8_t *>(Pl.Aux) + Bit / 8;
}

/// Sets bit R of Bytes to X[R - Row0] > 0 for R in [Row0, Row0 + Rows).
/// Bytes shared with a neighbouring tile are updated atomically.
static void storeMask(uint8_t *Bytes, int64_t Row0, int64_t Rows,
                      const float *X) {
  int64_t End = Row0 + Rows;
  for (int64_t R = Row0; R < End;) {
    int64_t Byte = R / 8, Stop = std::min(End, (Byte + 1) * 8);
    uint8_t Covered = 0, Bits = 0;
    for (; R < Stop; ++R) {
      uint8_t Bit = uint8_t(1u << (R % 8));
      Covered |= Bit;
      if (X[R - Row0] > 0)
        Bits |= Bit;
    }
    if (Covered == 0xff) {
      Bytes[Byte] = Bits;
      continue;
    }
    __atomic_fetch_and(&Bytes[Byte], uint8_t(~Covered), __ATOMIC_RELAXED);
    __atomic_fetch_or(&Bytes[Byte], Bits, __ATOMIC_RELAXED);
  }
}

static bool maskBit(const uint8_t *Bytes, int64_t Row) {
  return (Bytes[Row / 8] >> (Row % 8)) & 1;
}

//===--- The tile pass ----------------------------------------------------===//

void TileEpilogue::afterTile(void *Context, int64_t Batch, int64_t Row0,
                             int64_t Row1, int64_t Col0, int64_t Col1) {
  static_cast<TileEpilogue *>(Context)->run(Batch, Row0, Row1, Col0, Col1);
}

float TileEpilogue::amax() const {
  uint32_t Bits = AmaxBits.load();
  float Value;
  std::memcpy(&Value, &Bits, 4);
  return Value;
}

void TileEpilogue::run(int64_t Batch, int64_t Row0, int64_t Row1, int64_t Col0,
                       int64_t Col1) {
  static thread_local std::vector<float> BiasScratch;
  int64_t Rows = Row1 - Row0;
  // The bias runs along D's rows: the engine's rows, or its columns when
  // D is row-major.
  const float *BiasRun = nullptr;
  if (Pl.Steps.Bias) {
    int64_t First = Pl.Transposed ? Col0 : Row0;
    int64_t Count = Pl.Transposed ? Col1 - Col0 : Rows;
    float *Run = reserve(BiasScratch, Count);
    gemm::widen(Pl.BiasType,
                vectorAt(Pl.Bias, Pl.BiasType, Pl.BiasStride, Batch, First),
                Count, Run);
    BiasRun = Run;
  }
  for (int64_t Col = Col0; Col < Col1; ++Col) {
    auto *X = reinterpret_cast<float *>(
        elementAt(Result, Batch, Row0 + Col * Result.Ld));
    const float *Bias = BiasRun;
    if (Bias && Pl.Transposed)
      Bias = BiasRun + (Col - Col0);
    column(Batch, Col, Row0, Rows, X, Bias);
  }
}

void TileEpilogue::column(int64_t Batch, int64_t Col, int64_t Row0,
                          int64_t Rows, float *X, const float *Bias) {
  static thread_local std::vector<float> AuxScratch;
  const EpilogueSteps &S = Pl.Steps;
  if (Bias) {
    for (int64_t R = 0; R < Rows; ++R)
      X[R] += Pl.Transposed ? Bias[0] : Bias[R];
  }
  char *Aux = nullptr;
  if (Pl.Aux && !S.ReluMask())
    Aux = vectorAt(Pl.Aux, Pl.AuxType, Pl.AuxStride, Batch,
                   Row0 + Col * Pl.AuxLd);
  if (S.StoreAux && S.Relu)
    storeMask(maskColumn(Pl, Batch, Col), Row0, Rows, X);
  else if (S.StoreAux)
    gemm::narrow(X, Rows, Pl.AuxType, Aux);
  if (S.Relu)
    for (int64_t R = 0; R < Rows; ++R)
      X[R] = X[R] > 0 ? X[R] : 0.0f;
  if (S.Gelu)
    for (int64_t R = 0; R < Rows; ++R)
      X[R] = gelu(X[R]);
  if (S.DGelu) {
    float *Input = reserve(AuxScratch, Rows);
    gemm::widen(Pl.AuxType, Aux, Rows, Input);
    for (int64_t R = 0; R < Rows; ++R)
      X[R] *= geluGradient(Input[R]);
  }
  if (S.DRelu) {
    const uint8_t *Mask = maskColumn(Pl, Batch, Col);
    for (int64_t R = 0; R < Rows; ++R)
      X[R] = maskBit(Mask, Row0 + R) ? X[R] : 0.0f;
  }
  if (Pl.AmaxD) {
    float Max = 0;
    for (int64_t R = 0; R < Rows; ++R)
      Max = std::max(Max, std::fabs(X[R]));
    // Non-negative floats order as their bit patterns do.
    uint32_t Bits, Seen = AmaxBits.load(std::memory_order_relaxed);
    std::memcpy(&Bits, &Max, 4);
    while (Bits > Seen && !AmaxBits.compare_exchange_weak(Seen, Bits))
      ;
  }
  if (Pl.ScaleD && !Pl.FoldScaleD)
    for (int64_t R = 0; R < Rows; ++R)
      X[R] *= ScaleD;
  if (Pl.UseTemp)
    gemm::narrow(X, Rows, Pl.D.Elem,
                 elementAt(Pl.D, Batch, Row0 + Col * Pl.D.Ld));
}

//===--- Bias gradients ---------------------------------------------------===//

/// Writes Count sums, starting at element First of the bias gradient of
/// matrix Batch.
static void storeSums(const Plan &Pl, int64_t Batch, int64_t First,
                      const std::vector<double> &Sums) {
  std::vector<float> Narrow(Sums.begin(), Sums.end());
  gemm::narrow(Narrow.data(), int64_t(Narrow.size()), Pl.BiasType,
               vectorAt(Pl.Bias, Pl.BiasType, Pl.BiasStride, Batch, First));
}

void tx::blaslt::reduceInputBiasGradient(int Device, const Plan &Pl) {
  const gemm::Problem &P = Pl.P;
  bool FromA = Pl.Steps.BiasGradA;
  const gemm::Operand &X = FromA ? P.A : P.B;
  int64_t Count = FromA ? P.M : P.N;
  // Each sum runs along a stored column of X, or across its columns.
  bool AlongColumns = FromA ? P.TransA != gemm::Op::N : P.TransB == gemm::Op::N;
  lib::Partition Parts = lib::partitionForWorkers(Device, size_t(Count), 64);
  for (int64_t Batch = 0; Batch < P.Batch; ++Batch) {
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t Part) {
      int64_t V0 = int64_t(Parts.begin(Part)), V1 = int64_t(Parts.end(Part));
      if (V0 == V1)
        return;
      std::vector<double> Sums(size_t(V1 - V0), 0.0);
      std::vector<float> Run;
      if (AlongColumns) {
        float *Values = reserve(Run, P.K);
        for (int64_t V = V0; V < V1; ++V) {
          gemm::widen(X.Elem, elementAt(X, Batch, V * X.Ld), P.K, Values);
          for (int64_t K = 0; K < P.K; ++K)
            Sums[size_t(V - V0)] += Values[K];
        }
      } else {
        float *Values = reserve(Run, V1 - V0);
        for (int64_t K = 0; K < P.K; ++K) {
          gemm::widen(X.Elem, elementAt(X, Batch, K * X.Ld + V0), V1 - V0,
                      Values);
          for (int64_t V = 0; V < V1 - V0; ++V)
            Sums[size_t(V)] += Values[V];
        }
      }
      storeSums(Pl, Batch, V0, Sums);
    });
  }
}

void tx::blaslt::reduceResultBiasGradient(int Device, const Plan &Pl,
                                          const gemm::Operand &Result) {
  const gemm::Problem &P = Pl.P;
  lib::Partition Parts = lib::partitionForWorkers(Device, size_t(P.M), 64);
  for (int64_t Batch = 0; Batch < P.Batch; ++Batch) {
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t Part) {
      int64_t R0 = int64_t(Parts.begin(Part)), R1 = int64_t(Parts.end(Part));
      if (R0 == R1)
        return;
      std::vector<double> Sums(size_t(R1 - R0), 0.0);
      for (int64_t Col = 0; Col < P.N; ++Col) {
        auto *X = reinterpret_cast<const float *>(
            elementAt(Result, Batch, R0 + Col * Result.Ld));
        for (int64_t R = 0; R < R1 - R0; ++R)
          Sums[size_t(R)] += X[R];
      }
      storeSums(Pl, Batch, R0, Sums);
    });
  }
}
