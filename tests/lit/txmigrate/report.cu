// The migration report (txmigrate, txcc --report) on a sample that uses a
// bit of everything: its text is checked whole (a golden output), its JSON
// is parsed, and -p reads the same command from compile_commands.json.
// RUN: cd %S && %txcc --report -arch=sm_80 report.cu > %t.txt
// RUN: %FileCheck --match-full-lines %s < %t.txt
// RUN: cd %S && %txcc --report=json -arch=sm_80 report.cu > %t.json
// RUN: python3 -m json.tool %t.json > /dev/null
// RUN: %FileCheck --check-prefix=JSON %s < %t.json
// RUN: rm -rf %t.db && mkdir -p %t.db
// RUN: echo '[{"directory": "%S", "file": "report.cu", "arguments": ["nvcc", "-arch=sm_80", "-c", "report.cu", "-o", "report.o"]}]' > %t.db/compile_commands.json
// RUN: %txmigrate -p %t.db > %t.db.txt
// RUN: diff %t.txt %t.db.txt
#include <cstdio>
#include <cooperative_groups.h>
#include <cublas_v2.h>
#include <thrust/device_vector.h>
#include <thrust/reduce.h>

namespace cg = cooperative_groups;

__constant__ float Scale;
__device__ int Counter;

__global__ void __launch_bounds__(256) reduce(const float *In, float *Out, int N) {
  __shared__ float Partial[256];
  extern __shared__ float Dynamic[];
  cg::thread_block Block = cg::this_thread_block();
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  float V = I < N ? In[I] * Scale : 0.0f;
  unsigned Lane;
  asm("mov.u32 %0, %%laneid;" : "=r"(Lane));
  for (int Offset = 16; Offset > 0; Offset /= 2)
    V += __shfl_down_sync(0xffffffff, V, Offset);
  if (Lane == 0)
    Partial[threadIdx.x / 32] = V;
  Block.sync();
  __nanosleep(100);
  if (threadIdx.x == 0) {
    atomicAdd(Out, Partial[0]);
    atomicAdd(&Counter, 1);
    long long T = clock64();
    (void)T;
  }
}

__global__ void child() {}
__global__ void parent() { child<<<1, 1>>>(); }

__device__ float fancy(float X) {
  float R;
  asm("wgmma.fence.sync.aligned;");
  asm("ex2.approx.f32 %0, %1;" : "=f"(R) : "f"(X));
  return R;
}

int main() {
  float *In, *Out;
  cudaMalloc(&In, 1024 * sizeof(float));
  cudaMallocManaged(&Out, sizeof(float));
  cudaStream_t S;
  cudaStreamCreate(&S);
  cudaStreamAttrValue Value = {};
  cudaStreamSetAttribute(S, cudaStreamAttributeAccessPolicyWindow, &Value);
  reduce<<<4, 256, 64, S>>>(In, Out, 1024);
  cudaStreamSynchronize(S);
  cublasHandle_t H;
  cublasCreate(&H);
  thrust::device_vector<float> V(100, 1.0f);
  float Sum = thrust::reduce(V.begin(), V.end());
  CUdevice Dev;
  cuDeviceGet(&Dev, 0);
  cudaGraphicsGLRegisterBuffer(nullptr, 0, 0);
  printf("%f\n", Sum);
  return 0;
}

