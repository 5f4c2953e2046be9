// Legacy texture and surface references (removed in CUDA 12) and the fetch
// forms Tongxin does not implement are compile errors that say so, at the
// line that uses them. Texture objects compile.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s

__global__ void supported(cudaTextureObject_t tex, float *out) {
  out[threadIdx.x] = tex2D<float>(tex, 0.5f, 0.5f);
}

__global__ void cubemap(cudaTextureObject_t tex, float *out) {
  out[threadIdx.x] = texCubemap<float>(tex, 0.5f, 0.5f, 0.5f);
}

__global__ void gather(cudaTextureObject_t tex, float4 *out) {
  out[threadIdx.x] = tex2Dgather<float4>(tex, 0.5f, 0.5f, 0);
}

texture<float, 2> legacyRef;
surface<void, 2> legacySurface;

void bind(float *p) { cudaBindTexture(nullptr, p, 16); }

// CHECK-NOT: textures-unsupported.cu:7:
// CHECK: textures-unsupported.cu:11:{{[0-9]+}}: error: 'texCubemap<float, {{.*}}>' is unavailable: cubemap textures are not supported by Tongxin
// CHECK: textures-unsupported.cu:15:{{[0-9]+}}: error: 'tex2Dgather<float4, {{.*}}>' is unavailable: texture gathers are not supported by Tongxin
// The reference templates are not declared (user code may name its own
// variables "texture"): a legacy reference fails at its line.
// CHECK: textures-unsupported.cu:18:1: error: no template named 'texture'
// CHECK: textures-unsupported.cu:19:1: error: no template named 'surface'
// CHECK: textures-unsupported.cu:21:{{[0-9]+}}: error: 'cudaBindTexture<{{.*}}>' is unavailable: texture and surface references were removed in CUDA 12; use texture and surface objects (cudaCreateTextureObject)
