//===- tongxin/device_textures.h - Texture and surface fetches --*- C++ -*-===//
//
// Part of Tongxin. The device side of texture and surface objects: the
// fetch functions of CUDA's texture_indirect_functions.h and
// surface_indirect_functions.h, sampling in software from the descriptor a
// handle points at (tongxin/texture_abi.h). The arithmetic follows the CUDA
// Programming Guide's "Texture Fetching" appendix: point sampling takes
// floor(x), linear filtering weights the two neighbours of x - 0.5 per axis
// with a weight kept to 8 fractional bits (as the GPU's 9-bit fixed point
// does), and each address mode maps a texel index back into the texture.
//
// Cubemaps, gathers and mipmapped textures are not supported; their fetch
// functions, like the legacy texture references removed in CUDA 12, are
// declared unavailable so that a use is a compile error that says so.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_TEXTURES_H
#define TONGXIN_DEVICE_TEXTURES_H

// Like NVIDIA's math headers: a toolkit header, whose spelling (hex float
// literals, inf/nan checks kept under -ffast-math) is not the user's to be
// warned about under -pedantic or -Werror.
#pragma GCC system_header

#if defined(__cplusplus)

#include "tongxin/texture_abi.h"

#include "driver_types.h"
#include "vector_types.h"

#define __TX_TEX_DEVICE__ __device__ __inline__ __attribute__((always_inline))

//===--- Unsupported forms ------------------------------------------------===//

#define __TX_NO_FETCH(WHAT)                                                    \
  __attribute__((unavailable(WHAT " are not supported by Tongxin "             \
                                  "(docs/limitations.md)")))

// The texture<> and surface<> reference templates are not declared: CUDA 12
// dropped them, and user code may use the names for its own variables
// (OpenGL's "GLuint texture;"). A legacy reference is "no template named
// 'texture'" at its line; the reference API functions say more below.

#define __TX_UNSUPPORTED_FETCH(NAME, WHAT)                                     \
  template <class T, class... Args>                                            \
  __host__ __device__ __TX_NO_FETCH(WHAT) T NAME(Args...);
__TX_UNSUPPORTED_FETCH(texCubemap, "cubemap textures")
__TX_UNSUPPORTED_FETCH(texCubemapLayered, "cubemap textures")
__TX_UNSUPPORTED_FETCH(texCubemapLod, "cubemap textures")
__TX_UNSUPPORTED_FETCH(texCubemapGrad, "cubemap textures")
__TX_UNSUPPORTED_FETCH(texCubemapLayeredLod, "cubemap textures")
__TX_UNSUPPORTED_FETCH(texCubemapLayeredGrad, "cubemap textures")
__TX_UNSUPPORTED_FETCH(tex2Dgather, "texture gathers")
__TX_UNSUPPORTED_FETCH(surfCubemapread, "cubemap surfaces")
__TX_UNSUPPORTED_FETCH(surfCubemapwrite, "cubemap surfaces")
__TX_UNSUPPORTED_FETCH(surfCubemapLayeredread, "cubemap surfaces")
__TX_UNSUPPORTED_FETCH(surfCubemapLayeredwrite, "cubemap surfaces")
#undef __TX_UNSUPPORTED_FETCH

