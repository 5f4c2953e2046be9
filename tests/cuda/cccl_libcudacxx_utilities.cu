// libcu++'s vocabulary headers (Debian's 1.8, the real headers) in device
// code: cuda::std::array, tuple and pair (get, make_tuple, tuple_cat, tie),
// <cuda/std/bit> (popcount, countl_zero, countr_zero, rotl, rotr,
// bit_width, has_single_bit, bit_ceil, bit_floor), <cuda/std/chrono>
// duration arithmetic and casts, <cuda/std/ratio>, <cuda/std/functional>
// function objects, <cuda/std/type_traits> and <cuda/std/limits>. Each
// thread's results are checked against the same libcu++ code on the host.
#include <cuda/std/array>
#include <cuda/std/bit>
#include <cuda/std/chrono>
#include <cuda/std/cstdint>
#include <cuda/std/functional>
#include <cuda/std/limits>
#include <cuda/std/ratio>
#include <cuda/std/tuple>
#include <cuda/std/type_traits>
#include <cuda/std/utility>

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

namespace std_ = cuda::std;

// Compile-time parts, in device and host compilation alike.
using Third = std_::ratio<1, 3>;
using Sixth = std_::ratio<1, 6>;
static_assert(std_::ratio_add<Third, Sixth>::num == 1 &&
                  std_::ratio_add<Third, Sixth>::den == 2,
              "ratio_add");
static_assert(std_::ratio_less<Sixth, Third>::value, "ratio_less");
static_assert(
    std_::is_same<std_::common_type_t<int, long long>, long long>::value,
    "common_type");
static_assert(std_::is_trivially_copyable<std_::array<float, 4>>::value,
              "array is trivially copyable");
static_assert(std_::numeric_limits<std_::uint16_t>::max() == 65535, "limits");
static_assert(std_::tuple_size<std_::tuple<int, char, double>>::value == 3,
              "tuple_size");

static constexpr int Fields = 20;
static constexpr int Threads = 200;

/// Thread I's results, the same function on both sides.
__host__ __device__ void compute(unsigned I, long long *Out) {
  std_::uint32_t X = I * 2654435761u + 12345u;

  // <cuda/std/bit>
  Out[0] = std_::popcount(X);
  Out[1] = std_::countl_zero(X >> (I % 32));
  Out[2] = std_::countr_zero(X | 0x80000000u);
  Out[3] = std_::rotl(X, (int)(I % 37));
  Out[4] = std_::rotr(X, (int)(I % 41));
  Out[5] = std_::bit_width(I);
  Out[6] = std_::has_single_bit(I);
  Out[7] = std_::bit_ceil(I % 1000 + 1);
  Out[8] = std_::bit_floor(I + 1);

  // array: a small insertion sort and a reduction through plus<>.
  std_::array<int, 6> A = {{(int)(X % 97), (int)(X % 89), (int)(X % 83),
                            (int)(X % 79), (int)(X % 73), (int)(X % 71)}};
  for (size_t K = 1; K < A.size(); ++K)
    for (size_t J = K; J > 0 && std_::less<int>()(A[J], A[J - 1]); --J) {
      int T = A[J];
      A[J] = A[J - 1];
      A[J - 1] = T;
    }
  int Sum = 0;
  for (int V : A)
    Sum = std_::plus<int>()(Sum, V);
  Out[9] = A.front() * 1000 + A.back();
  Out[10] = Sum;

  // tuple and pair.
  auto T = std_::make_tuple((int)I, (long long)X * 3, (short)(I % 7));
  auto P = std_::make_pair(std_::get<2>(T), std_::get<0>(T) + 1);
  auto Cat = std_::tuple_cat(T, std_::make_tuple(P.first, P.second));
  int First;
  short Last;
  long long Middle;
  std_::tie(First, Middle, Last, std_::ignore, std_::ignore) = Cat;
  Out[11] = First + Middle + Last + std_::get<4>(Cat);
  Out[12] = std_::get<long long>(T) % 1000003;

  // chrono: durations of I milliseconds.
  using namespace std_::chrono;
  milliseconds Ms(I * 1234 + 1);
  Out[13] = duration_cast<seconds>(Ms).count();
  Out[14] = (Ms + seconds(2) - microseconds(500)).count();
  Out[15] = floor<minutes>(Ms * 100).count();
  Out[16] = (Ms % seconds(1)).count();
  duration<double, std_::ratio<1, 3>> Thirds = Ms;
  Out[17] = (long long)(Thirds.count() * 1000);

  // functional and limits.
  Out[18] = std_::minus<long long>()(std_::numeric_limits<int>::max(), I) +
            std_::multiplies<int>()((int)I, 3);
  Out[19] = std_::bit_xor<unsigned>()(X, ~0u) + std_::negate<int>()((int)I);
}

__global__ void kernel(long long *Out) {
  unsigned I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < Threads)
    compute(I, Out + I * Fields);
}

int main() {
  long long *D;
  CHECK(cudaMalloc(&D, Threads * Fields * sizeof(long long)));
  kernel<<<(Threads + 63) / 64, 64>>>(D);
  CHECK(cudaGetLastError());
  std::vector<long long> Got(Threads * Fields);
  CHECK(cudaMemcpy(Got.data(), D, Got.size() * sizeof(long long),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(D));
  int Failures = 0;
  for (unsigned I = 0; I < Threads; ++I) {
    long long Want[Fields];
    compute(I, Want);
    for (int F = 0; F < Fields; ++F)
      if (Got[I * Fields + F] != Want[F] && Failures++ < 10)
        printf("FAIL: thread %u field %d: got %lld expected %lld\n", I, F,
               Got[I * Fields + F], Want[F]);
  }
  // A few values by hand, so that host and device cannot agree on a wrong
  // answer.
  long long Zero[Fields];
  compute(0, Zero);
  if (Zero[5] != 0 || Zero[6] != 0 || Zero[7] != 1 || Zero[8] != 1 ||
      Zero[13] != 0 || Zero[14] != 2000500 || Zero[16] != 1) {
    printf("FAIL: thread 0 by hand: %lld %lld %lld %lld %lld %lld %lld\n",
           Zero[5], Zero[6], Zero[7], Zero[8], Zero[13], Zero[14], Zero[16]);
    ++Failures;
  }
  if (Failures) {
    printf("FAIL: %d mismatches\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
