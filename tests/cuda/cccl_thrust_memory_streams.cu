// Thrust's containers and memory interface around user kernels, from the
// real Thrust headers: host_vector and device_vector construction, copies
// both ways, resize and assignment, thrust::device_ptr arithmetic and
// raw_pointer_cast into a hand-written kernel, device_malloc/device_free,
// fill, sequence, gather and scatter through index maps, and algorithms
// ordered on a user stream with thrust::cuda::par.on(stream). Checked
// against host loops.
#include <thrust/copy.h>
#include <thrust/device_free.h>
#include <thrust/device_malloc.h>
#include <thrust/device_ptr.h>
#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/fill.h>
#include <thrust/gather.h>
#include <thrust/host_vector.h>
#include <thrust/scatter.h>
#include <thrust/sequence.h>

#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

__global__ void addIndex(int *Data, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    Data[I] += I;
}

int main() {
  const int N = 5000;
  thrust::host_vector<int> H(N);
  for (int I = 0; I < N; ++I)
    H[I] = 3 * I;
  thrust::device_vector<int> D = H;
  addIndex<<<(N + 127) / 128, 128>>>(thrust::raw_pointer_cast(D.data()), N);
  expect(cudaDeviceSynchronize() == cudaSuccess, "kernel on a device_vector");
  thrust::host_vector<int> Back = D;
  bool KernelOk = true;
  for (int I = 0; I < N; ++I)
    KernelOk &= Back[I] == 4 * I;
  expect(KernelOk, "raw_pointer_cast into a user kernel");

  D.resize(N + 100, -1);
  expect(D.size() == size_t(N + 100) && D[N + 99] == -1 &&
             D[N - 1] == 4 * (N - 1),
         "resize with a fill value keeps the old elements");

  // device_malloc'd memory through a device_ptr.
  thrust::device_ptr<float> P = thrust::device_malloc<float>(N);
  thrust::fill(P, P + N, 1.5f);
  thrust::sequence(P + N / 2, P + N, 10.0f);
  std::vector<float> F(N);
  thrust::copy(P, P + N, F.begin());
  bool PtrOk = true;
  for (int I = 0; I < N; ++I)
    PtrOk &= F[I] == (I < N / 2 ? 1.5f : 10.0f + float(I - N / 2));
  expect(PtrOk, "fill and sequence through device_ptr arithmetic");
  thrust::device_free(P);

  // gather: Out[I] = In[Map[I]]; scatter: Out[Map[I]] = In[I].
  std::vector<int> Map(N);
  for (int I = 0; I < N; ++I)
    Map[I] = int((I * 3001LL) % N);
  thrust::device_vector<int> DMap(Map.begin(), Map.end());
  thrust::device_vector<int> In(N), Gathered(N), Scattered(N);
  thrust::sequence(In.begin(), In.end(), 100);
  thrust::gather(DMap.begin(), DMap.end(), In.begin(), Gathered.begin());
  thrust::scatter(In.begin(), In.end(), DMap.begin(), Scattered.begin());
  thrust::host_vector<int> G = Gathered, S = Scattered;
  bool GatherOk = true, ScatterOk = true;
  for (int I = 0; I < N; ++I) {
    GatherOk &= G[I] == 100 + Map[I];
    ScatterOk &= S[Map[I]] == 100 + I;
  }
  expect(GatherOk, "gather");
  expect(ScatterOk, "scatter");

  // Algorithms ordered on a stream: the fill must finish before the copy.
  cudaStream_t Stream;
  expect(cudaStreamCreate(&Stream) == cudaSuccess, "cudaStreamCreate");
  thrust::device_vector<int> A(N), B(N);
  thrust::fill(thrust::cuda::par.on(Stream), A.begin(), A.end(), 42);
  thrust::copy(thrust::cuda::par.on(Stream), A.begin(), A.end(), B.begin());
  expect(cudaStreamSynchronize(Stream) == cudaSuccess, "stream sync");
  thrust::host_vector<int> HB = B;
  bool StreamOk = true;
  for (int I = 0; I < N; ++I)
    StreamOk &= HB[I] == 42;
  expect(StreamOk, "fill and copy on a user stream");
  cudaStreamDestroy(Stream);

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
