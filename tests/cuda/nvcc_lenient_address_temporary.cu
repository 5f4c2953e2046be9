// Device helpers that take vectors by pointer, called with the address of
// a temporary: dot3(&make_float3(...), &v). Taking the address of a
// prvalue is ill-formed C++ (clang: "taking the address of a temporary
// object"); nvcc accepts it in device code with a warning, and so must
// txcc. A ray/plane intersection kernel against a host reference.
#include <cmath>
#include <cstdio>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__host__ __device__ inline float dot3(const float3 *a, const float3 *b) {
  return a->x * b->x + a->y * b->y + a->z * b->z;
}

// Distance along each ray (origin o, direction dir) to the plane n.p = d.
__global__ void hitPlane(const float3 *dir, float *t, int n, float3 o, float4 plane) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float denom = dot3(&make_float3(plane.x, plane.y, plane.z), &dir[i]);
  float num = plane.w - dot3(&make_float3(plane.x, plane.y, plane.z), &o);
  t[i] = denom != 0.0f ? num / denom : -1.0f;
}

int main() {
  const int n = 2048;
  float3 *dir = new float3[n];
  float *t = new float[n];
  for (int i = 0; i < n; ++i)
    dir[i] = make_float3((float)(i % 9 - 4), (float)(i % 5 + 1), (float)((i / 7) % 3 - 1));
  const float3 o = make_float3(1.0f, -2.0f, 0.5f);
  const float4 plane = make_float4(0.0f, 1.0f, 0.5f, 3.0f);  // y + z/2 = 3
  float3 *dd;
  float *dt;
  CUDA_CHECK(cudaMalloc(&dd, n * sizeof(float3)));
  CUDA_CHECK(cudaMalloc(&dt, n * sizeof(float)));
  CUDA_CHECK(cudaMemcpy(dd, dir, n * sizeof(float3), cudaMemcpyHostToDevice));
  hitPlane<<<(n + 255) / 256, 256>>>(dd, dt, n, o, plane);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(t, dt, n * sizeof(float), cudaMemcpyDeviceToHost));
  const float3 pn = make_float3(plane.x, plane.y, plane.z);
  for (int i = 0; i < n; ++i) {
    float denom = dot3(&pn, &dir[i]), ref = denom != 0.0f ? (plane.w - dot3(&pn, &o)) / denom : -1.0f;
    if (fabsf(t[i] - ref) > 1e-6f * fabsf(ref)) { printf("FAIL: t[%d] = %g expected %g\n", i, t[i], ref); return 1; }
  }
  CUDA_CHECK(cudaFree(dd)); CUDA_CHECK(cudaFree(dt));
  delete[] dir; delete[] t;
  printf("PASS\n");
  return 0;
}
