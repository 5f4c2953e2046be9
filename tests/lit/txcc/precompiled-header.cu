// txcc reuses a precompiled cuda_runtime.h between passes with the same
// flags, rebuilds it when a header it was parsed from changed, never keeps
// one whose parse printed a diagnostic, and produces the same code with or
// without it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -t 2 -v -c %s -o %t/a.o 2>&1 | %FileCheck %s --check-prefix=FIRST
// RUN: ls %t/cache/pch/*.pch | wc -l | %FileCheck %s --check-prefix=TWO
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -t 2 -v -c %s -o %t/b.o 2>&1 | %FileCheck %s --check-prefix=AGAIN
//
// Other flags, other entries: a macro on the command line may change what
// the header declares.
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -t 2 -v -DTX_SOME_MACRO=1 -c %s -o %t/c.o 2>&1 | %FileCheck %s --check-prefix=FIRST
// RUN: ls %t/cache/pch/*.pch | wc -l | %FileCheck %s --check-prefix=FOUR
//
// A header that changed since (here: its recorded stamp) forces a rebuild.
// RUN: sed -i 's/^[0-9]*/1/' %t/cache/pch/*.inputs
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -t 2 -v -c %s -o %t/d.o 2>&1 | %FileCheck %s --check-prefix=FIRST
//
// A parse with warnings is not kept: the pass includes the header itself,
// and the user sees them.
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -v -Xcompiler -Weverything -c %s -o %t/e.o 2>&1 | %FileCheck %s --check-prefix=WARNS
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -v -Xcompiler -Weverything -c %s -o %t/e.o 2>&1 | %FileCheck %s --check-prefix=WARNS-AGAIN
//
// Another forced include, a dry run or TONGXIN_PCH=0: the header itself.
// RUN: echo '#define TX_FROM_FORCED 1' > %t/forced.h
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -v -Xcompiler -include,%t/forced.h -c %s -o %t/f.o 2>&1 | %FileCheck %s --check-prefix=PLAIN-HOST
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc --dryrun -c %s -o %t/g.o 2>&1 | %FileCheck %s --check-prefix=PLAIN
// RUN: env TONGXIN_CACHE_DIR=%t/cache TONGXIN_PCH=0 %txcc -v -c %s -o %t/g.o 2>&1 | %FileCheck %s --check-prefix=PLAIN
// So does C++20 (clang 19 loads such a PCH wrongly: PrecompiledHeader.cpp).
// RUN: env TONGXIN_CACHE_DIR=%t/cache %txcc -v -std=c++20 -c %s -o %t/h.o 2>&1 | %FileCheck %s --check-prefix=PLAIN
// (precompiled-header-same-code.cu: the same code either way.)

__global__ void scale(float *Data, float Factor) {
  Data[threadIdx.x] = sinf(Data[threadIdx.x]) * Factor;
}

// (The host pass is started first, beside the device pass.)
// FIRST: --cuda-host-only{{.*}}-emit-pch -x cuda {{.*}}cuda_runtime.h
// FIRST: --cuda-host-only{{.*}}-include-pch {{.*}}.pch
// FIRST: --cuda-device-only{{.*}}-emit-pch -x cuda {{.*}}cuda_runtime.h
// FIRST: --cuda-device-only{{.*}}-include-pch {{.*}}.pch
// TWO: 2
// FOUR: 4
// AGAIN-NOT: -emit-pch
// AGAIN: --cuda-host-only{{.*}}-include-pch {{.*}}.pch
// AGAIN-NOT: -emit-pch
// AGAIN: --cuda-device-only{{.*}}-include-pch {{.*}}.pch
// WARNS: --cuda-host-only{{.*}}-emit-pch
// WARNS: note: {{.*}}cuda_runtime.h cannot be precompiled with these flags
// WARNS: --cuda-host-only{{.*}}-include cuda_runtime.h
// WARNS: warning:
// WARNS-AGAIN-NOT: -emit-pch
// WARNS-AGAIN: --cuda-host-only{{.*}}-include cuda_runtime.h
// PLAIN-HOST: --cuda-host-only{{.*}}-include cuda_runtime.h
// PLAIN-NOT: -include-pch
// PLAIN: -include cuda_runtime.h
// PLAIN-NOT: -include-pch
