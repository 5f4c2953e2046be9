// Linear filtering is one out-of-line function per dimension in the
// device code, whatever the number of fetch sites: inlined, each fetch was
// about a thousand instructions, most of a texture program's compile time.
// Point sampling stays inline at the fetch. (textures-linear-ptx.cu: the
// same in the PTX.)
// RUN: %txcc -c %s -o %t.o && %llvm-nm %t.o > %t.syms
// RUN: %FileCheck %s < %t.syms
// RUN: grep -c '__sample_linearILi2EE' %t.syms | %FileCheck --check-prefix=ONE %s
// RUN: %not grep -q '__sampleILi' %t.syms

#include <cuda_runtime.h>

__global__ void fetchFloat(cudaTextureObject_t T, float *Out) {
  Out[threadIdx.x] = tex2D<float>(T, threadIdx.x + 0.5f, 0.5f);
}

__global__ void fetchFloat4(cudaTextureObject_t T, float4 *Out) {
  Out[threadIdx.x] = tex2D<float4>(T, threadIdx.x + 0.5f, 0.5f);
}

__global__ void fetchLayered(cudaTextureObject_t T, float *Out) {
  Out[threadIdx.x] = tex1DLayered<float>(T, threadIdx.x + 0.5f, 1);
}

// CHECK-DAG: t __txblk__Z10fetchFloaty
// CHECK-DAG: t __txblk__Z11fetchFloat4y
// CHECK-DAG: t __txblk__Z12fetchLayeredy
// CHECK-DAG: __sample_linearILi1EEE
// CHECK-DAG: __sample_linearILi2EEE
// ONE: {{^}}1{{$}}
