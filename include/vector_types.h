//===- vector_types.h - CUDA built-in vector types ----------------*- C++ -*-===//
//
// Part of Tongxin. Minimal seed (uint3, dim3); the device-headers work
// extends it with every CUDA vector type at CUDA's alignment.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_VECTOR_TYPES_H
#define TONGXIN_VECTOR_TYPES_H

#include "tongxin/host_defines.h"

struct uint3 {
  unsigned int x, y, z;
};
typedef struct uint3 uint3;

struct dim3 {
  unsigned int x, y, z;
#ifdef __cplusplus
  __host__ __device__ constexpr dim3(unsigned int vx = 1, unsigned int vy = 1,
                                     unsigned int vz = 1)
      : x(vx), y(vy), z(vz) {}
  __host__ __device__ constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  __host__ __device__ constexpr operator uint3() const { return {x, y, z}; }
#endif
};
typedef struct dim3 dim3;

#endif // TONGXIN_VECTOR_TYPES_H
