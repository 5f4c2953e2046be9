//===- Level1.cpp - cuBLAS Level-1: vector-vector routines ----------------===//
//
// Part of Tongxin. axpy, scal, copy, swap, dot(u/c), nrm2, asum, i?amax,
// i?amin and rot in S/D/C/Z (and the mixed real/complex forms). BLIS does
// the arithmetic; long vectors are split over the device's workers and
// partial results combined. Results in host pointer mode are waited for,
// as in cuBLAS.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "Types.h"

#include <cmath>
#include <complex>
#include <vector>

using namespace tx;
using namespace tx::blas;

namespace {

/// Below this length a vector stays on one worker.
constexpr int64_t SplitLength = 1 << 16;

/// Calls Body(Begin, End) over [0, N) on the device's workers.
void forRanges(int Device, int64_t N,
               const std::function<void(int64_t, int64_t)> &Body) {
  lib::Partition Parts =
      lib::partitionForWorkers(Device, size_t(N), size_t(SplitLength));
  lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t I) {
    Body(int64_t(Parts.begin(I)), int64_t(Parts.end(I)));
  });
}

/// Same, collecting one partial result per range.
template <class R>
std::vector<R> mapRanges(int Device, int64_t N,
                         const std::function<R(int64_t, int64_t)> &Body) {
  lib::Partition Parts =
      lib::partitionForWorkers(Device, size_t(N), size_t(SplitLength));
  std::vector<R> Partial(Parts.parts());
  lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t I) {
    Partial[I] = Body(int64_t(Parts.begin(I)), int64_t(Parts.end(I)));
  });
  return Partial;
}

/// Writes a result in either pointer mode (the pointer is host or device
/// memory; both are addressable here).
template <class R> void store(R *Result, R Value) { *Result = Value; }

//===--- Vector updates ---------------------------------------------------===//

template <class T>
cublasStatus_t axpy(cublasHandle_t H, int N, const T *Alpha, const T *X,
                    int IncX, T *Y, int IncY) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Alpha);
  if (N <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X && Y);
  ScalarArg<T> A(H, Alpha);
  return run(H, [=](int Device) {
    BlisOf<T> Scale = blisValue(A.get());
    const T *X0 = vectorStart(X, N, IncX);
    T *Y0 = vectorStart(Y, N, IncY);
    forRanges(Device, N, [&](int64_t B, int64_t E) {
      Blis<BlisOf<T>>::axpyv(BLIS_NO_CONJUGATE, E - B, &Scale,
                             blis(X0 + B * IncX), IncX, blis(Y0 + B * IncY),
                             IncY, nullptr, nullptr);
    });
  });
}

/// X *= Alpha; S is T or, for Csscal/Zdscal, its real type.
template <class T, class S>
cublasStatus_t scal(cublasHandle_t H, int N, const S *Alpha, T *X, int IncX) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Alpha);
  if (N <= 0 || IncX <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X);
  ScalarArg<S> A(H, Alpha);
  return run(H, [=](int Device) {
    BlisOf<S> Scale = blisValue(A.get());
    forRanges(Device, N, [&](int64_t B, int64_t E) {
      if constexpr (std::is_same<S, T>::value) {
        Blis<BlisOf<T>>::scalv(BLIS_NO_CONJUGATE, E - B, &Scale,
                               blis(X + B * IncX), IncX, nullptr, nullptr);
      } else {
        // A real scale of a complex vector scales both parts: view the
        // vector as reals, two per element.
        auto *Parts = reinterpret_cast<BlisOf<S> *>(X + B * IncX);
        for (int64_t I = 0; I < E - B; ++I) {
          Parts[2 * I * IncX] *= Scale;
          Parts[2 * I * IncX + 1] *= Scale;
        }
      }
    });
  });
}

template <class T>
cublasStatus_t copy(cublasHandle_t H, int N, const T *X, int IncX, T *Y,
                    int IncY) {
  TX_CHECK_HANDLE(H);
  if (N <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X && Y);
  return run(H, [=](int Device) {
    const T *X0 = vectorStart(X, N, IncX);
    T *Y0 = vectorStart(Y, N, IncY);
    forRanges(Device, N, [&](int64_t B, int64_t E) {
      Blis<BlisOf<T>>::copyv(BLIS_NO_CONJUGATE, E - B, blis(X0 + B * IncX),
                             IncX, blis(Y0 + B * IncY), IncY, nullptr, nullptr);
    });
  });
}

