//===- vector_functions.h - make_<vector> constructors ----------*- C++ -*-===//
//
// Part of Tongxin. make_int2(x, y), make_float4(x, y, z, w), ... for every
// CUDA vector type; callable from host and device code.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_VECTOR_FUNCTIONS_H
#define TONGXIN_VECTOR_FUNCTIONS_H

#include "tongxin/host_defines.h"
#include "vector_types.h"

#ifdef __cplusplus
#define __TX_VECFN__ static __host__ __device__ __inline__
#else
#define __TX_VECFN__ static __inline__
#endif


__TX_VECFN__ char1 make_char1(signed char __x) {
  char1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ char2 make_char2(signed char __x, signed char __y) {
  char2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ char3 make_char3(signed char __x, signed char __y, signed char __z) {
  char3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ char4 make_char4(signed char __x, signed char __y, signed char __z, signed char __w) {
  char4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ uchar1 make_uchar1(unsigned char __x) {
  uchar1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ uchar2 make_uchar2(unsigned char __x, unsigned char __y) {
  uchar2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ uchar3 make_uchar3(unsigned char __x, unsigned char __y, unsigned char __z) {
  uchar3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ uchar4 make_uchar4(unsigned char __x, unsigned char __y, unsigned char __z, unsigned char __w) {
  uchar4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ short1 make_short1(short __x) {
  short1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ short2 make_short2(short __x, short __y) {
  short2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ short3 make_short3(short __x, short __y, short __z) {
  short3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ short4 make_short4(short __x, short __y, short __z, short __w) {
  short4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ ushort1 make_ushort1(unsigned short __x) {
  ushort1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ ushort2 make_ushort2(unsigned short __x, unsigned short __y) {
  ushort2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ ushort3 make_ushort3(unsigned short __x, unsigned short __y, unsigned short __z) {
  ushort3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ ushort4 make_ushort4(unsigned short __x, unsigned short __y, unsigned short __z, unsigned short __w) {
  ushort4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ int1 make_int1(int __x) {
  int1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ int2 make_int2(int __x, int __y) {
  int2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ int3 make_int3(int __x, int __y, int __z) {
  int3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ int4 make_int4(int __x, int __y, int __z, int __w) {
  int4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ uint1 make_uint1(unsigned int __x) {
  uint1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ uint2 make_uint2(unsigned int __x, unsigned int __y) {
  uint2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ uint3 make_uint3(unsigned int __x, unsigned int __y, unsigned int __z) {
  uint3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ uint4 make_uint4(unsigned int __x, unsigned int __y, unsigned int __z, unsigned int __w) {
  uint4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ long1 make_long1(long __x) {
  long1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ long2 make_long2(long __x, long __y) {
  long2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ long3 make_long3(long __x, long __y, long __z) {
  long3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ long4 make_long4(long __x, long __y, long __z, long __w) {
  long4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ ulong1 make_ulong1(unsigned long __x) {
  ulong1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ ulong2 make_ulong2(unsigned long __x, unsigned long __y) {
  ulong2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ ulong3 make_ulong3(unsigned long __x, unsigned long __y, unsigned long __z) {
  ulong3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ ulong4 make_ulong4(unsigned long __x, unsigned long __y, unsigned long __z, unsigned long __w) {
  ulong4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ longlong1 make_longlong1(long long __x) {
  longlong1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ longlong2 make_longlong2(long long __x, long long __y) {
  longlong2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ longlong3 make_longlong3(long long __x, long long __y, long long __z) {
  longlong3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ longlong4 make_longlong4(long long __x, long long __y, long long __z, long long __w) {
  longlong4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ ulonglong1 make_ulonglong1(unsigned long long __x) {
  ulonglong1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ ulonglong2 make_ulonglong2(unsigned long long __x, unsigned long long __y) {
  ulonglong2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ ulonglong3 make_ulonglong3(unsigned long long __x, unsigned long long __y, unsigned long long __z) {
  ulonglong3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ ulonglong4 make_ulonglong4(unsigned long long __x, unsigned long long __y, unsigned long long __z, unsigned long long __w) {
  ulonglong4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ float1 make_float1(float __x) {
  float1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ float2 make_float2(float __x, float __y) {
  float2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ float3 make_float3(float __x, float __y, float __z) {
  float3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ float4 make_float4(float __x, float __y, float __z, float __w) {
  float4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

__TX_VECFN__ double1 make_double1(double __x) {
  double1 __r;
  __r.x = __x;
  return __r;
}
__TX_VECFN__ double2 make_double2(double __x, double __y) {
  double2 __r;
  __r.x = __x; __r.y = __y;
  return __r;
}
__TX_VECFN__ double3 make_double3(double __x, double __y, double __z) {
  double3 __r;
  __r.x = __x; __r.y = __y; __r.z = __z;
  return __r;
}
__TX_VECFN__ double4 make_double4(double __x, double __y, double __z, double __w) {
  double4 __r;
  __r.x = __x; __r.y = __y; __r.z = __z; __r.w = __w;
  return __r;
}

#undef __TX_VECFN__

#endif // TONGXIN_VECTOR_FUNCTIONS_H
