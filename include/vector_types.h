//===- vector_types.h - CUDA built-in vector types --------------*- C++ -*-===//
//
// Part of Tongxin. Every CUDA vector type (char1 ... double4) with the size
// and alignment CUDA gives it, so that structures shared between host and
// device code, and kernel parameters, have CUDA's layout. Plus uint3/dim3.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_VECTOR_TYPES_H
#define TONGXIN_VECTOR_TYPES_H

#include "tongxin/cuda_config.h"
#include "tongxin/host_defines.h"

// CUDA aligns a 2- or 4-component vector to its full size (capped at 16
// bytes); 1- and 3-component vectors keep the alignment of their element.
#define __TX_VEC1(NAME, T, ALIGN)                                              \
  struct __device_builtin__ __align__(ALIGN) NAME { T x; };                    \
  typedef struct NAME NAME;
#define __TX_VEC2(NAME, T, ALIGN)                                              \
  struct __device_builtin__ __align__(ALIGN) NAME { T x, y; };                 \
  typedef struct NAME NAME;
#define __TX_VEC3(NAME, T)                                                     \
  struct __device_builtin__ NAME { T x, y, z; };                               \
  typedef struct NAME NAME;
#define __TX_VEC4(NAME, T, ALIGN)                                              \
  struct __device_builtin__ __align__(ALIGN) NAME { T x, y, z, w; };           \
  typedef struct NAME NAME;

__TX_VEC1(char1, signed char, 1)
__TX_VEC2(char2, signed char, 2)
__TX_VEC3(char3, signed char)
__TX_VEC4(char4, signed char, 4)
__TX_VEC1(uchar1, unsigned char, 1)
__TX_VEC2(uchar2, unsigned char, 2)
__TX_VEC3(uchar3, unsigned char)
__TX_VEC4(uchar4, unsigned char, 4)

__TX_VEC1(short1, short, 2)
__TX_VEC2(short2, short, 4)
__TX_VEC3(short3, short)
__TX_VEC4(short4, short, 8)
__TX_VEC1(ushort1, unsigned short, 2)
__TX_VEC2(ushort2, unsigned short, 4)
__TX_VEC3(ushort3, unsigned short)
__TX_VEC4(ushort4, unsigned short, 8)

__TX_VEC1(int1, int, 4)
__TX_VEC2(int2, int, 8)
__TX_VEC3(int3, int)
__TX_VEC4(int4, int, 16)
__TX_VEC1(uint1, unsigned int, 4)
__TX_VEC2(uint2, unsigned int, 8)
// uint3 is below, with dim3.
__TX_VEC4(uint4, unsigned int, 16)

// long is 8 bytes on every LP64 target Tongxin supports; CUDA aligns long2
// to 2 * sizeof(long) and long4 to 16.
__TX_VEC1(long1, long, sizeof(long))
__TX_VEC2(long2, long, 2 * sizeof(long))
__TX_VEC3(long3, long)
__TX_VEC4(long4, long, 16)
__TX_VEC1(ulong1, unsigned long, sizeof(unsigned long))
__TX_VEC2(ulong2, unsigned long, 2 * sizeof(unsigned long))
__TX_VEC3(ulong3, unsigned long)
__TX_VEC4(ulong4, unsigned long, 16)

__TX_VEC1(longlong1, long long, 8)
__TX_VEC2(longlong2, long long, 16)
__TX_VEC3(longlong3, long long)
__TX_VEC4(longlong4, long long, 16)
__TX_VEC1(ulonglong1, unsigned long long, 8)
__TX_VEC2(ulonglong2, unsigned long long, 16)
__TX_VEC3(ulonglong3, unsigned long long)
__TX_VEC4(ulonglong4, unsigned long long, 16)

__TX_VEC1(float1, float, 4)
__TX_VEC2(float2, float, 8)
__TX_VEC3(float3, float)
__TX_VEC4(float4, float, 16)

__TX_VEC1(double1, double, 8)
__TX_VEC2(double2, double, 16)
__TX_VEC3(double3, double)
__TX_VEC4(double4, double, 16)

#undef __TX_VEC1
#undef __TX_VEC2
#undef __TX_VEC3
#undef __TX_VEC4

struct __device_builtin__ uint3 {
  unsigned int x, y, z;
};
typedef struct uint3 uint3;

struct __device_builtin__ dim3 {
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
