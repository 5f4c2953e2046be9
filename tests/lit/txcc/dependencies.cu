// -M prints make dependencies; -MD writes them next to the object, naming
// the object the user asked for (not an intermediate file).
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/dep.cu && cp %S/Inputs/dep-header.h %t/
// RUN: cd %t && %txcc -M dep.cu | %FileCheck %s --check-prefix=M
// RUN: cd %t && %txcc -c -MD dep.cu -o dep.o && %FileCheck %s --check-prefix=MD < dep.d

#include "dep-header.h"

__global__ void k(int *p) { p[threadIdx.x] = kValue; }

// M: dep.o: dep.cu
// M: dep-header.h
// MD: dep.o: dep.cu
// MD: dep-header.h
