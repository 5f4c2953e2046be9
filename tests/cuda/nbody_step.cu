// One N-body integration step (softened gravity): each block stages tiles of
// body positions in shared memory (loop over tiles with two barriers per
// iteration), accumulates accelerations, then updates velocity and position.
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

#define BS 128
#define SOFT2 0.01f

__global__ void nbodyStep(const float4 *pos, const float4 *vel, float4 *newPos, float4 *newVel, int n, float dt) {
  __shared__ float4 tile[BS];
  int i = blockIdx.x * BS + threadIdx.x;
  float4 p = i < n ? pos[i] : make_float4(0, 0, 0, 0);
  float ax = 0, ay = 0, az = 0;
  for (int base = 0; base < n; base += BS) {
    int j = base + threadIdx.x;
    tile[threadIdx.x] = j < n ? pos[j] : make_float4(0, 0, 0, 0);  // w = mass, 0 for padding
    __syncthreads();
    for (int k = 0; k < BS; ++k) {
      float4 q = tile[k];
      float dx = q.x - p.x, dy = q.y - p.y, dz = q.z - p.z;
      float r2 = dx * dx + dy * dy + dz * dz + SOFT2;
      float inv = rsqrtf(r2);
      float s = q.w * inv * inv * inv;
      ax += dx * s; ay += dy * s; az += dz * s;
    }
    __syncthreads();
  }
  if (i < n) {
    float4 v = vel[i];
    v.x += ax * dt; v.y += ay * dt; v.z += az * dt;
    newVel[i] = v;
    newPos[i] = make_float4(p.x + v.x * dt, p.y + v.y * dt, p.z + v.z * dt, p.w);
  }
}

int main() {
  const int n = 1000;   // not a multiple of BS
  const float dt = 0.01f;
  float4 *hp = (float4 *)malloc(n * sizeof(float4)), *hv = (float4 *)malloc(n * sizeof(float4));
  unsigned s = 1234u;
  auto rnd = [&]() { s = s * 1664525u + 1013904223u; return (float)(s >> 8) / 16777216.0f; };
  for (int i = 0; i < n; ++i) {
    hp[i] = make_float4(rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1, 0.5f + rnd());
    hv[i] = make_float4(rnd() - 0.5f, rnd() - 0.5f, rnd() - 0.5f, 0);
  }
  float4 *dp, *dv, *dnp, *dnv;
  CHECK(cudaMalloc(&dp, n * sizeof(float4)));
  CHECK(cudaMalloc(&dv, n * sizeof(float4)));
  CHECK(cudaMalloc(&dnp, n * sizeof(float4)));
  CHECK(cudaMalloc(&dnv, n * sizeof(float4)));
  CHECK(cudaMemcpy(dp, hp, n * sizeof(float4), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dv, hv, n * sizeof(float4), cudaMemcpyHostToDevice));
  nbodyStep<<<(n + BS - 1) / BS, BS>>>(dp, dv, dnp, dnv, n, dt);
  CHECK(cudaGetLastError());
  float4 *rp = (float4 *)malloc(n * sizeof(float4)), *rv = (float4 *)malloc(n * sizeof(float4));
  CHECK(cudaMemcpy(rp, dnp, n * sizeof(float4), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rv, dnv, n * sizeof(float4), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    double ax = 0, ay = 0, az = 0, mag = 0;
    for (int j = 0; j < n; ++j) {
      double dx = (double)hp[j].x - hp[i].x, dy = (double)hp[j].y - hp[i].y, dz = (double)hp[j].z - hp[i].z;
      double r2 = dx * dx + dy * dy + dz * dz + SOFT2;
      double sc = hp[j].w / (r2 * sqrt(r2));
      ax += dx * sc; ay += dy * sc; az += dz * sc;
      mag += fabs(sc) * sqrt(r2);   // scale of the terms, for the tolerance
    }
    double vx = hv[i].x + ax * dt, vy = hv[i].y + ay * dt, vz = hv[i].z + az * dt;
    double tolV = 3e-5 * mag * dt + 1e-6;
    if (fabs(rv[i].x - vx) > tolV || fabs(rv[i].y - vy) > tolV || fabs(rv[i].z - vz) > tolV) {
      printf("FAIL: body %d velocity (%f,%f,%f) expected (%f,%f,%f)\n", i, rv[i].x, rv[i].y, rv[i].z, vx, vy, vz);
      return 1;
    }
    double px = hp[i].x + vx * dt;
    if (fabs(rp[i].x - px) > tolV * dt + 1e-6 || rp[i].w != hp[i].w) { printf("FAIL: body %d position\n", i); return 1; }
  }
  CHECK(cudaFree(dp)); CHECK(cudaFree(dv)); CHECK(cudaFree(dnp)); CHECK(cudaFree(dnv));
  free(hp); free(hv); free(rp); free(rv);
  printf("PASS\n");
  return 0;
}
