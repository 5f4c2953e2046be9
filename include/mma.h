//===- mma.h - Warp matrix functions (nvcuda::wmma) -------------*- C++ -*-===//
//
// Part of Tongxin. CUDA's warp-level matrix API: a warp loads tiles of A,
// B and C into fragments, multiplies them with mma_sync (bmma_sync for
// single bits) and stores the result. Every function is one of clang's
// NVPTX WMMA builtins, so the PTX path runs on tensor cores; on the CPU the
// LowerWarpMatrix pass turns the llvm.nvvm.wmma intrinsics into each lane's
// loads and stores and one small GEMM per warp (see docs/warp-matrix.md).
//
// Shapes and types (as CUDA documents them; others do not compile):
//   __half            m16n16k16 m32n8k16 m8n32k16   accumulator float/__half
//   __nv_bfloat16     m16n16k16 m32n8k16 m8n32k16   accumulator float
//   precision::tf32   m16n16k8                      accumulator float
//   double            m8n8k4                        accumulator double
//   signed/unsigned char  m16n16k16 m32n8k16 m8n32k16  accumulator int
//   experimental::precision::s4/u4  m8n8k32          accumulator int
//   experimental::precision::b1     m8n8k128 (bmma_sync)  accumulator int
// Which matrix element a lane holds in frag.x[i] is unspecified, as in
// CUDA: element-wise operations over all of x[] are what programs may use.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_MMA_H
#define TONGXIN_MMA_H

#if defined(__cplusplus) && defined(__CUDACC__)

#include "cuda_bf16.h"
#include "cuda_fp16.h"

#define __TX_WMMA__ __device__ __inline__ __attribute__((always_inline))

