// libcu++'s <cuda/std/cmath>, <cuda/std/utility>, <cuda/std/iterator>,
// <cuda/std/cstdint>, <cuda/std/cfloat> and <cuda/std/climits> (Debian's
// 1.8, the real headers) in device code: classification (isnan, isinf,
// isfinite, signbit, fpclassify), the overloaded math functions through
// cuda::std, swap/exchange/integer_sequence/pair comparisons,
// iterator_traits, distance and advance over a raw pointer and a
// reverse_iterator, and the fixed-width limits. Each thread's answers are
// compared with the same libcu++ code run on the host.
#include <cuda/std/cfloat>
#include <cuda/std/climits>
#include <cuda/std/cmath>
#include <cuda/std/cstdint>
#include <cuda/std/iterator>
#include <cuda/std/type_traits>
#include <cuda/std/utility>

#include <cstdio>
#include <vector>

constexpr int Fields = 16;

template <size_t... Is>
__host__ __device__ int sumOf(cuda::std::index_sequence<Is...>) {
  int Sum = 0;
  int Unused[] = {0, (Sum += int(Is) * int(Is), 0)...};
  (void)Unused;
  return Sum;
}

// Fills Out[0..Fields) from X; the same code runs on both sides.
__host__ __device__ void answers(float X, int I, double *Out) {
  float Special[] = {X, 0.0f / 0.0f, 1.0f / 0.0f, -0.0f, FLT_MIN / 4.0f};
  float V = Special[I % 5];
  Out[0] = cuda::std::isnan(V);
  Out[1] = cuda::std::isinf(V);
  Out[2] = cuda::std::isfinite(V);
  Out[3] = cuda::std::signbit(V);
  Out[4] = cuda::std::fpclassify(V);
  Out[5] = cuda::std::isnormal(V);
  double D = 0.75 + (I % 13);
  Out[6] = cuda::std::sqrt(D) + cuda::std::fabs(-D) + cuda::std::floor(D / 3);
  Out[7] = cuda::std::fmax(D, 4.5) - cuda::std::fmin(D, 4.5);
  Out[8] = cuda::std::copysign(2.5, -D) * cuda::std::abs(-3);

  int A = I, B = 2 * I + 1;
  cuda::std::swap(A, B);
  int Old = cuda::std::exchange(A, 77);
  Out[9] = Old * 1000 + A + B;
  cuda::std::pair<int, float> P(I, 0.5f), Q(I, 1.5f);
  Out[10] =
      (P < Q) + 2 * (P == P) + 4 * (cuda::std::make_pair(I + 1, 0.0f) > Q);
  Out[11] = sumOf(cuda::std::make_index_sequence<6>());

  int Array[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  int *It = Array;
  cuda::std::advance(It, I % 5);
  auto Reversed = cuda::std::reverse_iterator<int *>(Array + 8);
  Out[12] = *It * 100 + Reversed[1] * 10 + cuda::std::distance(Array, It);
  using Traits = cuda::std::iterator_traits<int *>;
  Out[13] =
      cuda::std::is_same<Traits::value_type, int>::value +
      2 * cuda::std::is_same<Traits::iterator_category,
                             cuda::std::random_access_iterator_tag>::value;
  Out[14] = double(INT32_MAX) + double(UINT16_MAX) + double(INT8_MIN) +
            double(CHAR_BIT) + double(sizeof(cuda::std::int64_t));
  Out[15] = double(FLT_EPSILON) * 1e9 + double(DBL_MANT_DIG) + FLT_MAX_EXP;
}

__global__ void compute(const float *In, double *Out, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    answers(In[I], I, Out + Fields * I);
}

int main() {
  const int N = 200;
  std::vector<float> Inputs(N);
  for (int I = 0; I < N; ++I)
    Inputs[I] = float(I - 100) * 0.37f;
  float *In;
  double *Out;
  cudaMalloc(&In, N * sizeof(float));
  cudaMalloc(&Out, N * Fields * sizeof(double));
  cudaMemcpy(In, Inputs.data(), N * sizeof(float), cudaMemcpyHostToDevice);
  compute<<<(N + 63) / 64, 64>>>(In, Out, N);
  std::vector<double> Got(N * Fields);
  cudaMemcpy(Got.data(), Out, Got.size() * sizeof(double),
             cudaMemcpyDeviceToHost);
  int Bad = 0;
  for (int I = 0; I < N; ++I) {
    double Want[Fields];
    answers(Inputs[I], I, Want);
    for (int F = 0; F < Fields; ++F)
      if (Got[I * Fields + F] != Want[F] && Bad++ < 8)
        printf("FAIL: thread %d field %d: %g, want %g\n", I, F,
               Got[I * Fields + F], Want[F]);
  }
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
