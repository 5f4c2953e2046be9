// Only <cstdio> is included (to report): nvcc's forced cuda_runtime.h
// brings limits.h, stddef.h, <utility> and <limits>, and real code relies on
// it. INT_MAX, INT_MIN, ULONG_MAX, CHAR_BIT and size_t in a kernel;
// std::numeric_limits, std::pair, std::swap and std::move on the host.
#include <cstdio>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

// Saturating add, the classic INT_MAX user.
__host__ __device__ int addSat(int a, int b) {
  if (b > 0 && a > INT_MAX - b) return INT_MAX;
  if (b < 0 && a < INT_MIN - b) return INT_MIN;
  return a + b;
}

__host__ __device__ int popcountBits(unsigned long v) {
  int c = 0;
  for (size_t k = 0; k < sizeof(v) * CHAR_BIT; ++k) c += (v >> k) & 1ul;
  return c;
}

__global__ void kernel(const int *a, const int *b, int *sat, int *bits, size_t n) {
  size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  sat[i] = addSat(a[i], b[i]);
  bits[i] = popcountBits(ULONG_MAX >> (i % (sizeof(unsigned long) * CHAR_BIT)));
}

// Host helper in the style that assumes <utility> is there.
static std::pair<int, int> ordered(int a, int b) {
  if (a > b) std::swap(a, b);
  return std::pair<int, int>(std::move(a), std::move(b));
}

int main() {
  const size_t n = 777;
  int *a, *b, *sat, *bits;
  CHECK(cudaMallocManaged(&a, n * sizeof(int)));
  CHECK(cudaMallocManaged(&b, n * sizeof(int)));
  CHECK(cudaMallocManaged(&sat, n * sizeof(int)));
  CHECK(cudaMallocManaged(&bits, n * sizeof(int)));
  for (size_t i = 0; i < n; ++i) {
    a[i] = (i % 3 == 0) ? INT_MAX - (int)i : (i % 3 == 1 ? INT_MIN + (int)i : (int)(i * 1000));
    b[i] = (i % 2 == 0) ? (int)(i * 12345) : -(int)(i * 54321);
  }
  kernel<<<(unsigned)((n + 127) / 128), 128>>>(a, b, sat, bits, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  const long long lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
  int saturated = 0;
  for (size_t i = 0; i < n; ++i) {
    long long exact = (long long)a[i] + b[i];
    int ref = (int)(exact < lo ? lo : (exact > hi ? hi : exact));
    saturated += ref == INT_MAX || ref == INT_MIN;
    int refBits = (int)(sizeof(unsigned long) * CHAR_BIT - i % (sizeof(unsigned long) * CHAR_BIT));
    if (sat[i] != ref || bits[i] != refBits) {
      printf("FAIL: i=%zu: sat %d bits %d, expected %d %d\n", i, sat[i], bits[i], ref, refBits);
      return 1;
    }
    std::pair<int, int> p = ordered(sat[i], a[i]);
    if (p.first > p.second) { printf("FAIL: std::swap did not order %zu\n", i); return 1; }
  }
  if (saturated == 0) { printf("FAIL: no saturating case exercised\n"); return 1; }
  CHECK(cudaFree(a)); CHECK(cudaFree(b)); CHECK(cudaFree(sat)); CHECK(cudaFree(bits));
  printf("PASS\n");
  return 0;
}
