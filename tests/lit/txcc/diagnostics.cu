// txcc reports errors in CUDA sources as clang does, with file:line:column,
// and names unknown options.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc --no-such-flag %s 2>&1 | %FileCheck %s --check-prefix=FLAG
//
// The device and host passes both parse the file; run at once (-t 2), an
// error both see is still reported once (the device pass's), and one only
// the host pass sees (code outside __CUDA_ARCH__) is reported as well.
// RUN: %not %txcc -t 2 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc -t 1 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc -t 2 -DTX_ONLY_HOST_ERROR -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=HOST
// RUN: %not %txcc -t 1 -DTX_ONLY_HOST_ERROR -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=HOST

#ifndef TX_ONLY_HOST_ERROR
__global__ void broken(int *out) {
  out[threadIdx.x] = undeclared_value;
}
#endif

#if defined(TX_ONLY_HOST_ERROR) && !defined(__CUDA_ARCH__)
int host_side() { return undeclared_on_host; }
#endif

// CHECK: diagnostics.cu:16:22: error: use of undeclared identifier 'undeclared_value'
// CHECK-NOT: error:
// CHECK: 1 error generated
// CHECK-NOT: error:
// FLAG: txcc: error: unknown option '--no-such-flag'
// HOST: diagnostics.cu:21:26: error: use of undeclared identifier 'undeclared_on_host'
// HOST-NOT: error:
