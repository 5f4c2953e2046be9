// CUB's device-wide scans called directly, from the real CUB headers:
// DeviceScan::InclusiveSum, ExclusiveSum (in place, where input and output
// are the same array), and InclusiveScan with a user operator over pairs
// (the segmented sum that ReduceByKey is built on). Sizes cover one partial
// tile, exactly one tile and many tiles with a partial last one, so the
// decoupled look-back between blocks runs; every output is checked against a
// host scan.
#include <cub/device/device_scan.cuh>

#include <algorithm>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What, int N) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s (n = %d)\n", What, N);
}

// A segmented sum: a set flag starts a new segment.
struct FlaggedValue {
  int Flag;
  long long Sum;
};

struct SegmentedSum {
  __host__ __device__ FlaggedValue operator()(const FlaggedValue &A,
                                              const FlaggedValue &B) const {
    return {A.Flag | B.Flag, B.Flag ? B.Sum : A.Sum + B.Sum};
  }
};

template <typename T> static std::vector<T> fromDevice(const T *P, int N) {
  std::vector<T> Host(N);
  cudaMemcpy(Host.data(), P, N * sizeof(T), cudaMemcpyDeviceToHost);
  return Host;
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

static void checkSize(int N) {
  std::vector<int> Values(N);
  std::vector<FlaggedValue> Pairs(N);
  unsigned Seed = 2024u + N;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    Values[I] = int(Seed >> 12) % 1001 - 500;
    Pairs[I] = {I == 0 || Seed % 7 == 0, (long long)(Seed >> 8)};
  }
  int *In, *Out;
  FlaggedValue *PairsIn, *PairsOut;
  cudaMalloc(&In, N * sizeof(int));
  cudaMalloc(&Out, N * sizeof(int));
  cudaMalloc(&PairsIn, N * sizeof(FlaggedValue));
  cudaMalloc(&PairsOut, N * sizeof(FlaggedValue));
  cudaMemcpy(In, Values.data(), N * sizeof(int), cudaMemcpyHostToDevice);
  cudaMemcpy(PairsIn, Pairs.data(), N * sizeof(FlaggedValue),
             cudaMemcpyHostToDevice);

  std::vector<int> Want(N);
  int Acc = 0;
  for (int I = 0; I < N; ++I)
    Want[I] = Acc += Values[I];
  cudaError_t Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceScan::InclusiveSum(Temp, Bytes, In, Out, N);
  });
  expect(Err == cudaSuccess && fromDevice(Out, N) == Want, "InclusiveSum", N);

  Acc = 0;
  for (int I = 0; I < N; ++I) {
    Want[I] = Acc;
    Acc += Values[I];
  }
  cudaMemcpy(Out, In, N * sizeof(int), cudaMemcpyDeviceToDevice);
  Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceScan::ExclusiveSum(Temp, Bytes, Out, Out, N);
  });
  expect(Err == cudaSuccess && fromDevice(Out, N) == Want,
         "ExclusiveSum in place", N);

  Err = withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceScan::InclusiveScan(Temp, Bytes, PairsIn, PairsOut,
                                          SegmentedSum(), N);
  });
  std::vector<FlaggedValue> Got = fromDevice(PairsOut, N);
  bool PairsOk = Err == cudaSuccess;
  FlaggedValue Running = Pairs[0];
  for (int I = 0; I < N && PairsOk; ++I) {
    if (I > 0)
      Running = SegmentedSum()(Running, Pairs[I]);
    PairsOk = Got[I].Flag == Running.Flag && Got[I].Sum == Running.Sum;
  }
  expect(PairsOk, "InclusiveScan of a segmented sum over a struct", N);

  cudaFree(In);
  cudaFree(Out);
  cudaFree(PairsIn);
  cudaFree(PairsOut);
}

int main() {
  // A partial tile, about one tile, and many tiles ending in a partial one.
  for (int N : {1, 300, 2304, 100001})
    checkSize(N);
  if (cudaGetLastError() != cudaSuccess)
    expect(false, "cudaGetLastError", 0);
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
