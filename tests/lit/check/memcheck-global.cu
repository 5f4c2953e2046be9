// memcheck (txcc --check=memcheck) on global memory: an access past the end
// of a cudaMalloc block, into freed memory, through a null pointer, and a
// misaligned one are each reported as compute-sanitizer does (kind, size,
// source line, thread and block, what the address is), the launch fails
// with cudaErrorLaunchFailure, the program goes on, and the run ends with
// the error count and a non-zero exit status. A correct launch reports
// nothing.
// RUN: %txcc --check=memcheck -O2 %s -o %t
// RUN: %not %t past-end 2>&1 | %FileCheck %s --check-prefix=PAST
// RUN: %not %t freed 2>&1 | %FileCheck %s --check-prefix=FREED
// RUN: %not %t null 2>&1 | %FileCheck %s --check-prefix=NULL
// RUN: %not %t misaligned 2>&1 | %FileCheck %s --check-prefix=ALIGN
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN

#include <cstdio>
#include <cstring>

__global__ void scale(float *X, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I <= N) // Off by one.
    X[I] *= 2.0f;
}

__global__ void readWord(const char *Bytes, int Offset, int *Out) {
  *Out = *reinterpret_cast<const int *>(Bytes + Offset);
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  const int N = 1000;
  float *X;
  int *Out;
  cudaMalloc(&X, N * sizeof(float));
  cudaMalloc(&Out, sizeof(int));
  cudaMemset(X, 0, N * sizeof(float));
  if (!strcmp(Mode, "past-end")) {
    scale<<<8, 128>>>(X, N);
  } else if (!strcmp(Mode, "freed")) {
    cudaFree(X);
    scale<<<1, 32>>>(X, 16);
  } else if (!strcmp(Mode, "null")) {
    readWord<<<1, 1>>>(nullptr, 8, Out);
  } else if (!strcmp(Mode, "misaligned")) {
    readWord<<<1, 1>>>(reinterpret_cast<const char *>(X), 2, Out);
  } else {
    scale<<<8, 125>>>(X, N - 1);
  }
  cudaError_t Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  return 0;
}

// PAST:      ========= TONGXIN MEMCHECK
// PAST:      ========= Invalid __global__ read of size 4 bytes
// PAST-NEXT: =========     at scale(float*, int) in {{.*}}memcheck-global.cu:21
// PAST-NEXT: =========     by thread (104,0,0) in block (7,0,0) of kernel scale(float*, int)
// PAST-NEXT: =========     Address 0x{{[0-9a-f]+}} is out of bounds
// PAST-NEXT: =========     and is 0 bytes after the nearest allocation at 0x{{[0-9a-f]+}} of size 4000 bytes
// PAST:      after the launch: cudaErrorLaunchFailure
// PAST:      ========= ERROR SUMMARY: 1 error

// FREED:      Invalid __global__ read of size 4 bytes
// FREED:      Address 0x{{[0-9a-f]+}} is in memory freed by cudaFree (use after free)
// FREED:      after the launch: cudaErrorLaunchFailure
// FREED:      ERROR SUMMARY: 1 error

// NULL:      Invalid __global__ read of size 4 bytes
// NULL-NEXT: at readWord(char const*, int, int*) in {{.*}}memcheck-global.cu:25
// NULL-NEXT: by thread (0,0,0) in block (0,0,0)
// NULL-NEXT: Address 0x8 is a null pointer (plus an offset)
// NULL:      ERROR SUMMARY: 1 error

// ALIGN:      Invalid __global__ read of size 4 bytes
// ALIGN:      Address 0x{{[0-9a-f]+}}2 is misaligned (the access needs 4-byte alignment)
// ALIGN:      ERROR SUMMARY: 1 error

// CLEAN-NOT:  Invalid
// CLEAN:      after the launch: cudaSuccess
// CLEAN-NEXT: ========= ERROR SUMMARY: 0 errors
