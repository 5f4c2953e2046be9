// The block widths the host side of a .cu file launches its kernels with
// reach the lowering: a kernel always launched 128 threads wide gets a
// block function for that width beside the general one; a kernel launched
// with a width computed at run time does not, and neither does any kernel
// under a checker.
// RUN: %txcc -c %s -o %t.o && %llvm-nm %t.o | %FileCheck %s
// RUN: %llvm-nm %t.o | %FileCheck --check-prefix=SHIFT %s
// RUN: %txcc -c --check=memcheck %s -o %t.checked.o && %llvm-nm %t.checked.o | %FileCheck --check-prefix=CHECKED %s

// CHECK-DAG: t __txblk__Z5scalePfi{{$}}
// CHECK-DAG: t __txblk__Z5scalePfi.x128{{$}}
// CHECK-DAG: t __txblk__Z5shiftPfi{{$}}
// SHIFT-NOT: __txblk__Z5shiftPfi.x
// CHECKED: t __txblk__Z5scalePfi{{$}}
// CHECKED-NOT: .x128

__global__ void scale(float *x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    x[i] *= 2.0f;
}

__global__ void shift(float *x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    x[i] += 1.0f;
}

void run(float *x, int n, int width) {
  scale<<<(n + 127) / 128, 128>>>(x, n);
  shift<<<(n + width - 1) / width, width>>>(x, n);
}
