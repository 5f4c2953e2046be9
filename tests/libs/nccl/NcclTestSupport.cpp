//===- NcclTestSupport.cpp - Ranks in one process, and references --------===//
//
// Part of Tongxin. See NcclTestSupport.h.
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <type_traits>

namespace nccltest {

namespace {

/// How a storage type T converts to and from double, and its test values.
template <class T> struct Values {
  static double toDouble(T V) { return double(V); }
  static T fromDouble(double V) { return T(V); }
  static T make(std::mt19937 &Rng) {
    if (std::is_floating_point<T>::value)
      return T(int(Rng() % 65) - 32) / T(8) + T(double(Rng() % 1000) / 7919.0);
    if (std::is_signed<T>::value)
      return T(int(Rng() % 17) - 8);
    return T(Rng() % 9);
  }
};

template <> struct Values<__half> {
  static double toDouble(__half V) { return double(__half2float(V)); }
  static __half fromDouble(double V) { return __double2half(V); }
  static __half make(std::mt19937 &Rng) {
    return __float2half(float(int(Rng() % 257) - 128) / 37.0f);
  }
};

template <> struct Values<__nv_bfloat16> {
  static double toDouble(__nv_bfloat16 V) {
    return double(__bfloat162float(V));
  }
  static __nv_bfloat16 fromDouble(double V) { return __double2bfloat16(V); }
  static __nv_bfloat16 make(std::mt19937 &Rng) {
    return __float2bfloat16(float(int(Rng() % 257) - 128) / 37.0f);
  }
};

template <class F8> struct Fp8Values {
  static double toDouble(F8 V) { return double(V); }
  static F8 fromDouble(double V) { return F8(V); }
  static F8 make(std::mt19937 &Rng) {
    return F8(float(int(Rng() % 33) - 16) / 5.0f);
  }
};
template <> struct Values<__nv_fp8_e4m3> : Fp8Values<__nv_fp8_e4m3> {};
template <> struct Values<__nv_fp8_e5m2> : Fp8Values<__nv_fp8_e5m2> {};

template <class T> constexpr bool isIntegral() {
  return std::is_integral<T>::value;
}

/// One reduction step on T, wrapping for integers and rounding once for
/// floating-point types.
template <class T> T step(T A, T B, ncclRedOp_t Op) {
  if constexpr (isIntegral<T>()) {
    using U = typename std::make_unsigned<T>::type;
    switch (Op) {
    case ncclProd:
      return T(U(A) * U(B));
    case ncclMax:
      return A > B ? A : B;
    case ncclMin:
      return A < B ? A : B;
    default:
      return T(U(A) + U(B));
    }
  } else {
    double X = Values<T>::toDouble(A), Y = Values<T>::toDouble(B);
    switch (Op) {
    case ncclProd:
      return Values<T>::fromDouble(X * Y);
    case ncclMax:
      return Y > X ? B : A;
    case ncclMin:
      return Y < X ? B : A;
    default:
      return Values<T>::fromDouble(X + Y);
    }
  }
}

template <class T> TypeCase makeCase(ncclDataType_t Type, const char *Name) {
  TypeCase C;
  C.Type = Type;
  C.Name = Name;
  C.Size = sizeof(T);
  C.IsFloatingPoint = !isIntegral<T>();
  C.Encode = [](void *Out, double Value) {
    T V;
    if constexpr (isIntegral<T>())
      V = T(Value);
    else
      V = Values<T>::fromDouble(Value);
    std::memcpy(Out, &V, sizeof(T));
  };
  C.Fill = [](void *Data, size_t Count, int Rank, unsigned Seed) {
    std::mt19937 Rng(Seed * 7919u + unsigned(Rank) * 104729u + 17u);
    T *P = static_cast<T *>(Data);
    for (size_t I = 0; I < Count; ++I)
      P[I] = Values<T>::make(Rng);
  };
  C.Fold = [](void *Acc, const void *X, size_t Count, ncclRedOp_t Op) {
    T *A = static_cast<T *>(Acc);
    const T *B = static_cast<const T *>(X);
    for (size_t I = 0; I < Count; ++I)
      A[I] = step(A[I], B[I], Op);
  };
  C.Divide = [](void *Data, size_t Count, int N) {
    T *P = static_cast<T *>(Data);
    for (size_t I = 0; I < Count; ++I) {
      if constexpr (isIntegral<T>())
        P[I] = T(P[I] / T(N));
      else
        P[I] = Values<T>::fromDouble(Values<T>::toDouble(P[I]) / N);
    }
  };
  C.Scale = [](void *Out, const void *In, size_t Count, const void *Scalar) {
    T S;
    std::memcpy(&S, Scalar, sizeof(T));
    const T *Src = static_cast<const T *>(In);
    T *Dst = static_cast<T *>(Out);
    for (size_t I = 0; I < Count; ++I) {
      if constexpr (isIntegral<T>())
        Dst[I] = step(Src[I], S, ncclProd);
      else
        Dst[I] = Values<T>::fromDouble(Values<T>::toDouble(Src[I]) *
                                       Values<T>::toDouble(S));
    }
  };
  return C;
}

} // namespace

const std::vector<TypeCase> &allTypes() {
  static const std::vector<TypeCase> Types = {
      makeCase<int8_t>(ncclInt8, "int8"),
      makeCase<uint8_t>(ncclUint8, "uint8"),
      makeCase<int32_t>(ncclInt32, "int32"),
      makeCase<uint32_t>(ncclUint32, "uint32"),
      makeCase<int64_t>(ncclInt64, "int64"),
      makeCase<uint64_t>(ncclUint64, "uint64"),
      makeCase<__half>(ncclFloat16, "half"),
      makeCase<float>(ncclFloat32, "float"),
      makeCase<double>(ncclFloat64, "double"),
      makeCase<__nv_bfloat16>(ncclBfloat16, "bfloat16"),
      makeCase<__nv_fp8_e4m3>(ncclFloat8e4m3, "fp8e4m3"),
      makeCase<__nv_fp8_e5m2>(ncclFloat8e5m2, "fp8e5m2")};
  return Types;
}

const TypeCase &typeCase(ncclDataType_t Type) {
  for (const TypeCase &C : allTypes())
    if (C.Type == Type)
      return C;
  return allTypes()[0];
}

std::vector<char> referenceReduce(const TypeCase &T,
                                  const std::vector<std::vector<char>> &Inputs,
                                  size_t Count, ncclRedOp_t Op) {
  int N = int(Inputs.size());
  if (Op == ncclAvg && T.IsFloatingPoint) {
    unsigned char Inverse[8];
    T.Encode(Inverse, 1.0 / N);
    std::vector<std::vector<char>> Scaled;
    for (const std::vector<char> &In : Inputs) {
      Scaled.emplace_back(In.size());
      T.Scale(Scaled.back().data(), In.data(), Count, Inverse);
    }
    return referenceReduce(T, Scaled, Count, ncclSum);
  }
  std::vector<char> Acc = Inputs[0];
  ncclRedOp_t Step = Op == ncclAvg ? ncclSum : Op;
  for (size_t R = 1; R < Inputs.size(); ++R)
    T.Fold(Acc.data(), Inputs[R].data(), Count, Step);
  if (Op == ncclAvg)
    T.Divide(Acc.data(), Count, N);
  return Acc;
}

std::vector<char> inputOf(const TypeCase &T, size_t Count, int Rank,
                          unsigned Seed) {
  std::vector<char> Data(Count * T.Size);
  T.Fill(Data.data(), Count, Rank, Seed);
  return Data;
}

} // namespace nccltest
