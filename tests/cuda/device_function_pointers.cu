// Device function pointers: a __device__ table of function pointers indexed
// by a kernel argument and by data; plus a pointer fetched to the host with
// cudaMemcpyFromSymbol and passed back in as a kernel argument.
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

typedef int (*BinOp)(int, int);

__device__ int opAdd(int a, int b) { return a + b; }
__device__ int opSub(int a, int b) { return a - b; }
__device__ int opMul(int a, int b) { return a * b; }
__device__ int opMax(int a, int b) { return a > b ? a : b; }

__device__ BinOp d_ops[4] = {opAdd, opSub, opMul, opMax};
__device__ BinOp d_mulPtr = opMul;

static int hostOp(int which, int a, int b) {
  switch (which) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    default: return a > b ? a : b;
  }
}

__global__ void applyByArg(const int *a, const int *b, int *out, int n, int which) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = d_ops[which](a[i], b[i]);
}
__global__ void applyByData(const int *a, const int *b, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    BinOp f = d_ops[(a[i] ^ b[i]) & 3];  // divergent: neighbours call different functions
    out[i] = f(a[i], b[i]);
  }
}
__global__ void applyPtr(const int *a, const int *b, int *out, int n, BinOp f) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = f(a[i], b[i]);
}

int main() {
  const int n = 1000;
  int ha[n], hb[n], r[n];
  for (int i = 0; i < n; ++i) { ha[i] = i % 97 - 40; hb[i] = (i * 7) % 53 - 20; }
  int *da, *db, *dout;
  CHECK(cudaMalloc(&da, sizeof(ha)));
  CHECK(cudaMalloc(&db, sizeof(hb)));
  CHECK(cudaMalloc(&dout, sizeof(r)));
  CHECK(cudaMemcpy(da, ha, sizeof(ha), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb, sizeof(hb), cudaMemcpyHostToDevice));
  for (int which = 0; which < 4; ++which) {
    applyByArg<<<(n + 127) / 128, 128>>>(da, db, dout, n, which);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(r, dout, sizeof(r), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i)
      if (r[i] != hostOp(which, ha[i], hb[i])) { printf("FAIL: op %d at %d\n", which, i); return 1; }
  }
  applyByData<<<(n + 127) / 128, 128>>>(da, db, dout, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, sizeof(r), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != hostOp((ha[i] ^ hb[i]) & 3, ha[i], hb[i])) { printf("FAIL: data-selected op at %d\n", i); return 1; }
  BinOp hptr;
  CHECK(cudaMemcpyFromSymbol(&hptr, d_mulPtr, sizeof(BinOp)));
  applyPtr<<<(n + 127) / 128, 128>>>(da, db, dout, n, hptr);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, sizeof(r), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != ha[i] * hb[i]) { printf("FAIL: pointer-argument op at %d\n", i); return 1; }
  CHECK(cudaFree(da)); CHECK(cudaFree(db)); CHECK(cudaFree(dout));
  printf("PASS\n");
  return 0;
}
