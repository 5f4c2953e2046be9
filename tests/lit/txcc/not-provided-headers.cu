// A CUDA library header Tongxin does not provide stops the build with its
// name and what to use instead, rather than resolving to another CUDA
// toolkit's copy in the system include directories (which fails later with
// redefinitions against Tongxin's own headers).
// RUN: %not %txcc --tongxin-cpu-only -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc --tongxin-cpu-only -DLEGACY -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=LEGACY

#ifdef LEGACY
#include <cublas.h>
// LEGACY: error: "Tongxin does not provide <cublas.h>: cuBLAS's legacy API {{.*}}include <cublas_v2.h>
#else
#include <cufftw.h>
// CHECK: not-provided-headers.cu:[[@LINE-1]]:
// CHECK: error: "Tongxin does not provide <cufftw.h>: cuFFTW (the FFTW-compatible interface); use <cufft.h>
#endif
