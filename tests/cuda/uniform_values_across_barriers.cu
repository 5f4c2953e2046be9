// Values every thread of a block computes identically (loop counters, a
// quotient of kernel arguments) that live across barriers and warp
// collectives, in the shapes where keeping them in one place for the whole
// block would go wrong if done carelessly:
//  * a loop whose barrier is conditional, so that after the barrier the
//    counter is read both before and after this thread's next increment;
//  * a barrier loop run only by threads past the first warp, which return
//    first (the block's first live thread is not thread 0);
//  * a value computed only in a divergent branch whose threads then meet
//    at a warp shuffle while the others wait at a different one.
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__global__ void conditionalBarrierLoop(int *Out, int Rounds, int SyncEvery) {
  __shared__ int Seen[1024];
  int T = threadIdx.x;
  int Acc = 0;
  for (int R = 0; R < Rounds; ++R) {
    if (R % SyncEvery == 0) {
      Seen[T] = Acc;
      __syncthreads();
      Acc += Seen[(T + 1) % blockDim.x] % 7;
      __syncthreads();
    }
    Acc += R * 3 + T;
  }
  Out[blockIdx.x * blockDim.x + T] = Acc;
}

static int conditionalBarrierLoopReference(std::vector<int> &Want, int Blocks,
                                           int Threads, int Rounds,
                                           int SyncEvery) {
  std::vector<int> Acc(Threads), Seen(Threads);
  for (int B = 0; B < Blocks; ++B) {
    std::fill(Acc.begin(), Acc.end(), 0);
    for (int R = 0; R < Rounds; ++R) {
      if (R % SyncEvery == 0) {
        Seen = Acc;
        for (int T = 0; T < Threads; ++T)
          Acc[T] += Seen[(T + 1) % Threads] % 7;
      }
      for (int T = 0; T < Threads; ++T)
        Acc[T] += R * 3 + T;
    }
    for (int T = 0; T < Threads; ++T)
      Want[B * Threads + T] = Acc[T];
  }
  return 0;
}

// Threads of the first warp return; the others run Rounds rounds, each
// reading a neighbour's value published before a barrier, and adding a
// quotient they all compute after the return (not hoistable: the divisor
// may be zero for all the compiler knows).
__global__ void upperWarpsRounds(float *Out, const float *In, int Rounds,
                                 int Divisor) {
  __shared__ float Published[1024];
  int T = threadIdx.x;
  int G = blockIdx.x * blockDim.x + T;
  if (T < 32) {
    Out[G] = -1.0f;
    return;
  }
  int Live = blockDim.x - 32;
  int Q = 1000 / Divisor;
  float V = In[G];
  for (int R = 0; R < Rounds; ++R) {
    Published[T] = V;
    __syncthreads();
    V = 0.5f * V + Published[32 + (T - 32 + R + 1) % Live] + float(Q);
    __syncthreads();
  }
  Out[G] = V;
}

static void upperWarpsRoundsReference(std::vector<float> &Want,
                                      const std::vector<float> &In, int Blocks,
                                      int Threads, int Rounds, int Divisor) {
  int Live = Threads - 32;
  std::vector<float> V(Threads), Published(Threads);
  for (int B = 0; B < Blocks; ++B) {
    for (int T = 32; T < Threads; ++T)
      V[T] = In[B * Threads + T];
    for (int R = 0; R < Rounds; ++R) {
      Published = V;
      for (int T = 32; T < Threads; ++T)
        V[T] = 0.5f * V[T] + Published[32 + (T - 32 + R + 1) % Live] +
               float(1000 / Divisor);
    }
    for (int T = 0; T < Threads; ++T)
      Want[B * Threads + T] = T < 32 ? -1.0f : V[T];
  }
}

// Even warps compute a quotient of the arguments (not hoistable: the
// divisor may be zero for all the compiler knows) and keep it across
// their shuffle; odd warps shuffle elsewhere.
__global__ void quotientAcrossShuffle(int *Out, int A, int B, int Rounds) {
  int T = threadIdx.x;
  int V = T;
  for (int R = 0; R < Rounds; ++R) {
    if ((T / 32) % 2 == 0) {
      int Q = A / (B + R);
      V += __shfl_xor_sync(0xffffffffu, V, 1);
      V += Q;
    } else {
      V -= __shfl_down_sync(0xffffffffu, V, 1) % 5;
    }
    __syncthreads();
  }
  Out[blockIdx.x * blockDim.x + T] = V;
}

