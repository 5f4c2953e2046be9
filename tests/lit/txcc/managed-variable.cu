// A __managed__ variable is the host's object on the CPU backend, so its
// address is only known at run time: using it to initialise another device
// variable is named at compile time rather than left pointing elsewhere.
// RUN: %not %txcc --tongxin-cpu-only -c %s -o %t.o 2>&1 | %FileCheck %s

__managed__ int counter = 0;
__device__ int *where = &counter;

// CHECK: error: the address of __managed__ variable 'counter' initialises device variable 'where': not supported by Tongxin
