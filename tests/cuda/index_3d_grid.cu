// 3-D grid of 3-D blocks: each thread records its global (x,y,z) and all
// twelve built-in index/dimension values are cross-checked on the host.
#include <cstdio>
#include <cstdlib>
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

struct Rec { int tx, ty, tz, bx, by, bz, dx, dy, dz, gx, gy, gz; };

__global__ void record3d(Rec *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  int NX = gridDim.x * blockDim.x, NY = gridDim.y * blockDim.y;
  Rec r;
  r.tx = threadIdx.x; r.ty = threadIdx.y; r.tz = threadIdx.z;
  r.bx = blockIdx.x;  r.by = blockIdx.y;  r.bz = blockIdx.z;
  r.dx = blockDim.x;  r.dy = blockDim.y;  r.dz = blockDim.z;
  r.gx = gridDim.x;   r.gy = gridDim.y;   r.gz = gridDim.z;
  out[(z * NY + y) * NX + x] = r;
}

int main() {
  dim3 block(4, 3, 5), grid(3, 4, 2);
  int NX = 12, NY = 12, NZ = 10, N = NX * NY * NZ;
  Rec *d;
  CHECK(cudaMalloc(&d, N * sizeof(Rec)));
  record3d<<<grid, block>>>(d);
  CHECK(cudaGetLastError());
  Rec *h = (Rec *)malloc(N * sizeof(Rec));
  CHECK(cudaMemcpy(h, d, N * sizeof(Rec), cudaMemcpyDeviceToHost));
  for (int z = 0; z < NZ; ++z)
    for (int y = 0; y < NY; ++y)
      for (int x = 0; x < NX; ++x) {
        const Rec &r = h[(z * NY + y) * NX + x];
        bool ok = r.tx == x % 4 && r.ty == y % 3 && r.tz == z % 5 &&
                  r.bx == x / 4 && r.by == y / 3 && r.bz == z / 5 &&
                  r.dx == 4 && r.dy == 3 && r.dz == 5 &&
                  r.gx == 3 && r.gy == 4 && r.gz == 2;
        if (!ok) {
          printf("FAIL: wrong record at (%d,%d,%d): tid=(%d,%d,%d) bid=(%d,%d,%d)\n",
                 x, y, z, r.tx, r.ty, r.tz, r.bx, r.by, r.bz);
          return 1;
        }
      }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
