// The program whose TONGXIN_TRACE timeline validate_trace.py checks: known
// kernels, copies, fills, host functions and synchronisations on the
// default stream and two user streams, in a known order per stream.
#include <cstdio>

__global__ void produce(float *X, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] = I;
}

template <int Factor> __global__ void scale(float *X, int N) {
  extern __shared__ float Staging[];
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  Staging[threadIdx.x] = I < N ? X[I] : 0;
  __syncthreads();
  if (I < N)
    X[I] = Staging[threadIdx.x] * Factor;
}

__global__ void sumInto(const float *X, int N, unsigned long long *Total) {
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    atomicAdd(Total, static_cast<unsigned long long>(X[I]));
}

static void note(void *Flag) { *static_cast<int *>(Flag) = 1; }

int main() {
  const int N = 1 << 16;
  float *A, *B;
  unsigned long long *Total;
  cudaMalloc(&A, N * sizeof(float));
  cudaMalloc(&B, N * sizeof(float));
  cudaMalloc(&Total, sizeof(*Total));
  cudaStream_t First, Second;
  cudaStreamCreate(&First);
  cudaStreamCreateWithFlags(&Second, cudaStreamNonBlocking);

  // Default stream: fill, kernel, synchronous copy.
  cudaMemset(Total, 0, sizeof(*Total));
  produce<<<N / 256, 256>>>(A, N);
  cudaMemcpy(B, A, N * sizeof(float), cudaMemcpyDeviceToDevice);

  // First stream: scale<2>, scale<3>, host function, sumInto.
  int Noted = 0;
  scale<2><<<N / 128, 128, 128 * sizeof(float), First>>>(A, N);
  scale<3>
      <<<dim3(N / 64, 1, 1), dim3(64, 1, 1), 64 * sizeof(float), First>>>(A, N);
  cudaLaunchHostFunc(First, note, &Noted);
  sumInto<<<16, 256, 0, First>>>(A, N, Total);

  // Second stream: produce, an asynchronous copy back.
  float *Host;
  cudaMallocHost(&Host, N * sizeof(float));
  produce<<<N / 512, 512, 0, Second>>>(B, N);
  cudaMemcpyAsync(Host, B, N * sizeof(float), cudaMemcpyDeviceToHost, Second);

  cudaStreamSynchronize(Second);
  cudaDeviceSynchronize();
  unsigned long long Sum = 0;
  cudaMemcpy(&Sum, Total, sizeof(Sum), cudaMemcpyDeviceToHost);
  bool Ok = Noted == 1 && Host[N - 1] == N - 1 && Sum == 6ull * N * (N - 1) / 2;
  printf("%s\n", Ok ? "PASS" : "FAIL");
  return Ok ? 0 : 1;
}
