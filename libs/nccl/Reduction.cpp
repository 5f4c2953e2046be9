//===- nccl/Reduction.cpp - Element-wise reductions of every NCCL type ----===//
//
// Part of Tongxin. See Reduction.h. Every type is described by a Traits
// class: its storage, the type arithmetic happens in (wide enough that one
// operation on two values is exact or correctly rounded) and the rounding
// back to storage.
//
//===----------------------------------------------------------------------===//

#include "Reduction.h"

#include "cuda_fp8.h"
#include "tongxin/fp_bits.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace tx {
namespace nccl {

namespace {

/// Integers: arithmetic on the unsigned type of the same width, so that
/// sums and products wrap as on the GPU instead of overflowing (UB).
template <class T> struct IntTraits {
  using Storage = T;
  using Wide = T;
  static Wide widen(Storage V) { return V; }
  static Storage narrow(Wide V) { return V; }
  using Unsigned = typename std::make_unsigned<T>::type;
  static Wide add(Wide A, Wide B) { return T(Unsigned(A) + Unsigned(B)); }
  static Wide mul(Wide A, Wide B) { return T(Unsigned(A) * Unsigned(B)); }
  // In 64 bits: T(D) could be 0 or negative (uint8 and 256 ranks).
  static Wide div(Wide A, int D) {
    using Big = typename std::conditional<std::is_signed<T>::value, int64_t,
                                          uint64_t>::type;
    return T(Big(A) / Big(D));
  }
};

template <class T> struct NativeFloatTraits {
  using Storage = T;
  using Wide = T;
  static Wide widen(Storage V) { return V; }
  static Storage narrow(Wide V) { return V; }
  static Wide add(Wide A, Wide B) { return A + B; }
  static Wide mul(Wide A, Wide B) { return A * B; }
  static Wide div(Wide A, int D) { return A / Wide(D); }
};

/// half and bfloat16: the sum or product of two values is exact in double,
/// so one rounding to the format gives the correctly rounded result.
struct HalfTraits : NativeFloatTraits<double> {
  using Storage = uint16_t;
  static double widen(Storage V) { return __tx_fp::__f16_to_f32(V); }
  static Storage narrow(double V) {
    return __tx_fp::__to_f16(__tx_fp::__decode_f64(V), __tx_fp::__rn);
  }
};

struct Bf16Traits : NativeFloatTraits<double> {
  using Storage = uint16_t;
  static double widen(Storage V) { return __tx_fp::__bf16_to_f32(V); }
  static Storage narrow(double V) {
    return __tx_fp::__to_bf16(__tx_fp::__decode_f64(V), __tx_fp::__rn);
  }
};

template <__nv_fp8_interpretation_t Format>
struct Fp8Traits : NativeFloatTraits<double> {
  using Storage = uint8_t;
  static double widen(Storage V) {
    return __tx_fp::__f16_to_f32(__nv_cvt_fp8_to_halfraw(V, Format).x);
  }
  static Storage narrow(double V) {
    return __tx_fp::__to_fp8(__tx_fp::__decode_f64(V), __NV_SATFINITE, Format);
  }
};

/// NaN-propagating maximum and minimum, as CUDA's __hmax_nan family.
template <class W> W maxOf(W A, W B) {
  if (A != A || B != B)
    return A != A ? A : B;
  return B > A ? B : A;
}
template <class W> W minOf(W A, W B) {
  if (A != A || B != B)
    return A != A ? A : B;
  return B < A ? B : A;
}

template <class Traits>
typename Traits::Wide apply(Arith Op, typename Traits::Wide A,
                            typename Traits::Wide B) {
  switch (Op) {
  case Arith::Sum:
    return Traits::add(A, B);
  case Arith::Prod:
    return Traits::mul(A, B);
  case Arith::Max:
    return maxOf(A, B);
  case Arith::Min:
    return minOf(A, B);
  }
  return A;
}

/// Folds in blocks that stay in L1 while every input streams through once.
template <class Traits>
void foldTyped(void *Out, const void *const *In, int N, size_t Count,
               Arith Op) {
  using S = typename Traits::Storage;
  constexpr size_t Block = 2048;
  S Acc[Block];
  for (size_t Begin = 0; Begin < Count; Begin += Block) {
    size_t Len = std::min(Block, Count - Begin);
    std::memcpy(Acc, static_cast<const S *>(In[0]) + Begin, Len * sizeof(S));
    for (int K = 1; K < N; ++K) {
      const S *Src = static_cast<const S *>(In[K]) + Begin;
      for (size_t I = 0; I < Len; ++I)
        Acc[I] = Traits::narrow(
            apply<Traits>(Op, Traits::widen(Acc[I]), Traits::widen(Src[I])));
    }
    std::memcpy(static_cast<S *>(Out) + Begin, Acc, Len * sizeof(S));
  }
}

template <class Traits>
void multiplyTyped(void *Out, const void *In, size_t Count,
                   const void *Scalar) {
  using S = typename Traits::Storage;
  S Factor;
  std::memcpy(&Factor, Scalar, sizeof(S));
  auto W = Traits::widen(Factor);
  const S *Src = static_cast<const S *>(In);
  S *Dst = static_cast<S *>(Out);
  for (size_t I = 0; I < Count; ++I)
    Dst[I] = Traits::narrow(Traits::mul(Traits::widen(Src[I]), W));
}

template <class Traits>
void divideTyped(void *Data, size_t Count, int Divisor) {
  using S = typename Traits::Storage;
  S *P = static_cast<S *>(Data);
  for (size_t I = 0; I < Count; ++I)
    P[I] = Traits::narrow(Traits::div(Traits::widen(P[I]), Divisor));
}

/// Calls F.template operator()<Traits>() for Type's traits.
template <class Fn> void withTraits(ncclDataType_t Type, const Fn &F) {
  switch (Type) {
  case ncclInt8:
    return F.template operator()<IntTraits<int8_t>>();
  case ncclUint8:
    return F.template operator()<IntTraits<uint8_t>>();
  case ncclInt32:
    return F.template operator()<IntTraits<int32_t>>();
  case ncclUint32:
    return F.template operator()<IntTraits<uint32_t>>();
  case ncclInt64:
    return F.template operator()<IntTraits<int64_t>>();
  case ncclUint64:
    return F.template operator()<IntTraits<uint64_t>>();
  case ncclFloat16:
    return F.template operator()<HalfTraits>();
  case ncclFloat32:
    return F.template operator()<NativeFloatTraits<float>>();
  case ncclFloat64:
    return F.template operator()<NativeFloatTraits<double>>();
  case ncclBfloat16:
    return F.template operator()<Bf16Traits>();
  case ncclFloat8e4m3:
    return F.template operator()<Fp8Traits<__NV_E4M3>>();
  case ncclFloat8e5m2:
    return F.template operator()<Fp8Traits<__NV_E5M2>>();
  default:
    return;
  }
}

} // namespace

size_t typeSize(ncclDataType_t Type) {
  switch (Type) {
  case ncclInt8:
  case ncclUint8:
  case ncclFloat8e4m3:
  case ncclFloat8e5m2:
    return 1;
  case ncclFloat16:
  case ncclBfloat16:
    return 2;
  case ncclInt32:
  case ncclUint32:
  case ncclFloat32:
    return 4;
  case ncclInt64:
  case ncclUint64:
  case ncclFloat64:
    return 8;
  default:
    return 0;
  }
}

namespace {
struct Fold {
  void *Out;
  const void *const *In;
  int N;
  size_t Count;
  Arith Op;
  template <class Traits> void operator()() const {
    foldTyped<Traits>(Out, In, N, Count, Op);
  }
};
struct Multiply {
  void *Out;
  const void *In;
  size_t Count;
  const void *Scalar;
  template <class Traits> void operator()() const {
    multiplyTyped<Traits>(Out, In, Count, Scalar);
  }
};
struct Divide {
  void *Data;
  size_t Count;
  int Divisor;
  template <class Traits> void operator()() const {
    divideTyped<Traits>(Data, Count, Divisor);
  }
};
} // namespace

void foldInOrder(void *Out, const void *const *In, int N, size_t Count,
                 ncclDataType_t Type, Arith Op) {
  withTraits(Type, Fold{Out, In, N, Count, Op});
}

void multiplyBy(void *Out, const void *In, size_t Count, ncclDataType_t Type,
                const void *Scalar) {
  withTraits(Type, Multiply{Out, In, Count, Scalar});
}

namespace {
struct Encode {
  double Value;
  void *Out;
  template <class Traits> void operator()() const {
    auto V = Traits::narrow(typename Traits::Wide(Value));
    std::memcpy(Out, &V, sizeof(V));
  }
};
} // namespace

void encodeScalar(ncclDataType_t Type, double Value, void *Out) {
  withTraits(Type, Encode{Value, Out});
}

bool isFloatingPoint(ncclDataType_t Type) {
  return Type == ncclFloat16 || Type == ncclFloat32 || Type == ncclFloat64 ||
         Type == ncclBfloat16 || Type == ncclFloat8e4m3 ||
         Type == ncclFloat8e5m2;
}

void divideBy(void *Data, size_t Count, ncclDataType_t Type, int Divisor) {
  withTraits(Type, Divide{Data, Count, Divisor});
}

} // namespace nccl
} // namespace tx