namespace __tx_tex {

typedef TxTextureDescriptor __desc;

__TX_TEX_DEVICE__ const __desc *__descriptor(unsigned long long __handle) {
  return reinterpret_cast<const __desc *>(__handle);
}

//===--- Texels -----------------------------------------------------------===//

/// One texel widened to four 32-bit lanes: floats when the texture returns
/// floating point (float data, or 8/16-bit integers read normalised),
/// integers otherwise.
struct __texel {
  float __f[4];
  int __i[4];
};

__TX_TEX_DEVICE__ bool __returns_float(const __desc *__d) {
  return __d->Flags & TX_TEX_FLOAT_RESULT;
}

/// V clamped into [0, N - 1].
__TX_TEX_DEVICE__ long long __clamp_index(long long __v, long long __n) {
  return __v < 0 ? 0 : (__v >= __n ? __n - 1 : __v);
}

__TX_TEX_DEVICE__ float __half_to_float(unsigned __h) {
  unsigned __sign = (__h & 0x8000u) << 16;
  unsigned __exp = (__h >> 10) & 0x1fu, __man = __h & 0x3ffu;
  if (__exp == 0) {
    float __mag = (float)__man * 0x1p-24f; // Zero or subnormal: exact.
    return __sign ? -__mag : __mag;
  }
  unsigned __bits = __exp == 31 ? (__sign | 0x7f800000u | (__man << 13))
                                : (__sign | ((__exp + 112) << 23) | (__man << 13));
  return __builtin_bit_cast(float, __bits);
}

__TX_TEX_DEVICE__ int __load_int(const char *__p, unsigned __bits,
                                 bool __signed_elem) {
  if (__bits == 8)
    return __signed_elem ? (int)*(const signed char *)__p
                    : (int)*(const unsigned char *)__p;
  if (__bits == 16)
    return __signed_elem ? (int)*(const short *)__p
                    : (int)*(const unsigned short *)__p;
  return *(const int *)__p;
}

/// 8/16-bit integers to [0, 1] or [-1, 1], as cudaReadModeNormalizedFloat.
__TX_TEX_DEVICE__ float __normalized(int __v, unsigned __bits, bool __signed_elem) {
  if (!__signed_elem)
    return (float)__v / (__bits == 8 ? 255.0f : 65535.0f);
  float __r = (float)__v / (__bits == 8 ? 127.0f : 32767.0f);
  return __r < -1.0f ? -1.0f : __r;
}

__TX_TEX_DEVICE__ float __srgb_to_linear(float __c) {
  return __c <= 0.04045f ? __c / 12.92f
                         : powf((__c + 0.055f) / 1.055f, 2.4f);
}

/// Channels a texture lacks read as 0, alpha as 1.
__TX_TEX_DEVICE__ __texel __default_texel() {
  __texel __t = {{0.0f, 0.0f, 0.0f, 1.0f}, {0, 0, 0, 1}};
  return __t;
}

__TX_TEX_DEVICE__ __texel __load_texel(const __desc *__d, const char *__p) {
  __texel __t = __default_texel();
  unsigned __bits = __d->ChannelBits, __step = __bits / 8;
  bool __float_data = __d->ChannelKind == TX_CHANNEL_FLOAT;
  bool __signed_elem = __d->ChannelKind == TX_CHANNEL_SIGNED;
  bool __as_float = __returns_float(__d);
  for (unsigned __c = 0; __c < __d->Channels; ++__c) {
    const char *__q = __p + __c * __step;
    if (__float_data) {
      __t.__f[__c] = __bits == 16 ? __half_to_float(*(const unsigned short *)__q)
                                  : *(const float *)__q;
    } else {
      int __v = __load_int(__q, __bits, __signed_elem);
      __t.__i[__c] = __v;
      if (__as_float)
        __t.__f[__c] = __normalized(__v, __bits, __signed_elem);
    }
  }
  if ((__d->Flags & TX_TEX_SRGB) && __as_float)
    for (unsigned __c = 0; __c < 3 && __c < __d->Channels; ++__c)
      __t.__f[__c] = __srgb_to_linear(__t.__f[__c]);
  return __t;
}

__TX_TEX_DEVICE__ __texel __border_texel(const __desc *__d) {
  __texel __t;
  for (int __c = 0; __c < 4; ++__c) {
    __t.__f[__c] = __d->BorderColor[__c];
    // Integer border colours are stored as the integer's bits (CUDA asks
    // callers to reinterpret_cast them into borderColor).
    __t.__i[__c] = __builtin_bit_cast(int, __d->BorderColor[__c]);
  }
  return __t;
}

__TX_TEX_DEVICE__ const char *__element(const __desc *__d, long long __x,
                                        long long __y, long long __z) {
  return __d->Data + __z * (long long)__d->SlicePitch +
         __y * (long long)__d->RowPitch + __x * (long long)__d->ElementSize;
}

//===--- Addressing -------------------------------------------------------===//

/// Keeps a coordinate's integer part in a range that converts safely (NaN
/// becomes the low end, as an out-of-range coordinate).
__TX_TEX_DEVICE__ float __bounded(float __x) {
  return fminf(fmaxf(__x, -0x1p40f), 0x1p40f);
}

/// Wrap and mirror act on normalised coordinates only; with unnormalised
/// ones the GPU clamps.
__TX_TEX_DEVICE__ int __effective_mode(const __desc *__d, int __axis) {
  int __mode = __d->AddressMode[__axis];
  bool __normalized = __d->Flags & TX_TEX_NORMALIZED_COORDS;
  if (!__normalized &&
      (__mode == TX_ADDRESS_WRAP || __mode == TX_ADDRESS_MIRROR))
    return TX_ADDRESS_CLAMP;
  return __mode;
}

/// A coordinate in texels: normalised ones are wrapped or mirrored into
/// [0, 1] first, then scaled.
__TX_TEX_DEVICE__ float __texel_coordinate(const __desc *__d, float __x,
                                           int __axis, int __mode) {
  __x = __bounded(__x);
  if (!(__d->Flags & TX_TEX_NORMALIZED_COORDS))
    return __x;
  if (__mode == TX_ADDRESS_WRAP) {
    __x -= floorf(__x);
  } else if (__mode == TX_ADDRESS_MIRROR) {
    float __whole = floorf(__x), __frac = __x - __whole;
    __x = ((long long)__whole & 1) ? 1.0f - __frac : __frac;
  }
  return __x * (float)__d->Extent[__axis];
}

/// Maps a texel index into [0, N): false when it falls on the border.
__TX_TEX_DEVICE__ bool __address(long long *__i, long long __n, int __mode) {
  if (__mode == TX_ADDRESS_BORDER)
    return *__i >= 0 && *__i < __n;
  if (__mode == TX_ADDRESS_WRAP) {
    *__i %= __n;
    if (*__i < 0)
      *__i += __n;
    return true;
  }
  *__i = __clamp_index(*__i, __n); // Clamp, mirror.
  return true;
}

/// The texels along one axis that a fetch reads, and the weight of the
/// second (linear filtering only).
struct __taps {
  long long __i[2];
  bool __inside[2];
  float __weight;
};

__TX_TEX_DEVICE__ __taps __point_taps(const __desc *__d, float __x,
                                      int __axis) {
  int __mode = __effective_mode(__d, __axis);
  long long __n = (long long)__d->Extent[__axis];
  __taps __t;
  __t.__i[0] = (long long)floorf(__texel_coordinate(__d, __x, __axis, __mode));
  // A wrapped coordinate of exactly 1.0 is the last texel, not the first.
  int __index_mode = __mode == TX_ADDRESS_BORDER ? __mode : TX_ADDRESS_CLAMP;
  __t.__inside[0] = __address(&__t.__i[0], __n, __index_mode);
  __t.__i[1] = __t.__i[0];
  __t.__inside[1] = __t.__inside[0];
  __t.__weight = 0.0f;
  return __t;
}

__TX_TEX_DEVICE__ __taps __linear_taps(const __desc *__d, float __x,
                                       int __axis) {
  int __mode = __effective_mode(__d, __axis);
  long long __n = (long long)__d->Extent[__axis];
  float __below = __texel_coordinate(__d, __x, __axis, __mode) - 0.5f;
  float __whole = floorf(__below);
  __taps __t;
  __t.__weight = floorf((__below - __whole) * 256.0f + 0.5f) * (1.0f / 256.0f);
  __t.__i[0] = (long long)__whole;
  __t.__i[1] = __t.__i[0] + 1;
  for (int __k = 0; __k < 2; ++__k)
    __t.__inside[__k] = __address(&__t.__i[__k], __n, __mode);
  return __t;
}

//===--- Sampling ---------------------------------------------------------===//

/// The taps along each axis of a Dim-dimensional fetch at (x, y, z), point
/// or linear; Slice selects the layer of a layered texture (its slices are
/// layers).
template <int Dim, bool __Linear>
__TX_TEX_DEVICE__ void __taps_of(const __desc *__d, float __x, float __y,
                                 float __z, long long __slice,
                                 __taps (&__axes)[3]) {
  const float __coords[3] = {__x, __y, __z};
  for (int __a = 0; __a < 3; ++__a) {
    if (__a < Dim) {
      __axes[__a] = __Linear ? __linear_taps(__d, __coords[__a], __a)
                             : __point_taps(__d, __coords[__a], __a);
    } else {
      __axes[__a].__i[0] = __axes[__a].__i[1] = 0;
      __axes[__a].__inside[0] = __axes[__a].__inside[1] = true;
      __axes[__a].__weight = 0.0f;
    }
  }
  if (Dim < 3)
    __axes[2].__i[0] = __axes[2].__i[1] = __slice;
}

/// Linear filtering: the weighted sum over the 2^Dim corners. Out of line:
/// inlined, it made every fetch site a thousand instructions, most of a
/// texture program's compile time, and it costs the call several times
/// over anyway. Static: one copy per translation unit, compiled with that
/// unit's own flags (a checker's, its vector ISA).
template <int Dim>
static __device__ __attribute__((noinline)) __texel
__sample_linear(const __desc *__d, float __x, float __y, float __z,
                long long __slice) {
  __taps __axes[3];
  __taps_of<Dim, true>(__d, __x, __y, __z, __slice, __axes);
  __texel __sum = __default_texel();
  for (unsigned __c = 0; __c < __d->Channels; ++__c)
    __sum.__f[__c] = 0.0f;
  for (int __corner = 0; __corner < (1 << Dim); ++__corner) {
    float __w = 1.0f;
    bool __inside = true;
    long long __at[3];
    for (int __a = 0; __a < 3; ++__a) {
      int __k = __a < Dim ? (__corner >> __a) & 1 : 0;
      float __alpha = __axes[__a].__weight;
      if (__a < Dim)
        __w *= __k ? __alpha : 1.0f - __alpha;
      __inside = __inside && __axes[__a].__inside[__k];
      __at[__a] = __axes[__a].__i[__k];
    }
    if (__w == 0.0f)
      continue;
    __texel __t = __inside ? __load_texel(__d, __element(__d, __at[0], __at[1],
                                                         __at[2]))
                           : __border_texel(__d);
    for (unsigned __c = 0; __c < __d->Channels; ++__c)
      __sum.__f[__c] += __w * __t.__f[__c];
  }
  return __sum;
}

/// Samples a Dim-dimensional texture at (x, y, z); Slice selects the layer
/// of a layered texture (its slices are layers). Point sampling, a single
/// texel, stays inline where the fetch is.
template <int Dim>
__TX_TEX_DEVICE__ __texel __sample(const __desc *__d, float __x, float __y,
                                   float __z, long long __slice) {
  if (__d->Flags & TX_TEX_LINEAR_FILTER)
    return __sample_linear<Dim>(__d, __x, __y, __z, __slice);
  __taps __axes[3];
  __taps_of<Dim, false>(__d, __x, __y, __z, __slice, __axes);
  bool __inside = true;
  for (int __a = 0; __a < Dim; ++__a)
    __inside = __inside && __axes[__a].__inside[0];
  if (!__inside)
    return __border_texel(__d);
  return __load_texel(__d, __element(__d, __axes[0].__i[0], __axes[1].__i[0],
                                     __axes[2].__i[0]));
}

__TX_TEX_DEVICE__ long long __layer(const __desc *__d, int __layer) {
  return __clamp_index(__layer, __d->Layers ? (long long)__d->Layers : 1);
}

/// tex1Dfetch over linear memory: no filtering or addressing; an index
/// outside the buffer reads zero.
__TX_TEX_DEVICE__ __texel __fetch_linear(const __desc *__d, int __x) {
  if (__x < 0 || (unsigned long long)__x >= __d->Extent[0]) {
    __texel __zero = {{0.0f, 0.0f, 0.0f, 0.0f}, {0, 0, 0, 0}};
    return __zero;
  }
  return __load_texel(__d, __d->Data + (long long)__x * __d->ElementSize);
}

//===--- Result types -----------------------------------------------------===//

/// The types a fetch may return, with how to build one from a texel.
template <class T> struct __result {
  static constexpr bool __valid = false;
  // Only the static_assert in __convert should speak for an invalid T.
  __TX_TEX_DEVICE__ static T __make(const __texel &, bool) { return T(); }
};

/// A float lane as component type C. Float data fetched as an integer type
/// has no CUDA-defined value; saturating (NaN to 0) keeps it defined here.
template <class C> __TX_TEX_DEVICE__ C __from_float(float __v) {
  if ((C)0.5f != (C)0)
    return (C)__v;
  if (__v != __v)
    return (C)0;
  const bool __unsigned = (C)-1 > (C)0;
  const double __hi =
      __unsigned ? (double)(C)-1
                 : (double)((1ull << (sizeof(C) * 8 - 1)) - 1);
  const double __lo = __unsigned ? 0.0 : -__hi - 1.0;
  return __v <= __lo ? (C)__lo : (__v >= __hi ? (C)__hi : (C)__v);
}

#define __TX_SCALAR_RESULT(T)                                                  \
  template <> struct __result<T> {                                             \
    static constexpr bool __valid = true;                                      \
    __TX_TEX_DEVICE__ static T __make(const __texel &__t, bool __f) {          \
      return __f ? __from_float<T>(__t.__f[0]) : (T)__t.__i[0];                \
    }                                                                          \
  };
// Components take the vector's own type: char1's is signed char even
// where char is unsigned (AArch64, RISC-V).
#define __TX_VECTOR_RESULT(V, T, N)                                            \
  template <> struct __result<V> {                                             \
    static constexpr bool __valid = true;                                      \
    __TX_TEX_DEVICE__ static V __make(const __texel &__t, bool __f) {          \
      typedef decltype(V::x) __component;                                      \
      __component __c[4];                                                      \
      for (int __k = 0; __k < 4; ++__k)                                        \
        __c[__k] = __f ? __from_float<__component>(__t.__f[__k])               \
                       : (__component)__t.__i[__k];                           \
      return __TX_VECTOR_INIT_##N(V, __c);                                     \
    }                                                                          \
  };
#define __TX_VECTOR_INIT_1(V, C) V{C[0]}
#define __TX_VECTOR_INIT_2(V, C) V{C[0], C[1]}
#define __TX_VECTOR_INIT_4(V, C) V{C[0], C[1], C[2], C[3]}
#define __TX_RESULTS(T, V)                                                     \
  __TX_SCALAR_RESULT(T)                                                        \
  __TX_VECTOR_RESULT(V##1, T, 1)                                               \
  __TX_VECTOR_RESULT(V##2, T, 2) __TX_VECTOR_RESULT(V##4, T, 4)
__TX_SCALAR_RESULT(signed char)
__TX_RESULTS(char, char)
__TX_RESULTS(unsigned char, uchar)
__TX_RESULTS(short, short)
__TX_RESULTS(unsigned short, ushort)
__TX_RESULTS(int, int)
__TX_RESULTS(unsigned int, uint)
__TX_RESULTS(float, float)
#undef __TX_RESULTS
#undef __TX_VECTOR_INIT_1
#undef __TX_VECTOR_INIT_2
#undef __TX_VECTOR_INIT_4
#undef __TX_VECTOR_RESULT
#undef __TX_SCALAR_RESULT

template <class T>
__TX_TEX_DEVICE__ T __convert(const __desc *__d, const __texel &__t) {
  static_assert(__result<T>::__valid,
                "not a texture fetch type: use a 1-, 2- or 4-component char, "
                "short, int or float type (signed or unsigned)");
  return __result<T>::__make(__t, __returns_float(__d));
}

template <int Dim, class T>
__TX_TEX_DEVICE__ T __fetch(unsigned long long __h, float __x, float __y,
                            float __z, int __layer_index) {
  const __desc *__d = __descriptor(__h);
  long long __slice = Dim < 3 ? __layer(__d, __layer_index) : 0;
  return __convert<T>(__d, __sample<Dim>(__d, __x, __y, __z, __slice));
}

} // namespace __tx_tex

//===--- Texture fetches (texture_indirect_functions.h) -------------------===//
// Textures have a single mip level, so the Lod and Grad forms read level 0,
// exactly as they do on the GPU for a texture without mipmaps.

template <class T>
__TX_TEX_DEVICE__ T tex1Dfetch(cudaTextureObject_t __tex, int __x) {
  const __tx_tex::__desc *__d = __tx_tex::__descriptor(__tex);
  return __tx_tex::__convert<T>(__d, __tx_tex::__fetch_linear(__d, __x));
}
template <class T>
__TX_TEX_DEVICE__ T tex1D(cudaTextureObject_t __tex, float __x) {
  return __tx_tex::__fetch<1, T>(__tex, __x, 0, 0, 0);
}
template <class T>
__TX_TEX_DEVICE__ T tex2D(cudaTextureObject_t __tex, float __x, float __y) {
  return __tx_tex::__fetch<2, T>(__tex, __x, __y, 0, 0);
}
template <class T>
__TX_TEX_DEVICE__ T tex3D(cudaTextureObject_t __tex, float __x, float __y,
                          float __z) {
  return __tx_tex::__fetch<3, T>(__tex, __x, __y, __z, 0);
}
template <class T>
__TX_TEX_DEVICE__ T tex1DLayered(cudaTextureObject_t __tex, float __x,
                                 int __layer) {
  return __tx_tex::__fetch<1, T>(__tex, __x, 0, 0, __layer);
}
template <class T>
__TX_TEX_DEVICE__ T tex2DLayered(cudaTextureObject_t __tex, float __x,
                                 float __y, int __layer) {
  return __tx_tex::__fetch<2, T>(__tex, __x, __y, 0, __layer);
}
template <class T>
__TX_TEX_DEVICE__ T tex1DLod(cudaTextureObject_t __tex, float __x, float) {
  return tex1D<T>(__tex, __x);
}
template <class T>
__TX_TEX_DEVICE__ T tex2DLod(cudaTextureObject_t __tex, float __x, float __y,
                             float) {
  return tex2D<T>(__tex, __x, __y);
}
template <class T>
__TX_TEX_DEVICE__ T tex3DLod(cudaTextureObject_t __tex, float __x, float __y,
                             float __z, float) {
  return tex3D<T>(__tex, __x, __y, __z);
}
template <class T>
__TX_TEX_DEVICE__ T tex1DLayeredLod(cudaTextureObject_t __tex, float __x,
                                    int __layer, float) {
  return tex1DLayered<T>(__tex, __x, __layer);
}
template <class T>
__TX_TEX_DEVICE__ T tex2DLayeredLod(cudaTextureObject_t __tex, float __x,
                                    float __y, int __layer, float) {
  return tex2DLayered<T>(__tex, __x, __y, __layer);
}
template <class T>
__TX_TEX_DEVICE__ T tex1DGrad(cudaTextureObject_t __tex, float __x, float,
                              float) {
  return tex1D<T>(__tex, __x);
}
template <class T>
__TX_TEX_DEVICE__ T tex2DGrad(cudaTextureObject_t __tex, float __x, float __y,
                              float2, float2) {
  return tex2D<T>(__tex, __x, __y);
}
template <class T>
__TX_TEX_DEVICE__ T tex3DGrad(cudaTextureObject_t __tex, float __x, float __y,
                              float __z, float4, float4) {
  return tex3D<T>(__tex, __x, __y, __z);
}
template <class T>
__TX_TEX_DEVICE__ T tex1DLayeredGrad(cudaTextureObject_t __tex, float __x,
                                     int __layer, float, float) {
  return tex1DLayered<T>(__tex, __x, __layer);
}
template <class T>
__TX_TEX_DEVICE__ T tex2DLayeredGrad(cudaTextureObject_t __tex, float __x,
                                     float __y, int __layer, float2, float2) {
  return tex2DLayered<T>(__tex, __x, __y, __layer);
}

// The forms that store through a pointer, one per fetch above.
#define __TX_FETCH_TO_POINTER(NAME, PARAMS, ARGS)                              \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ void NAME(T *__ret, cudaTextureObject_t __tex PARAMS) {    \
    *__ret = NAME<T>(__tex ARGS);                                              \
  }
#define __TX_COMMA ,
__TX_FETCH_TO_POINTER(tex1Dfetch, __TX_COMMA int __x, __TX_COMMA __x)
__TX_FETCH_TO_POINTER(tex1D, __TX_COMMA float __x, __TX_COMMA __x)
__TX_FETCH_TO_POINTER(tex2D, __TX_COMMA float __x __TX_COMMA float __y,
                      __TX_COMMA __x __TX_COMMA __y)
__TX_FETCH_TO_POINTER(tex3D,
                      __TX_COMMA float __x __TX_COMMA float __y
                          __TX_COMMA float __z,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z)
__TX_FETCH_TO_POINTER(tex1DLayered, __TX_COMMA float __x __TX_COMMA int __l,
                      __TX_COMMA __x __TX_COMMA __l)
__TX_FETCH_TO_POINTER(tex2DLayered,
                      __TX_COMMA float __x __TX_COMMA float __y
                          __TX_COMMA int __l,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l)
__TX_FETCH_TO_POINTER(tex1DLod, __TX_COMMA float __x __TX_COMMA float __lod,
                      __TX_COMMA __x __TX_COMMA __lod)
__TX_FETCH_TO_POINTER(tex2DLod,
                      __TX_COMMA float __x __TX_COMMA float __y
                          __TX_COMMA float __lod,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __lod)
__TX_FETCH_TO_POINTER(tex3DLod,
                      __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                          float __z __TX_COMMA float __lod,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z
                          __TX_COMMA __lod)
__TX_FETCH_TO_POINTER(tex1DLayeredLod,
                      __TX_COMMA float __x __TX_COMMA int __l __TX_COMMA
                          float __lod,
                      __TX_COMMA __x __TX_COMMA __l __TX_COMMA __lod)
__TX_FETCH_TO_POINTER(tex2DLayeredLod,
                      __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                          int __l __TX_COMMA float __lod,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l
                          __TX_COMMA __lod)
__TX_FETCH_TO_POINTER(tex1DGrad,
                      __TX_COMMA float __x __TX_COMMA float __dx __TX_COMMA
                          float __dy,
                      __TX_COMMA __x __TX_COMMA __dx __TX_COMMA __dy)
__TX_FETCH_TO_POINTER(tex2DGrad,
                      __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                          float2 __dx __TX_COMMA float2 __dy,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __dx
                          __TX_COMMA __dy)
__TX_FETCH_TO_POINTER(tex3DGrad,
                      __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                          float __z __TX_COMMA float4 __dx __TX_COMMA
                              float4 __dy,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z
                          __TX_COMMA __dx __TX_COMMA __dy)
__TX_FETCH_TO_POINTER(tex1DLayeredGrad,
                      __TX_COMMA float __x __TX_COMMA int __l __TX_COMMA
                          float __dx __TX_COMMA float __dy,
                      __TX_COMMA __x __TX_COMMA __l __TX_COMMA __dx
                          __TX_COMMA __dy)
__TX_FETCH_TO_POINTER(tex2DLayeredGrad,
                      __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                          int __l __TX_COMMA float2 __dx __TX_COMMA
                              float2 __dy,
                      __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l
                          __TX_COMMA __dx __TX_COMMA __dy)
#undef __TX_FETCH_TO_POINTER

// The sparse-texture forms report whether the texels were resident: every
// Tongxin texture is fully resident.
#define __TX_RESIDENT_FETCH(NAME, PARAMS, ARGS)                                \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ T NAME(cudaTextureObject_t __tex PARAMS,                   \
                           bool *__resident) {                              \
    *__resident = true;                                                     \
    return NAME<T>(__tex ARGS);                                                \
  }                                                                            \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ void NAME(T *__ret, cudaTextureObject_t __tex PARAMS,      \
                              bool *__resident) {                           \
    *__resident = true;                                                     \
    *__ret = NAME<T>(__tex ARGS);                                              \
  }
