// CUDA library calls captured into a graph with kernels around them:
// a kernel writes x, cublasSgemv computes y = alpha A x, cusparseSpMV
// computes v = S x for a tridiagonal S, cufftExecC2C transforms a signal a
// kernel wrote, and a last kernel reads y. The graph is launched three
// times with new inputs copied in before each launch (before the last, the
// executable graph is updated from a second capture with another alpha,
// which is then destroyed), and every result is checked against the host.
// The host scalars are read when the call is captured (changing them
// afterwards changes nothing), as on a GPU. On NVIDIA GPUs the libraries'
// own calls are captured by NVIDIA's driver into the graph; on the CPU
// device they are Tongxin's.
//
// txcc-flags: -lcublas -lcusparse -lcufft
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>

#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cufft.h>
#include <cusparse.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_STATUS(call)                                                     \
  do {                                                                         \
    int st_ = (int)(call);                                                     \
    if (st_ != 0) {                                                            \
      printf("FAIL: %s:%d: %s returned %d\n", __FILE__, __LINE__, #call, st_); \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int N = 64;    // A is N x N
constexpr int M = 256;   // S is M x M, tridiagonal
constexpr int Fft = 240; // not a power of two
constexpr int Launches = 3;

__global__ void doubleInto(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = 2.0f * in[i];
}

__global__ void toComplex(const float *in, cufftComplex *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = make_cuFloatComplex(in[i], -0.5f * in[i]);
}

__global__ void addOne(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = in[i] + 1.0f;
}

static bool close(double Got, double Want, double Tol, const char *What,
                  int Launch, int I) {
  if (std::fabs(Got - Want) <= Tol * (1.0 + std::fabs(Want)))
    return true;
  printf("FAIL: launch %d, %s[%d] = %g, expected %g\n", Launch, What, I, Got,
         Want);
  return false;
}

int main() {
  // Host data: A (column-major), S in CSR, the inputs of each launch.
  std::vector<float> A(N * N);
  for (int C = 0; C < N; ++C)
    for (int R = 0; R < N; ++R)
      A[C * N + R] = float((R * 7 + C * 3) % 11) / 11.0f - 0.4f;
  std::vector<int> Offsets(M + 1), Cols;
  std::vector<float> Vals;
  for (int R = 0; R < M; ++R) {
    Offsets[R] = int(Cols.size());
    for (int C = R - 1; C <= R + 1; ++C)
      if (C >= 0 && C < M) {
        Cols.push_back(C);
        Vals.push_back(C == R ? 2.5f : -1.0f + 0.001f * R);
      }
  }
  Offsets[M] = int(Cols.size());
  int Nnz = int(Cols.size());

  float *dA, *dXIn, *dX, *dY, *dZ, *dSIn, *dSX, *dV, *dVals, *dSigIn;
  int *dOffsets, *dCols;
  cufftComplex *dSig, *dSpec;
  CHECK(cudaMalloc(&dA, sizeof(float) * N * N));
  CHECK(cudaMalloc(&dXIn, sizeof(float) * N));
  CHECK(cudaMalloc(&dX, sizeof(float) * N));
  CHECK(cudaMalloc(&dY, sizeof(float) * N));
  CHECK(cudaMalloc(&dZ, sizeof(float) * N));
  CHECK(cudaMalloc(&dSIn, sizeof(float) * M));
  CHECK(cudaMalloc(&dSX, sizeof(float) * M));
  CHECK(cudaMalloc(&dV, sizeof(float) * M));
  CHECK(cudaMalloc(&dVals, sizeof(float) * Nnz));
  CHECK(cudaMalloc(&dOffsets, sizeof(int) * (M + 1)));
  CHECK(cudaMalloc(&dCols, sizeof(int) * Nnz));
  CHECK(cudaMalloc(&dSigIn, sizeof(float) * Fft));
  CHECK(cudaMalloc(&dSig, sizeof(cufftComplex) * Fft));
  CHECK(cudaMalloc(&dSpec, sizeof(cufftComplex) * Fft));
  CHECK(
      cudaMemcpy(dA, A.data(), sizeof(float) * N * N, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dVals, Vals.data(), sizeof(float) * Nnz,
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dOffsets, Offsets.data(), sizeof(int) * (M + 1),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dCols, Cols.data(), sizeof(int) * Nnz,
                   cudaMemcpyHostToDevice));

  cudaStream_t Stream;
  CHECK(cudaStreamCreateWithFlags(&Stream, cudaStreamNonBlocking));
  cublasHandle_t Blas;
  CHECK_STATUS(cublasCreate(&Blas));
  CHECK_STATUS(cublasSetStream(Blas, Stream));
  cusparseHandle_t Sparse;
  CHECK_STATUS(cusparseCreate(&Sparse));
  CHECK_STATUS(cusparseSetStream(Sparse, Stream));
  cufftHandle Plan;
  CHECK_STATUS(cufftPlan1d(&Plan, Fft, CUFFT_C2C, 1));
  CHECK_STATUS(cufftSetStream(Plan, Stream));

  cusparseSpMatDescr_t SMat;
  cusparseDnVecDescr_t SX, V;
  CHECK_STATUS(cusparseCreateCsr(&SMat, M, M, Nnz, dOffsets, dCols, dVals,
                                 CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                 CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  CHECK_STATUS(cusparseCreateDnVec(&SX, M, dSX, CUDA_R_32F));
  CHECK_STATUS(cusparseCreateDnVec(&V, M, dV, CUDA_R_32F));
  float Alpha = 1.5f, Beta = 0.0f, One = 1.0f, Zero = 0.0f;
  size_t SpMVBytes = 0;
  CHECK_STATUS(cusparseSpMV_bufferSize(Sparse, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                       &One, SMat, SX, &Zero, V, CUDA_R_32F,
                                       CUSPARSE_SPMV_ALG_DEFAULT, &SpMVBytes));
  void *SpMVBuffer;
  CHECK(cudaMalloc(&SpMVBuffer, SpMVBytes ? SpMVBytes : 1));
  // Work before the capture (and outside the graph) must be done first.
  CHECK(cudaDeviceSynchronize());

  // Captures the sequence; the host scalars are read as they are then.
  auto capture = [&](cudaGraph_t *Out) -> int {
    CHECK(cudaStreamBeginCapture(Stream, cudaStreamCaptureModeGlobal));
    doubleInto<<<1, N, 0, Stream>>>(dXIn, dX, N);
    CHECK_STATUS(cublasSgemv(Blas, CUBLAS_OP_N, N, N, &Alpha, dA, N, dX, 1,
                             &Beta, dY, 1));
    doubleInto<<<(M + 127) / 128, 128, 0, Stream>>>(dSIn, dSX, M);
    CHECK_STATUS(cusparseSpMV(Sparse, CUSPARSE_OPERATION_NON_TRANSPOSE, &One,
                              SMat, SX, &Zero, V, CUDA_R_32F,
                              CUSPARSE_SPMV_ALG_DEFAULT, SpMVBuffer));
    toComplex<<<(Fft + 127) / 128, 128, 0, Stream>>>(dSigIn, dSig, Fft);
    CHECK_STATUS(cufftExecC2C(Plan, dSig, dSpec, CUFFT_FORWARD));
    addOne<<<1, N, 0, Stream>>>(dY, dZ, N);
    CHECK(cudaStreamEndCapture(Stream, Out));
    return 0;
  };
  cudaGraph_t Graph;
  if (capture(&Graph))
    return 1;
  // Captured host scalars were read at the capture.
  Alpha = 100.0f;

  size_t Nodes = 0;
  CHECK(cudaGraphGetNodes(Graph, nullptr, &Nodes));
  if (Nodes < 7) {
    printf("FAIL: the graph has %zu nodes; the library calls are missing\n",
           Nodes);
    return 1;
  }
  cudaGraphExec_t Exec;
  CHECK(cudaGraphInstantiate(&Exec, Graph, 0));

  bool Ok = true;
  double Scale = 1.5;
  for (int Launch = 0; Launch < Launches && Ok; ++Launch) {
    if (Launch == Launches - 1) {
      // Captured again with another alpha, the executable graph updated
      // from it, and that graph destroyed: the update keeps what its
      // library calls captured.
      Alpha = 0.5f;
      cudaGraph_t Again;
      if (capture(&Again))
        return 1;
      cudaGraphExecUpdateResultInfo Info;
      CHECK(cudaGraphExecUpdate(Exec, Again, &Info));
      CHECK(cudaGraphDestroy(Again));
      Scale = 0.5;
    }
    std::vector<float> XIn(N), SIn(M), SigIn(Fft);
    for (int I = 0; I < N; ++I)
      XIn[I] = std::sin(0.3f * I + Launch);
    for (int I = 0; I < M; ++I)
      SIn[I] = std::cos(0.05f * I * (Launch + 1));
    for (int I = 0; I < Fft; ++I)
      SigIn[I] = float((I * (Launch + 3)) % 17) - 8.0f;
    CHECK(cudaMemcpy(dXIn, XIn.data(), sizeof(float) * N,
                     cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(dSIn, SIn.data(), sizeof(float) * M,
                     cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(dSigIn, SigIn.data(), sizeof(float) * Fft,
                     cudaMemcpyHostToDevice));
    CHECK(cudaGraphLaunch(Exec, Stream));
    CHECK(cudaStreamSynchronize(Stream));

    std::vector<float> Y(N), Z(N), Vout(M);
    std::vector<cufftComplex> Spec(Fft);
    CHECK(cudaMemcpy(Y.data(), dY, sizeof(float) * N, cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(Z.data(), dZ, sizeof(float) * N, cudaMemcpyDeviceToHost));
    CHECK(
        cudaMemcpy(Vout.data(), dV, sizeof(float) * M, cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(Spec.data(), dSpec, sizeof(cufftComplex) * Fft,
                     cudaMemcpyDeviceToHost));

    for (int R = 0; R < N && Ok; ++R) {
      double Sum = 0;
      for (int C = 0; C < N; ++C)
        Sum += double(A[C * N + R]) * 2.0 * XIn[C];
      Ok = close(Y[R], Scale * Sum, 1e-4, "y", Launch, R) &&
           close(Z[R], Scale * Sum + 1.0, 1e-4, "z", Launch, R);
    }
    for (int R = 0; R < M && Ok; ++R) {
      double Sum = 0;
      for (int K = Offsets[R]; K < Offsets[R + 1]; ++K)
        Sum += double(Vals[K]) * 2.0 * SIn[Cols[K]];
      Ok = close(Vout[R], Sum, 1e-4, "v", Launch, R);
    }
    for (int F = 0; F < Fft && Ok; ++F) {
      std::complex<double> Sum = 0;
      for (int T = 0; T < Fft; ++T)
        Sum += std::complex<double>(SigIn[T], -0.5 * SigIn[T]) *
               std::polar(1.0, -2.0 * M_PI * double(F) * T / Fft);
      Ok = close(Spec[F].x, Sum.real(), 1e-3, "spectrum.re", Launch, F) &&
           close(Spec[F].y, Sum.imag(), 1e-3, "spectrum.im", Launch, F);
    }
  }
  if (!Ok)
    return 1;

  CHECK(cudaGraphExecDestroy(Exec));
  CHECK(cudaGraphDestroy(Graph));
  CHECK_STATUS(cusparseDestroySpMat(SMat));
  CHECK_STATUS(cusparseDestroyDnVec(SX));
  CHECK_STATUS(cusparseDestroyDnVec(V));
  CHECK_STATUS(cusparseDestroy(Sparse));
  CHECK_STATUS(cufftDestroy(Plan));
  CHECK_STATUS(cublasDestroy(Blas));
  CHECK(cudaStreamDestroy(Stream));
  printf("PASS: %zu graph nodes, %d launches of gemv, SpMV and a %d-point "
         "FFT between kernels\n",
         Nodes, Launches, Fft);
  return 0;
}
