// Data-parallel training of a small MLP: each MPI rank takes a slice of the
// batch, computes its gradients with cuBLAS and custom kernels, and the
// gradients are summed across ranks with one ncclAllReduce per step, as
// PyTorch's DistributedDataParallel does. Build and run on the CPU:
//   txcc -O2 mlp_data_parallel.cu -o mlp $(mpicxx --showme:compile) \
//        $(mpicxx --showme:link) -lcublas -lnccl
//   mpirun -np 4 ./mlp
// Every rank also trains the same model alone on the whole batch (a
// one-rank communicator from ncclCommSplit) and checks that both reach the
// same weights (up to float rounding: sums run in another order), that all
// ranks hold bit-identical weights, and that the loss fell.
#include <mpi.h>
#include <nccl.h>
#include <cublas_v2.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(Expr)                                                            \
  do {                                                                         \
    if (!(Expr)) {                                                             \
      std::fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #Expr);   \
      MPI_Abort(MPI_COMM_WORLD, 1);                                            \
    }                                                                          \
  } while (0)

constexpr int In = 16, Hidden = 32, Out = 4, Batch = 64, Steps = 60;
constexpr float LearningRate = 0.05f;
// Parameters and gradients, packed: W1 (In x Hidden), b1, W2 (Hidden x
// Out), b2 -- so one all-reduce moves every gradient.
constexpr int W1 = 0, B1 = W1 + In * Hidden, W2 = B1 + Hidden,
              B2 = W2 + Hidden * Out, NumParams = B2 + Out;

__global__ void addBias(float *M, const float *Bias, int Rows, int Cols,
                        bool Relu) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < Rows * Cols) {
    float V = M[I] + Bias[I % Cols];
    M[I] = Relu ? fmaxf(V, 0.0f) : V;
  }
}

// dY = 2 (Y - T) / Batch, and each element's share of the loss.
__global__ void outputGradient(const float *Y, const float *T, float *DY,
                               float *LossTerms, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N) {
    float D = Y[I] - T[I];
    DY[I] = 2.0f * D / Batch;
    LossTerms[I] = D * D / Batch;
  }
}

// dZ = dH where the ReLU was active (H > 0), else 0.
__global__ void reluBackward(float *DH, const float *H, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N && H[I] <= 0.0f)
    DH[I] = 0.0f;
}

// Bias gradient: the column sums of D (Rows x Cols).
__global__ void columnSums(const float *D, float *Sums, int Rows, int Cols) {
  int C = blockIdx.x * blockDim.x + threadIdx.x;
  if (C < Cols) {
    float S = 0;
    for (int R = 0; R < Rows; ++R)
      S += D[R * Cols + C];
    Sums[C] = S;
  }
}

__global__ void sgdStep(float *P, const float *G, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    P[I] -= LearningRate * G[I];
}

static int blocks(int N) { return (N + 127) / 128; }

// Row-major C (M x N) = op(A) op(B) with cuBLAS (column-major): the
// column-major view of a row-major matrix is its transpose.
static void gemm(cublasHandle_t H, bool TransA, bool TransB, int M, int N,
                 int K, const float *A, const float *B, float *C) {
  const float One = 1, Zero = 0;
  CHECK(cublasSgemm(H, TransB ? CUBLAS_OP_T : CUBLAS_OP_N,
                    TransA ? CUBLAS_OP_T : CUBLAS_OP_N, N, M, K, &One, B,
                    TransB ? K : N, A, TransA ? M : K, &Zero, C,
                    N) == CUBLAS_STATUS_SUCCESS);
}

struct Model {
  float *Params, *Grads, *H, *Y, *DY, *DH, *Loss;
};

