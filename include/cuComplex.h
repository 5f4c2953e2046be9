/*===- cuComplex.h - Single and double precision complex numbers -*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. cuFloatComplex and cuDoubleComplex are float2 and       *|
|* double2 (as in CUDA, so arrays of them are interchangeable with the      *|
|* vector types and with C99/C++ complex layouts), with arithmetic callable *|
|* from host and device code. Used by cuBLAS, cuFFT, cuSPARSE, cuSOLVER.    *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_CUCOMPLEX_H
#define TONGXIN_CUCOMPLEX_H

#include <math.h>

#include "tongxin/host_defines.h"
#include "vector_types.h"

#ifdef __cplusplus
#define __TX_CPLXFN__ static __host__ __device__ __inline__
extern "C" {
#else
#define __TX_CPLXFN__ static __inline__
#endif

typedef float2 cuFloatComplex;
typedef double2 cuDoubleComplex;
typedef cuFloatComplex cuComplex;

/*--- Single precision ------------------------------------------------------*/

__TX_CPLXFN__ float cuCrealf(cuFloatComplex __x) { return __x.x; }
__TX_CPLXFN__ float cuCimagf(cuFloatComplex __x) { return __x.y; }

__TX_CPLXFN__ cuFloatComplex make_cuFloatComplex(float __r, float __i) {
  cuFloatComplex __z;
  __z.x = __r;
  __z.y = __i;
  return __z;
}

__TX_CPLXFN__ cuFloatComplex cuConjf(cuFloatComplex __x) {
  return make_cuFloatComplex(__x.x, -__x.y);
}
__TX_CPLXFN__ cuFloatComplex cuCaddf(cuFloatComplex __x, cuFloatComplex __y) {
  return make_cuFloatComplex(__x.x + __y.x, __x.y + __y.y);
}
__TX_CPLXFN__ cuFloatComplex cuCsubf(cuFloatComplex __x, cuFloatComplex __y) {
  return make_cuFloatComplex(__x.x - __y.x, __x.y - __y.y);
}
__TX_CPLXFN__ cuFloatComplex cuCmulf(cuFloatComplex __x, cuFloatComplex __y) {
  return make_cuFloatComplex(__x.x * __y.x - __x.y * __y.y,
                             __x.x * __y.y + __x.y * __y.x);
}

/* Both operands are scaled by 1 / (|Re y| + |Im y|) first, so that the
 * squared magnitude of the divisor neither overflows nor underflows. */
__TX_CPLXFN__ cuFloatComplex cuCdivf(cuFloatComplex __x, cuFloatComplex __y) {
  float __s = 1.0f / (fabsf(__y.x) + fabsf(__y.y));
  float __xr = __x.x * __s, __xi = __x.y * __s;
  float __yr = __y.x * __s, __yi = __y.y * __s;
  float __d = 1.0f / (__yr * __yr + __yi * __yi);
  return make_cuFloatComplex((__xr * __yr + __xi * __yi) * __d,
                             (__xi * __yr - __xr * __yi) * __d);
}

/* |x| without overflow for large components: the larger one factored out. */
__TX_CPLXFN__ float cuCabsf(cuFloatComplex __x) {
  float __a = fabsf(__x.x), __b = fabsf(__x.y);
  float __hi = __a > __b ? __a : __b, __lo = __a > __b ? __b : __a;
  if (__hi == 0.0f || __hi > 3.402823466e38f)
    return __hi + __lo; /* Zero, or infinite/NaN propagates. */
  __lo /= __hi;
  return __hi * sqrtf(1.0f + __lo * __lo);
}

/* x * y + d */
__TX_CPLXFN__ cuFloatComplex cuCfmaf(cuFloatComplex __x, cuFloatComplex __y,
                                     cuFloatComplex __d) {
  return make_cuFloatComplex(__x.x * __y.x - __x.y * __y.y + __d.x,
                             __x.x * __y.y + __x.y * __y.x + __d.y);
}

__TX_CPLXFN__ cuComplex make_cuComplex(float __r, float __i) {
  return make_cuFloatComplex(__r, __i);
}

/*--- Double precision ------------------------------------------------------*/

__TX_CPLXFN__ double cuCreal(cuDoubleComplex __x) { return __x.x; }
__TX_CPLXFN__ double cuCimag(cuDoubleComplex __x) { return __x.y; }

__TX_CPLXFN__ cuDoubleComplex make_cuDoubleComplex(double __r, double __i) {
  cuDoubleComplex __z;
  __z.x = __r;
  __z.y = __i;
  return __z;
}

__TX_CPLXFN__ cuDoubleComplex cuConj(cuDoubleComplex __x) {
  return make_cuDoubleComplex(__x.x, -__x.y);
}
__TX_CPLXFN__ cuDoubleComplex cuCadd(cuDoubleComplex __x, cuDoubleComplex __y) {
  return make_cuDoubleComplex(__x.x + __y.x, __x.y + __y.y);
}
__TX_CPLXFN__ cuDoubleComplex cuCsub(cuDoubleComplex __x, cuDoubleComplex __y) {
  return make_cuDoubleComplex(__x.x - __y.x, __x.y - __y.y);
}
__TX_CPLXFN__ cuDoubleComplex cuCmul(cuDoubleComplex __x, cuDoubleComplex __y) {
  return make_cuDoubleComplex(__x.x * __y.x - __x.y * __y.y,
                              __x.x * __y.y + __x.y * __y.x);
}
__TX_CPLXFN__ cuDoubleComplex cuCdiv(cuDoubleComplex __x, cuDoubleComplex __y) {
  double __s = 1.0 / (fabs(__y.x) + fabs(__y.y));
  double __xr = __x.x * __s, __xi = __x.y * __s;
  double __yr = __y.x * __s, __yi = __y.y * __s;
  double __d = 1.0 / (__yr * __yr + __yi * __yi);
  return make_cuDoubleComplex((__xr * __yr + __xi * __yi) * __d,
                              (__xi * __yr - __xr * __yi) * __d);
}
__TX_CPLXFN__ double cuCabs(cuDoubleComplex __x) {
  double __a = fabs(__x.x), __b = fabs(__x.y);
  double __hi = __a > __b ? __a : __b, __lo = __a > __b ? __b : __a;
  if (__hi == 0.0 || __hi > 1.7976931348623157e308)
    return __hi + __lo;
  __lo /= __hi;
  return __hi * sqrt(1.0 + __lo * __lo);
}
__TX_CPLXFN__ cuDoubleComplex cuCfma(cuDoubleComplex __x, cuDoubleComplex __y,
                                     cuDoubleComplex __d) {
  return make_cuDoubleComplex(__x.x * __y.x - __x.y * __y.y + __d.x,
                              __x.x * __y.y + __x.y * __y.x + __d.y);
}

/*--- Conversions -----------------------------------------------------------*/

__TX_CPLXFN__ cuDoubleComplex cuComplexFloatToDouble(cuFloatComplex __c) {
  return make_cuDoubleComplex((double)__c.x, (double)__c.y);
}
__TX_CPLXFN__ cuFloatComplex cuComplexDoubleToFloat(cuDoubleComplex __c) {
  return make_cuFloatComplex((float)__c.x, (float)__c.y);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#undef __TX_CPLXFN__

#endif /* TONGXIN_CUCOMPLEX_H */
