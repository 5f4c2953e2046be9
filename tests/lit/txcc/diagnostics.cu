// txcc reports errors in CUDA sources as clang does, with file:line:column,
// and names unknown options.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc --no-such-flag %s 2>&1 | %FileCheck %s --check-prefix=FLAG

__global__ void broken(int *out) {
  out[threadIdx.x] = undeclared_value;
}

// CHECK: diagnostics.cu:7:22: error: use of undeclared identifier 'undeclared_value'
// FLAG: txcc: error: unknown option '--no-such-flag'
