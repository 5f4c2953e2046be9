// initcheck (txcc --check=initcheck): a read of device memory that nothing
// wrote since cudaMalloc -- in a kernel, by an atomic, or as the source of
// a copy -- is reported with its size, line, thread and place in the
// allocation, and each such read is an error (exit status 1); the program
// runs on. Writes by kernels, cudaMemcpy, cudaMemset (sync and async),
// device memcpy, and a library's host code (txLibraryWroteDeviceMemory)
// count; managed memory is not tracked. A correct program reports nothing.
// RUN: %txcc --check=initcheck -O2 %s -o %t
// RUN: %not %t never-written 2>&1 | %FileCheck %s --check-prefix=NEVER
// RUN: %not %t half-set 2>&1 | %FileCheck %s --check-prefix=HALF
// RUN: %not %t atomic 2>&1 | %FileCheck %s --check-prefix=ATOMIC
// RUN: %not %t copy-out 2>&1 | %FileCheck %s --check-prefix=COPY
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN
// A tool txcc does not have is named in an error.
// RUN: %not %txcc --check=initcheck,leakcheck %s -o %t.bad 2>&1 | %FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: txcc: error: unsupported check 'leakcheck' (supported: memcheck, synccheck, racecheck, initcheck)

#include "tongxin/library_support.h"

#include <cstdio>
#include <cstring>

__global__ void copyOut(const int *In, int *Out) {
  int T = blockIdx.x * blockDim.x + threadIdx.x;
  Out[T] = In[T] + 1;
}

__global__ void count(unsigned *Counter) { atomicAdd(Counter, 1u); }

__global__ void writeHalf(int *Out, int N) {
  int T = threadIdx.x;
  if (T < N / 2)
    Out[T] = T;
}

__global__ void deviceCopy(const int *In, int *Out, int N) {
  if (threadIdx.x == 0)
    memcpy(Out, In, N * sizeof(int));
}

static int neverWritten() {
  int *In, *Out;
  cudaMalloc(&In, 256 * sizeof(int));
  cudaMalloc(&Out, 256 * sizeof(int));
  copyOut<<<2, 128>>>(In, Out);
  return cudaDeviceSynchronize() != cudaSuccess;
}
// NEVER:      TONGXIN INITCHECK (txcc --check=initcheck)
// NEVER:      ========= Uninitialized __global__ memory read of size 4 bytes
// NEVER-NEXT: =========     at copyOut(int const*, int*) in {{.*}}initcheck.cu:25
// NEVER-NEXT: =========     by thread ({{[0-9]+}},0,0) in block ({{[01]}},0,0) of kernel copyOut(int const*, int*)
// NEVER-NEXT: =========     Address 0x{{[0-9a-f]+}} is {{[0-9]+}} bytes into the allocation at 0x{{[0-9a-f]+}} of size 1024 bytes
// NEVER-NEXT: =========     and none of the bytes was written since it was allocated
// NEVER:      ========= ERROR SUMMARY: 256 errors

static int halfSet() {
  int *In, *Out;
  cudaMalloc(&In, 256 * sizeof(int));
  cudaMalloc(&Out, 256 * sizeof(int));
  // Only the first 128 ints (and two bytes of the 129th) are set.
  cudaMemset(In, 0, 128 * sizeof(int) + 2);
  copyOut<<<2, 128>>>(In, Out);
  return cudaDeviceSynchronize() != cudaSuccess;
}
// HALF:      and 2 of the 4 bytes (the first at 0x{{[0-9a-f]+}}) were never written since it was allocated
// HALF:      ========= ERROR SUMMARY: 128 errors

static int atomicOnUnset() {
  unsigned *Counter;
  cudaMalloc(&Counter, sizeof(unsigned));
  count<<<1, 32>>>(Counter);
  return cudaDeviceSynchronize() != cudaSuccess;
}
// The first thread's atomic reads the never-set counter; its add writes it.
// ATOMIC:      ========= Uninitialized __global__ memory read of size 4 bytes (atomic)
// ATOMIC-NEXT: =========     at count(unsigned int*) in {{.*}}initcheck.cu:28
// ATOMIC:      ========= ERROR SUMMARY: 1 error

static int copyUnwrittenOut() {
  int *Out, Host[64];
  cudaMalloc(&Out, 64 * sizeof(int));
  writeHalf<<<1, 64>>>(Out, 64);
  cudaMemcpy(Host, Out, sizeof(Host), cudaMemcpyDeviceToHost);
  return cudaDeviceSynchronize() != cudaSuccess;
}
// COPY:      ========= Host API uninitialized memory access
// COPY-NEXT: =========     A copy (cudaMemcpy and the like) reads 256 bytes of device memory at 0x{{[0-9a-f]+}}
// COPY-NEXT: =========     Address 0x{{[0-9a-f]+}} is 0 bytes into the allocation at 0x{{[0-9a-f]+}} of size 256 bytes
// COPY-NEXT: =========     and 128 of the 256 bytes (the first at 0x{{[0-9a-f]+}}) were never written since it was allocated
// COPY:      ========= ERROR SUMMARY: 1 error

static int clean() {
  const int N = 256;
  int Host[N], Back[N];
  for (int I = 0; I < N; ++I)
    Host[I] = I;
  int *A, *B, *C, *D, *E, *Managed;
  cudaMalloc(&A, N * sizeof(int));
  cudaMalloc(&B, N * sizeof(int));
  cudaMalloc(&C, N * sizeof(int));
  cudaMalloc(&D, N * sizeof(int));
  cudaMallocManaged(&Managed, N * sizeof(int));
  cudaStream_t S;
  cudaStreamCreate(&S);
  cudaMallocAsync(&E, N * sizeof(int), S);
  cudaMemcpy(A, Host, sizeof(Host), cudaMemcpyHostToDevice); // A: copied in
  copyOut<<<2, 128>>>(A, B);                                 // B: a kernel
  cudaMemcpy(C, B, sizeof(Host), cudaMemcpyDeviceToDevice);  // C: a copy
  deviceCopy<<<1, 32>>>(C, D, N);                            // D: memcpy
  cudaMemsetAsync(E, 0, N * sizeof(int), S);                 // E: a memset
  cudaStreamSynchronize(S);
  copyOut<<<2, 128>>>(D, C);
  copyOut<<<2, 128>>>(E, A);
  copyOut<<<2, 128>>>(Managed, B); // Managed memory is not tracked.
  // A library's host code wrote the buffer (cuBLAS, cuRAND, ...).
  int *Lib;
  cudaMalloc(&Lib, N * sizeof(int));
  txLibraryWroteDeviceMemory();
  copyOut<<<2, 128>>>(Lib, B);
  cudaMemcpy(Back, C, sizeof(Back), cudaMemcpyDeviceToHost);
  cudaError_t Err = cudaDeviceSynchronize();
  bool Ok = Err == cudaSuccess;
  for (int I = 0; I < N; ++I)
    Ok &= Back[I] == I + 2;
  std::printf("%s\n", Ok ? "PASS" : "FAIL");
  return !Ok;
}
// CLEAN-NOT: Uninitialized
// CLEAN:     PASS
// CLEAN:     ========= ERROR SUMMARY: 0 errors

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  if (!std::strcmp(Mode, "never-written"))
    return neverWritten();
  if (!std::strcmp(Mode, "half-set"))
    return halfSet();
  if (!std::strcmp(Mode, "atomic"))
    return atomicOnUnset();
  if (!std::strcmp(Mode, "copy-out"))
    return copyUnwrittenOut();
  if (!std::strcmp(Mode, "clean"))
    return clean();
  return 2;
}