__TX_RESIDENT_FETCH(tex2D, __TX_COMMA float __x __TX_COMMA float __y,
                    __TX_COMMA __x __TX_COMMA __y)
__TX_RESIDENT_FETCH(tex3D,
                    __TX_COMMA float __x __TX_COMMA float __y
                        __TX_COMMA float __z,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z)
__TX_RESIDENT_FETCH(tex2DLayered,
                    __TX_COMMA float __x __TX_COMMA float __y
                        __TX_COMMA int __l,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l)
__TX_RESIDENT_FETCH(tex2DLod,
                    __TX_COMMA float __x __TX_COMMA float __y
                        __TX_COMMA float __lod,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __lod)
__TX_RESIDENT_FETCH(tex3DLod,
                    __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                        float __z __TX_COMMA float __lod,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z
                        __TX_COMMA __lod)
__TX_RESIDENT_FETCH(tex2DLayeredLod,
                    __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                        int __l __TX_COMMA float __lod,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l
                        __TX_COMMA __lod)
__TX_RESIDENT_FETCH(tex2DGrad,
                    __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                        float2 __dx __TX_COMMA float2 __dy,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __dx
                        __TX_COMMA __dy)
__TX_RESIDENT_FETCH(tex3DGrad,
                    __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                        float __z __TX_COMMA float4 __dx __TX_COMMA
                            float4 __dy,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __z
                        __TX_COMMA __dx __TX_COMMA __dy)