template <class T>
cublasStatus_t swap(cublasHandle_t H, int N, T *X, int IncX, T *Y, int IncY) {
  TX_CHECK_HANDLE(H);
  if (N <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X && Y);
  return run(H, [=](int Device) {
    T *X0 = vectorStart(X, N, IncX);
    T *Y0 = vectorStart(Y, N, IncY);
    forRanges(Device, N, [&](int64_t B, int64_t E) {
      Blis<BlisOf<T>>::swapv(E - B, blis(X0 + B * IncX), IncX,
                             blis(Y0 + B * IncY), IncY, nullptr, nullptr);
    });
  });
}

/// Plane rotation: x' = c x + s y, y' = c y - conj(s) x. C is real; S is
/// real or complex.
template <class T, class S>
cublasStatus_t rot(cublasHandle_t H, int N, T *X, int IncX, T *Y, int IncY,
                   const RealOf<T> *C, const S *Sine) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(C && Sine);
  if (N <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X && Y);
  ScalarArg<RealOf<T>> CArg(H, C);
  ScalarArg<S> SArg(H, Sine);
  return run(H, [=](int Device) {
    std::complex<double> Cs = double(CArg.get());
    S SVal = SArg.get();
    std::complex<double> Sn;
    if constexpr (std::is_floating_point<S>::value)
      Sn = double(SVal);
    else
      Sn = std::complex<double>(SVal.x, SVal.y);
    T *X0 = vectorStart(X, N, IncX);
    T *Y0 = vectorStart(Y, N, IncY);
    forRanges(Device, N, [&](int64_t B, int64_t E) {
      for (int64_t I = B; I < E; ++I) {
        T &XI = X0[I * IncX], &YI = Y0[I * IncY];
        if constexpr (std::is_floating_point<T>::value) {
          T XV = XI, YV = YI;
          XI = T(Cs.real() * XV + Sn.real() * YV);
          YI = T(Cs.real() * YV - Sn.real() * XV);
        } else {
          using R = decltype(XI.x);
          std::complex<double> XV(XI.x, XI.y), YV(YI.x, YI.y);
          std::complex<double> NX = Cs * XV + Sn * YV;
          std::complex<double> NY = Cs * YV - std::conj(Sn) * XV;
          XI.x = R(NX.real());
          XI.y = R(NX.imag());
          YI.x = R(NY.real());
          YI.y = R(NY.imag());
        }
      }
    });
  });
}

//===--- Reductions -------------------------------------------------------===//

template <class T>
cublasStatus_t dot(cublasHandle_t H, int N, const T *X, int IncX, const T *Y,
                   int IncY, T *Result, bool Conjugate) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  return runWithResult(H, [=](int Device) {
    BlisOf<T> Sum{};
    if (N > 0) {
      const T *X0 = vectorStart(X, N, IncX);
      const T *Y0 = vectorStart(Y, N, IncY);
      auto Parts = mapRanges<BlisOf<T>>(Device, N, [&](int64_t B, int64_t E) {
        BlisOf<T> Part;
        Blis<BlisOf<T>>::dotv(Conjugate ? BLIS_CONJUGATE : BLIS_NO_CONJUGATE,
                              BLIS_NO_CONJUGATE, E - B, blis(X0 + B * IncX),
                              IncX, blis(Y0 + B * IncY), IncY, &Part, nullptr,
                              nullptr);
        return Part;
      });
      for (const auto &P : Parts) {
        if constexpr (gemm::isComplex<BlisOf<T>>()) {
          Sum.real += P.real;
          Sum.imag += P.imag;
        } else {
          Sum += P;
        }
      }
    }
    store(Result, *reinterpret_cast<T *>(&Sum));
  });
}

template <class T>
cublasStatus_t nrm2(cublasHandle_t H, int N, const T *X, int IncX,
                    RealOf<T> *Result) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  return runWithResult(H, [=](int Device) {
    using R = RealOf<T>;
    if (N <= 0 || IncX <= 0)
      return store(Result, R(0));
    auto Parts = mapRanges<R>(Device, N, [&](int64_t B, int64_t E) {
      R Norm;
      Blis<BlisOf<T>>::normfv(E - B, blis(X + B * IncX), IncX, &Norm, nullptr,
                              nullptr);
      return Norm;
    });
    // sqrt(sum of squares) of the partial norms, scaled by the largest so
    // that squaring cannot overflow.
    R Largest = 0;
    for (R P : Parts)
      Largest = std::max(Largest, P);
    if (Largest == 0 || !std::isfinite(Largest))
      return store(Result, Largest);
    R SumSquares = 0;
    for (R P : Parts)
      SumSquares += (P / Largest) * (P / Largest);
    store(Result, Largest * std::sqrt(SumSquares));
  });
}

