//===- tongxin/device_textures.h - Texture and surface fetches --*- C++ -*-===//
//
// Part of Tongxin. Texture objects and surfaces are not implemented yet
// (see docs/limitations.md); legacy texture references were removed in
// CUDA 12. Declaring the names as unavailable makes a use a compile error
// that says so, at the line of the use, instead of "undeclared identifier"
// or a silently wrong result.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_TEXTURES_H
#define TONGXIN_DEVICE_TEXTURES_H

#if defined(__cplusplus)

#define __TX_NO_TEXTURES                                                       \
  __attribute__((unavailable("texture and surface fetches are not supported "  \
                             "by Tongxin yet (docs/limitations.md)")))
#define __TX_NO_TEXREF                                                         \
  __attribute__((unavailable("legacy texture references were removed in "     \
                             "CUDA 12; use texture objects")))

// The handle types exist so that declarations compile; creating one with
// cudaCreateTextureObject returns cudaErrorNotSupported.
typedef unsigned long long cudaTextureObject_t;
typedef unsigned long long cudaSurfaceObject_t;

template <class T, int Dim = 1, int Mode = 0> struct __TX_NO_TEXREF texture {};

#define __TX_FETCH(NAME)                                                       \
  template <class T, class... Args>                                            \
  __host__ __device__ __TX_NO_TEXTURES T NAME(Args...);
__TX_FETCH(tex1Dfetch)
__TX_FETCH(tex1D)
__TX_FETCH(tex2D)
__TX_FETCH(tex3D)
__TX_FETCH(tex1DLayered)
__TX_FETCH(tex2DLayered)
__TX_FETCH(texCubemap)
__TX_FETCH(tex2Dgather)
__TX_FETCH(tex1DLod)
__TX_FETCH(tex2DLod)
__TX_FETCH(tex3DLod)
__TX_FETCH(surf1Dread)
__TX_FETCH(surf2Dread)
__TX_FETCH(surf3Dread)
__TX_FETCH(surf1Dwrite)
__TX_FETCH(surf2Dwrite)
__TX_FETCH(surf3Dwrite)
#undef __TX_FETCH

#endif // __cplusplus
#endif // TONGXIN_DEVICE_TEXTURES_H
