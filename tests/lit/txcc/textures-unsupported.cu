// Texture fetches and legacy texture references are named as unsupported
// at compile time, at the line that uses them.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s

__global__ void k(cudaTextureObject_t tex, float *out) {
  out[threadIdx.x] = tex2D<float>(tex, 0.5f, 0.5f);
}

texture<float, 2> legacyRef;

// CHECK: textures-unsupported.cu:6:{{[0-9]+}}: error: 'tex2D<float, unsigned long long, float, float>' is unavailable: texture and surface fetches are not supported by Tongxin yet
// CHECK: textures-unsupported.cu:9:1: error: 'texture<float, 2>' is unavailable: legacy texture references were removed in CUDA 12; use texture objects