template <class T>
cublasStatus_t asum(cublasHandle_t H, int N, const T *X, int IncX,
                    RealOf<T> *Result) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  return runWithResult(H, [=](int Device) {
    using R = RealOf<T>;
    if (N <= 0 || IncX <= 0)
      return store(Result, R(0));
    auto Parts = mapRanges<R>(Device, N, [&](int64_t B, int64_t E) {
      R Sum;
      Blis<BlisOf<T>>::asumv(E - B, blis(X + B * IncX), IncX, &Sum, nullptr,
                             nullptr);
      return Sum;
    });
    R Sum = 0;
    for (R P : Parts)
      Sum += P;
    store(Result, Sum);
  });
}

/// 1-based index of the first element of largest (Largest) or smallest
/// |Re| + |Im|; 0 for an empty vector.
template <class T>
cublasStatus_t extremeIndex(cublasHandle_t H, int N, const T *X, int IncX,
                            int *Result, bool Largest) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  return runWithResult(H, [=](int Device) {
    if (N <= 0 || IncX <= 0)
      return store(Result, 0);
    using R = RealOf<T>;
    struct Best {
      int64_t Index;
      R Value;
    };
    auto Better = [Largest](R A, R B) { return Largest ? A > B : A < B; };
    auto Parts = mapRanges<Best>(Device, N, [&](int64_t B, int64_t E) {
      Best Found{B, magnitude1(X[B * IncX])};
      for (int64_t I = B + 1; I < E; ++I) {
        R V = magnitude1(X[I * IncX]);
        if (Better(V, Found.Value))
          Found = {I, V};
      }
      return Found;
    });
    Best Found = Parts.front();
    for (const Best &P : Parts)
      if (Better(P.Value, Found.Value))
        Found = P;
    store(Result, int(Found.Index + 1));
  });
}

} // namespace

//===--- Entry points -----------------------------------------------------===//

