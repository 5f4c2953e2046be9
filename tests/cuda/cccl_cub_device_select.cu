// CUB's device-wide selection called directly, from the real CUB headers:
// DeviceSelect::Flagged (keep the items whose flag is set), DeviceSelect::If
// with a user predicate, and DeviceSelect::Unique (the first of each run of
// equal items). Each writes its count to device memory; outputs and counts
// are checked against the host, over many tiles ending in a partial one.
#include <cub/device/device_select.cuh>

#include <algorithm>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct IsNegativeOdd {
  __host__ __device__ bool operator()(int X) const { return X < 0 && (X & 1); }
};

template <typename T> static std::vector<T> fromDevice(const T *P, int N) {
  std::vector<T> Host(N > 0 ? N : 0);
  cudaMemcpy(Host.data(), P, Host.size() * sizeof(T), cudaMemcpyDeviceToHost);
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
  const int N = 77777;
  std::vector<int> Values(N);
  std::vector<char> Flags(N);
  unsigned Seed = 99;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    // Runs of repeated values for Unique: a new value every few items.
    Values[I] =
        I > 0 && Seed % 4 != 0 ? Values[I - 1] : int(Seed >> 10) % 2001 - 1000;
    Flags[I] = (Seed >> 5) % 3 == 0;
  }
  int *In = toDevice(Values), *Out, *Count;
  char *FlagsIn = toDevice(Flags);
  cudaMalloc(&Out, N * sizeof(int));
  cudaMalloc(&Count, sizeof(int));
  int Got = -1;

  std::vector<int> Want;
  for (int I = 0; I < N; ++I)
    if (Flags[I])
      Want.push_back(Values[I]);
  cudaError_t Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceSelect::Flagged(Temp, Bytes, In, FlagsIn, Out, Count, N);
  });
  cudaMemcpy(&Got, Count, sizeof(int), cudaMemcpyDeviceToHost);
  expect(Err == cudaSuccess && Got == int(Want.size()) &&
             fromDevice(Out, Got) == Want,
         "DeviceSelect::Flagged");

  Want.clear();
  std::copy_if(Values.begin(), Values.end(), std::back_inserter(Want),
               IsNegativeOdd());
  Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceSelect::If(Temp, Bytes, In, Out, Count, N,
                                 IsNegativeOdd());
  });
  cudaMemcpy(&Got, Count, sizeof(int), cudaMemcpyDeviceToHost);
  expect(Err == cudaSuccess && Got == int(Want.size()) &&
             fromDevice(Out, Got) == Want,
         "DeviceSelect::If");

  Want.assign(Values.begin(), Values.end());
  Want.erase(std::unique(Want.begin(), Want.end()), Want.end());
  Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceSelect::Unique(Temp, Bytes, In, Out, Count, N);
  });
  cudaMemcpy(&Got, Count, sizeof(int), cudaMemcpyDeviceToHost);
  expect(Err == cudaSuccess && Got == int(Want.size()) &&
             fromDevice(Out, Got) == Want,
         "DeviceSelect::Unique");

  if (cudaGetLastError() != cudaSuccess)
    expect(false, "cudaGetLastError");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
