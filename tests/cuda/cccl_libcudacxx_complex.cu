// libcu++'s cuda::std::complex (the real 1.8 headers, through Tongxin's
// wrapper that makes their out-of-line operators __host__ __device__ as
// nvcc does) in a kernel: products, quotients, conj, norm, abs, polar and
// exp of float and double values, checked against the same libcu++ code
// run on the host.
#include <cuda/std/complex>

#include <cmath>
#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

using CF = cuda::std::complex<float>;
using CD = cuda::std::complex<double>;

static constexpr int N = 256;

__host__ __device__ CD combine(CD A, CD B) {
  CD P = A * B, Q = A / B;
  return P + cuda::std::conj(Q) * cuda::std::norm(B) -
         cuda::std::polar(cuda::std::abs(A), 0.25) + cuda::std::exp(B * 0.125);
}

__host__ __device__ CF combineFloat(CF A, CF B) {
  return A * B - A / B + cuda::std::conj(A);
}

__global__ void kernel(const double *In, CD *Out, CF *OutF) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= N)
    return;
  CD A(In[4 * I], In[4 * I + 1]), B(In[4 * I + 2], In[4 * I + 3]);
  Out[I] = combine(A, B);
  OutF[I] = combineFloat(CF(float(A.real()), float(A.imag())),
                         CF(float(B.real()), float(B.imag())));
}

int main() {
  std::vector<double> In(4 * N);
  unsigned Seed = 99;
  for (double &V : In) {
    Seed = Seed * 1664525u + 1013904223u;
    V = double(int(Seed >> 16) % 2001 - 1000) / 128.0;
    if (V == 0.0)
      V = 0.5;
  }
  double *DIn;
  CD *DOut;
  CF *DOutF;
  CHECK(cudaMalloc(&DIn, In.size() * sizeof(double)));
  CHECK(cudaMalloc(&DOut, N * sizeof(CD)));
  CHECK(cudaMalloc(&DOutF, N * sizeof(CF)));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * sizeof(double),
                   cudaMemcpyHostToDevice));
  kernel<<<(N + 63) / 64, 64>>>(DIn, DOut, DOutF);
  CHECK(cudaGetLastError());
  std::vector<CD> Out(N);
  std::vector<CF> OutF(N);
  CHECK(cudaMemcpy(Out.data(), DOut, N * sizeof(CD), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(OutF.data(), DOutF, N * sizeof(CF), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  CHECK(cudaFree(DOutF));
  int Bad = 0;
  for (int I = 0; I < N; ++I) {
    CD A(In[4 * I], In[4 * I + 1]), B(In[4 * I + 2], In[4 * I + 3]);
    CD Want = combine(A, B);
    CF WantF = combineFloat(CF(float(A.real()), float(A.imag())),
                            CF(float(B.real()), float(B.imag())));
    double Err = cuda::std::abs(Out[I] - Want) / (1.0 + cuda::std::abs(Want));
    double ErrF =
        cuda::std::abs(OutF[I] - WantF) / (1.0f + cuda::std::abs(WantF));
    if ((Err > 1e-12 || ErrF > 1e-5) && Bad++ < 8)
      printf("FAIL: %d: (%g, %g) want (%g, %g); float (%g, %g) want (%g, "
             "%g)\n",
             I, Out[I].real(), Out[I].imag(), Want.real(), Want.imag(),
             OutF[I].real(), OutF[I].imag(), WantF.real(), WantF.imag());
  }
  if (Bad) {
    printf("FAIL: %d mismatches\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
