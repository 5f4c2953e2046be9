// PCI bus ids, as multi-GPU/MPI code uses them to match devices with
// topology information: cudaDeviceGetPCIBusId for each device (consistent
// with cudaDeviceProp's pciDomainID/pciBusID/pciDeviceID), then
// cudaDeviceGetByPCIBusId round trips for the documented forms
// (domain:bus:device.function, domain:bus:device, bus:device.function, any
// hex case); malformed and unknown ids and bad devices are errors. A
// kernel runs on the device found.
#include <cctype>
#include <cstdio>
#include <cstring>
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

__global__ void iota(int *a, int n, int base) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = base + i;
}

static bool sameIgnoringCase(const char *a, const char *b) {
  for (; *a && *b; ++a, ++b)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
  return *a == *b;
}

int main() {
  int count = 0;
  CHECK(cudaGetDeviceCount(&count));
  EXPECT(count >= 1);
  for (int dev = 0; dev < count; ++dev) {
    char busId[32];
    CHECK(cudaDeviceGetPCIBusId(busId, (int)sizeof busId, dev));
    cudaDeviceProp prop;
    CHECK(cudaGetDeviceProperties(&prop, dev));
    char expect[32];
    snprintf(expect, sizeof expect, "%04x:%02x:%02x.0", prop.pciDomainID, prop.pciBusID, prop.pciDeviceID);
    printf("device %d: %s (%s)\n", dev, busId, prop.name);
    EXPECT(sameIgnoringCase(busId, expect));

    unsigned domain = 0, bus = 0, device = 0, function = 0;
    EXPECT(sscanf(busId, "%x:%x:%x.%x", &domain, &bus, &device, &function) == 4);
    char forms[5][32];
    snprintf(forms[0], 32, "%s", busId);
    snprintf(forms[1], 32, "%04x:%02x:%02x", domain, bus, device);
    snprintf(forms[2], 32, "%02x:%02x.%x", bus, device, function);
    snprintf(forms[3], 32, "%04X:%02X:%02X.%X", domain, bus, device, function);
    snprintf(forms[4], 32, "%x:%x:%x.%x", domain, bus, device, function);  // no zero padding
    for (int f = 0; f < 5; ++f) {
      int found = -1;
      CHECK(cudaDeviceGetByPCIBusId(&found, forms[f]));
      if (found != dev) { printf("FAIL: '%s' -> device %d, expected %d\n", forms[f], found, dev); return 1; }
    }
  }
  int found = -1;
  char busId[32];
  EXPECT(cudaDeviceGetPCIBusId(busId, (int)sizeof busId, count) == cudaErrorInvalidDevice);
  EXPECT(cudaDeviceGetPCIBusId(nullptr, 32, 0) == cudaErrorInvalidValue);
  EXPECT(cudaDeviceGetByPCIBusId(&found, "not-a-bus-id") == cudaErrorInvalidValue);
  EXPECT(cudaDeviceGetByPCIBusId(&found, nullptr) == cudaErrorInvalidValue);
  EXPECT(cudaDeviceGetByPCIBusId(&found, "ffff:fe:1f.7") == cudaErrorInvalidDevice);  // no such device
  EXPECT(cudaGetLastError() == cudaErrorInvalidDevice);

  // Pick the device by bus id, as a topology-aware launcher would.
  CHECK(cudaDeviceGetPCIBusId(busId, (int)sizeof busId, count - 1));
  CHECK(cudaDeviceGetByPCIBusId(&found, busId));
  CHECK(cudaSetDevice(found));
  int *a;
  CHECK(cudaMallocManaged(&a, 1000 * sizeof(int)));
  iota<<<4, 256>>>(a, 1000, 17);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < 1000; ++i) EXPECT(a[i] == 17 + i);
  CHECK(cudaFree(a));
  printf("PASS\n");
  return 0;
}
