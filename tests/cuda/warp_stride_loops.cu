// Warp-stride loops: each warp (or group of 16 lanes) walks a row of its own
// with `for (c = lane; c < n; c += 32)`, as row softmax, layernorm and
// attention kernels do. txcc runs such loops as rounds that all threads of
// the block take together, each for the lanes still inside the row
// (GridStrideGuards), with math calls vectorised across the lanes
// (VectorMathCalls). Rows of every length around the warp width, a lead
// before the lane, groups of 16, a 64-bit index, rows past the end whose
// warps return early; every result is checked against a host model.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Row softmax, one warp per row; warps past the last row return at once.
__global__ void softmaxRows(const float *In, float *Out, int Rows, int Cols) {
  int Row = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int Lane = threadIdx.x % 32;
  if (Row >= Rows)
    return;
  const float *X = In + size_t(Row) * Cols;
  float *Y = Out + size_t(Row) * Cols;
  float Max = -INFINITY;
  for (int C = Lane; C < Cols; C += 32)
    Max = fmaxf(Max, X[C]);
  for (int Mask = 16; Mask > 0; Mask >>= 1)
    Max = fmaxf(Max, __shfl_xor_sync(0xffffffffu, Max, Mask));
  float Sum = 0.0f;
  for (int C = Lane; C < Cols; C += 32) {
    float E = expf(X[C] - Max);
    Y[C] = E;
    Sum += E;
  }
  for (int Mask = 16; Mask > 0; Mask >>= 1)
    Sum += __shfl_xor_sync(0xffffffffu, Sum, Mask);
  for (int C = Lane; C < Cols; C += 32)
    Y[C] = Y[C] / Sum;
}

// Groups of 16 lanes, each over a row from a lead of 3, with a 64-bit
// index: Out[r][c] = sinf(In[r][c]) * (c + 1) for c >= 3, counted per lane.
__global__ void halfWarpRows(const float *In, float *Out, unsigned *Visits,
                             int Rows, unsigned long long Cols) {
  unsigned Group = (blockIdx.x * blockDim.x + threadIdx.x) / 16;
  unsigned Lane = threadIdx.x & 15;
  if (Group >= unsigned(Rows))
    return;
  const float *X = In + Group * Cols;
  float *Y = Out + Group * Cols;
  unsigned Count = 0;
  for (unsigned long long C = 3 + Lane; C < Cols; C += 16) {
    Y[C] = sinf(X[C]) * float(C + 1);
    ++Count;
  }
  Visits[blockIdx.x * blockDim.x + threadIdx.x] = Count;
}

static bool close(float Got, double Want, double Rel) {
  return std::fabs(Got - Want) <= Rel * std::fabs(Want) + 1e-30;
}

static int checkSoftmax(int Rows, int Cols) {
  std::vector<float> In(size_t(Rows) * Cols), Out(In.size(), -1.0f);
  for (size_t I = 0; I < In.size(); ++I)
    In[I] = float((I * 2654435761u) % 1000) / 125.0f - 4.0f;
  float *DIn, *DOut;
  CHECK(cudaMalloc(&DIn, In.size() * sizeof(float) + 4));
  CHECK(cudaMalloc(&DOut, In.size() * sizeof(float) + 4));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  // One block more than the rows need: its warps return early.
  int Blocks = (Rows * 32 + 255) / 256 + 1;
  softmaxRows<<<Blocks, 256>>>(DIn, DOut, Rows, Cols);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  for (int R = 0; R < Rows; ++R) {
    const float *X = &In[size_t(R) * Cols];
    double Max = -INFINITY, Sum = 0;
    for (int C = 0; C < Cols; ++C)
      Max = std::fmax(Max, X[C]);
    for (int C = 0; C < Cols; ++C)
      Sum += std::exp(double(X[C]) - Max);
    for (int C = 0; C < Cols; ++C) {
      double Want = std::exp(double(X[C]) - Max) / Sum;
      if (!close(Out[size_t(R) * Cols + C], Want, 1e-5)) {
        printf("FAIL: softmax %dx%d [%d][%d] = %g, want %g\n", Rows, Cols, R, C,
               Out[size_t(R) * Cols + C], Want);
        return 1;
      }
    }
  }
  return 0;
}

static int checkHalfWarps(int Rows, unsigned long long Cols) {
  size_t N = size_t(Rows) * Cols;
  std::vector<float> In(N), Out(N, -7.0f);
  for (size_t I = 0; I < N; ++I)
    In[I] = float(I % 97) * 0.37f - 12.0f;
  int Threads = 128, Blocks = (Rows * 16 + Threads - 1) / Threads;
  std::vector<unsigned> Visits(size_t(Blocks) * Threads, 12345);
  float *DIn, *DOut;
  unsigned *DVisits;
  CHECK(cudaMalloc(&DIn, N * sizeof(float) + 4));
  CHECK(cudaMalloc(&DOut, N * sizeof(float) + 4));
  CHECK(cudaMalloc(&DVisits, Visits.size() * sizeof(unsigned)));
  CHECK(cudaMemcpy(DIn, In.data(), N * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(
      cudaMemcpy(DOut, Out.data(), N * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(DVisits, Visits.data(), Visits.size() * sizeof(unsigned),
                   cudaMemcpyHostToDevice));
  halfWarpRows<<<Blocks, Threads>>>(DIn, DOut, DVisits, Rows, Cols);
  CHECK(cudaGetLastError());
  CHECK(
      cudaMemcpy(Out.data(), DOut, N * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Visits.data(), DVisits, Visits.size() * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  CHECK(cudaFree(DVisits));
  for (size_t T = 0; T < Visits.size(); ++T) {
    unsigned long long Lane = T % 16, First = 3 + Lane;
    unsigned Want = T / 16 >= size_t(Rows) ? 12345
                    : First < Cols         ? unsigned((Cols - First + 15) / 16)
                                           : 0;
    if (Visits[T] != Want) {
      printf("FAIL: half warps %dx%llu: thread %zu ran %u rounds, want %u\n",
             Rows, Cols, T, Visits[T], Want);
      return 1;
    }
  }
  for (int R = 0; R < Rows; ++R)
    for (unsigned long long C = 0; C < Cols; ++C) {
      size_t I = size_t(R) * Cols + C;
      double Want = C < 3 ? -7.0 : std::sin(double(In[I])) * double(C + 1);
      if (!close(Out[I], Want, 4e-7 * (C + 2))) {
        printf("FAIL: half warps %dx%llu [%d][%llu] = %.9g, want %.9g\n", Rows,
               Cols, R, C, Out[I], Want);
        return 1;
      }
    }
  return 0;
}

int main() {
  const int Lengths[] = {1, 5, 31, 32, 33, 63, 64, 100, 257, 1000, 1024};
  for (int Cols : Lengths)
    for (int Rows : {1, 7, 19})
      if (checkSoftmax(Rows, Cols))
        return 1;
  for (unsigned long long Cols :
       {1ull, 3ull, 4ull, 18ull, 19ull, 20ull, 35ull, 200ull})
    for (int Rows : {1, 5, 9})
      if (checkHalfWarps(Rows, Cols))
        return 1;
  printf("PASS\n");
  return 0;
}
