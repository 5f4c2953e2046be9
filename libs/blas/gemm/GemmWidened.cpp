//===- gemm/GemmWidened.cpp - GEMMs of fp16, bf16 and fp8 inputs ----------===//
//
// Part of Tongxin. The inputs are widened to fp32 one block at a time --
// KBlock columns of op(A) by the tile's rows, KBlock rows of op(B) by
// NBlock columns -- into per-worker buffers that stay in cache, and BLIS's
// fp32 micro-kernels multiply the blocks, accumulating in fp32 (directly
// in D when D is fp32). This is the packing step of a mixed-precision GEMM:
// memory use is a few blocks per worker, whatever the matrix sizes.
//
//===----------------------------------------------------------------------===//

#include "Blis.h"
#include "Convert.h"
#include "GemmPaths.h"
#include "Tiling.h"

#include <cstring>
#include <vector>

namespace tx {
namespace gemm {

namespace {

constexpr int64_t KBlock = 256;
constexpr int64_t NBlock = 512;

/// Per-worker buffers, kept between calls so that steady-state GEMMs do
/// not fault in fresh pages.
struct Scratch {
  std::vector<float> A, B, C;
};
Scratch &scratch() {
  static thread_local Scratch S;
  return S;
}

float *reserve(std::vector<float> &V, int64_t Count) {
  if (V.size() < size_t(Count))
    V.resize(size_t(Count));
  return V.data();
}

trans_t blisTrans(Op O) {
  return O == Op::N ? BLIS_NO_TRANSPOSE
                    : (O == Op::T ? BLIS_TRANSPOSE : BLIS_CONJ_TRANSPOSE);
}

/// Acc is float or scomplex (complex int8 inputs).
template <class Acc> class WidenedTile {
public:
  static constexpr int64_t Lanes = isComplex<Acc>() ? 2 : 1;

  WidenedTile(const Problem &P, const Tile &Tl)
      : P(P), Tl(Tl), Ops(tileOperands(P, Tl)) {
    Alpha = scalar(P.Alpha);
    Beta = scalar(P.Beta);
  }

  void run() {
    for (int64_t J0 = 0; J0 < Tl.cols(); J0 += NBlock)
      columnBlock(J0, std::min(NBlock, Tl.cols() - J0));
  }

private:
  static Acc scalar(const Scalar &S) {
    if constexpr (isComplex<Acc>()) {
      Acc V;
      V.real = float(S.Re);
      V.imag = float(S.Im);
      return V;
    } else {
      return float(S.Re);
    }
  }

  /// Widens Cols runs of Rows elements, Ld elements apart, into Out
  /// (runs OutLd elements apart; Rows when OutLd is 0).
  static void widenBlock(Type T, const char *Base, int64_t Ld, int64_t Rows,
                         int64_t Cols, float *Out, int64_t OutLd = 0) {
    size_t Size = elementSize(T);
    Type Scalar = scalarTypeOf(T);
    if (OutLd == 0)
      OutLd = Rows;
    for (int64_t J = 0; J < Cols; ++J)
      widen(Scalar, Base + J * Ld * int64_t(Size), Rows * Lanes,
            Out + J * OutLd * Lanes);
  }

  bool accumulatesInD() const {
    return P.D.Elem == (Lanes == 2 ? Type::C32 : Type::F32);
  }

  void columnBlock(int64_t J0, int64_t Cols) {
    const int64_t Rows = Tl.rows();
    Scratch &S = scratch();
    size_t SizeC = elementSize(P.C.Elem), SizeD = elementSize(P.D.Elem);
    bool UseBeta = !P.Beta.isZero() && Ops.C;
    float *Accum;
    int64_t AccumLd;
    if (accumulatesInD()) {
      Accum = reinterpret_cast<float *>(Ops.D + J0 * P.D.Ld * int64_t(SizeD));
      AccumLd = P.D.Ld;
      if (UseBeta && Ops.C != Ops.D)
        widenBlock(P.C.Elem, Ops.C + J0 * P.C.Ld * int64_t(SizeC), P.C.Ld, Rows,
                   Cols, Accum, AccumLd);
    } else {
      Accum = reserve(S.C, Rows * Cols * Lanes);
      AccumLd = Rows;
      if (UseBeta)
        widenBlock(P.C.Elem, Ops.C + J0 * P.C.Ld * int64_t(SizeC), P.C.Ld, Rows,
                   Cols, Accum);
    }
    Acc BetaNow = UseBeta ? Beta : scalar(Scalar());
    for (int64_t K0 = 0; K0 < P.K || (P.K == 0 && K0 == 0); K0 += KBlock) {
      int64_t Depth = std::min(KBlock, P.K - K0);
      multiplyBlock(J0, Cols, K0, Depth, BetaNow, Accum, AccumLd);
      BetaNow = scalar(Scalar{1, 0});
    }
    if (!accumulatesInD())
      for (int64_t J = 0; J < Cols; ++J)
        narrow(Accum + J * Rows * Lanes, Rows * Lanes, scalarTypeOf(P.D.Elem),
               Ops.D + (J0 + J) * P.D.Ld * int64_t(SizeD));
  }

  void multiplyBlock(int64_t J0, int64_t Cols, int64_t K0, int64_t Depth,
                     Acc BetaNow, float *Accum, int64_t AccumLd) {
    const int64_t Rows = Tl.rows();
    Scratch &S = scratch();
    size_t SizeA = elementSize(P.A.Elem), SizeB = elementSize(P.B.Elem);
    // Blocks keep the memory orientation of their matrix; BLIS reads them
    // transposed where op() asks for it.
    float *BlockA = reserve(S.A, Rows * std::max<int64_t>(Depth, 1) * Lanes);
    int64_t LdA;
    if (P.TransA == Op::N) {
      widenBlock(P.A.Elem, Ops.A + K0 * P.A.Ld * int64_t(SizeA), P.A.Ld, Rows,
                 Depth, BlockA);
      LdA = Rows;
    } else {
      widenBlock(P.A.Elem, Ops.A + K0 * int64_t(SizeA), P.A.Ld, Depth, Rows,
                 BlockA);
      LdA = std::max<int64_t>(Depth, 1);
    }
    float *BlockB = reserve(S.B, Cols * std::max<int64_t>(Depth, 1) * Lanes);
    int64_t LdB;
    if (P.TransB == Op::N) {
      widenBlock(P.B.Elem, Ops.B + (J0 * P.B.Ld + K0) * int64_t(SizeB), P.B.Ld,
                 Depth, Cols, BlockB);
      LdB = std::max<int64_t>(Depth, 1);
    } else {
      widenBlock(P.B.Elem, Ops.B + (J0 + K0 * P.B.Ld) * int64_t(SizeB), P.B.Ld,
                 Cols, Depth, BlockB);
      LdB = Cols;
    }
    Acc AlphaNow = Alpha;
    Blis<Acc>::gemm(blisTrans(P.TransA), blisTrans(P.TransB), Rows, Cols, Depth,
                    &AlphaNow, reinterpret_cast<Acc *>(BlockA), 1, LdA,
                    reinterpret_cast<Acc *>(BlockB), 1, LdB, &BetaNow,
                    reinterpret_cast<Acc *>(Accum), 1, AccumLd, nullptr,
                    serialRuntime());
  }

  const Problem &P;
  const Tile &Tl;
  TileOperands Ops;
  Acc Alpha, Beta;
};

} // namespace

void runWidened(int Device, const Problem &P) {
  bool ComplexInputs = isComplexType(P.A.Elem);
  forEachTile(Device, P, [&](const Tile &Tl) {
    if (ComplexInputs)
      WidenedTile<scomplex>(P, Tl).run();
    else
      WidenedTile<float>(P, Tl).run();
  });
}

} // namespace gemm
} // namespace tx
