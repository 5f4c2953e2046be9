// TONGXIN_PROFILE=1 prints, at exit, a table of the kernels (launches,
// times, blocks per launch; demangled names) and of the transfers by
// direction. cudaProfilerStop/Start pause the recording. Without the
// variable nothing is printed.
// RUN: %txcc -O2 %s -o %t
// RUN: env TONGXIN_PROFILE=1 %t 2>&1 | %FileCheck %s
// RUN: env -u TONGXIN_PROFILE %t 2>&1 | %FileCheck %s --check-prefix=OFF
// RUN: env TONGXIN_PROFILE=0 %t 2>&1 | %FileCheck %s --check-prefix=OFF

#include <cuda_profiler_api.h>
#include <cstdio>

__global__ void scale(float *X, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] *= 2;
}

template <typename T> __global__ void fill(T *X, T V, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] = V;
}

__global__ void unseen(float *X) { X[0] = 1; }

int main() {
  const int N = 1 << 16;
  static float Host[N];
  float *Dev;
  cudaMalloc(&Dev, sizeof(Host));
  cudaMemcpy(Dev, Host, sizeof(Host), cudaMemcpyHostToDevice);
  for (int R = 0; R < 3; ++R)
    scale<<<N / 256, 256>>>(Dev, N);
  fill<float><<<N / 128, 128>>>(Dev, 1.0f, N);
  cudaProfilerStop();
  unseen<<<1, 1>>>(Dev);
  cudaDeviceSynchronize();
  cudaProfilerStart();
  cudaMemset(Dev, 0, sizeof(Host));
  cudaMemcpy(Host, Dev, sizeof(Host), cudaMemcpyDeviceToHost);
  std::printf("PASS\n");
  std::fflush(stdout); // Before the table, which is printed at exit.
  return 0;
}

// CHECK: PASS
// CHECK: == Tongxin profile: 2 kernels, 3 kinds of transfer
// CHECK: launches {{.*}} blocks  kernel
// CHECK-DAG: {{ 3 +[0-9.]+ +[0-9.]+ +[0-9.]+ +256  scale\(float\*, int\)}}
// CHECK-DAG: {{ 1 +[0-9.]+ +[0-9.]+ +[0-9.]+ +512  void fill<float>\(float\*, float, int\)}}
// CHECK-NOT: unseen
// CHECK: count {{.*}} transfer
// CHECK-DAG: {{ 1 +0.262 +[0-9.]+  host to device}}
// CHECK-DAG: {{ 1 +0.262 +[0-9.]+  device to host}}
// CHECK-DAG: {{ 1 +0.262 +[0-9.]+  memset}}

// OFF: PASS
// OFF-NOT: Tongxin profile
