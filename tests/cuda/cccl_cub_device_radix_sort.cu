// CUB's device-wide radix sort called directly, from the real CUB headers:
// DeviceRadixSort::SortKeys on unsigned keys through a DoubleBuffer (the
// sorted run ends in whichever buffer Current() names) restricted to a bit
// range, so keys that agree in those bits keep their input order. Checked
// against std::stable_sort on the host. (Thrust's sort_by_key in
// cccl_thrust_algorithms covers CUB's key-value radix sort.)
#include <cub/device/device_radix_sort.cuh>

#include <algorithm>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

template <typename T> static std::vector<T> fromDevice(const T *P, int N) {
  std::vector<T> Host(N);
  cudaMemcpy(Host.data(), P, N * sizeof(T), cudaMemcpyDeviceToHost);
  return Host;
}

template <typename T> static T *toDevice(const std::vector<T> &Host) {
  T *P = nullptr;
  cudaMalloc(&P, Host.size() * sizeof(T));
  cudaMemcpy(P, Host.data(), Host.size() * sizeof(T), cudaMemcpyHostToDevice);
  return P;
}

// Runs a CUB call twice: once to size its temporary storage, once for real.
template <typename Call> static cudaError_t withTempStorage(Call &&Run) {
  size_t Bytes = 0;
  cudaError_t Err = Run(nullptr, Bytes);
  if (Err != cudaSuccess)
    return Err;
  void *Temp = nullptr;
  if ((Err = cudaMalloc(&Temp, Bytes)) != cudaSuccess)
    return Err;
  Err = Run(Temp, Bytes);
  cudaFree(Temp);
  return Err;
}

int main() {
  const int N = 50000;
  std::vector<unsigned> Keys(N);
  unsigned Seed = 17;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    Keys[I] = Seed;
  }
  // Only bits [4, 20) take part: keys that agree there keep their input
  // order (the sort is stable).
  const int BeginBit = 4, EndBit = 20;
  unsigned *KeysA = toDevice(Keys), *KeysB;
  cudaMalloc(&KeysB, N * sizeof(unsigned));
  cub::DoubleBuffer<unsigned> KeyBuffers(KeysA, KeysB);
  cudaError_t Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceRadixSort::SortKeys(Temp, Bytes, KeyBuffers, N, BeginBit,
                                          EndBit);
  });
  auto Field = [&](unsigned Key) {
    return (Key >> BeginBit) & ((1u << (EndBit - BeginBit)) - 1);
  };
  std::vector<unsigned> Want = Keys;
  std::stable_sort(Want.begin(), Want.end(),
                   [&](unsigned A, unsigned B) { return Field(A) < Field(B); });
  expect(Err == cudaSuccess && fromDevice(KeyBuffers.Current(), N) == Want,
         "SortKeys on a bit range through a DoubleBuffer");

  if (cudaGetLastError() != cudaSuccess)
    expect(false, "cudaGetLastError");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