#define TX_LEVEL1_TYPED(Ch, Lower, T)                                          \
  cublasStatus_t cublas##Ch##axpy_v2(cublasHandle_t H, int N, const T *Alpha,  \
                                     const T *X, int IncX, T *Y, int IncY) {   \
    TX_BLAS_FORWARD(cublas##Ch##axpy_v2, H, N, Alpha, X, IncX, Y, IncY);       \
    return axpy(H, N, Alpha, X, IncX, Y, IncY);                                \
  }                                                                            \
  cublasStatus_t cublas##Ch##scal_v2(cublasHandle_t H, int N, const T *Alpha,  \
                                     T *X, int IncX) {                         \
    TX_BLAS_FORWARD(cublas##Ch##scal_v2, H, N, Alpha, X, IncX);                \
    return scal(H, N, Alpha, X, IncX);                                         \
  }                                                                            \
  cublasStatus_t cublas##Ch##copy_v2(cublasHandle_t H, int N, const T *X,      \
                                     int IncX, T *Y, int IncY) {               \
    TX_BLAS_FORWARD(cublas##Ch##copy_v2, H, N, X, IncX, Y, IncY);              \
    return copy(H, N, X, IncX, Y, IncY);                                       \
  }                                                                            \
  cublasStatus_t cublas##Ch##swap_v2(cublasHandle_t H, int N, T *X, int IncX,  \
                                     T *Y, int IncY) {                         \
    TX_BLAS_FORWARD(cublas##Ch##swap_v2, H, N, X, IncX, Y, IncY);              \
    return swap(H, N, X, IncX, Y, IncY);                                       \
  }                                                                            \
  cublasStatus_t cublasI##Lower##amax_v2(cublasHandle_t H, int N, const T *X,  \
                                         int IncX, int *Result) {              \
    TX_BLAS_FORWARD(cublasI##Lower##amax_v2, H, N, X, IncX, Result);           \
    return extremeIndex(H, N, X, IncX, Result, true);                          \
  }                                                                            \
  cublasStatus_t cublasI##Lower##amin_v2(cublasHandle_t H, int N, const T *X,  \
                                         int IncX, int *Result) {              \
    TX_BLAS_FORWARD(cublasI##Lower##amin_v2, H, N, X, IncX, Result);           \
    return extremeIndex(H, N, X, IncX, Result, false);                         \
  }

TX_LEVEL1_TYPED(S, s, float)
TX_LEVEL1_TYPED(D, d, double)
TX_LEVEL1_TYPED(C, c, cuComplex)
TX_LEVEL1_TYPED(Z, z, cuDoubleComplex)
#undef TX_LEVEL1_TYPED

#define TX_NORMS(Name, T)                                                      \
  cublasStatus_t cublas##Name##nrm2_v2(cublasHandle_t H, int N, const T *X,    \
                                       int IncX, RealOf<T> *Result) {          \
    TX_BLAS_FORWARD(cublas##Name##nrm2_v2, H, N, X, IncX, Result);             \
    return nrm2(H, N, X, IncX, Result);                                        \
  }                                                                            \
  cublasStatus_t cublas##Name##asum_v2(cublasHandle_t H, int N, const T *X,    \
                                       int IncX, RealOf<T> *Result) {          \
    TX_BLAS_FORWARD(cublas##Name##asum_v2, H, N, X, IncX, Result);             \
    return asum(H, N, X, IncX, Result);                                        \
  }
TX_NORMS(S, float)
TX_NORMS(D, double)
TX_NORMS(Sc, cuComplex)
TX_NORMS(Dz, cuDoubleComplex)
#undef TX_NORMS

cublasStatus_t cublasSdot_v2(cublasHandle_t H, int N, const float *X, int IncX,
                             const float *Y, int IncY, float *Result) {

  TX_BLAS_FORWARD(cublasSdot_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, false);
}
cublasStatus_t cublasDdot_v2(cublasHandle_t H, int N, const double *X, int IncX,
                             const double *Y, int IncY, double *Result) {
  TX_BLAS_FORWARD(cublasDdot_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, false);
}
cublasStatus_t cublasCdotu_v2(cublasHandle_t H, int N, const cuComplex *X,
                              int IncX, const cuComplex *Y, int IncY,
                              cuComplex *Result) {
  TX_BLAS_FORWARD(cublasCdotu_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, false);
}
cublasStatus_t cublasCdotc_v2(cublasHandle_t H, int N, const cuComplex *X,
                              int IncX, const cuComplex *Y, int IncY,
                              cuComplex *Result) {
  TX_BLAS_FORWARD(cublasCdotc_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, true);
}
cublasStatus_t cublasZdotu_v2(cublasHandle_t H, int N, const cuDoubleComplex *X,
                              int IncX, const cuDoubleComplex *Y, int IncY,
                              cuDoubleComplex *Result) {
  TX_BLAS_FORWARD(cublasZdotu_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, false);
}
cublasStatus_t cublasZdotc_v2(cublasHandle_t H, int N, const cuDoubleComplex *X,
                              int IncX, const cuDoubleComplex *Y, int IncY,
                              cuDoubleComplex *Result) {
  TX_BLAS_FORWARD(cublasZdotc_v2, H, N, X, IncX, Y, IncY, Result);
  return dot(H, N, X, IncX, Y, IncY, Result, true);
}

cublasStatus_t cublasCsscal_v2(cublasHandle_t H, int N, const float *Alpha,
                               cuComplex *X, int IncX) {

  TX_BLAS_FORWARD(cublasCsscal_v2, H, N, Alpha, X, IncX);
  return scal(H, N, Alpha, X, IncX);
}
cublasStatus_t cublasZdscal_v2(cublasHandle_t H, int N, const double *Alpha,
                               cuDoubleComplex *X, int IncX) {
  TX_BLAS_FORWARD(cublasZdscal_v2, H, N, Alpha, X, IncX);
  return scal(H, N, Alpha, X, IncX);
}

#define TX_ROT(Name, T, S)                                                     \
  cublasStatus_t cublas##Name##rot_v2(cublasHandle_t H, int N, T *X, int IncX, \
                                      T *Y, int IncY, const RealOf<T> *C,      \
                                      const S *Sine) {                         \
    TX_BLAS_FORWARD(cublas##Name##rot_v2, H, N, X, IncX, Y, IncY, C, Sine);    \
    return rot(H, N, X, IncX, Y, IncY, C, Sine);                               \
  }
TX_ROT(S, float, float)
TX_ROT(D, double, double)
TX_ROT(C, cuComplex, cuComplex)
TX_ROT(Cs, cuComplex, float)
TX_ROT(Z, cuDoubleComplex, cuDoubleComplex)
TX_ROT(Zd, cuDoubleComplex, double)
#undef TX_ROT
