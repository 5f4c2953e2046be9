// All integer atomics on int: Add, Sub, Exch, Min, Max, Inc, Dec, CAS, And,
// Or, Xor. Many threads hit few addresses; results are order-independent
// (or checked for a property that holds for any order).
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

enum { ADD, SUB, EXCH, MIN, MAX, INC, DEC, CAS, AND, OR, XOR, NSLOT };

__global__ void atomicsKernel(int *slots, int *exchSeen, unsigned *incSlots, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int v = (i * 7919) % 1000 - 500;
  atomicAdd(&slots[ADD], v);
  atomicSub(&slots[SUB], v);
  exchSeen[i] = atomicExch(&slots[EXCH], i);   // returns a unique previous value
  atomicMin(&slots[MIN], v);
  atomicMax(&slots[MAX], v);
  atomicInc(&incSlots[0], 99u);   // wraps to 0 after 99: result is n % 100
  atomicDec(&incSlots[1], 49u);   // counts down, wraps from 0 to 49
  // CAS loop implementing a multiply-by-3 mod 2^31-ish (order-independent: 3^n)
  int old = slots[CAS], assumed;
  do {
    assumed = old;
    old = atomicCAS(&slots[CAS], assumed, (int)(((unsigned)assumed * 3u) & 0x7fffffff));
  } while (old != assumed);
  atomicAnd(&slots[AND], ~(1 << (i % 31)) | (i % 5 == 0 ? 0 : -1));  // every 5th thread clears bit i%31
  atomicOr(&slots[OR], 1 << (i % 29));
  atomicXor(&slots[XOR], i);
}

int main() {
  const int n = 10007;  // not a multiple of the Inc/Dec wrap limits
  int init[NSLOT] = {0};
  init[ADD] = 5; init[SUB] = 5; init[EXCH] = -1; init[MIN] = 1 << 30; init[MAX] = -(1 << 30);
  init[CAS] = 1; init[AND] = -1; init[OR] = 0; init[XOR] = 0;
  unsigned initInc[2] = {0u, 0u};
  int *dslots, *dseen; unsigned *dinc;
  CHECK(cudaMalloc(&dslots, sizeof(init)));
  CHECK(cudaMalloc(&dseen, n * 4));
  CHECK(cudaMalloc(&dinc, sizeof(initInc)));
  CHECK(cudaMemcpy(dslots, init, sizeof(init), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dinc, initInc, sizeof(initInc), cudaMemcpyHostToDevice));
  atomicsKernel<<<(n + 255) / 256, 256>>>(dslots, dseen, dinc, n);
  CHECK(cudaGetLastError());
  int r[NSLOT]; unsigned rinc[2];
  int *seen = (int *)malloc(n * 4);
  CHECK(cudaMemcpy(r, dslots, sizeof(r), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rinc, dinc, sizeof(rinc), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(seen, dseen, n * 4, cudaMemcpyDeviceToHost));

  int sum = 0, mn = 1 << 30, mx = -(1 << 30), andv = -1, orv = 0, xorv = 0;
  unsigned cas = 1;
  for (int i = 0; i < n; ++i) {
    int v = (i * 7919) % 1000 - 500;
    sum += v; mn = v < mn ? v : mn; mx = v > mx ? v : mx;
    andv &= ~(1 << (i % 31)) | (i % 5 == 0 ? 0 : -1);
    orv |= 1 << (i % 29);
    xorv ^= i;
    cas = (cas * 3u) & 0x7fffffff;
  }
  // atomicDec from 0 with limit 49: value sequence 0 -> 49 -> 48 ... so after n: (-n mod 50)
  unsigned decRef = (unsigned)((50 - n % 50) % 50);
  if (r[ADD] != 5 + sum) { printf("FAIL: atomicAdd %d vs %d\n", r[ADD], 5 + sum); return 1; }
  if (r[SUB] != 5 - sum) { printf("FAIL: atomicSub %d vs %d\n", r[SUB], 5 - sum); return 1; }
  if (r[MIN] != mn || r[MAX] != mx) { printf("FAIL: atomicMin/Max %d %d\n", r[MIN], r[MAX]); return 1; }
  if (r[CAS] != (int)cas) { printf("FAIL: atomicCAS loop %d vs %u\n", r[CAS], cas); return 1; }
  if (r[AND] != andv || r[OR] != orv || r[XOR] != xorv) { printf("FAIL: and/or/xor %x %x %x\n", r[AND], r[OR], r[XOR]); return 1; }
  if (rinc[0] != (unsigned)(n % 100)) { printf("FAIL: atomicInc %u vs %u\n", rinc[0], n % 100); return 1; }
  if (rinc[1] != decRef) { printf("FAIL: atomicDec %u vs %u\n", rinc[1], decRef); return 1; }
  // atomicExch: the values seen plus the final value are a permutation of {-1, 0..n-1}
  char *mark = (char *)calloc(n + 1, 1);
  for (int i = 0; i < n; ++i) {
    int s = seen[i] + 1;
    if (s < 0 || s > n || mark[s]) { printf("FAIL: atomicExch returned %d twice/out of range\n", seen[i]); return 1; }
    mark[s] = 1;
  }
  if (r[EXCH] < 0 || r[EXCH] >= n || mark[r[EXCH] + 1]) { printf("FAIL: atomicExch final %d\n", r[EXCH]); return 1; }
  CHECK(cudaFree(dslots)); CHECK(cudaFree(dseen)); CHECK(cudaFree(dinc));
  free(seen); free(mark);
  printf("PASS\n");
  return 0;
}
