// CUB's device-wide reductions called directly, from the real CUB headers,
// with the two-phase temporary-storage protocol (a null query for the size,
// then the call): DeviceReduce::Sum, Min, ArgMin and Reduce with a user
// operator over a user struct (its minimum, maximum and count), ReduceByKey
// over runs of keys, and DeviceSegmentedReduce::Sum and ::Max over segments
// given by offsets, empty segments included. Inputs span many tiles and end in
// a partial one; every result is checked against a host loop.
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_segmented_reduce.cuh>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

#define CHECK_CUDA(Call)                                                       \
  do {                                                                         \
    cudaError_t Err = (Call);                                                  \
    if (Err != cudaSuccess) {                                                  \
      printf("FAIL: %s: %s\n", #Call, cudaGetErrorString(Err));                \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// A reduction over a struct: the bounding interval of the values and their
// count, merged by a user functor.
struct Span {
  int Lo, Hi, Count;
};

struct MergeSpans {
  __host__ __device__ Span operator()(const Span &A, const Span &B) const {
    return {A.Lo < B.Lo ? A.Lo : B.Lo, A.Hi > B.Hi ? A.Hi : B.Hi,
            A.Count + B.Count};
  }
};

template <typename T> static T *toDevice(const std::vector<T> &Host) {
  T *Device = nullptr;
  cudaMalloc(&Device, Host.size() * sizeof(T) + 1);
  cudaMemcpy(Device, Host.data(), Host.size() * sizeof(T),
             cudaMemcpyHostToDevice);
  return Device;
}

template <typename T> static T fromDevice(const T *Device) {
  T Value;
  cudaMemcpy(&Value, Device, sizeof(T), cudaMemcpyDeviceToHost);
  return Value;
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
  const int N = 100003;
  std::vector<int> Values(N);
  unsigned Seed = 12345;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    Values[I] = int(Seed >> 9) % 2000001 - 1000000;
  }
  int *In = toDevice(Values);
  long long *Sum64;
  int *Out;
  cub::KeyValuePair<int, int> *Arg;
  CHECK_CUDA(cudaMalloc(&Sum64, sizeof(long long)));
  CHECK_CUDA(cudaMalloc(&Out, sizeof(int)));
  CHECK_CUDA(cudaMalloc(&Arg, sizeof(*Arg)));

  CHECK_CUDA(withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceReduce::Sum(Temp, Bytes, In, Sum64, N);
  }));
  long long WantSum = 0;
  for (int V : Values)
    WantSum += V;
  expect(fromDevice(Sum64) == WantSum, "DeviceReduce::Sum into 64 bits");

  // ArgMin reports the first position of the smallest value.
  CHECK_CUDA(withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceReduce::ArgMin(Temp, Bytes, In, Arg, N);
  }));
  auto MinAt = std::min_element(Values.begin(), Values.end());
  auto GotMin = fromDevice(Arg);
  expect(GotMin.key == int(MinAt - Values.begin()) && GotMin.value == *MinAt,
         "DeviceReduce::ArgMin");
  std::vector<Span> Spans(N);
  for (int I = 0; I < N; ++I)
    Spans[I] = {Values[I], Values[I], 1};
  Span *SpansIn = toDevice(Spans), *SpanOut;
  CHECK_CUDA(cudaMalloc(&SpanOut, sizeof(Span)));
  const Span Empty = {INT_MAX, INT_MIN, 0};
  CHECK_CUDA(withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceReduce::Reduce(Temp, Bytes, SpansIn, SpanOut, N,
                                     MergeSpans(), Empty);
  }));
  Span Got = fromDevice(SpanOut);
  auto MaxAt = std::max_element(Values.begin(), Values.end());
  expect(Got.Lo == *MinAt && Got.Hi == *MaxAt && Got.Count == N,
         "DeviceReduce::Reduce with a user operator on a struct");

  // Runs of equal keys, lengths 1..7, summed by key.
  std::vector<int> Keys(N), WantKeys, WantSums;
  for (int I = 0, Key = 0; I < N; ++Key)
    for (int Run = 1 + Key % 7; Run > 0 && I < N; --Run, ++I)
      Keys[I] = Key % 5 == 4 ? Key - 1 : Key; // some neighbours share a key
  for (int I = 0; I < N; ++I) {
    if (I == 0 || Keys[I] != Keys[I - 1]) {
      WantKeys.push_back(Keys[I]);
      WantSums.push_back(0);
    }
    WantSums.back() += Values[I];
  }
  int *KeysIn = toDevice(Keys), *UniqueOut, *SumsOut, *RunsOut;
  CHECK_CUDA(cudaMalloc(&UniqueOut, N * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&SumsOut, N * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&RunsOut, sizeof(int)));
  CHECK_CUDA(withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceReduce::ReduceByKey(Temp, Bytes, KeysIn, UniqueOut, In,
                                          SumsOut, RunsOut, cub::Sum(), N);
  }));
  int Runs = fromDevice(RunsOut);
  std::vector<int> GotKeys(Runs > 0 && Runs <= N ? Runs : 0), GotSums(GotKeys);
  cudaMemcpy(GotKeys.data(), UniqueOut, GotKeys.size() * sizeof(int),
             cudaMemcpyDeviceToHost);
  cudaMemcpy(GotSums.data(), SumsOut, GotSums.size() * sizeof(int),
             cudaMemcpyDeviceToHost);
  expect(Runs == int(WantKeys.size()) && GotKeys == WantKeys &&
             GotSums == WantSums,
         "DeviceReduce::ReduceByKey");

  // Segments of varied length, some empty, one far longer than a tile.
  std::vector<int> Offsets = {0};
  for (int S = 0; Offsets.back() < N; ++S) {
    int Length = S % 9 == 3 ? 0 : S == 5 ? 40000 : 1 + (S * 37) % 3000;
    Offsets.push_back(std::min(N, Offsets.back() + Length));
  }
  int Segments = int(Offsets.size()) - 1;
  int *OffsetsIn = toDevice(Offsets), *SegOut;
  long long *SegSums;
  CHECK_CUDA(cudaMalloc(&SegOut, Segments * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&SegSums, Segments * sizeof(long long)));
  CHECK_CUDA(withTempStorage([&](void *Temp, size_t &Bytes) {
    return cub::DeviceSegmentedReduce::Sum(Temp, Bytes, In, SegSums, Segments,
                                           OffsetsIn, OffsetsIn + 1);
  }));
  std::vector<long long> GotSegSums(Segments);
  cudaMemcpy(GotSegSums.data(), SegSums, Segments * sizeof(long long),
             cudaMemcpyDeviceToHost);
  bool SegmentsOk = true;
  for (int S = 0; S < Segments; ++S) {
    long long Sum = 0;
    for (int I = Offsets[S]; I < Offsets[S + 1]; ++I) {
      Sum += Values[I];
    }
    SegmentsOk &= GotSegSums[S] == Sum;
  }
  expect(SegmentsOk, "DeviceSegmentedReduce::Sum");

  CHECK_CUDA(cudaGetLastError());
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
