// Loops that ImplicitLoopBarriers runs with the thread loop innermost:
// grid-stride loops (with and without a tail, with a warp reduction and an
// atomic after them, with their index used after the loop, with a
// data-dependent break) and loops with a uniform trip count (inside a
// branch on the thread index, followed by a real barrier; reading
// __shared__ data; nested). Every result is checked against the host.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

__global__ void saxpy(int N, float A, const float *X, float *Y) {
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Y[I] = A * X[I] + Y[I];
}

/// Grid-stride dot product: shuffle reduction, one atomicAdd per warp.
__global__ void dot(int N, const float *X, const float *Y, float *Out) {
  float Sum = 0;
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Sum += X[I] * Y[I];
  for (int Offset = 16; Offset > 0; Offset /= 2)
    Sum += __shfl_down_sync(0xffffffffu, Sum, Offset);
  if (threadIdx.x % 32 == 0)
    atomicAdd(Out, Sum);
}

/// The induction variable's final value, per thread, after the loop.
__global__ void lastIndex(int N, int *Last, int *Count) {
  int T = blockIdx.x * blockDim.x + threadIdx.x;
  int I = T, Steps = 0;
  for (; I < N; I += gridDim.x * blockDim.x)
    ++Steps;
  Last[T] = I;
  Count[T] = Steps;
}

/// A data-dependent break: each thread stops at its first negative value.
__global__ void firstNegative(int N, const int *V, int *Found) {
  int T = blockIdx.x * blockDim.x + threadIdx.x;
  int Result = -1;
  for (int I = T; I < N; I += gridDim.x * blockDim.x) {
    if (V[I] < 0) {
      Result = I;
      break;
    }
  }
  Found[T] = Result;
}

/// A uniform loop inside `if (t < M)`, then a real barrier and shared
/// memory: the threads still in the loop must run before the barrier is
/// passed by those that skipped it.
__global__ void rowScaleThenShare(int M, int K, const float *In, float *Out) {
  __shared__ float Partial[256];
  int T = threadIdx.x;
  float Acc = 0;
  if (T < M) {
    for (int C = 0; C < K; ++C)
      Acc += In[C * blockDim.x + T] * (C + 1);
  }
  Partial[T] = Acc;
  __syncthreads();
  Out[blockIdx.x * blockDim.x + T] = Partial[(T + 1) % blockDim.x] + Acc;
}

/// Nearest centroid, centroids in __shared__.
__global__ void nearest(int N, int K, const float *Points,
                        const float *Centroids, int *Label) {
  extern __shared__ float Shared[];
  for (int C = threadIdx.x; C < 2 * K; C += blockDim.x)
    Shared[C] = Centroids[C];
  __syncthreads();
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= N)
    return;
  float PX = Points[2 * I], PY = Points[2 * I + 1];
  float Best = 3.0e38f;
  int BestC = 0;
  for (int C = 0; C < K; ++C) {
    float DX = PX - Shared[2 * C], DY = PY - Shared[2 * C + 1];
    float D = DX * DX + DY * DY;
    if (D < Best) {
      Best = D;
      BestC = C;
    }
  }
  Label[I] = BestC;
}

/// A grid-stride loop with a uniform loop inside.
__global__ void gridStrideRows(int Rows, int Cols, const float *A,
                               float *RowSums) {
  for (int R = blockIdx.x * blockDim.x + threadIdx.x; R < Rows;
       R += gridDim.x * blockDim.x) {
    float S = 0;
    for (int C = 0; C < Cols; ++C)
      S += A[C * Rows + R];
    RowSums[R] = S;
  }
}

static bool check(bool Ok, const char *What) {
  if (!Ok)
    std::printf("FAIL: %s\n", What);
  return Ok;
}

template <typename T> static T *toDevice(const std::vector<T> &Host) {
  T *Dev;
  cudaMalloc(&Dev, Host.size() * sizeof(T));
  cudaMemcpy(Dev, Host.data(), Host.size() * sizeof(T), cudaMemcpyHostToDevice);
  return Dev;
}

template <typename T> static std::vector<T> toHost(const T *Dev, size_t N) {
  std::vector<T> Host(N);
  cudaMemcpy(Host.data(), Dev, N * sizeof(T), cudaMemcpyDeviceToHost);
  return Host;
}

