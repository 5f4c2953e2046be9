// In the PTX as in the CPU code, linear filtering is one function per
// dimension (a .func the entries call), not a copy in every fetch.
// REQUIRES: libdevice
// RUN: %txcc -ptx %s -o %t.ptx && %FileCheck %s < %t.ptx

#include <cuda_runtime.h>

__global__ void fetchFloat(cudaTextureObject_t T, float *Out) {
  Out[threadIdx.x] = tex2D<float>(T, threadIdx.x + 0.5f, 0.5f);
}

__global__ void fetchFloat4(cudaTextureObject_t T, float4 *Out) {
  Out[threadIdx.x] = tex2D<float4>(T, threadIdx.x + 0.5f, 0.5f);
}

// CHECK: .entry _Z10fetchFloatyPf(
// CHECK: call.uni (retval0),
// CHECK-NEXT: __sample_linearILi2EE
// CHECK: .entry _Z11fetchFloat4yP6float4(
// CHECK: call.uni (retval0),
// CHECK-NEXT: __sample_linearILi2EE
// CHECK: .func {{.*}}__sample_linearILi2EE{{.*}}(
// CHECK-NOT: .func {{.*}}__sample_linear
