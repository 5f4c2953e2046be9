//===- gemm/Gemm.cpp - Choosing a GEMM path; the BLIS path ----------------===//
//
// Part of Tongxin. See Gemm.h.
//
//===----------------------------------------------------------------------===//

#include "Gemm.h"
#include "Blis.h"
#include "GemmPaths.h"
#include "Tiling.h"

#include "library_types.h"

#include <cstring>

namespace tx {
namespace gemm {

static bool isLowPrecision(Type T) {
  return T == Type::F16 || T == Type::BF16 || T == Type::E4M3 ||
         T == Type::E5M2;
}

bool typeOfCudaDataType(int CudaDataType, Type *Out) {
  switch (CudaDataType) {
  case CUDA_R_32F:
    *Out = Type::F32;
    return true;
  case CUDA_R_64F:
    *Out = Type::F64;
    return true;
  case CUDA_C_32F:
    *Out = Type::C32;
    return true;
  case CUDA_C_64F:
    *Out = Type::C64;
    return true;
  case CUDA_R_16F:
    *Out = Type::F16;
    return true;
  case CUDA_R_16BF:
    *Out = Type::BF16;
    return true;
  case CUDA_R_8I:
    *Out = Type::I8;
    return true;
  case CUDA_R_32I:
    *Out = Type::I32;
    return true;
  case CUDA_C_8I:
    *Out = Type::C8I;
    return true;
  case CUDA_R_8F_E4M3:
    *Out = Type::E4M3;
    return true;
  case CUDA_R_8F_E5M2:
    *Out = Type::E5M2;
    return true;
  default:
    return false;
  }
}

bool supported(Type A, Type B, Type C, Compute Acc) {
  if (A != B && !(isLowPrecision(A) && isLowPrecision(B)))
    return false;
  switch (Acc) {
  case Compute::F64:
    return A == Type::F64 && C == Type::F64;
  case Compute::C64:
    return A == Type::C64 && C == Type::C64;
  case Compute::C32:
    return (A == Type::C32 || A == Type::C8I) && C == Type::C32;
  case Compute::I32:
    return A == Type::I8 && C == Type::I32;
  case Compute::F32:
    if (A == Type::F32)
      return C == Type::F32;
    if (A == Type::I8)
      return C == Type::F32;
    return isLowPrecision(A) && (C == Type::F32 || C == Type::F16 ||
                                 C == Type::BF16 || isLowPrecision(C));
  }
  return false;
}

template <class T> static T scalarAs(const Scalar &S) {
  if constexpr (isComplex<T>()) {
    T V;
    V.real = Real<T>(S.Re);
    V.imag = Real<T>(S.Im);
    return V;
  } else {
    return T(S.Re);
  }
}

static trans_t blisTrans(Op O) {
  switch (O) {
  case Op::N:
    return BLIS_NO_TRANSPOSE;
  case Op::T:
    return BLIS_TRANSPOSE;
  case Op::C:
    return BLIS_CONJ_TRANSPOSE;
  }
  return BLIS_NO_TRANSPOSE;
}

/// Copies the C tile into the D tile when they differ (cuBLASLt allows
/// that), so that the GEMM can update D in place.
static void copyTileIfDistinct(const Problem &P, const Tile &T,
                               const TileOperands &Ops) {
  if (!Ops.C || Ops.C == Ops.D || P.Beta.isZero())
    return;
  size_t Size = elementSize(P.D.Elem);
  for (int64_t J = 0; J < T.cols(); ++J)
    std::memcpy(Ops.D + J * P.D.Ld * Size, Ops.C + J * P.C.Ld * Size,
                size_t(T.rows()) * Size);
}

template <class T> static void blisTile(const Problem &P, const Tile &Tl) {
  TileOperands Ops = tileOperands(P, Tl);
  copyTileIfDistinct(P, Tl, Ops);
  T Alpha = scalarAs<T>(P.Alpha), Beta = scalarAs<T>(P.Beta);
  auto *A = reinterpret_cast<T *>(const_cast<char *>(Ops.A));
  auto *B = reinterpret_cast<T *>(const_cast<char *>(Ops.B));
  auto *D = reinterpret_cast<T *>(Ops.D);
  Blis<T>::gemm(blisTrans(P.TransA), blisTrans(P.TransB), Tl.rows(), Tl.cols(),
                P.K, &Alpha, A, 1, P.A.Ld, B, 1, P.B.Ld, &Beta, D, 1, P.D.Ld,
                nullptr, serialRuntime());
}

template <class T> static void runBlis(int Device, const Problem &P) {
  forEachTile(Device, P, [&](const Tile &Tl) { blisTile<T>(P, Tl); });
}

void run(int Device, const Problem &P) {
  if (P.M == 0 || P.N == 0 || P.Batch == 0)
    return;
  Type A = P.A.Elem;
  if (A == Type::F32 && P.Acc == Compute::F32)
    return runBlis<float>(Device, P);
  if (A == Type::F64)
    return runBlis<double>(Device, P);
  if (A == Type::C32)
    return runBlis<scomplex>(Device, P);
  if (A == Type::C64)
    return runBlis<dcomplex>(Device, P);
  if (A == Type::I8)
    return runInt8(Device, P);
  runWidened(Device, P);
}

} // namespace gemm
} // namespace tx
