// A precompiled cuda_runtime.h gives the same code as parsing it (PTX has
// no per-compile identifier, so the files compare equal).
// REQUIRES: libdevice
// RUN: rm -rf %t && mkdir -p %t
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -ptx %s -o %t/first.ptx
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -ptx %s -o %t/with.ptx
// RUN: env TONGXIN_PCH=0 %txcc -ptx %s -o %t/without.ptx
// RUN: ls %t/cache/pch/*.pch
// RUN: diff %t/with.ptx %t/without.ptx
// RUN: diff %t/first.ptx %t/without.ptx

#include <cuda_fp16.h>

__global__ void scale(float *Data, __half *Halves, float Factor) {
  Data[threadIdx.x] = sinf(Data[threadIdx.x]) * Factor;
  Halves[threadIdx.x] = __float2half(Data[threadIdx.x]);
}
