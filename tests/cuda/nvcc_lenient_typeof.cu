// GNU `typeof` in type-generic macros (SWAP, a statement-expression MAX),
// used in a kernel and on the host, as C-flavoured CUDA code does. In
// -std=c++17 mode `typeof` is not a keyword for clang (only __typeof__);
// nvcc accepts it, and so must txcc.
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

#define SWAP(a, b) do { typeof(a) tmp_ = (a); (a) = (b); (b) = tmp_; } while (0)
#define MAX(a, b) ({ typeof(a) a_ = (a); typeof(b) b_ = (b); a_ > b_ ? a_ : b_; })

// Odd-even transposition sort of one small segment per thread.
template <int K>
__global__ void sortSegments(float *data, int segments, float *segMax) {
  int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= segments) return;
  float v[K];
  for (int i = 0; i < K; ++i) v[i] = data[s * K + i];
  for (int pass = 0; pass < K; ++pass)
    for (int i = pass & 1; i + 1 < K; i += 2)
      if (v[i] > v[i + 1]) SWAP(v[i], v[i + 1]);
  typeof(v[0]) m = v[0];
  for (int i = 1; i < K; ++i) m = MAX(m, v[i]);
  for (int i = 0; i < K; ++i) data[s * K + i] = v[i];
  segMax[s] = m;
}

int main() {
  const int K = 8, segments = 500, n = K * segments;
  float *h = new float[n], *r = new float[n], *mx = new float[segments];
  for (int i = 0; i < n; ++i) h[i] = (float)((i * 7919) % 1009) * 0.5f;
  float *d, *dmax;
  CHECK(cudaMalloc(&d, n * sizeof(float)));
  CHECK(cudaMalloc(&dmax, segments * sizeof(float)));
  CHECK(cudaMemcpy(d, h, n * sizeof(float), cudaMemcpyHostToDevice));
  sortSegments<K><<<(segments + 63) / 64, 64>>>(d, segments, dmax);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, d, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(mx, dmax, segments * sizeof(float), cudaMemcpyDeviceToHost));
  for (int s = 0; s < segments; ++s) {
    float *seg = h + s * K;  // host reference: insertion sort with the same macros
    for (int i = 1; i < K; ++i)
      for (int j = i; j > 0 && seg[j - 1] > seg[j]; --j) SWAP(seg[j - 1], seg[j]);
    typeof(seg[0]) m = seg[0];
    for (int i = 1; i < K; ++i) m = MAX(m, seg[i]);
    for (int i = 0; i < K; ++i)
      if (r[s * K + i] != seg[i]) { printf("FAIL: segment %d element %d\n", s, i); return 1; }
    if (mx[s] != m) { printf("FAIL: segment %d max %g expected %g\n", s, mx[s], m); return 1; }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dmax));
  delete[] h; delete[] r; delete[] mx;
  printf("PASS\n");
  return 0;
}