__TX_RESIDENT_FETCH(tex2DLayeredGrad,
                    __TX_COMMA float __x __TX_COMMA float __y __TX_COMMA
                        int __l __TX_COMMA float2 __dx __TX_COMMA
                            float2 __dy,
                    __TX_COMMA __x __TX_COMMA __y __TX_COMMA __l
                        __TX_COMMA __dx __TX_COMMA __dy)
#undef __TX_RESIDENT_FETCH
#undef __TX_COMMA

//===--- Surfaces (surface_indirect_functions.h) --------------------------===//
// Surface x coordinates are in bytes. Outside the array, a read or write
// traps (cudaBoundaryModeTrap), reads zero and drops the write
// (cudaBoundaryModeZero), or uses the nearest element (cudaBoundaryModeClamp).

namespace __tx_tex {

/// Resolves a surface access of Size bytes at byte X and element rows Y, Z;
/// null when a Zero-mode access falls outside.
__TX_TEX_DEVICE__ char *__surface_address(unsigned long long __h,
                                          unsigned __size, long long __x,
                                          long long __y, long long __z,
                                          int __mode) {
  const __desc *__d = __descriptor(__h);
  long long __row = (long long)(__d->Extent[0] * __d->ElementSize);
  long long __ny = (long long)__d->Extent[1];
  long long __nz = __d->Layers ? (long long)__d->Layers
                               : (long long)__d->Extent[2];
  bool __inside = __x >= 0 && __x + __size <= __row && __y >= 0 &&
                  __y < __ny && __z >= 0 && __z < __nz;
  if (!__inside) {
    if (__mode == cudaBoundaryModeZero)
      return nullptr;
    // An access wider than a row has no position to clamp to.
    if (__mode != cudaBoundaryModeClamp || (long long)__size > __row)
      __trap();
    __x = __clamp_index(__x, __row - (long long)__size + 1);
    __y = __clamp_index(__y, __ny);
    __z = __clamp_index(__z, __nz);
  }
  return const_cast<char *>(__d->Data) + __z * (long long)__d->SlicePitch +
         __y * (long long)__d->RowPitch + __x;
}

/// The element types CUDA's surface functions accept.
template <class T> struct __surface_type {
  static constexpr bool __valid = false;
};
#define __TX_SURFACE_TYPE(T)                                                   \
  template <> struct __surface_type<T> {                                       \
    static constexpr bool __valid = true;                                      \
  };
#define __TX_SURFACE_TYPES(T, V)                                               \
  __TX_SURFACE_TYPE(T)                                                         \
  __TX_SURFACE_TYPE(V##1) __TX_SURFACE_TYPE(V##2) __TX_SURFACE_TYPE(V##4)
__TX_SURFACE_TYPE(signed char)
__TX_SURFACE_TYPES(char, char)
__TX_SURFACE_TYPES(unsigned char, uchar)
__TX_SURFACE_TYPES(short, short)
__TX_SURFACE_TYPES(unsigned short, ushort)
__TX_SURFACE_TYPES(int, int)
__TX_SURFACE_TYPES(unsigned int, uint)
__TX_SURFACE_TYPES(float, float)
__TX_SURFACE_TYPE(long long)
__TX_SURFACE_TYPE(longlong1)
__TX_SURFACE_TYPE(longlong2)
__TX_SURFACE_TYPE(unsigned long long)
__TX_SURFACE_TYPE(ulonglong1)
__TX_SURFACE_TYPE(ulonglong2)
#undef __TX_SURFACE_TYPES
#undef __TX_SURFACE_TYPE

template <class T> __TX_TEX_DEVICE__ void __check_surface_type() {
  static_assert(__surface_type<T>::__valid,
                "not a surface element type: use a 1-, 2- or 4-component "
                "char, short, int or float type, or a 1- or 2-component "
                "long long type (signed or unsigned)");
}

template <class T>
__TX_TEX_DEVICE__ T __surface_read(unsigned long long __h, long long __x,
                                   long long __y, long long __z, int __mode) {
  __check_surface_type<T>();
  T __v;
  __builtin_memset(&__v, 0, sizeof(T));
  if (const char *__p = __surface_address(__h, sizeof(T), __x, __y, __z, __mode))
    __builtin_memcpy(&__v, __p, sizeof(T));
  return __v;
}

template <class T>
__TX_TEX_DEVICE__ void __surface_write(const T &__v, unsigned long long __h,
                                       long long __x, long long __y,
                                       long long __z, int __mode) {
  __check_surface_type<T>();
  if (char *__p = __surface_address(__h, sizeof(T), __x, __y, __z, __mode))
    __builtin_memcpy(__p, &__v, sizeof(T));
}

} // namespace __tx_tex

#define __TX_SURFACE_ACCESS(SUFFIX, PARAMS, X, Y, Z)                           \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ T surf##SUFFIX##read(                                      \
      cudaSurfaceObject_t __surf, PARAMS,                                      \
      cudaSurfaceBoundaryMode __mode = cudaBoundaryModeTrap) {                 \
    return __tx_tex::__surface_read<T>(__surf, X, Y, Z, __mode);               \
  }                                                                            \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ void surf##SUFFIX##read(                                   \
      T *__ret, cudaSurfaceObject_t __surf, PARAMS,                            \
      cudaSurfaceBoundaryMode __mode = cudaBoundaryModeTrap) {                 \
    *__ret = __tx_tex::__surface_read<T>(__surf, X, Y, Z, __mode);             \
  }                                                                            \
  template <class T>                                                           \
  __TX_TEX_DEVICE__ void surf##SUFFIX##write(                                  \
      T __value, cudaSurfaceObject_t __surf, PARAMS,                           \
      cudaSurfaceBoundaryMode __mode = cudaBoundaryModeTrap) {                 \
    __tx_tex::__surface_write<T>(__value, __surf, X, Y, Z, __mode);            \
  }
#define __TX_PARAMS(...) __VA_ARGS__
__TX_SURFACE_ACCESS(1D, int __x, __x, 0, 0)
__TX_SURFACE_ACCESS(2D, __TX_PARAMS(int __x, int __y), __x, __y, 0)
__TX_SURFACE_ACCESS(3D, __TX_PARAMS(int __x, int __y, int __z), __x, __y, __z)
__TX_SURFACE_ACCESS(1DLayered, __TX_PARAMS(int __x, int __layer), __x, 0,
                    __layer)
__TX_SURFACE_ACCESS(2DLayered, __TX_PARAMS(int __x, int __y, int __layer),
                    __x, __y, __layer)
#undef __TX_PARAMS
#undef __TX_SURFACE_ACCESS

#undef __TX_TEX_DEVICE__
#undef __TX_NO_FETCH

#endif // __cplusplus
#endif // TONGXIN_DEVICE_TEXTURES_H
