// Stream attributes as L2-persistence tuning code uses them:
// cudaStreamSetAttribute / cudaStreamGetAttribute for the access policy
// window (sized by cudaDevAttrMaxAccessPolicyWindowSize, as CUDA's
// samples do), the synchronization policy, the memory-sync domain and its
// map; the priority read as an attribute; cudaStreamCopyAttributes;
// cudaCtxResetPersistingL2Cache; a kernel on the tuned stream.
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
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: line %d: %s\n", __LINE__, #cond); return 1; } \
  } while (0)

__global__ void lookupSum(const int *table, int tableSize, const int *keys, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = table[keys[i] % tableSize] + table[(keys[i] * 7) % tableSize];
}

int main() {
  int dev = 0, maxWindow = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&maxWindow, cudaDevAttrMaxAccessPolicyWindowSize, dev));
  const int tableSize = 1 << 14, n = 1 << 16;
  int *table, *keys, *out;
  CHECK(cudaMallocManaged(&table, tableSize * sizeof(int)));
  CHECK(cudaMallocManaged(&keys, n * sizeof(int)));
  CHECK(cudaMallocManaged(&out, n * sizeof(int)));
  for (int i = 0; i < tableSize; ++i) table[i] = i * 3 - 5;
  for (int i = 0; i < n; ++i) keys[i] = (i * 2654435761u) >> 8;

  cudaStream_t s, copy;
  CHECK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
  CHECK(cudaStreamCreate(&copy));
  // Keep the hot table in L2 (the window is clamped to what the device allows).
  size_t tableBytes = tableSize * sizeof(int);
  cudaStreamAttrValue v = {};
  v.accessPolicyWindow.base_ptr = table;
  v.accessPolicyWindow.num_bytes = tableBytes < (size_t)maxWindow ? tableBytes : (size_t)maxWindow;
  v.accessPolicyWindow.hitRatio = 0.75f;
  v.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
  v.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
  CHECK(cudaStreamSetAttribute(s, cudaStreamAttributeAccessPolicyWindow, &v));
  cudaStreamAttrValue back = {};
  CHECK(cudaStreamGetAttribute(s, cudaStreamAttributeAccessPolicyWindow, &back));
  EXPECT(back.accessPolicyWindow.base_ptr == table && back.accessPolicyWindow.num_bytes == v.accessPolicyWindow.num_bytes);
  EXPECT(back.accessPolicyWindow.hitRatio == 0.75f && back.accessPolicyWindow.hitProp == cudaAccessPropertyPersisting &&
         back.accessPolicyWindow.missProp == cudaAccessPropertyStreaming);

  v = {};
  v.syncPolicy = cudaSyncPolicyYield;
  CHECK(cudaStreamSetAttribute(s, cudaStreamAttributeSynchronizationPolicy, &v));
  v = {};
  v.memSyncDomain = cudaLaunchMemSyncDomainRemote;
  CHECK(cudaStreamSetAttribute(s, cudaStreamAttributeMemSyncDomain, &v));
  v = {};
  v.memSyncDomainMap.default_ = 0;
  v.memSyncDomainMap.remote = 1;
  CHECK(cudaStreamSetAttribute(s, cudaStreamAttributeMemSyncDomainMap, &v));
  CHECK(cudaStreamGetAttribute(s, cudaStreamAttributeSynchronizationPolicy, &back));
  EXPECT(back.syncPolicy == cudaSyncPolicyYield);
  CHECK(cudaStreamGetAttribute(s, cudaStreamAttributeMemSyncDomain, &back));
  EXPECT(back.memSyncDomain == cudaLaunchMemSyncDomainRemote);
  CHECK(cudaStreamGetAttribute(s, cudaStreamAttributeMemSyncDomainMap, &back));
  EXPECT(back.memSyncDomainMap.default_ == 0 && back.memSyncDomainMap.remote == 1);
  int prio = 1000;
  CHECK(cudaStreamGetPriority(s, &prio));
  CHECK(cudaStreamGetAttribute(s, cudaStreamAttributePriority, &back));
  EXPECT(back.priority == prio);

  // Every attribute carries over to another stream.
  CHECK(cudaStreamCopyAttributes(copy, s));
  CHECK(cudaStreamGetAttribute(copy, cudaStreamAttributeAccessPolicyWindow, &back));
  EXPECT(back.accessPolicyWindow.base_ptr == table && back.accessPolicyWindow.hitRatio == 0.75f);
  CHECK(cudaStreamGetAttribute(copy, cudaStreamAttributeSynchronizationPolicy, &back));
  EXPECT(back.syncPolicy == cudaSyncPolicyYield);

  lookupSum<<<n / 256, 256, 0, s>>>(table, tableSize, keys, out, n);
  CHECK(cudaGetLastError());
  CHECK(cudaStreamSynchronize(s));
  for (int i = 0; i < n; ++i) {
    int ref = table[keys[i] % tableSize] + table[(keys[i] * 7) % tableSize];
    if (out[i] != ref) { printf("FAIL: out[%d] = %d expected %d\n", i, out[i], ref); return 1; }
  }
  // Done with the hot table: drop the window and reset persisting lines.
  v = {};
  v.accessPolicyWindow.num_bytes = 0;
  CHECK(cudaStreamSetAttribute(s, cudaStreamAttributeAccessPolicyWindow, &v));
  CHECK(cudaCtxResetPersistingL2Cache());
  EXPECT(cudaStreamGetAttribute(s, cudaStreamAttributeSynchronizationPolicy, nullptr) == cudaErrorInvalidValue);
  (void)cudaGetLastError();
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaStreamDestroy(copy));
  CHECK(cudaFree(table)); CHECK(cudaFree(keys)); CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
