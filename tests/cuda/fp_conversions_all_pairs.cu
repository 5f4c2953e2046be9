// Every conversion between CUDA's reduced-precision types (__half,
// __nv_bfloat16, __nv_fp8_e4m3/e5m2, their x2 forms and raw structs) and the
// built-in arithmetic types behaves as with NVIDIA's headers:
//  - which pairs static_cast (is_constructible) and convert implicitly
//    (is_convertible) accept, in host code and in device code alike;
//  - the value of every accepted scalar conversion, over every __half,
//    bfloat16 and fp8 bit pattern and a table of float, double and integer
//    edge cases, on the host and on the device.
// The program prints one line per pair; the .expected file beside it was
// produced by building this same program with nvcc 13.0 against NVIDIA's
// headers and running its host part (TX_HOST_ONLY), so the comparison is
// with NVIDIA's own conversion code, not with a model of it.
// ptxas-flags: -O1
// (ptxas -O3 takes about two minutes on this program's 800 KB of PTX,
// -O1 under four seconds; the check is that it assembles.)
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <type_traits>

#define CHECK(c)                                                               \
  do {                                                                         \
    if (!(c)) {                                                                \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                      \
      return 1;                                                                \
    }                                                                          \
  } while (0)

template <class... T> struct TypeList {};
// The traits matrix covers all of these; values, the scalar ones.
using AllTypes =
    TypeList<__half, __nv_bfloat16, __nv_fp8_e4m3, __nv_fp8_e5m2, __half2,
             __nv_bfloat162, __nv_fp8x2_e4m3, __nv_fp8x2_e5m2, __half_raw,
             __nv_bfloat16_raw, __half2_raw, __nv_bfloat162_raw, bool, char,
             signed char, unsigned char, short, unsigned short, int,
             unsigned int, long, unsigned long, long long, unsigned long long,
             float, double>;
using ScalarTypes =
    TypeList<__half, __nv_bfloat16, __nv_fp8_e4m3, __nv_fp8_e5m2, bool, char,
             signed char, unsigned char, short, unsigned short, int,
             unsigned int, long, unsigned long, long long, unsigned long long,
             float, double>;
constexpr int NumAll = 26, NumScalar = 18;