int main() {
  bool Ok = true;
  const int Grid = 7, Block = 128, Threads = Grid * Block;
  for (int N : {0, 5, Threads, Threads + 3, 10 * Threads + 77}) {
    std::vector<float> X(N), Y(N);
    for (int I = 0; I < N; ++I) {
      X[I] = float(I % 13);
      Y[I] = float(I % 5) * 0.5f;
    }
    float *DX = toDevice(X), *DY = toDevice(Y);
    saxpy<<<Grid, Block>>>(N, 2.0f, DX, DY);
    std::vector<float> R = toHost(DY, N);
    for (int I = 0; I < N && Ok; ++I)
      Ok = check(R[I] == 2.0f * X[I] + Y[I], "saxpy");

    float *DOut;
    cudaMalloc(&DOut, sizeof(float));
    cudaMemset(DOut, 0, sizeof(float));
    dot<<<Grid, Block>>>(N, DX, DX, DOut);
    double Want = 0;
    for (int I = 0; I < N; ++I)
      Want += double(X[I]) * X[I];
    Ok = Ok && check(toHost(DOut, 1)[0] == float(Want), "dot");

    int *DLast, *DCount;
    cudaMalloc(&DLast, Threads * sizeof(int));
    cudaMalloc(&DCount, Threads * sizeof(int));
    lastIndex<<<Grid, Block>>>(N, DLast, DCount);
    std::vector<int> Last = toHost(DLast, Threads),
                     Count = toHost(DCount, Threads);
    for (int T = 0; T < Threads && Ok; ++T) {
      int I = T, Steps = 0;
      for (; I < N; I += Threads)
        ++Steps;
      Ok = check(Last[T] == I && Count[T] == Steps, "lastIndex");
    }

    std::vector<int> V(N);
    for (int I = 0; I < N; ++I)
      V[I] = (I * 37) % 101 == 3 ? -1 : 1;
    int *DV = toDevice(V), *DFound;
    cudaMalloc(&DFound, Threads * sizeof(int));
    firstNegative<<<Grid, Block>>>(N, DV, DFound);
    std::vector<int> Found = toHost(DFound, Threads);
    for (int T = 0; T < Threads && Ok; ++T) {
      int Want = -1;
      for (int I = T; I < N; I += Threads)
        if (V[I] < 0) {
          Want = I;
          break;
        }
      Ok = check(Found[T] == Want, "firstNegative");
    }
    cudaFree(DX);
    cudaFree(DY);
    cudaFree(DOut);
    cudaFree(DLast);
    cudaFree(DCount);
    cudaFree(DV);
    cudaFree(DFound);
  }

  {
    const int B = 256, K = 37;
    for (int M : {0, 100, 256}) {
      std::vector<float> In(K * B), Out(2 * B);
      for (int I = 0; I < K * B; ++I)
        In[I] = float(I % 7);
      float *DIn = toDevice(In), *DOut;
      cudaMalloc(&DOut, 2 * B * sizeof(float));
      rowScaleThenShare<<<2, B>>>(M, K, DIn, DOut);
      std::vector<float> R = toHost(DOut, 2 * B);
      std::vector<float> Acc(B, 0);
      for (int T = 0; T < M; ++T)
        for (int C = 0; C < K; ++C)
          Acc[T] += In[C * B + T] * (C + 1);
      for (int Blk = 0; Blk < 2 && Ok; ++Blk)
        for (int T = 0; T < B && Ok; ++T)
          Ok = check(R[Blk * B + T] == Acc[(T + 1) % B] + Acc[T],
                     "rowScaleThenShare");
      cudaFree(DIn);
      cudaFree(DOut);
    }
  }

  {
    // Integer coordinates: squared distances are exact with or without
    // FMA contraction, so ties break the same way as on the host.
    const int N = 3000, K = 23;
    std::vector<float> Points(2 * N), Centroids(2 * K);
    for (int I = 0; I < 2 * N; ++I)
      Points[I] = float((I * 7919) % 1000);
    for (int C = 0; C < 2 * K; ++C)
      Centroids[C] = float((C * 104729) % 1000);
    float *DP = toDevice(Points), *DC = toDevice(Centroids);
    int *DL;
    cudaMalloc(&DL, N * sizeof(int));
    nearest<<<(N + 127) / 128, 128, 2 * K * sizeof(float)>>>(N, K, DP, DC, DL);
    std::vector<int> L = toHost(DL, N);
    for (int I = 0; I < N && Ok; ++I) {
      float Best = 3.0e38f;
      int BestC = 0;
      for (int C = 0; C < K; ++C) {
        float DX = Points[2 * I] - Centroids[2 * C];
        float DY = Points[2 * I + 1] - Centroids[2 * C + 1];
        float D = DX * DX + DY * DY;
        if (D < Best) {
          Best = D;
          BestC = C;
        }
      }
      Ok = check(L[I] == BestC, "nearest");
    }
    cudaFree(DP);
    cudaFree(DC);
    cudaFree(DL);
  }

  {
    const int Rows = 1000, Cols = 19;
    std::vector<float> A(Rows * Cols);
    for (int I = 0; I < Rows * Cols; ++I)
      A[I] = float(I % 11);
    float *DA = toDevice(A), *DS;
    cudaMalloc(&DS, Rows * sizeof(float));
    gridStrideRows<<<3, 64>>>(Rows, Cols, DA, DS);
    std::vector<float> S = toHost(DS, Rows);
    for (int R = 0; R < Rows && Ok; ++R) {
      float Want = 0;
      for (int C = 0; C < Cols; ++C)
        Want += A[C * Rows + R];
      Ok = check(S[R] == Want, "gridStrideRows");
    }
    cudaFree(DA);
    cudaFree(DS);
  }

  cudaError_t Err = cudaDeviceSynchronize();
  if (Err != cudaSuccess) {
    std::printf("FAIL: %s\n", cudaGetErrorString(Err));
    return 1;
  }
  if (!Ok)
    return 1;
  std::printf("PASS\n");
  return 0;
}