namespace nvcuda {
namespace wmma {

struct row_major;
struct col_major;
struct matrix_a;
struct matrix_b;
struct accumulator;

enum layout_t { mem_row_major, mem_col_major };

namespace precision {
struct tf32;
} // namespace precision

namespace experimental {
namespace precision {
struct u4;
struct s4;
struct b1;
} // namespace precision
enum bmmaBitOp { bmmaBitOpXOR = 1, bmmaBitOpAND = 2 };
enum bmmaAccumulateOp { bmmaAccumulateOpPOPC = 1 };
} // namespace experimental

namespace __tx {
/// What a fragment of T holds: element_type values, packed
/// per_storage to a storage_element_type.
template <typename T> struct element_traits {
  typedef T element_type;
  typedef T storage_element_type;
  static constexpr int per_storage = 1;
};
template <> struct element_traits<precision::tf32> {
  typedef float element_type;
  typedef float storage_element_type;
  static constexpr int per_storage = 1;
};
template <> struct element_traits<experimental::precision::s4> {
  typedef int element_type;
  typedef int storage_element_type;
  static constexpr int per_storage = 8;
};
template <> struct element_traits<experimental::precision::u4> {
  typedef unsigned element_type;
  typedef unsigned storage_element_type;
  static constexpr int per_storage = 8;
};
template <> struct element_traits<experimental::precision::b1> {
  typedef unsigned element_type;
  typedef unsigned storage_element_type;
  static constexpr int per_storage = 32;
};

/// The number of elements a lane holds (the PTX fragment's registers);
/// undefined for shapes and types CUDA does not have.
template <typename Use, int M, int N, int K, typename T> struct lane_elements;

#define __TX_WMMA_ELEMENTS(USE, M, N, K, T, COUNT)                             \
  template <> struct lane_elements<USE, M, N, K, T> {                          \
    static constexpr int value = COUNT;                                        \
  };
#define __TX_WMMA_ACCUMULATOR_ELEMENTS(M, N, K)                                \
  __TX_WMMA_ELEMENTS(accumulator, M, N, K, float, 8)                           \
  __TX_WMMA_ELEMENTS(accumulator, M, N, K, __half, 8)                          \
  __TX_WMMA_ELEMENTS(accumulator, M, N, K, int, 8)
__TX_WMMA_ACCUMULATOR_ELEMENTS(16, 16, 16)
__TX_WMMA_ACCUMULATOR_ELEMENTS(32, 8, 16)
__TX_WMMA_ACCUMULATOR_ELEMENTS(8, 32, 16)
__TX_WMMA_ELEMENTS(matrix_a, 16, 16, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_b, 16, 16, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_a, 32, 8, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_b, 32, 8, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_a, 8, 32, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_b, 8, 32, 16, __half, 16)
__TX_WMMA_ELEMENTS(matrix_a, 16, 16, 16, __nv_bfloat16, 8)
__TX_WMMA_ELEMENTS(matrix_b, 16, 16, 16, __nv_bfloat16, 8)
__TX_WMMA_ELEMENTS(matrix_a, 32, 8, 16, __nv_bfloat16, 16)
__TX_WMMA_ELEMENTS(matrix_b, 32, 8, 16, __nv_bfloat16, 4)
__TX_WMMA_ELEMENTS(matrix_a, 8, 32, 16, __nv_bfloat16, 4)
__TX_WMMA_ELEMENTS(matrix_b, 8, 32, 16, __nv_bfloat16, 16)
__TX_WMMA_ELEMENTS(matrix_a, 16, 16, 16, signed char, 8)
__TX_WMMA_ELEMENTS(matrix_b, 16, 16, 16, signed char, 8)
__TX_WMMA_ELEMENTS(matrix_a, 16, 16, 16, unsigned char, 8)
__TX_WMMA_ELEMENTS(matrix_b, 16, 16, 16, unsigned char, 8)
__TX_WMMA_ELEMENTS(matrix_a, 32, 8, 16, signed char, 16)
__TX_WMMA_ELEMENTS(matrix_b, 32, 8, 16, signed char, 4)
__TX_WMMA_ELEMENTS(matrix_a, 32, 8, 16, unsigned char, 16)
__TX_WMMA_ELEMENTS(matrix_b, 32, 8, 16, unsigned char, 4)
__TX_WMMA_ELEMENTS(matrix_a, 8, 32, 16, signed char, 4)
__TX_WMMA_ELEMENTS(matrix_b, 8, 32, 16, signed char, 16)
__TX_WMMA_ELEMENTS(matrix_a, 8, 32, 16, unsigned char, 4)
__TX_WMMA_ELEMENTS(matrix_b, 8, 32, 16, unsigned char, 16)
__TX_WMMA_ELEMENTS(matrix_a, 16, 16, 8, precision::tf32, 4)
__TX_WMMA_ELEMENTS(matrix_b, 16, 16, 8, precision::tf32, 4)
__TX_WMMA_ELEMENTS(accumulator, 16, 16, 8, float, 8)
__TX_WMMA_ELEMENTS(matrix_a, 8, 8, 4, double, 1)
__TX_WMMA_ELEMENTS(matrix_b, 8, 8, 4, double, 1)
__TX_WMMA_ELEMENTS(accumulator, 8, 8, 4, double, 2)
__TX_WMMA_ELEMENTS(matrix_a, 8, 8, 32, experimental::precision::s4, 8)
__TX_WMMA_ELEMENTS(matrix_b, 8, 8, 32, experimental::precision::s4, 8)
__TX_WMMA_ELEMENTS(matrix_a, 8, 8, 32, experimental::precision::u4, 8)
__TX_WMMA_ELEMENTS(matrix_b, 8, 8, 32, experimental::precision::u4, 8)
__TX_WMMA_ELEMENTS(accumulator, 8, 8, 32, int, 2)
__TX_WMMA_ELEMENTS(matrix_a, 8, 8, 128, experimental::precision::b1, 32)
__TX_WMMA_ELEMENTS(matrix_b, 8, 8, 128, experimental::precision::b1, 32)
__TX_WMMA_ELEMENTS(accumulator, 8, 8, 128, int, 2)
#undef __TX_WMMA_ACCUMULATOR_ELEMENTS
#undef __TX_WMMA_ELEMENTS

template <typename L> struct layout_code;
template <> struct layout_code<row_major> { static constexpr int value = 0; };
template <> struct layout_code<col_major> { static constexpr int value = 1; };

/// The builtins' layout operand of mma: A's layout, then B's.
template <typename LA, typename LB> struct mma_layout {
  static constexpr int value =
      layout_code<LA>::value * 2 + layout_code<LB>::value;
};
} // namespace __tx

template <typename Use, int M, int N, int K, typename T, typename Layout = void>
class fragment {
  typedef __tx::element_traits<T> __traits;

public:
  typedef typename __traits::element_type element_type;
  typedef typename __traits::storage_element_type storage_element_type;
  enum {
    num_elements = __tx::lane_elements<Use, M, N, K, T>::value,
    num_storage_elements = num_elements / __traits::per_storage
  };
  storage_element_type x[num_storage_elements];
};

namespace __tx {
/// A value as a fragment stores it: sub-byte elements repeated in every
/// slot of their storage word.
template <int PerStorage> struct storage_value {
  template <typename S, typename E> __TX_WMMA__ static S of(const E &__v) {
    return __v;
  }
};
template <int PerStorage> struct packed_storage_value {
  template <typename S, typename E> __TX_WMMA__ static S of(const E &__v) {
    const unsigned __bits = 32 / PerStorage;
    unsigned __slot = static_cast<unsigned>(__v) & ((1u << __bits) - 1u);
    unsigned __word = 0;
    for (int __i = 0; __i < PerStorage; ++__i)
      __word |= __slot << (__i * __bits);
    return static_cast<S>(__word);
  }
};
template <> struct storage_value<8> : packed_storage_value<8> {};
template <> struct storage_value<32> : packed_storage_value<32> {};
} // namespace __tx

/// Sets every element of the fragment to __v.
template <typename Use, int M, int N, int K, typename T, typename Layout>
__TX_WMMA__ void fill_fragment(
    fragment<Use, M, N, K, T, Layout> &__f,
    const typename fragment<Use, M, N, K, T, Layout>::element_type &__v) {
  typedef fragment<Use, M, N, K, T, Layout> __frag;
  typedef typename __frag::storage_element_type __storage;
  __storage __packed = __tx::storage_value<
      __tx::element_traits<T>::per_storage>::template of<__storage>(__v);
  for (int __i = 0; __i < __frag::num_storage_elements; ++__i)
    __f.x[__i] = __packed;
}

/// tf32 rounding as cvt.rna.tf32.f32 does: nearest, ties away from zero, to
/// 10 fraction bits; NaN and infinities pass through.
__TX_WMMA__ float __float_to_tf32(float __in) {
  unsigned __bits = __builtin_bit_cast(unsigned, __in);
  if ((__bits & 0x7f800000u) != 0x7f800000u)
    __bits += 0x1000u;
  return __builtin_bit_cast(float, __bits & 0xffffe000u);
}

// load_matrix_sync / store_matrix_sync / mma_sync for each shape and type.
// The builtins take the fragment's storage as int, float or double words.
#define __TX_WMMA_LOAD_AB(USE, M, N, K, T, PTR, WORD, BUILTIN)                 \
  __TX_WMMA__ void load_matrix_sync(fragment<USE, M, N, K, T, row_major> &__f, \
                                    const PTR *__p, unsigned __ldm) {          \
    BUILTIN((WORD *)__f.x, (const WORD *)__p, __ldm, 0);                       \
  }                                                                            \
  __TX_WMMA__ void load_matrix_sync(fragment<USE, M, N, K, T, col_major> &__f, \
                                    const PTR *__p, unsigned __ldm) {          \
    BUILTIN((WORD *)__f.x, (const WORD *)__p, __ldm, 1);                       \
  }
#define __TX_WMMA_LOAD_STORE_C(M, N, K, T, WORD, LOAD, STORE)                  \
  __TX_WMMA__ void load_matrix_sync(fragment<accumulator, M, N, K, T> &__f,    \
                                    const T *__p, unsigned __ldm,              \
                                    layout_t __layout) {                       \
    if (__layout == mem_row_major)                                             \
      LOAD((WORD *)__f.x, (const WORD *)__p, __ldm, 0);                        \
    else                                                                       \
      LOAD((WORD *)__f.x, (const WORD *)__p, __ldm, 1);                        \
  }                                                                            \
  __TX_WMMA__ void store_matrix_sync(                                          \
      T *__p, const fragment<accumulator, M, N, K, T> &__f, unsigned __ldm,    \
      layout_t __layout) {                                                     \
    if (__layout == mem_row_major)                                             \
      STORE((WORD *)__p, (const WORD *)__f.x, __ldm, 0);                       \
    else                                                                       \
      STORE((WORD *)__p, (const WORD *)__f.x, __ldm, 1);                       \
  }
// One mma_sync for D of type DT and C of type CT; SATF says whether the
// builtin takes a saturation operand (all but b1's).
#define __TX_WMMA_MMA(M, N, K, T, DT, CT, DWORD, CWORD, BUILTIN)               \
  template <typename __LA, typename __LB>                                      \
  __TX_WMMA__ void mma_sync(fragment<accumulator, M, N, K, DT> &__d,           \
                            const fragment<matrix_a, M, N, K, T, __LA> &__a,   \
                            const fragment<matrix_b, M, N, K, T, __LB> &__b,   \
                            const fragment<accumulator, M, N, K, CT> &__c,     \
                            bool __satf = false) {                             \
    const int __layout = __tx::mma_layout<__LA, __LB>::value;                  \
    if (__satf)                                                                \
      BUILTIN((DWORD *)__d.x, (const int *)__a.x, (const int *)__b.x,          \
              (const CWORD *)__c.x, __layout, 1);                              \
    else                                                                       \
      BUILTIN((DWORD *)__d.x, (const int *)__a.x, (const int *)__b.x,          \
              (const CWORD *)__c.x, __layout, 0);                              \
  }

#define __TX_WMMA_HALF(M, N, K, P)                                             \
  __TX_WMMA_LOAD_AB(matrix_a, M, N, K, __half, __half, int, P##_ld_a)          \
  __TX_WMMA_LOAD_AB(matrix_b, M, N, K, __half, __half, int, P##_ld_b)          \
  __TX_WMMA_LOAD_STORE_C(M, N, K, float, float, P##_ld_c_f32, P##_st_c_f32)    \
  __TX_WMMA_LOAD_STORE_C(M, N, K, __half, int, P##_ld_c_f16, P##_st_c_f16)     \
  __TX_WMMA_MMA(M, N, K, __half, float, float, float, float, P##_mma_f32f32)   \
  __TX_WMMA_MMA(M, N, K, __half, float, __half, float, int, P##_mma_f32f16)    \
  __TX_WMMA_MMA(M, N, K, __half, __half, float, int, float, P##_mma_f16f32)    \
  __TX_WMMA_MMA(M, N, K, __half, __half, __half, int, int, P##_mma_f16f16)
__TX_WMMA_HALF(16, 16, 16, __hmma_m16n16k16)
__TX_WMMA_HALF(32, 8, 16, __hmma_m32n8k16)
__TX_WMMA_HALF(8, 32, 16, __hmma_m8n32k16)
#undef __TX_WMMA_HALF

// bfloat16 accumulates in float only.
#define __TX_WMMA_BF16(M, N, K, P)                                             \
  __TX_WMMA_LOAD_AB(matrix_a, M, N, K, __nv_bfloat16, __nv_bfloat16, int,      \
                    P##_ld_a)                                                  \
  __TX_WMMA_LOAD_AB(matrix_b, M, N, K, __nv_bfloat16, __nv_bfloat16, int,      \
                    P##_ld_b)                                                  \
  template <typename __LA, typename __LB>                                      \
  __TX_WMMA__ void mma_sync(                                                   \
      fragment<accumulator, M, N, K, float> &__d,                              \
      const fragment<matrix_a, M, N, K, __nv_bfloat16, __LA> &__a,             \
      const fragment<matrix_b, M, N, K, __nv_bfloat16, __LB> &__b,             \
      const fragment<accumulator, M, N, K, float> &__c) {                      \
    P##_mma_f32(__d.x, (const int *)__a.x, (const int *)__b.x, __c.x,          \
                __tx::mma_layout<__LA, __LB>::value, 0);                       \
  }
__TX_WMMA_BF16(16, 16, 16, __mma_bf16_m16n16k16)
__TX_WMMA_BF16(32, 8, 16, __mma_bf16_m32n8k16)
__TX_WMMA_BF16(8, 32, 16, __mma_bf16_m8n32k16)
#undef __TX_WMMA_BF16

__TX_WMMA_LOAD_AB(matrix_a, 16, 16, 8, precision::tf32, float, int,
                  __mma_tf32_m16n16k8_ld_a)
__TX_WMMA_LOAD_AB(matrix_b, 16, 16, 8, precision::tf32, float, int,
                  __mma_tf32_m16n16k8_ld_b)
__TX_WMMA_LOAD_STORE_C(16, 16, 8, float, float, __mma_tf32_m16n16k8_ld_c,
                       __mma_m16n16k8_st_c_f32)
template <typename __LA, typename __LB>
__TX_WMMA__ void
mma_sync(fragment<accumulator, 16, 16, 8, float> &__d,
         const fragment<matrix_a, 16, 16, 8, precision::tf32, __LA> &__a,
         const fragment<matrix_b, 16, 16, 8, precision::tf32, __LB> &__b,
         const fragment<accumulator, 16, 16, 8, float> &__c) {
  __mma_tf32_m16n16k8_mma_f32(__d.x, (const int *)__a.x, (const int *)__b.x,
                              __c.x, __tx::mma_layout<__LA, __LB>::value, 0);
}

__TX_WMMA_LOAD_AB(matrix_a, 8, 8, 4, double, double, double, __dmma_m8n8k4_ld_a)
__TX_WMMA_LOAD_AB(matrix_b, 8, 8, 4, double, double, double, __dmma_m8n8k4_ld_b)
__TX_WMMA_LOAD_STORE_C(8, 8, 4, double, double, __dmma_m8n8k4_ld_c,
                       __dmma_m8n8k4_st_c_f64)
template <typename __LA, typename __LB>
__TX_WMMA__ void mma_sync(fragment<accumulator, 8, 8, 4, double> &__d,
                          const fragment<matrix_a, 8, 8, 4, double, __LA> &__a,
                          const fragment<matrix_b, 8, 8, 4, double, __LB> &__b,
                          const fragment<accumulator, 8, 8, 4, double> &__c) {
  __dmma_m8n8k4_mma_f64(__d.x, __a.x, __b.x, __c.x,
                        __tx::mma_layout<__LA, __LB>::value, 0);
}

// 8-bit integers; A and B must both be signed or both unsigned.
#define __TX_WMMA_INT8(M, N, K, P)                                             \
  __TX_WMMA_LOAD_AB(matrix_a, M, N, K, signed char, signed char, int,          \
                    P##_ld_a_s8)                                               \
  __TX_WMMA_LOAD_AB(matrix_b, M, N, K, signed char, signed char, int,          \
                    P##_ld_b_s8)                                               \
  __TX_WMMA_LOAD_AB(matrix_a, M, N, K, unsigned char, unsigned char, int,      \
                    P##_ld_a_u8)                                               \
  __TX_WMMA_LOAD_AB(matrix_b, M, N, K, unsigned char, unsigned char, int,      \
                    P##_ld_b_u8)                                               \
  __TX_WMMA_LOAD_STORE_C(M, N, K, int, int, P##_ld_c, P##_st_c_i32)            \
  __TX_WMMA_MMA(M, N, K, signed char, int, int, int, int, P##_mma_s8)          \
  __TX_WMMA_MMA(M, N, K, unsigned char, int, int, int, int, P##_mma_u8)
__TX_WMMA_INT8(16, 16, 16, __imma_m16n16k16)
__TX_WMMA_INT8(32, 8, 16, __imma_m32n8k16)
__TX_WMMA_INT8(8, 32, 16, __imma_m8n32k16)
#undef __TX_WMMA_INT8

// Sub-byte types: A row-major, B column-major only, as in CUDA. Pointers
// are to packed storage (8 four-bit or 32 one-bit elements per word).
#define __TX_WMMA_SUBBYTE_LOAD(USE, M, N, K, T, L, BUILTIN)                    \
  __TX_WMMA__ void load_matrix_sync(fragment<USE, M, N, K, T, L> &__f,         \
                                    const void *__p, unsigned __ldm) {         \
    BUILTIN((int *)__f.x, (const int *)__p, __ldm,                             \
            __tx::layout_code<L>::value);                                      \
  }
__TX_WMMA_SUBBYTE_LOAD(matrix_a, 8, 8, 32, experimental::precision::s4,
                       row_major, __imma_m8n8k32_ld_a_s4)
__TX_WMMA_SUBBYTE_LOAD(matrix_b, 8, 8, 32, experimental::precision::s4,
                       col_major, __imma_m8n8k32_ld_b_s4)
__TX_WMMA_SUBBYTE_LOAD(matrix_a, 8, 8, 32, experimental::precision::u4,
                       row_major, __imma_m8n8k32_ld_a_u4)
__TX_WMMA_SUBBYTE_LOAD(matrix_b, 8, 8, 32, experimental::precision::u4,
                       col_major, __imma_m8n8k32_ld_b_u4)
__TX_WMMA_SUBBYTE_LOAD(matrix_a, 8, 8, 128, experimental::precision::b1,
                       row_major, __bmma_m8n8k128_ld_a_b1)
__TX_WMMA_SUBBYTE_LOAD(matrix_b, 8, 8, 128, experimental::precision::b1,
                       col_major, __bmma_m8n8k128_ld_b_b1)
#undef __TX_WMMA_SUBBYTE_LOAD
__TX_WMMA_LOAD_STORE_C(8, 8, 32, int, int, __imma_m8n8k32_ld_c,
                       __imma_m8n8k32_st_c_i32)
__TX_WMMA_LOAD_STORE_C(8, 8, 128, int, int, __bmma_m8n8k128_ld_c,
                       __bmma_m8n8k128_st_c_i32)

#define __TX_WMMA_MMA_SUBBYTE(T, BUILTIN)                                      \
  __TX_WMMA__ void mma_sync(                                                   \
      fragment<accumulator, 8, 8, 32, int> &__d,                               \
      const fragment<matrix_a, 8, 8, 32, T, row_major> &__a,                   \
      const fragment<matrix_b, 8, 8, 32, T, col_major> &__b,                   \
      const fragment<accumulator, 8, 8, 32, int> &__c, bool __satf = false) {  \
    if (__satf)                                                                \
      BUILTIN(__d.x, (const int *)__a.x, (const int *)__b.x, __c.x, 1, 1);     \
    else                                                                       \
      BUILTIN(__d.x, (const int *)__a.x, (const int *)__b.x, __c.x, 1, 0);     \
  }
__TX_WMMA_MMA_SUBBYTE(experimental::precision::s4, __imma_m8n8k32_mma_s4)
__TX_WMMA_MMA_SUBBYTE(experimental::precision::u4, __imma_m8n8k32_mma_u4)
#undef __TX_WMMA_MMA_SUBBYTE

/// D = C + popc(A op B) per row of A and column of B; op is XOR or AND.
__TX_WMMA__ void bmma_sync(
    fragment<accumulator, 8, 8, 128, int> &__d,
    const fragment<matrix_a, 8, 8, 128, experimental::precision::b1, row_major>
        &__a,
    const fragment<matrix_b, 8, 8, 128, experimental::precision::b1, col_major>
        &__b,
    const fragment<accumulator, 8, 8, 128, int> &__c,
    experimental::bmmaBitOp __op = experimental::bmmaBitOpXOR,
    experimental::bmmaAccumulateOp = experimental::bmmaAccumulateOpPOPC) {
  const int *__ax = (const int *)__a.x, *__bx = (const int *)__b.x;
  if (__op == experimental::bmmaBitOpAND)
    __bmma_m8n8k128_mma_and_popc_b1(__d.x, __ax, __bx, __c.x, 1);
  else
    __bmma_m8n8k128_mma_xor_popc_b1(__d.x, __ax, __bx, __c.x, 1);
}

#undef __TX_WMMA_MMA
#undef __TX_WMMA_LOAD_STORE_C
#undef __TX_WMMA_LOAD_AB

} // namespace wmma
} // namespace nvcuda

#undef __TX_WMMA__

#endif // __cplusplus && __CUDACC__
#endif // TONGXIN_MMA_H
