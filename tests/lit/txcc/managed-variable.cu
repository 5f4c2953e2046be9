// __managed__ globals are named as unsupported at compile time, with the
// source line, instead of silently giving host and device separate copies.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s

__managed__ int counter = 0;

// CHECK: managed-variable.cu:5:1: error: __managed__ variables are not supported by Tongxin yet