template <class T> const char *typeName();
#define NAME(T)                                                                \
  template <> const char *typeName<T>() { return #T; }
NAME(__half)
NAME(__nv_bfloat16) NAME(__nv_fp8_e4m3) NAME(__nv_fp8_e5m2) NAME(__half2)
    NAME(__nv_bfloat162) NAME(__nv_fp8x2_e4m3) NAME(__nv_fp8x2_e5m2)
        NAME(__half_raw) NAME(__nv_bfloat16_raw) NAME(__half2_raw)
            NAME(__nv_bfloat162_raw) NAME(bool) NAME(char) NAME(signed char)
                NAME(unsigned char) NAME(short) NAME(unsigned short) NAME(int)
                    NAME(unsigned int) NAME(long) NAME(unsigned long)
                        NAME(long long) NAME(unsigned long long) NAME(float)
                            NAME(double)
#undef NAME

    //===--- The traits matrix
    //------------------------------------------------===//

    // Bit 0: static_cast<To>(From) is valid; bit 1: From converts implicitly.
    template <class From, class To>
    __host__ __device__ constexpr int traits() {
  return (std::is_constructible<To, From>::value ? 1 : 0) |
         (std::is_convertible<From, To>::value ? 2 : 0);
}
template <class From, class... To>
__host__ __device__ void traitsRow(int *Out, TypeList<To...>) {
  int Values[] = {traits<From, To>()...};
  for (int I = 0; I < (int)sizeof...(To); ++I)
    Out[I] = Values[I];
}
template <class... From>
__host__ __device__ void traitsMatrix(int *Out, TypeList<From...>) {
  int Row = 0;
  int Dummy[] = {(traitsRow<From>(Out + NumAll * Row++, AllTypes()), 0)...};
  (void)Dummy;
}
// Computed by the device pass of the compiler: its answers must equal the
// host pass's.
__global__ void deviceTraits(int *Out) { traitsMatrix(Out, AllTypes()); }

//===--- Sample values of each source type --------------------------------===//

__host__ __device__ inline uint64_t fnv(uint64_t H, const void *P, int N) {
  const unsigned char *B = (const unsigned char *)P;
  for (int I = 0; I < N; ++I)
    H = (H ^ B[I]) * 1099511628211ull;
  return H;
}

// The I-th sample of T and how many there are: every bit pattern of the
// 16- and 8-bit float types, edge cases for the others.
template <class T> struct Samples;
template <class T, class Bits> struct AllPatterns {
  static constexpr int Count = 1 << (8 * sizeof(Bits));
  __host__ __device__ static T get(int I) {
    Bits B = (Bits)I;
    T V;
    memcpy(&V, &B, sizeof(V));
    return V;
  }
};
template <> struct Samples<__half> : AllPatterns<__half, uint16_t> {};
template <>
struct Samples<__nv_bfloat16> : AllPatterns<__nv_bfloat16, uint16_t> {};
template <>
struct Samples<__nv_fp8_e4m3> : AllPatterns<__nv_fp8_e4m3, uint8_t> {};
template <>
struct Samples<__nv_fp8_e5m2> : AllPatterns<__nv_fp8_e5m2, uint8_t> {};

// Doubles that probe rounding and range of every target type.
__host__ __device__ inline double edgeValue(int I) {
  const double Table[] = {0.0,
                          -0.0,
                          0.25,
                          0.5,
                          0.75,
                          1.0,
                          1.5,
                          2.5,
                          -2.5,
                          -0.5,
                          3.5,
                          127.5,
                          128.0,
                          255.5,
                          256.0,
                          -128.5,
                          -129.0,
                          448.0,
                          464.0,
                          480.0,
                          65504.0,
                          65519.99,
                          65520.0,
                          57344.0,
                          61439.0,
                          61440.0,
                          32767.5,
                          32768.0,
                          -32768.5,
                          65535.5,
                          65536.0,
                          2147483647.0,
                          2147483648.0,
                          -2147483649.0,
                          4294967295.0,
                          4294967296.0,
                          9.2233720368547758e18,
                          1.8446744073709552e19,
                          -9.3e18,
                          3.0e38,
                          3.5e38,
                          1e-8,
                          1e-40,
                          -1e-45,
                          5.96e-8,
                          2.98e-8,
                          6.1e-5,
                          1.0 / 3.0,
                          -7.0 / 3.0,
                          1e300,
                          -1e300,
                          1e-310};
  const int N = sizeof(Table) / sizeof(Table[0]);
  if (I < N)
    return Table[I];
  if (I == N)
    return __builtin_inf();
  if (I == N + 1)
    return -__builtin_inf();
  if (I == N + 2)
    return __builtin_nan("");
  // Powers of two and their neighbours, both signs.
  int K = I - N - 3;
  double P = __builtin_ldexp(1.0, K / 6 - 20);
  const double Offsets[] = {0.0, 1.0, -1.0};
  double V = P + Offsets[(K / 2) % 3] * (P > 4 ? 1.0 : P / 1024);
  return (K & 1) ? -V : V;
}
constexpr int NumEdges = 55 + 6 * 100;

template <class T> struct EdgeSamples {
  static constexpr int Count = NumEdges + 2;
  __host__ __device__ static T get(int I) {
    if constexpr (std::is_floating_point<T>::value) {
      return I < NumEdges ? (T)edgeValue(I) : (T)(I - NumEdges);
    } else {
      // Integers: the edge value clamped into range (NaN -> 0), then the
      // type's extremes.
      constexpr int Bits = 8 * sizeof(T) - (std::is_signed<T>::value ? 1 : 0);
      constexpr T Max = (T)(((unsigned long long)1 << (Bits - 1)) * 2 - 1);
      constexpr T Min = std::is_signed<T>::value ? (T)(-Max - 1) : (T)0;
      if (I == NumEdges)
        return Max;
      if (I == NumEdges + 1)
        return Min;
      double D = edgeValue(I);
      if (!(D == D))
        return (T)0;
      if (D <= (double)Min)
        return Min;
      if (D >= (double)Max)
        return Max;
      return (T)D;
    }
  }
};
template <> struct Samples<float> : EdgeSamples<float> {};
template <> struct Samples<double> : EdgeSamples<double> {};
template <> struct Samples<char> : EdgeSamples<char> {};
template <> struct Samples<signed char> : EdgeSamples<signed char> {};
template <> struct Samples<unsigned char> : EdgeSamples<unsigned char> {};
template <> struct Samples<short> : EdgeSamples<short> {};
template <> struct Samples<unsigned short> : EdgeSamples<unsigned short> {};
template <> struct Samples<int> : EdgeSamples<int> {};
template <> struct Samples<unsigned int> : EdgeSamples<unsigned int> {};
template <> struct Samples<long> : EdgeSamples<long> {};
template <> struct Samples<unsigned long> : EdgeSamples<unsigned long> {};
template <> struct Samples<long long> : EdgeSamples<long long> {};
template <>
struct Samples<unsigned long long> : EdgeSamples<unsigned long long> {};
template <> struct Samples<bool> {
  static constexpr int Count = 2;
  __host__ __device__ static bool get(int I) { return I != 0; }
};

//===--- Values of every accepted conversion ------------------------------===//

// A digest of static_cast<To>(v) (and of the implicit conversion, when that
// is allowed) over all samples v of From; 0 when the pair is not allowed or
// not the headers' business.
// NaN results are hashed as the class "NaN": CUDA leaves payloads alone.
template <class T> __host__ __device__ uint64_t hashValue(uint64_t H, T V) {
  if constexpr (std::is_floating_point<T>::value) {
    if (!(V == V)) {
      const char Nan = 'N';
      return fnv(H, &Nan, 1);
    }
  }
  return fnv(H, &V, sizeof(V));
}
template <class From, class To>
__host__ __device__ uint64_t conversionDigest(bool Implicit) {
  // Conversions between built-in types are the compiler's, not the
  // headers' (and out-of-range float -> integer ones are undefined).
  // Plain char is signed on x86-64 and unsigned on AArch64 and RISC-V, so
  // its rows differ by target; its traits are still checked above.
  if constexpr (!std::is_constructible<To, From>::value ||
                (std::is_arithmetic<From>::value &&
                 std::is_arithmetic<To>::value) ||
                std::is_same<From, char>::value ||
                std::is_same<To, char>::value) {
    return 0;
  } else {
    uint64_t H = 14695981039346656037ull;
    for (int I = 0; I < Samples<From>::Count; ++I) {
      From V = Samples<From>::get(I);
      if constexpr (std::is_convertible<From, To>::value) {
        if (Implicit) {
          To R = V;
          H = hashValue(H, R);
          continue;
        }
      }
      H = hashValue(H, static_cast<To>(V));
    }
    return H;
  }
}
template <class From, class... To>
__host__ __device__ void digestRow(uint64_t *Out, TypeList<To...>) {
  uint64_t Values[] = {conversionDigest<From, To>(false)...,
                       conversionDigest<From, To>(true)...};
  for (int I = 0; I < 2 * (int)sizeof...(To); ++I)
    Out[I] = Values[I];
}
template <class... From>
__host__ __device__ void digestMatrix(uint64_t *Out, TypeList<From...>) {
  int Row = 0;
  int Dummy[] = {
      (digestRow<From>(Out + 2 * NumScalar * Row++, ScalarTypes()), 0)...};
  (void)Dummy;
}
__global__ void deviceDigests(uint64_t *Out) {
  if (threadIdx.x == 0)
    digestMatrix(Out, ScalarTypes());
}

//===--- Report
//-------------------------------------------------------------===//

template <class... T> void names(const char **Out, TypeList<T...>) {
  const char *N[] = {typeName<T>()...};
  for (int I = 0; I < (int)sizeof...(T); ++I)
    Out[I] = N[I];
}

int main() {
  const char *All[NumAll], *Scalar[NumScalar];
  names(All, AllTypes());
  names(Scalar, ScalarTypes());

  static int HostTraits[NumAll * NumAll];
  traitsMatrix(HostTraits, AllTypes());
  static uint64_t HostDigests[NumScalar * NumScalar * 2];
  digestMatrix(HostDigests, ScalarTypes());

#ifndef TX_HOST_ONLY
  int *DevTraits;
  uint64_t *DevDigests;
  CHECK(cudaMallocManaged(&DevTraits, sizeof(HostTraits)) == cudaSuccess);
  CHECK(cudaMallocManaged(&DevDigests, sizeof(HostDigests)) == cudaSuccess);
  deviceTraits<<<1, 1>>>(DevTraits);
  deviceDigests<<<1, 1>>>(DevDigests);
  CHECK(cudaDeviceSynchronize() == cudaSuccess);
  for (int I = 0; I < NumAll * NumAll; ++I)
    if (DevTraits[I] != HostTraits[I]) {
      printf("FAIL: %s -> %s: device traits %d, host %d\n", All[I / NumAll],
             All[I % NumAll], DevTraits[I], HostTraits[I]);
      return 1;
    }
  for (int I = 0; I < NumScalar * NumScalar * 2; ++I)
    if (DevDigests[I] != HostDigests[I]) {
      int Row = I / (2 * NumScalar), Col = I % NumScalar;
      printf("FAIL: %s -> %s (%s): device values differ from host\n",
             Scalar[Row], Scalar[Col],
             I % (2 * NumScalar) < NumScalar ? "static_cast" : "implicit");
      return 1;
    }
  cudaFree(DevTraits);
  cudaFree(DevDigests);
#endif

  for (int F = 0; F < NumAll; ++F)
    for (int T = 0; T < NumAll; ++T)
      printf("%s -> %s: static_cast %s, implicit %s\n", All[F], All[T],
             HostTraits[F * NumAll + T] & 1 ? "yes" : "no",
             HostTraits[F * NumAll + T] & 2 ? "yes" : "no");
  for (int F = 0; F < NumScalar; ++F)
    for (int T = 0; T < NumScalar; ++T) {
      const uint64_t *Row = HostDigests + 2 * NumScalar * F;
      if (Row[T])
        printf("%s -> %s values: %016llx %016llx\n", Scalar[F], Scalar[T],
               (unsigned long long)Row[T],
               (unsigned long long)Row[NumScalar + T]);
    }
  printf("PASS\n");
  return 0;
}