// Trains on rows [First, First + Rows) of the batch, gradients summed over
// Comm's ranks; returns the first and last steps' losses.
static void train(ncclComm_t Comm, cublasHandle_t Blas, cudaStream_t Stream,
                  const float *X, const float *T, int First, int Rows,
                  float *Params, float Losses[2]) {
  Model M;
  CHECK(cudaMalloc(&M.Grads, NumParams * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&M.H, Rows * Hidden * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&M.Y, Rows * Out * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&M.DY, Rows * Out * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&M.DH, Rows * Hidden * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&M.Loss, Rows * Out * sizeof(float)) == cudaSuccess);
  const float *Xs = X + First * In, *Ts = T + First * Out;
  std::vector<float> LossTerms(Rows * Out);
  for (int Step = 0; Step < Steps; ++Step) {
    // Forward.
    gemm(Blas, false, false, Rows, Hidden, In, Xs, Params + W1, M.H);
    addBias<<<blocks(Rows * Hidden), 128, 0, Stream>>>(M.H, Params + B1, Rows,
                                                         Hidden, true);
    gemm(Blas, false, false, Rows, Out, Hidden, M.H, Params + W2, M.Y);
    addBias<<<blocks(Rows * Out), 128, 0, Stream>>>(M.Y, Params + B2, Rows,
                                                      Out, false);
    // Backward.
    outputGradient<<<blocks(Rows * Out), 128, 0, Stream>>>(M.Y, Ts, M.DY,
                                                             M.Loss, Rows * Out);
    gemm(Blas, true, false, Hidden, Out, Rows, M.H, M.DY, M.Grads + W2);
    columnSums<<<1, 128, 0, Stream>>>(M.DY, M.Grads + B2, Rows, Out);
    gemm(Blas, false, true, Rows, Hidden, Out, M.DY, Params + W2, M.DH);
    reluBackward<<<blocks(Rows * Hidden), 128, 0, Stream>>>(M.DH, M.H,
                                                              Rows * Hidden);
    gemm(Blas, true, false, In, Hidden, Rows, Xs, M.DH, M.Grads + W1);
    columnSums<<<1, 128, 0, Stream>>>(M.DH, M.Grads + B1, Rows, Hidden);
    // The whole batch's gradient: every rank's sum.
    CHECK(ncclAllReduce(M.Grads, M.Grads, NumParams, ncclFloat, ncclSum, Comm,
                        Stream) == ncclSuccess);
    sgdStep<<<blocks(NumParams), 128, 0, Stream>>>(Params, M.Grads, NumParams);
    if (Step == 0 || Step == Steps - 1) {
      // The loss of this step over the whole batch.
      float Local = 0, Total = 0;
      CHECK(cudaMemcpyAsync(LossTerms.data(), M.Loss,
                            LossTerms.size() * sizeof(float),
                            cudaMemcpyDeviceToHost, Stream) == cudaSuccess);
      CHECK(cudaStreamSynchronize(Stream) == cudaSuccess);
      for (float L : LossTerms)
        Local += L;
      float *Device;
      CHECK(cudaMalloc(&Device, sizeof(float)) == cudaSuccess);
      CHECK(cudaMemcpy(Device, &Local, sizeof(float),
                       cudaMemcpyHostToDevice) == cudaSuccess);
      CHECK(ncclAllReduce(Device, Device, 1, ncclFloat, ncclSum, Comm,
                          Stream) == ncclSuccess);
      CHECK(cudaMemcpyAsync(&Total, Device, sizeof(float),
                            cudaMemcpyDeviceToHost, Stream) == cudaSuccess);
      CHECK(cudaStreamSynchronize(Stream) == cudaSuccess);
      cudaFree(Device);
      Losses[Step == 0 ? 0 : 1] = Total;
    }
  }
  CHECK(cudaStreamSynchronize(Stream) == cudaSuccess);
  for (float *P : {M.Grads, M.H, M.Y, M.DY, M.DH, M.Loss})
    cudaFree(P);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int Rank, Size;
  MPI_Comm_rank(MPI_COMM_WORLD, &Rank);
  MPI_Comm_size(MPI_COMM_WORLD, &Size);
  CHECK(Batch % Size == 0);

  // The data and the initial weights, the same on every rank.
  std::vector<float> HostX(Batch * In), HostT(Batch * Out), Init(NumParams);
  for (int I = 0; I < Batch * In; ++I)
    HostX[I] = std::sin(0.37f * I);
  for (int B = 0; B < Batch; ++B)
    for (int O = 0; O < Out; ++O) {
      float S = 0;
      for (int D = 0; D < In; ++D)
        S += HostX[B * In + D] * 0.1f * float((D + 2 * O) % 5 - 2);
      HostT[B * Out + O] = std::tanh(S);
    }
  for (int I = 0; I < NumParams; ++I)
    Init[I] = 0.2f * std::sin(1.3f * I + 0.5f);

  ncclUniqueId Id;
  if (Rank == 0)
    CHECK(ncclGetUniqueId(&Id) == ncclSuccess);
  MPI_Bcast(&Id, sizeof(Id), MPI_BYTE, 0, MPI_COMM_WORLD);
  ncclComm_t World, Alone;
  CHECK(ncclCommInitRank(&World, Size, Id, Rank) == ncclSuccess);
  CHECK(ncclCommSplit(World, Rank, 0, &Alone, nullptr) == ncclSuccess);

  cudaStream_t Stream;
  CHECK(cudaStreamCreate(&Stream) == cudaSuccess);
  cublasHandle_t Blas;
  CHECK(cublasCreate(&Blas) == CUBLAS_STATUS_SUCCESS);
  CHECK(cublasSetStream(Blas, Stream) == CUBLAS_STATUS_SUCCESS);
  float *X, *T, *Parallel, *Serial;
  CHECK(cudaMalloc(&X, HostX.size() * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&T, HostT.size() * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&Parallel, NumParams * sizeof(float)) == cudaSuccess);
  CHECK(cudaMalloc(&Serial, NumParams * sizeof(float)) == cudaSuccess);
  cudaMemcpy(X, HostX.data(), HostX.size() * sizeof(float),
             cudaMemcpyHostToDevice);
  cudaMemcpy(T, HostT.data(), HostT.size() * sizeof(float),
             cudaMemcpyHostToDevice);
  cudaMemcpy(Parallel, Init.data(), NumParams * sizeof(float),
             cudaMemcpyHostToDevice);
  cudaMemcpy(Serial, Init.data(), NumParams * sizeof(float),
             cudaMemcpyHostToDevice);

  int Rows = Batch / Size;
  float ParallelLoss[2], SerialLoss[2];
  train(World, Blas, Stream, X, T, Rank * Rows, Rows, Parallel, ParallelLoss);
  train(Alone, Blas, Stream, X, T, 0, Batch, Serial, SerialLoss);

  std::vector<float> Mine(NumParams), Reference(NumParams), Rank0(NumParams);
  cudaMemcpy(Mine.data(), Parallel, NumParams * sizeof(float),
             cudaMemcpyDeviceToHost);
  cudaMemcpy(Reference.data(), Serial, NumParams * sizeof(float),
             cudaMemcpyDeviceToHost);
  Rank0 = Mine;
  MPI_Bcast(Rank0.data(), NumParams, MPI_FLOAT, 0, MPI_COMM_WORLD);
  double MaxDiff = 0;
  bool Identical = true;
  for (int I = 0; I < NumParams; ++I) {
    MaxDiff = std::fmax(MaxDiff, std::fabs(Mine[I] - Reference[I]) /
                                     (1.0 + std::fabs(Reference[I])));
    Identical &= Mine[I] == Rank0[I];
  }
  bool Ok = MaxDiff < 1e-4 && Identical &&
            ParallelLoss[1] < 0.5f * ParallelLoss[0] &&
            std::fabs(ParallelLoss[0] - SerialLoss[0]) < 1e-5f;
  int AllOk = 0, Mine0k = Ok;
  MPI_Allreduce(&Mine0k, &AllOk, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (Rank == 0)
    std::printf("%d rank(s): loss %.5f -> %.5f (alone: %.5f -> %.5f), "
                "largest weight difference from one rank %.2e, ranks %s: %s\n",
                Size, ParallelLoss[0], ParallelLoss[1], SerialLoss[0],
                SerialLoss[1], MaxDiff, Identical ? "identical" : "differ",
                AllOk ? "PASSED" : "FAILED");

  cublasDestroy(Blas);
  for (float *P : {X, T, Parallel, Serial})
    cudaFree(P);
  ncclCommDestroy(Alone);
  ncclCommDestroy(World);
  MPI_Finalize();
  return AllOk ? 0 : 1;
}
