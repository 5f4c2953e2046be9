// Jacobi iteration for the 2-D Laplace equation: many kernel launches that
// ping-pong two buffers (boundary fixed).
// Compared against the same iteration on the host (in float, same order of
// operations, so results match up to contraction differences).
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

__global__ void jacobiStep(const float *u, float *v, int N) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= N || y >= N) return;
  if (x == 0 || y == 0 || x == N - 1 || y == N - 1) { v[y * N + x] = u[y * N + x]; return; }
  v[y * N + x] = 0.25f * (u[y * N + x - 1] + u[y * N + x + 1] + u[(y - 1) * N + x] + u[(y + 1) * N + x]);
}

int main() {
  const int N = 96, iters = 200;
  float *h = (float *)calloc(N * N, 4), *ref = (float *)malloc(N * N * 4), *tmp = (float *)malloc(N * N * 4);
  for (int x = 0; x < N; ++x) h[x] = 100.0f;              // hot top edge
  for (int y = 0; y < N; ++y) h[y * N] = 50.0f;           // warm left edge
  float *da, *db;
  CHECK(cudaMalloc(&da, N * N * 4));
  CHECK(cudaMalloc(&db, N * N * 4));
  CHECK(cudaMemcpy(da, h, N * N * 4, cudaMemcpyHostToDevice));
  dim3 block(16, 16), grid((N + 15) / 16, (N + 15) / 16);
  for (int it = 0; it < iters; ++it) {
    jacobiStep<<<grid, block>>>(da, db, N);
    float *t = da; da = db; db = t;
  }
  CHECK(cudaGetLastError());
  float *r = (float *)malloc(N * N * 4);
  CHECK(cudaMemcpy(r, da, N * N * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < N * N; ++i) ref[i] = h[i];
  for (int it = 0; it < iters; ++it) {
    for (int y = 0; y < N; ++y)
      for (int x = 0; x < N; ++x)
        tmp[y * N + x] = (x == 0 || y == 0 || x == N - 1 || y == N - 1)
                             ? ref[y * N + x]
                             : 0.25f * (ref[y * N + x - 1] + ref[y * N + x + 1] + ref[(y - 1) * N + x] + ref[(y + 1) * N + x]);
    float *t = ref; ref = tmp; tmp = t;
  }
  for (int i = 0; i < N * N; ++i)
    if (fabsf(r[i] - ref[i]) > 1e-3f) { printf("FAIL: cell %d = %f expected %f\n", i, r[i], ref[i]); return 1; }
  // sanity: interior is between the boundary extremes
  if (!(r[(N / 2) * N + N / 2] > 0.0f && r[(N / 2) * N + N / 2] < 100.0f)) { printf("FAIL: centre value\n"); return 1; }
  CHECK(cudaFree(da)); CHECK(cudaFree(db));
  free(h); free(ref); free(tmp); free(r);
  printf("PASS\n");
  return 0;
}
