//===- gemm/Blis.h - BLIS's typed API by element type -------------*- C++
//-*-===//
//
// Part of Tongxin. Blis<T>::gemm and friends name BLIS's typed functions
// (bli_sgemm_ex, bli_dgemm_ex, bli_cgemm_ex, bli_zgemm_ex, ...) for T =
// float, double, scomplex, dcomplex, so that each cuBLAS routine is one
// template over its four types. Every call passes serialRuntime(): the
// device's workers split the work, and BLIS runs single-threaded inside
// each of them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_GEMM_BLIS_H
#define TONGXIN_LIBS_BLAS_GEMM_BLIS_H

#include <blis.h>

#include <type_traits>

namespace tx {
namespace gemm {

/// A BLIS runtime that runs one call on the calling thread.
inline rntm_t *serialRuntime() {
  static thread_local rntm_t Runtime = [] {
    rntm_t R;
    bli_rntm_init(&R);
    bli_rntm_set_num_threads(1, &R);
    return R;
  }();
  return &Runtime;
}

template <class T> struct Blis;

/// The real type of T (float for scomplex, ...).
template <class T> struct RealOf { using type = T; };
template <> struct RealOf<scomplex> { using type = float; };
template <> struct RealOf<dcomplex> { using type = double; };
template <class T> using Real = typename RealOf<T>::type;

template <class T> constexpr bool isComplex() {
  return !std::is_same<T, Real<T>>::value;
}

#define TX_BLIS_TYPED(Type, Ch)                                                \
  template <> struct Blis<Type> {                                              \
    static constexpr auto gemm = bli_##Ch##gemm_ex;                            \
    static constexpr auto symm = bli_##Ch##symm_ex;                            \
    static constexpr auto hemm = bli_##Ch##hemm_ex;                            \
    static constexpr auto syrk = bli_##Ch##syrk_ex;                            \
    static constexpr auto syr2k = bli_##Ch##syr2k_ex;                          \
    static constexpr auto herk = bli_##Ch##herk_ex;                            \
    static constexpr auto her2k = bli_##Ch##her2k_ex;                          \
    static constexpr auto trmm3 = bli_##Ch##trmm3_ex;                          \
    static constexpr auto trsm = bli_##Ch##trsm_ex;                            \
    static constexpr auto gemv = bli_##Ch##gemv_ex;                            \
    static constexpr auto ger = bli_##Ch##ger_ex;                              \
    static constexpr auto symv = bli_##Ch##symv_ex;                            \
    static constexpr auto hemv = bli_##Ch##hemv_ex;                            \
    static constexpr auto syr = bli_##Ch##syr_ex;                              \
    static constexpr auto her = bli_##Ch##her_ex;                              \
    static constexpr auto syr2 = bli_##Ch##syr2_ex;                            \
    static constexpr auto her2 = bli_##Ch##her2_ex;                            \
    static constexpr auto trmv = bli_##Ch##trmv_ex;                            \
    static constexpr auto trsv = bli_##Ch##trsv_ex;                            \
    static constexpr auto axpyv = bli_##Ch##axpyv_ex;                          \
    static constexpr auto scalv = bli_##Ch##scalv_ex;                          \
    static constexpr auto copyv = bli_##Ch##copyv_ex;                          \
    static constexpr auto swapv = bli_##Ch##swapv_ex;                          \
    static constexpr auto dotv = bli_##Ch##dotv_ex;                            \
    static constexpr auto asumv = bli_##Ch##asumv_ex;                          \
    static constexpr auto normfv = bli_##Ch##normfv_ex;                        \
    static constexpr auto amaxv = bli_##Ch##amaxv_ex;                          \
  };

TX_BLIS_TYPED(float, s)
TX_BLIS_TYPED(double, d)
TX_BLIS_TYPED(scomplex, c)
TX_BLIS_TYPED(dcomplex, z)
#undef TX_BLIS_TYPED

} // namespace gemm
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_GEMM_BLIS_H
