//===- surface_types.h - CUDA surface object types --------------*- C++ -*-===//
//
// Part of Tongxin. Surface objects (cudaCreateSurfaceObject) and what a
// surface access does outside the array. Included by driver_types.h.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_SURFACE_TYPES_H
#define TONGXIN_SURFACE_TYPES_H

#include "driver_types.h"

#define cudaSurfaceType1D 0x01
#define cudaSurfaceType2D 0x02
#define cudaSurfaceType3D 0x03
#define cudaSurfaceTypeCubemap 0x0C
#define cudaSurfaceType1DLayered 0xF1
#define cudaSurfaceType2DLayered 0xF2
#define cudaSurfaceTypeCubemapLayered 0xFC

enum cudaSurfaceBoundaryMode TX_ENUM_INT {
  cudaBoundaryModeZero = 0,
  cudaBoundaryModeClamp = 1,
  cudaBoundaryModeTrap = 2,
};

enum cudaSurfaceFormatMode TX_ENUM_INT {
  cudaFormatModeForced = 0,
  cudaFormatModeAuto = 1,
};

typedef unsigned long long cudaSurfaceObject_t;

#endif // TONGXIN_SURFACE_TYPES_H
