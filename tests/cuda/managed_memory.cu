// cudaMallocManaged: one pointer written by the host, updated by kernels,
// read and modified by the host again between launches (after synchronising),
// including a managed struct holding a pointer to managed data (linked list).
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

struct Node { int value; Node *next; };

__global__ void square(int *a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = a[i] * a[i];
}
__global__ void walkList(const Node *head, long long *sum) {
  long long s = 0;
  for (const Node *p = head; p; p = p->next) s += p->value;
  *sum = s;
}
// The counter lives in cudaMallocManaged memory (__managed__ variables are
// covered by nvcc_managed_*.cu and multi/nvcc_managed_extern).
__global__ void bumpCounter(int *counter) { atomicAdd(counter, 1); }

int main() {
  const int n = 4096;
  int *a;
  CHECK(cudaMallocManaged(&a, n * sizeof(int)));
  for (int i = 0; i < n; ++i) a[i] = i % 100 - 50;
  square<<<(n + 255) / 256, 256>>>(a, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i) {
    int v = i % 100 - 50;
    if (a[i] != v * v) { printf("FAIL: a[%d] = %d expected %d\n", i, a[i], v * v); return 1; }
    a[i] += 1;  // host modifies in place
  }
  square<<<(n + 255) / 256, 256>>>(a, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i) {
    int v = i % 100 - 50, r = (v * v + 1) * (v * v + 1);
    if (a[i] != r) { printf("FAIL: second pass a[%d] = %d expected %d\n", i, a[i], r); return 1; }
  }

  const int len = 50;
  Node *nodes; long long *sum;
  CHECK(cudaMallocManaged(&nodes, len * sizeof(Node)));
  CHECK(cudaMallocManaged(&sum, sizeof(long long)));
  // chain the nodes in a scrambled order: 0 -> 7 -> 14 -> ... (7 is coprime with 50)
  for (int k = 0; k < len; ++k) {
    int cur = (k * 7) % len, nxt = ((k + 1) * 7) % len;
    nodes[cur].value = cur * 3 + 1;
    nodes[cur].next = k + 1 < len ? &nodes[nxt] : nullptr;
  }
  walkList<<<1, 1>>>(nodes, sum);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  long long ref = 0;
  for (int k = 0; k < len; ++k) ref += k * 3 + 1;
  if (*sum != ref) { printf("FAIL: list sum %lld expected %lld\n", *sum, ref); return 1; }

  int *counter = nullptr;
  CHECK(cudaMallocManaged(&counter, sizeof(int)));
  *counter = 5;
  bumpCounter<<<4, 32>>>(counter);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  if (*counter != 5 + 128) { printf("FAIL: managed counter %d\n", *counter); return 1; }
  CHECK(cudaFree(counter));
  CHECK(cudaFree(a)); CHECK(cudaFree(nodes)); CHECK(cudaFree(sum));
  printf("PASS\n");
  return 0;
}
