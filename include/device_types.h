//===- device_types.h - Rounding modes of the CUDA runtime --------*- C -*-===//
//
// Part of Tongxin. The one type of CUDA's device_types.h, with CUDA's
// values. <builtin_types.h> includes it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_TYPES_H
#define TONGXIN_DEVICE_TYPES_H

enum cudaRoundMode {
  cudaRoundNearest = 0,
  cudaRoundZero = 1,
  cudaRoundPosInf = 2,
  cudaRoundMinInf = 3
};

#endif // TONGXIN_DEVICE_TYPES_H
