// __isShared, __isGlobal, __isConstant and __isLocal on pointers into
// static and dynamic shared memory (their first and last elements), device
// allocations, __device__ and __constant__ variables, and a thread's local
// array; from a kernel and from a device function kept out of line (which
// reads the block's window from the runtime). On a CPU a __constant__
// variable and a local array are ordinary memory: they count as global and
// not constant/local there, as docs/limitations.md says; on a GPU they are
// constant and local. The test checks what both agree on and, for those
// two, one device's answers for both pointers and both copies (the GPU's
// if the __constant__ variable tests constant).
#include <cstdio>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__device__ int deviceVar[4];
__constant__ int constVar[4];

enum { Shared, Global, Constant, Local, Kinds };

__device__ void classify(const void *p, int *out) {
  out[Shared] = __isShared(p) != 0;
  out[Global] = __isGlobal(p) != 0;
  out[Constant] = __isConstant(p) != 0;
  out[Local] = __isLocal(p) != 0;
}

__device__ __noinline__ void classifyOutOfLine(const void *p, int *out) {
  classify(p, out);
}

// One row of Kinds answers per pointer, in the order the host expects.
__global__ void predicates(const int *alloc, int *out, int dynamicInts) {
  __shared__ float tile[64];
  extern __shared__ int dynamic[];
  int local[8];
  local[threadIdx.x % 8] = int(threadIdx.x);
  tile[threadIdx.x % 64] = 1.0f;
  __syncthreads();
  if (threadIdx.x != 0 || blockIdx.x != 1)
    return;
  const void *ptrs[] = {
      &tile[0], &tile[63],     &dynamic[0],  &dynamic[dynamicInts - 1],
      alloc,    &deviceVar[2], &constVar[1], &local[3]};
  int n = sizeof(ptrs) / sizeof(ptrs[0]);
  for (int i = 0; i < n; ++i)
    classify(ptrs[i], out + i * Kinds);
  for (int i = 0; i < n; ++i)
    classifyOutOfLine(ptrs[i], out + (n + i) * Kinds);
}

int main() {
  const int dynamicInts = 48, pointers = 8;
  int *alloc, *out;
  CHECK(cudaMalloc(&alloc, 64));
  CHECK(cudaMalloc(&out, 2 * pointers * Kinds * sizeof(int)));
  CHECK(cudaMemset(out, 0xff, 2 * pointers * Kinds * sizeof(int)));
  predicates<<<2, 64, dynamicInts * sizeof(int)>>>(alloc, out, dynamicInts);
  CHECK(cudaGetLastError());
  int got[2 * pointers * Kinds];
  CHECK(cudaMemcpy(got, out, sizeof(got), cudaMemcpyDeviceToHost));
  // shared, global, constant, local
  int want[pointers][Kinds] = {
      {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0},
      {0, 1, 0, 0}, {0, 1, 0, 0}, {0, 1, 0, 0}, // __constant__: ordinary memory
                                                // on a CPU
      {0, 1, 0, 0}, // a local array: ordinary memory on a CPU
  };
  const int constantRow = 6, localRow = 7;
  if (got[constantRow * Kinds + Constant] == 1) {
    // A GPU's state spaces: the same answer for the local array too.
    const int constant[Kinds] = {0, 0, 1, 0}, local[Kinds] = {0, 0, 0, 1};
    for (int k = 0; k < Kinds; ++k)
      want[constantRow][k] = constant[k], want[localRow][k] = local[k];
  }
  const char *names[pointers] = {
      "tile[0]",    "tile[63]",       "dynamic[0]",       "dynamic[last]",
      "cudaMalloc", "__device__ var", "__constant__ var", "local array"};
  int failures = 0;
  for (int copy = 0; copy < 2; ++copy)
    for (int i = 0; i < pointers; ++i)
      for (int k = 0; k < Kinds; ++k) {
        int g = got[(copy * pointers + i) * Kinds + k];
        if (g != want[i][k]) {
          printf("FAIL: %s%s: predicate %d gave %d, want %d\n", names[i],
                 copy ? " (out of line)" : "", k, g, want[i][k]);
          ++failures;
        }
      }
  CHECK(cudaFree(alloc));
  CHECK(cudaFree(out));
  if (failures)
    return 1;
  printf("PASS\n");
  return 0;
}
