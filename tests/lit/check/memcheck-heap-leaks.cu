// memcheck and device malloc/free: a double free and a free of a pointer
// malloc never returned are reported as compute-sanitizer's "Malloc/Free
// error"; an access past a device-heap block names the block. With
// TONGXIN_LEAK_CHECK=full, memory never freed (cudaMalloc, managed, device
// malloc) is listed at exit and counted as errors.
// RUN: %txcc --check=memcheck -O2 %s -o %t
// RUN: %not %t double-free 2>&1 | %FileCheck %s --check-prefix=DOUBLE
// RUN: %not %t invalid-free 2>&1 | %FileCheck %s --check-prefix=INVALID
// RUN: %not %t past-block 2>&1 | %FileCheck %s --check-prefix=BLOCK
// RUN: env TONGXIN_LEAK_CHECK=full %not %t leak 2>&1 | %FileCheck %s --check-prefix=LEAK
// RUN: %t leak 2>&1 | %FileCheck %s --check-prefix=NOLEAKCHECK
// RUN: env TONGXIN_LEAK_CHECK=full %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN

#include <cstdio>
#include <cstring>

__device__ int *Kept;

__global__ void heap(int Mode, int *Out) {
  int *Block = static_cast<int *>(malloc(4 * sizeof(int)));
  for (int I = 0; I < 4; ++I)
    Block[I] = I;
  if (Mode == 3)
    Block[4] = 4;
  *Out = Block[3];
  if (Mode == 4) {
    Kept = Block; // Never freed.
    return;
  }
  free(Block);
  if (Mode == 1)
    free(Block);
  if (Mode == 2)
    free(Out);
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  int M = !strcmp(Mode, "double-free")    ? 1
          : !strcmp(Mode, "invalid-free") ? 2
          : !strcmp(Mode, "past-block")   ? 3
          : !strcmp(Mode, "leak")         ? 4
                                          : 0;
  int *Out, *Managed;
  cudaMalloc(&Out, sizeof(int));
  cudaMallocManaged(&Managed, 64);
  heap<<<1, 1>>>(M, Out);
  cudaError_t Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  if (M != 4) {
    cudaFree(Out);
    cudaFree(Managed);
  }
  return 0;
}

// DOUBLE:      ========= Malloc/Free error encountered: Double free
// DOUBLE-NEXT: at heap(int, int*) in {{.*}}memcheck-heap-leaks.cu:32
// DOUBLE-NEXT: by thread (0,0,0) in block (0,0,0) of kernel heap(int, int*)
// DOUBLE-NEXT: Address 0x{{[0-9a-f]+}} was freed already by free() in device code
// DOUBLE:      after the launch: cudaErrorLaunchFailure
// DOUBLE:      ERROR SUMMARY: 1 error

// INVALID:      Malloc/Free error encountered: Invalid pointer to free
// INVALID-NEXT: at heap(int, int*) in {{.*}}memcheck-heap-leaks.cu:34
// INVALID:      is not a block device malloc() returned
// INVALID:      ERROR SUMMARY: 1 error

// BLOCK:      Invalid __global__ write of size 4 bytes
// BLOCK-NEXT: at heap(int, int*) in {{.*}}memcheck-heap-leaks.cu:24
// BLOCK:      and is 0 bytes after the nearest device-heap block at 0x{{[0-9a-f]+}} of size 16 bytes
// BLOCK:      ERROR SUMMARY: 1 error

// LEAK:      after the launch: cudaSuccess
// LEAK-DAG:  ========= Leaked 4 bytes at 0x{{[0-9a-f]+}} (cudaMalloc)
// LEAK-DAG:  ========= Leaked 64 bytes at 0x{{[0-9a-f]+}} (cudaMallocManaged)
// LEAK-DAG:  ========= Leaked 16 bytes at 0x{{[0-9a-f]+}} (device malloc)
// LEAK:      ========= LEAK SUMMARY: 84 bytes leaked in 3 allocations
// LEAK-NEXT: ========= ERROR SUMMARY: 3 errors

// NOLEAKCHECK-NOT: Leaked
// NOLEAKCHECK:     ERROR SUMMARY: 0 errors

// CLEAN:      after the launch: cudaSuccess
// CLEAN-NEXT: ========= LEAK SUMMARY: 0 bytes leaked in 0 allocations
// CLEAN-NEXT: ========= ERROR SUMMARY: 0 errors
