// memcheck on a correct program that reaches memory every way CUDA code
// does: runtime allocations of each kind (device, pitched, pinned, mapped
// host memory, managed, stream-ordered pools), __device__, __constant__ and
// __managed__ variables, static and dynamic shared memory, local arrays
// (also through a pointer into a device function), by-value structs, the
// device heap, device memcpy/memset, atomics, string literals, textures
// and a graph launch. Nothing is reported, and the program's own checks
// pass.
// RUN: %txcc --check=memcheck -O2 %s -o %t
// RUN: env TONGXIN_LEAK_CHECK=full %t 2>&1 | %FileCheck %s
// CHECK-NOT: Invalid
// CHECK-NOT: error encountered
// CHECK:     PASS
// CHECK:     LEAK SUMMARY: 0 bytes leaked in 0 allocations
// CHECK:     ERROR SUMMARY: 0 errors

#include <cstdio>
#include <cstring>

struct Params {
  int Weights[8];
  int Count;
};

__device__ int Bias[16];
__constant__ int Lookup[32];
__managed__ int Calls;

__device__ __noinline__ int sumOf(const int *Values, int Count) {
  int Sum = 0;
  for (int I = 0; I < Count; ++I)
    Sum += Values[I];
  return Sum;
}

__device__ __noinline__ int length(const char *Text) {
  int N = 0;
  while (Text[N])
    ++N;
  return N;
}

__global__ void everything(int *Out, const int *Pitched, size_t Pitch,
                           int *Pinned, int *Managed, int *Pooled,
                           const int *Registered, Params P,
                           cudaTextureObject_t Tex) {
  __shared__ int Tile[64];
  extern __shared__ int Extra[];
  int T = threadIdx.x;
  int Local[8];
  for (int I = 0; I < 8; ++I)
    Local[I] = P.Weights[(I + T) % P.Count];
  Tile[T] = T;
  Extra[T] = Lookup[T % 32] + Bias[T % 16];
  __syncthreads();
  int V = Tile[63 - T] + Extra[(T + 1) % 64] + sumOf(Local, 8) +
          Local[T % 8] + length("memcheck");
  const int *Row = reinterpret_cast<const int *>(
      reinterpret_cast<const char *>(Pitched) + (T % 4) * Pitch);
  V += Row[T % 16];
  V += Pinned[T] + Managed[T] + Pooled[T] + Registered[T] - 2;
  V += tex1Dfetch<int>(Tex, T);
  int *Scratch = static_cast<int *>(malloc(16 * sizeof(int)));
  memset(Scratch, 0, 16 * sizeof(int));
  memcpy(Scratch, Local, 8 * sizeof(int));
  V += Scratch[T % 16];
  free(Scratch);
  V += __shfl_xor_sync(0xffffffffu, T, 1) - (T ^ 1);
  __syncthreads();
  atomicAdd(&Tile[0], 1);
  atomicAdd(&Calls, 1);
  Out[blockIdx.x * blockDim.x + T] = V;
}

int main() {
  const int Threads = 64, Blocks = 2;
  int HostLookup[32], HostBias[16];
  for (int I = 0; I < 32; ++I)
    HostLookup[I] = I;
  for (int I = 0; I < 16; ++I)
    HostBias[I] = 100 + I;
  cudaMemcpyToSymbol(Lookup, HostLookup, sizeof(HostLookup));
  cudaMemcpyToSymbol(Bias, HostBias, sizeof(HostBias));

  int *Out, *Pitched, *Pinned, *PinnedDev, *Managed, *Pooled, *TexData;
  size_t Pitch;
  cudaMalloc(&Out, Blocks * Threads * sizeof(int));
  cudaMallocPitch(&Pitched, &Pitch, 16 * sizeof(int), 4);
  cudaMemset2D(Pitched, Pitch, 0, 16 * sizeof(int), 4);
  cudaHostAlloc(&Pinned, Threads * sizeof(int), cudaHostAllocMapped);
  cudaHostGetDevicePointer(&PinnedDev, Pinned, 0);
  cudaMallocManaged(&Managed, Threads * sizeof(int));
  static int Registered[Threads];
  int *RegisteredDev;
  cudaHostRegister(Registered, sizeof(Registered), cudaHostRegisterMapped);
  cudaHostGetDevicePointer(&RegisteredDev, Registered, 0);
  cudaStream_t Stream;
  cudaStreamCreate(&Stream);
  cudaMallocAsync(&Pooled, Threads * sizeof(int), Stream);
  cudaMemsetAsync(Pooled, 0, Threads * sizeof(int), Stream);
  for (int I = 0; I < Threads; ++I)
    Pinned[I] = Managed[I] = Registered[I] = 1;
  cudaMalloc(&TexData, Threads * sizeof(int));
  cudaMemset(TexData, 0, Threads * sizeof(int));
  cudaResourceDesc Res = {};
  Res.resType = cudaResourceTypeLinear;
  Res.res.linear.devPtr = TexData;
  Res.res.linear.desc = cudaCreateChannelDesc<int>();
  Res.res.linear.sizeInBytes = Threads * sizeof(int);
  cudaTextureDesc TexDesc = {};
  cudaTextureObject_t Tex;
  cudaCreateTextureObject(&Tex, &Res, &TexDesc, nullptr);

  Params P = {{1, 2, 3, 4, 5, 6, 7, 8}, 8};
  // Once directly, once through a captured graph.
  everything<<<Blocks, Threads, Threads * sizeof(int), Stream>>>(
      Out, Pitched, Pitch, PinnedDev, Managed, Pooled, RegisteredDev, P, Tex);
  cudaGraph_t Graph;
  cudaGraphExec_t Exec;
  cudaStreamBeginCapture(Stream, cudaStreamCaptureModeGlobal);
  everything<<<Blocks, Threads, Threads * sizeof(int), Stream>>>(
      Out, Pitched, Pitch, PinnedDev, Managed, Pooled, RegisteredDev, P, Tex);
  cudaStreamEndCapture(Stream, &Graph);
  cudaGraphInstantiate(&Exec, Graph, 0);
  cudaGraphLaunch(Exec, Stream);
  cudaError_t Err = cudaStreamSynchronize(Stream);

  int Host[Blocks * Threads];
  cudaMemcpy(Host, Out, sizeof(Host), cudaMemcpyDeviceToHost);
  bool Ok = Err == cudaSuccess && Calls == 2 * Blocks * Threads;
  for (int B = 0; B < Blocks; ++B)
    for (int T = 0; T < Threads; ++T) {
      int Local[8], Sum = 0;
      for (int I = 0; I < 8; ++I)
        Sum += Local[I] = 1 + (I + T) % 8;
      int Want = (63 - T) + ((T + 1) % 64 % 32 + 100 + (T + 1) % 64 % 16) +
                 Sum + Local[T % 8] + 8 + 1 +
                 (T % 16 < 8 ? Local[T % 16] : 0);
      Ok &= Host[B * Threads + T] == Want;
    }
  std::printf("%s\n", Ok ? "PASS" : "FAIL");

  cudaGraphExecDestroy(Exec);
  cudaGraphDestroy(Graph);
  cudaDestroyTextureObject(Tex);
  cudaFreeAsync(Pooled, Stream);
  cudaStreamSynchronize(Stream);
  cudaStreamDestroy(Stream);
  cudaHostUnregister(Registered);
  cudaFree(TexData);
  cudaFree(Managed);
  cudaFreeHost(Pinned);
  cudaFree(Pitched);
  cudaFree(Out);
  return Ok ? 0 : 1;
}
