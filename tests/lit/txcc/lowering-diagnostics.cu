// An error the CPU lowering finds (here inline PTX it cannot read) names
// the line of the device code, as the front end's errors do: tx-opt runs
// its pipeline without the debug info's lines (inlining CUB's layers with
// them took a quarter of its time) and, having something to say, again
// with them. A file it has nothing to say about compiles as before.
// RUN: %not %txcc --tongxin-cpu-only -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %txcc --tongxin-cpu-only -DTX_READABLE -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=QUIET --allow-empty

__device__ int readLane() {
  int Lane;
#ifdef TX_READABLE
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(Lane));
#else
  asm volatile("mov.u32 %0, [oops;" : "=r"(Lane));
#endif
  return Lane;
}

__global__ void kernel(int *Out) { Out[threadIdx.x] = readLane(); }

// CHECK: lowering-diagnostics.cu:14:3: error: cannot read inline PTX: expected ']' in 'mov.u32 $0, [oops' (in device function '_Z8readLanev')
// CHECK-NOT: error:
// QUIET-NOT: {{.}}
