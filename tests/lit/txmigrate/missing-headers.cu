// The report on headers Tongxin does not provide (one it names, whose
// #error does not stop the parse; one it has not, missing or another CUDA
// installation's, whose clashes are not listed one by one), and on a
// driver API call.
// RUN: cd %S/Inputs && %txmigrate missing.cu | %FileCheck %s

// CHECK: unsupported  driver API         cuMemAlloc {{.*}} missing.cu:9:3
// CHECK-NEXT: Tongxin implements the CUDA runtime API, not the driver API
// CHECK-NEXT: unsupported  header             <cuda_pipeline.h> {{.*}} missing.cu:13:1
// CHECK-NEXT: not provided by Tongxin
// CHECK-NEXT: unsupported  header             <cufftw.h> {{.*}} missing.cu:3:1
// CHECK-NEXT: cuFFTW (the FFTW-compatible interface); use <cufft.h> (see docs/libraries.md){{$}}
// CHECK-NEXT: supported    header             <cuda_runtime.h>
// CHECK-NEXT: supported    runtime API        cudaMalloc {{.*}} missing.cu:8:3
// CHECK-NEXT: Summary: 5 features (5 uses): 2 supported, 0 partial, 3 unsupported
