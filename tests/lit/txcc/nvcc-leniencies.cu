// Constructs nvcc accepts with at most a warning compile with txcc too,
// each with clang's warning for it (see docs/nvcc-compatibility.md); a real
// error elsewhere in the file is still an error.
// RUN: %txcc --tongxin-cpu-only -std=c++17 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %txcc --tongxin-cpu-only -std=c++17 -DWITH_ERROR -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=ERROR
// The user's -Wall does not undo them; a flag naming the warning decides.
// RUN: %txcc --tongxin-cpu-only -std=c++17 -Xcompiler -Wall -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=WALL
// RUN: %not %txcc --tongxin-cpu-only -std=c++17 -Xcompiler -Werror=register -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=USER

#include <cinttypes>

// nvcc's own pragmas are ignored silently.
#pragma nv_diag_suppress 177
#pragma hd_warning_disable
// WALL-NOT: unknown pragma
// WALL: warning: ISO C++17 does not allow 'register' storage class specifier [-Wregister]
// USER: error: ISO C++17 does not allow 'register' storage class specifier [-Wregister]

enum Mode { A, B, C, D };
constexpr Mode Invalid = static_cast<Mode>(-1);
// CHECK-DAG: warning: {{.*}}outside the valid range of values [0, 3] for the enumeration type 'Mode' [-Wenum-constexpr-conversion]

// A function body only the device pass sees as __host__ __device__.
#ifdef __CUDA_ARCH__
#define HD __host__ __device__
#else
#define HD
#endif
HD float scale(float x) { return 2 * x; }

__device__ int sum(int n, ...) { return n; }

__global__ void __maxnreg__(32) kernel(const __grid_constant__ int bias,
                                       float *out, int n) {
  register int i = blockIdx.x * blockDim.x + threadIdx.x;
  // CHECK-DAG: warning: ISO C++17 does not allow 'register' storage class specifier [-Wregister]
  bool seen = false;
  seen++;
  // CHECK-DAG: warning: ISO C++17 does not allow incrementing expression of type bool [-Wincrement-bool]
  const float3 *p = &make_float3(1, 2, 3);
  // CHECK-DAG: warning: taking the address of a temporary object of type 'float3' [-Waddress-of-temporary]
  typeof(n) m = n;
  if (i < m)
    out[i] = scale(out[i]) + p->x + bias + sum(1, 2);
}

void launch(float *out, int n) {
  dim3 grid = {n / 256, 1};
  // CHECK-DAG: warning: non-constant-expression cannot be narrowed from type 'int' to 'unsigned int' in initializer list [-Wc++11-narrowing]
  kernel<<<grid, 256>>>(1, out, n);
  printf("%"PRIu64"\n", (uint64_t)n);
  // CHECK-DAG: warning: invalid suffix on literal; C++11 requires a space between literal and identifier [-Wreserved-user-defined-literal]
}

#ifdef WITH_ERROR
int broken() { return undeclared_value; }
// ERROR: error: use of undeclared identifier 'undeclared_value'
#endif
