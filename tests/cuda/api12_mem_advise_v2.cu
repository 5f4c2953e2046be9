// CUDA 12's location-based memory advice on managed memory:
// cudaMemAdvise_v2 and the cudaMemLocation overload of cudaMemAdvise with
// SetReadMostly, SetPreferredLocation (device and host, on halves of the
// range), SetAccessedBy and their Unset forms; each read back with
// cudaMemRangeGetAttribute / cudaMemRangeGetAttributes (ordinal, location
// type and id); the CUDA 12 device-ordinal form; argument errors.
#include <cstdio>
#include <cuda_runtime.h>

#if CUDART_VERSION >= 13000  // CUDA 13 folded _v2 into the plain name
#define cudaMemAdvise_v2 cudaMemAdvise
#endif

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

__global__ void sumInto(const int *table, int n, unsigned long long *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(out, (unsigned long long)table[i]);
}

struct Advice { int readMostly, preferred, preferredType, preferredId, accessedBy[4]; };

// All four attributes of [p, p+bytes) in one cudaMemRangeGetAttributes call.
static cudaError_t query(const void *p, size_t bytes, Advice *a) {
  void *data[] = {&a->readMostly, &a->preferred, &a->preferredType, &a->preferredId, a->accessedBy};
  size_t sizes[] = {4, 4, 4, 4, sizeof a->accessedBy};
  cudaMemRangeAttribute attrs[] = {cudaMemRangeAttributeReadMostly, cudaMemRangeAttributePreferredLocation,
                                   cudaMemRangeAttributePreferredLocationType,
                                   cudaMemRangeAttributePreferredLocationId, cudaMemRangeAttributeAccessedBy};
  return cudaMemRangeGetAttributes(data, sizes, attrs, 5, p, bytes);
}

int main() {
  int dev = 0;
  CHECK(cudaGetDevice(&dev));
  const int n = 1 << 18;
  const size_t bytes = n * sizeof(int), half = bytes / 2;
  int *table;
  unsigned long long *sum;
  CHECK(cudaMallocManaged(&table, bytes));
  CHECK(cudaMallocManaged(&sum, sizeof *sum));
  for (int i = 0; i < n; ++i) table[i] = i % 1000;
  const cudaMemLocation onDevice = {cudaMemLocationTypeDevice, dev}, onHost = {cudaMemLocationTypeHost, 0};
  Advice a;
  CHECK(query(table, bytes, &a));
  EXPECT(a.readMostly == 0 && a.preferred == cudaInvalidDeviceId && a.preferredType == cudaMemLocationTypeInvalid);
  EXPECT(a.accessedBy[0] == cudaInvalidDeviceId && a.accessedBy[3] == cudaInvalidDeviceId);

  // A lookup table read by kernels: read-mostly, preferred on the device.
  CHECK(cudaMemAdvise_v2(table, bytes, cudaMemAdviseSetReadMostly, onDevice));  // location ignored
  CHECK(cudaMemAdvise(table, half, cudaMemAdviseSetPreferredLocation, onDevice));
  CHECK(cudaMemAdvise(table + n / 2, half, cudaMemAdviseSetPreferredLocation, onHost));
  CHECK(cudaMemAdvise_v2(table, bytes, cudaMemAdviseSetAccessedBy, onDevice));
  int readMostly = 0;
  CHECK(cudaMemRangeGetAttribute(&readMostly, 4, cudaMemRangeAttributeReadMostly, table, bytes));
  EXPECT(readMostly == 1);
  CHECK(query(table, bytes, &a));  // the halves disagree on the preferred place
  EXPECT(a.readMostly == 1 && a.preferred == cudaInvalidDeviceId && a.preferredType == cudaMemLocationTypeInvalid);
  EXPECT(a.accessedBy[0] == dev && a.accessedBy[1] == cudaInvalidDeviceId && a.accessedBy[3] == cudaInvalidDeviceId);
  CHECK(query(table, half, &a));
  EXPECT(a.preferred == dev && a.preferredType == cudaMemLocationTypeDevice && a.preferredId == dev);
  CHECK(query(table + n / 2, half, &a));
  EXPECT(a.preferred == cudaCpuDeviceId && a.preferredType == cudaMemLocationTypeHost);

  *sum = 0;
  sumInto<<<(n + 255) / 256, 256>>>(table, n, sum);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  unsigned long long ref = 0;
  for (int i = 0; i < n; ++i) ref += i % 1000;
  EXPECT(*sum == ref);

  // Unset everything again.
  CHECK(cudaMemAdvise_v2(table, bytes, cudaMemAdviseUnsetReadMostly, onDevice));
  CHECK(cudaMemAdvise(table, bytes, cudaMemAdviseUnsetPreferredLocation, onDevice));
  CHECK(cudaMemAdvise(table, bytes, cudaMemAdviseUnsetAccessedBy, onDevice));
  CHECK(query(table, bytes, &a));
  EXPECT(a.readMostly == 0 && a.preferred == cudaInvalidDeviceId && a.accessedBy[0] == cudaInvalidDeviceId);

#if CUDART_VERSION < 13000
  // CUDA 12's device-ordinal form, read back as a location.
  CHECK(cudaMemAdvise(table, bytes, cudaMemAdviseSetPreferredLocation, cudaCpuDeviceId));
  CHECK(query(table, bytes, &a));
  EXPECT(a.preferred == cudaCpuDeviceId && a.preferredType == cudaMemLocationTypeHost);
  CHECK(cudaMemAdvise(table, bytes, cudaMemAdviseSetPreferredLocation, dev));
  CHECK(query(table, bytes, &a));
  EXPECT(a.preferred == dev && a.preferredType == cudaMemLocationTypeDevice && a.preferredId == dev);
#endif

  // Errors: AccessedBy needs a multiple of 4 bytes; ranges must be managed
  // memory; advice for a device that does not exist.
  int odd[2];
  EXPECT(cudaMemRangeGetAttribute(odd, 6, cudaMemRangeAttributeAccessedBy, table, bytes) == cudaErrorInvalidValue);
  int *plain;
  CHECK(cudaMalloc(&plain, 4096));
  EXPECT(cudaMemRangeGetAttribute(&readMostly, 4, cudaMemRangeAttributeReadMostly, plain, 4096) == cudaErrorInvalidValue);
  const cudaMemLocation nowhere = {cudaMemLocationTypeDevice, 1000};
  EXPECT(cudaMemAdvise_v2(table, bytes, cudaMemAdviseSetPreferredLocation, nowhere) == cudaErrorInvalidDevice);
  EXPECT(cudaGetLastError() == cudaErrorInvalidDevice);
  EXPECT(cudaGetLastError() == cudaSuccess);
  CHECK(cudaFree(plain));
  CHECK(cudaFree(table));
  CHECK(cudaFree(sum));
  printf("PASS\n");
  return 0;
}