static void quotientAcrossShuffleReference(std::vector<int> &Want, int Blocks,
                                           int Threads, int A, int B,
                                           int Rounds) {
  std::vector<int> V(Threads), Old(Threads);
  for (int Blk = 0; Blk < Blocks; ++Blk) {
    for (int T = 0; T < Threads; ++T)
      V[T] = T;
    for (int R = 0; R < Rounds; ++R) {
      Old = V;
      for (int T = 0; T < Threads; ++T) {
        int Lane = T % 32, WarpBase = T - Lane;
        if ((T / 32) % 2 == 0) {
          V[T] = Old[T] + Old[WarpBase + (Lane ^ 1)] + A / (B + R);
        } else {
          int Src = Lane + 1 < 32 ? T + 1 : T; // shfl_down keeps the top lane
          V[T] = Old[T] - Old[Src] % 5;
        }
      }
    }
    for (int T = 0; T < Threads; ++T)
      Want[Blk * Threads + T] = V[T];
  }
}

template <typename T>
static int compare(const char *What, int Threads, const std::vector<T> &Got,
                   const std::vector<T> &Want) {
  for (size_t I = 0; I < Got.size(); ++I)
    if (Got[I] != Want[I]) {
      printf("FAIL: %s (%d threads): element %zu = %g, want %g\n", What,
             Threads, I, double(Got[I]), double(Want[I]));
      return 1;
    }
  return 0;
}

int main() {
  const int Blocks = 3;
  for (int Threads : {256, 96, 64}) {
    int N = Blocks * Threads;
    int *DevInt = nullptr;
    float *DevIn = nullptr, *DevOut = nullptr;
    CHECK(cudaMalloc(&DevInt, N * sizeof(int)));
    CHECK(cudaMalloc(&DevIn, N * sizeof(float)));
    CHECK(cudaMalloc(&DevOut, N * sizeof(float)));
    std::vector<int> GotInt(N), WantInt(N);

    for (int SyncEvery : {1, 2, 3}) {
      conditionalBarrierLoop<<<Blocks, Threads>>>(DevInt, 7, SyncEvery);
      CHECK(cudaGetLastError());
      CHECK(cudaMemcpy(GotInt.data(), DevInt, N * sizeof(int),
                       cudaMemcpyDeviceToHost));
      conditionalBarrierLoopReference(WantInt, Blocks, Threads, 7, SyncEvery);
      if (compare("conditional barrier loop", Threads, GotInt, WantInt))
        return 1;
    }

    std::vector<float> In(N), Got(N), Want(N);
    for (int I = 0; I < N; ++I)
      In[I] = float(I % 13) - 4.0f;
    CHECK(cudaMemcpy(DevIn, In.data(), N * sizeof(float),
                     cudaMemcpyHostToDevice));
    upperWarpsRounds<<<Blocks, Threads>>>(DevOut, DevIn, 5, 7);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Got.data(), DevOut, N * sizeof(float),
                     cudaMemcpyDeviceToHost));
    upperWarpsRoundsReference(Want, In, Blocks, Threads, 5, 7);
    if (compare("rounds after the first warp returns", Threads, Got, Want))
      return 1;

    quotientAcrossShuffle<<<Blocks, Threads>>>(DevInt, 1000, 3, 4);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(GotInt.data(), DevInt, N * sizeof(int),
                     cudaMemcpyDeviceToHost));
    quotientAcrossShuffleReference(WantInt, Blocks, Threads, 1000, 3, 4);
    if (compare("quotient across a shuffle", Threads, GotInt, WantInt))
      return 1;

    CHECK(cudaFree(DevInt));
    CHECK(cudaFree(DevIn));
    CHECK(cudaFree(DevOut));
  }
  printf("PASS\n");
  return 0;
}
