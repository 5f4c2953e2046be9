// -M prints make dependencies; -MD writes them next to the object, naming
// the object the user asked for (not an intermediate file).
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/dep.cu && cp %S/Inputs/dep-header.h %t/
// RUN: cd %t && %txcc -M dep.cu | %FileCheck %s --check-prefix=M
// RUN: cd %t && %txcc -c -MD dep.cu -o dep.o && %FileCheck %s --check-prefix=MD < dep.d
// The source comes first also when the header is precompiled (lit.cfg.py
// gives txcc a cache), and a name with a space keeps its escape.
// RUN: cd %t && cp dep.cu "my dep.cu" && %txcc -c -MD "my dep.cu" -o my.o
// RUN: %FileCheck %s --check-prefix=SPACE < %t/my.d
// A compile that fails in device code leaves no dependency list, although
// the host pass (run beside the device pass) succeeded.
// RUN: cd %t && printf '__global__ void k() {\n#ifdef __CUDA_ARCH__\nundeclared();\n#endif\n}\n' > bad.cu
// RUN: cd %t && %not %txcc -t 2 -c -MD bad.cu -o bad.o
// RUN: %not test -e %t/bad.d

#include "dep-header.h"

__global__ void k(int *p) { p[threadIdx.x] = kValue; }

// M: dep.o: dep.cu
// M: dep-header.h
// MD: dep.o: dep.cu
// MD: dep-header.h
// SPACE: my.o: my\ dep.cu \
// SPACE: dep-header.h
