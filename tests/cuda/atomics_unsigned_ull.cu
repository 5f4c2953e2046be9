// Atomics on unsigned int and unsigned long long: Add, Sub (unsigned), Exch,
// Min, Max, CAS, And, Or, Xor; 64-bit values exercise the high word.
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

typedef unsigned long long u64;

__host__ __device__ u64 mix64(u64 x) {
  x ^= x >> 31; x *= 0x7fb5d329728ea185ull; x ^= x >> 27; x *= 0x81dadef4bc2dd44dull; x ^= x >> 33;
  return x;
}

__global__ void atomicsU(unsigned *u, u64 *q, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned v = (unsigned)(i + 1) * 2654435761u;
  u64 w = mix64(i + 1);
  atomicAdd(&u[0], v);          // wraps mod 2^32
  atomicSub(&u[1], v);
  atomicMin(&u[2], v);
  atomicMax(&u[3], v);
  atomicAnd(&u[4], v | 0x0f0f0f0fu);
  atomicOr(&u[5], v & 0x80000001u);
  atomicXor(&u[6], v);
  atomicAdd(&q[0], w);          // wraps mod 2^64
  atomicMin(&q[1], w);
  atomicMax(&q[2], w);
  atomicAnd(&q[3], w | 0x00ff00ff00ff00ffull);
  atomicOr(&q[4], w & 0x8000000000000001ull);
  atomicXor(&q[5], w);
  atomicExch(&q[6], 0xabcdef0123456789ull);   // everyone writes the same value
  // 64-bit CAS loop: add (w >> 40) + 1
  u64 old = q[7], assumed;
  do { assumed = old; old = atomicCAS(&q[7], assumed, assumed + (w >> 40) + 1); } while (old != assumed);
  // 32-bit unsigned CAS loop: saturating increment at 1000
  unsigned o = u[7], a;
  do { a = o; o = atomicCAS(&u[7], a, a < 1000u ? a + 1 : a); } while (o != a);
}

int main() {
  const int n = 20000;
  unsigned hu[8] = {1u, 1u, 0xffffffffu, 0u, 0xffffffffu, 0u, 0u, 0u};
  u64 hq[8] = {3ull, ~0ull, 0ull, ~0ull, 0ull, 0ull, 0ull, 10ull};
  unsigned *du; u64 *dq;
  CHECK(cudaMalloc(&du, sizeof(hu)));
  CHECK(cudaMalloc(&dq, sizeof(hq)));
  CHECK(cudaMemcpy(du, hu, sizeof(hu), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dq, hq, sizeof(hq), cudaMemcpyHostToDevice));
  atomicsU<<<(n + 127) / 128, 128>>>(du, dq, n);
  CHECK(cudaGetLastError());
  unsigned ru[8]; u64 rq[8];
  CHECK(cudaMemcpy(ru, du, sizeof(ru), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rq, dq, sizeof(rq), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    unsigned v = (unsigned)(i + 1) * 2654435761u;
    u64 w = mix64(i + 1);
    hu[0] += v; hu[1] -= v; hu[2] = v < hu[2] ? v : hu[2]; hu[3] = v > hu[3] ? v : hu[3];
    hu[4] &= v | 0x0f0f0f0fu; hu[5] |= v & 0x80000001u; hu[6] ^= v;
    hu[7] = hu[7] < 1000u ? hu[7] + 1 : hu[7];
    hq[0] += w; hq[1] = w < hq[1] ? w : hq[1]; hq[2] = w > hq[2] ? w : hq[2];
    hq[3] &= w | 0x00ff00ff00ff00ffull; hq[4] |= w & 0x8000000000000001ull; hq[5] ^= w;
    hq[7] += (w >> 40) + 1;
  }
  hq[6] = 0xabcdef0123456789ull;
  for (int k = 0; k < 8; ++k)
    if (ru[k] != hu[k]) { printf("FAIL: unsigned slot %d: %u vs %u\n", k, ru[k], hu[k]); return 1; }
  for (int k = 0; k < 8; ++k) {
    if (rq[k] != hq[k]) { printf("FAIL: u64 slot %d: %llx vs %llx\n", k, rq[k], hq[k]); return 1; }
  }
  CHECK(cudaFree(du)); CHECK(cudaFree(dq));
  printf("PASS\n");
  return 0;
}
