// A portability header of the kind many libraries carry (small vector math
// shared by CPU and GPU builds): when neither nvcc nor hipcc compiles it, the
// CUDA qualifiers are defined away so that g++ can build the same header.
// txcc must define __NVCC__, so the qualifiers stay CUDA's and the
// __host__ __device__ functions run in a kernel and on the host.
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

//===--- vecmath.h (as a library ships it) -------------------------------===//
#if !defined(__NVCC__) && !defined(__HIPCC__)
#define __host__
#define __device__
#define __forceinline__ inline
#define VECMATH_PLAIN_CPP 1
#endif
#if defined(__CUDACC__) || defined(__HIPCC__)
#define VM_FUNC __host__ __device__ __forceinline__
#else
#define VM_FUNC inline
#endif

struct Vec3 { float x, y, z; };
VM_FUNC Vec3 make_vec3(float x, float y, float z) { Vec3 v = {x, y, z}; return v; }
VM_FUNC Vec3 operator+(Vec3 a, Vec3 b) { return make_vec3(a.x + b.x, a.y + b.y, a.z + b.z); }
VM_FUNC Vec3 operator*(float s, Vec3 a) { return make_vec3(s * a.x, s * a.y, s * a.z); }
VM_FUNC float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
VM_FUNC Vec3 cross(Vec3 a, Vec3 b) {
  return make_vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
__host__ __device__ inline int wrapIndex(int i, int n) { return ((i % n) + n) % n; }
//===----------------------------------------------------------------------===//

#ifdef VECMATH_PLAIN_CPP
#error "__NVCC__ is not defined: the header took its plain C++ branch"
#endif

// Small integer coordinates: every product and sum is exact in float, so
// host and device agree bit for bit whatever the contraction.
__global__ void triple(const Vec3 *a, const Vec3 *b, Vec3 *out, float *vol, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Vec3 c = a[wrapIndex(i + 1, n)];
  out[i] = cross(a[i], b[i]) + 2.0f * c;
  vol[i] = dot(a[i], cross(b[i], c));
}

int main() {
  const int n = 1000;
  Vec3 *a = new Vec3[n], *b = new Vec3[n], *out = new Vec3[n];
  float *vol = new float[n];
  unsigned s = 12345u;
  auto next = [&s]() { s = s * 1664525u + 1013904223u; return (float)((int)(s >> 28) - 8); };
  for (int i = 0; i < n; ++i) {
    a[i] = make_vec3(next(), next(), next());
    b[i] = make_vec3(next(), next(), next());
  }
  Vec3 *da, *db, *dout;
  float *dvol;
  CHECK(cudaMalloc(&da, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&db, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&dout, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&dvol, n * sizeof(float)));
  CHECK(cudaMemcpy(da, a, n * sizeof(Vec3), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, b, n * sizeof(Vec3), cudaMemcpyHostToDevice));
  triple<<<(n + 127) / 128, 128>>>(da, db, dout, dvol, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out, dout, n * sizeof(Vec3), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(vol, dvol, n * sizeof(float), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    Vec3 c = a[wrapIndex(i + 1, n)];
    Vec3 r = cross(a[i], b[i]) + 2.0f * c;  // the same functions on the host
    float v = dot(a[i], cross(b[i], c));
    if (r.x != out[i].x || r.y != out[i].y || r.z != out[i].z || v != vol[i]) {
      printf("FAIL: element %d: (%g %g %g | %g) expected (%g %g %g | %g)\n", i,
             out[i].x, out[i].y, out[i].z, vol[i], r.x, r.y, r.z, v);
      return 1;
    }
  }
  CHECK(cudaFree(da)); CHECK(cudaFree(db)); CHECK(cudaFree(dout)); CHECK(cudaFree(dvol));
  delete[] a; delete[] b; delete[] out; delete[] vol;
  printf("PASS\n");
  return 0;
}
