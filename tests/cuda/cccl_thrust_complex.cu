// thrust::complex (the real Thrust headers) in a kernel, float and double:
// arithmetic with mixed real operands, abs, arg, norm, conj, polar, proj,
// and the transcendental functions (exp, log, log10, sqrt, pow, sin, cos,
// tan, sinh, cosh, tanh, asin, acos, atan, asinh, acosh, atanh), checked
// against std::complex on the host within 16 units in the last place of
// the result's magnitude (asinh and asin of double differ by more than 4),
// plus a complex sum by atomics on the real and imaginary parts.
#include <thrust/complex.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <limits>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static constexpr int Functions = 24;
static constexpr int Points = 96;

/// Point I of the sample: both signs in each part, magnitudes 0.05..3.
/// Never on an axis: on the branch cuts the host's std::complex (libstdc++'s
/// generic formulas under clang) and Thrust's C99 functions legitimately
/// pick different signs of zero.
template <typename T> __host__ __device__ void pointOf(int I, T &Re, T &Im) {
  Re = T(((I * 37) % 61) - 30) / T(10);
  Im = T(((I * 53) % 59) - 29) / T(10);
  if (Re == T(0))
    Re = T(0.05);
  if (Im == T(0))
    Im = T(-0.05);
}

/// Function F of Z, in the same order on both sides.
template <typename C, typename R>
__host__ __device__ C apply(int F, C Z, C W, R X) {
  switch (F) {
  case 0:
    return Z * W + X;
  case 1:
    return (Z - X) / W;
  case 2:
    return C(abs(Z), arg(Z));
  case 3:
    return C(norm(Z), R(0)) + conj(Z);
  case 4:
    return exp(Z);
  case 5:
    return log(Z);
  case 6:
    return log10(Z);
  case 7:
    return sqrt(Z);
  case 8:
    return pow(Z, W);
  case 9:
    return pow(Z, X);
  case 10:
    return sin(Z);
  case 11:
    return cos(Z);
  case 12:
    return tan(Z);
  case 13:
    return sinh(Z);
  case 14:
    return cosh(Z);
  case 15:
    return tanh(Z);
  case 16:
    return asin(Z);
  case 17:
    return acos(Z);
  case 18:
    return atan(Z);
  case 19:
    return asinh(Z);
  case 20:
    return acosh(Z);
  case 21:
    return atanh(Z);
  case 22:
    return X / Z;
  default:
    return C(Z.real() * X, Z.imag()) - W * W;
  }
}

template <typename T>
__global__ void evaluate(thrust::complex<T> *Out, T *Sum) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= Points)
    return;
  T Re, Im, Re2, Im2;
  pointOf(I, Re, Im);
  pointOf(I + 7, Re2, Im2);
  thrust::complex<T> Z(Re, Im), W(Re2, Im2);
  T X = T(0.75) + T(I % 5) / T(4);
  for (int F = 0; F < Functions; ++F)
    Out[I * Functions + F] = apply(F, Z, W, X);
  // polar and proj, checked exactly.
  thrust::complex<T> P = thrust::polar(abs(Z), arg(Z));
  atomicAdd(&Sum[0], P.real());
  atomicAdd(&Sum[1], thrust::proj(Z).imag());
}

template <typename T> static int check(const char *Type, T Ulps) {
  thrust::complex<T> *Out;
  T *Sum;
  CHECK(cudaMalloc(&Out, Points * Functions * sizeof(*Out)));
  CHECK(cudaMalloc(&Sum, 2 * sizeof(T)));
  CHECK(cudaMemset(Sum, 0, 2 * sizeof(T)));
  evaluate<T><<<3, 32>>>(Out, Sum);
  CHECK(cudaGetLastError());
  std::vector<thrust::complex<T>> H(Points * Functions);
  T S[2];
  CHECK(cudaMemcpy(H.data(), Out, H.size() * sizeof(H[0]),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(S, Sum, sizeof(S), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(Out));
  CHECK(cudaFree(Sum));

  int Failures = 0;
  double WantRe = 0, WantIm = 0;
  for (int I = 0; I < Points; ++I) {
    T Re, Im, Re2, Im2;
    pointOf(I, Re, Im);
    pointOf(I + 7, Re2, Im2);
    std::complex<T> Z(Re, Im), W(Re2, Im2);
    T X = T(0.75) + T(I % 5) / T(4);
    WantRe += std::polar(std::abs(Z), std::arg(Z)).real();
    WantIm += Im;
    for (int F = 0; F < Functions; ++F) {
      std::complex<T> Want = apply(F, Z, W, X);
      thrust::complex<T> Got = H[I * Functions + F];
      // Relative to the result's magnitude: the parts of a complex result
      // are computed together.
      T Scale = std::max(std::abs(Want), T(1));
      T Eps = std::numeric_limits<T>::epsilon() * Ulps * Scale;
      if (!(std::abs(Got.real() - Want.real()) <= Eps &&
            std::abs(Got.imag() - Want.imag()) <= Eps) &&
          Failures++ < 10)
        printf("FAIL: %s function %d at (%g, %g): got (%.9g, %.9g) "
               "expected (%.9g, %.9g)\n",
               Type, F, (double)Re, (double)Im, (double)Got.real(),
               (double)Got.imag(), (double)Want.real(), (double)Want.imag());
    }
  }
  T Tolerance = std::numeric_limits<T>::epsilon() * Points * 8;
  if (std::abs(S[0] - WantRe) > Tolerance * (1 + std::abs(WantRe)) ||
      std::abs(S[1] - WantIm) > Tolerance * (1 + std::abs(WantIm))) {
    printf("FAIL: %s polar/proj sums (%g, %g), expected (%g, %g)\n", Type,
           (double)S[0], (double)S[1], WantRe, WantIm);
    ++Failures;
  }
  return Failures;
}

int main() {
  int Failures = check<float>("float", 16) + check<double>("double", 16);
  if (Failures) {
    printf("FAIL: %d mismatches\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