// The golden text report.
// CHECK: Tongxin {{[0-9.]+}} migration report (CUDA 12.9): 1 source
// CHECK-NEXT: unsupported  driver API         CUdevice                                    1  report.cu:70:3
// CHECK-NEXT:              Tongxin implements the CUDA runtime API, not the driver API
// CHECK-NEXT: unsupported  inline PTX         wgmma.fence.sync.aligned                    1  report.cu:51:3
// CHECK-NEXT:              no CPU translation of 'wgmma': txcc stops with an error at its line
// CHECK-NEXT: unsupported  language           device-side kernel launch (dynamic parallelism)    1  report.cu:47:28
// CHECK-NEXT:              txcc rejects it at compile time; launch from the host
// CHECK-NEXT: unsupported  runtime API        cudaGraphicsGLRegisterBuffer                1  report.cu:72:3
// CHECK-NEXT:              not declared by Tongxin's CUDA 12.9 runtime API
// CHECK-NEXT: partial      device function    __nanosleep                                 1  report.cu:37:3
// CHECK-NEXT:              returns at once (a scheduling hint)
// CHECK-NEXT: partial      device function    clock64                                     1  report.cu:41:19
// CHECK-NEXT:              counts the CPU's cycles on CPU devices
// CHECK-NEXT: partial      runtime API        cudaStreamSetAttribute                      1  report.cu:63:3
// CHECK-NEXT:              values are kept and read back; they change no behaviour
// CHECK-NEXT: supported    Thrust             thrust::detail::vector_base::begin          1  report.cu:69:30
// CHECK-NEXT: supported    Thrust             thrust::detail::vector_base::end            1  report.cu:69:41
// CHECK-NEXT: supported    Thrust             thrust::reduce                              1  report.cu:69:15
// CHECK-NEXT: supported    cuBLAS API         cublasCreate_v2                             1  report.cu:67:3
// CHECK-NEXT: supported    device function    __shfl_down_sync                            1  report.cu:33:10
// CHECK-NEXT: supported    device function    atomicAdd                                   2  report.cu:39:5
// CHECK-NEXT: supported    device function    cooperative_groups::this_thread_block       1  report.cu:27:28
// CHECK-NEXT: supported    device function    cooperative_groups::thread_block::sync      1  report.cu:36:3
// CHECK-NEXT: supported    header             <cooperative_groups.h>                      1  report.cu:14:1
// CHECK-NEXT: supported    header             <cublas_v2.h>                               1  report.cu:15:1
// CHECK-NEXT: supported    header             <thrust/device_vector.h>                    1  report.cu:16:1
// CHECK-NEXT: supported    header             <thrust/reduce.h>                           1  report.cu:17:1
// CHECK-NEXT: supported    inline PTX         ex2.approx.f32                              1  report.cu:52:3
// CHECK-NEXT: supported    inline PTX         mov.u32                                     1  report.cu:31:3
// CHECK-NEXT: supported    language           __constant__ variable                       1  report.cu:21:20
// CHECK-NEXT: supported    language           __device__ variable                         1  report.cu:22:16
// CHECK-NEXT: supported    language           __global__ function (kernel)                3  report.cu:24:40
// CHECK-NEXT: supported    language           __launch_bounds__                           1  report.cu:24:40
// CHECK-NEXT: supported    language           __shared__ variable                         1  report.cu:25:20
// CHECK-NEXT: supported    language           extern __shared__ variable (dynamic shared memory)    1  report.cu:26:27
// CHECK-NEXT: supported    language           kernel launch <<<...>>>                     1  report.cu:64:3
// CHECK-NEXT: supported    runtime API        cudaMalloc                                  1  report.cu:58:3
// CHECK-NEXT: supported    runtime API        cudaMallocManaged                           1  report.cu:59:3
// CHECK-NEXT: supported    runtime API        cudaStreamCreate                            1  report.cu:61:3
// CHECK-NEXT: supported    runtime API        cudaStreamSynchronize                       1  report.cu:65:3
// CHECK-NEXT: Summary: 32 features (35 uses): 25 supported, 3 partial, 4 unsupported

// JSON: "cuda": "12.9",
// JSON: "sources": ["report.cu"],
// JSON: {"kind": "driver API", "name": "CUdevice", "status": "unsupported", "note": "Tongxin implements the CUDA runtime API, not the driver API", "uses": [{"file": "report.cu", "line": 70, "column": 3}]}
// JSON: {"kind": "device function", "name": "atomicAdd", "status": "supported", "note": "", "uses": [{"file": "report.cu", "line": 39, "column": 5}, {"file": "report.cu", "line": 40, "column": 5}]}
// JSON: "summary": {"features": 32, "uses": 35, "supported": 25, "partial": 3, "unsupported": 4}
