// With -use_fast_math the CPU code generation vectorises math calls through
// glibc's libmvec (x86-64 Linux); by default it does not, since libmvec's
// expf exceeds CUDA's 2 ulp.
// REQUIRES: x86_64-host
// RUN: %txcc --dryrun -use_fast_math -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=FAST
// RUN: %txcc --dryrun -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=DEFAULT

__global__ void k(float *X) { X[threadIdx.x] = expf(X[threadIdx.x]); }

// FAST: #$ {{.*}}clang -c -x ir {{.*}}-O3{{.*}}-fveclib=libmvec{{.*}}-ffast-math
// DEFAULT: #$ {{.*}}clang -c -x ir {{.*}}-O3
// DEFAULT-NOT: -fveclib
