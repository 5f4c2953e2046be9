// A per-thread loop value used after the loop that a barrier cuts: each
// iteration keeps the value it started with (`Prev`) and computes the next
// (`X`); the loop is left at its end or through breaks in the middle. The
// value lives in a per-thread slot across the barrier, and the loop's end
// stores the next value into it: read after that store on the way out,
// `Prev` came back as the next iteration's value (the previous compiler got
// every thread wrong when the loop ran to its end). Checked against the
// same loops on the host, for loops left at every point.
#include <cstdio>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

const int Threads = 64, Rounds = 8, Returned = -7;

// Stop: the round after which the loop breaks; Leave: the round after
// which the thread returns early (either may be past the last round).
__host__ __device__ inline int expected(int T, int Stop, int Leave) {
  int X = T, Prev = -1;
  for (int I = 0; I < Rounds; ++I) {
    Prev = X;
    X = X * 3 + 1;
    if (Stop == I)
      break;
    if (Leave == I)
      return Returned;
  }
  return (T & 1) ? Prev + X : Prev;
}

__global__ void lastValues(int *Out, int Stop, int Leave) {
  int T = threadIdx.x;
  int X = T, Prev = -1;
  for (int I = 0; I < Rounds; ++I) {
    Prev = X;
    X = X * 3 + 1;
    __syncthreads();
    if (Stop == I)
      break;
    if (Leave == I) {
      Out[T] = Returned;
      return;
    }
  }
  Out[T] = (T & 1) ? Prev + X : Prev;
}

int main() {
  int *Out;
  CHECK(cudaMallocManaged(&Out, Threads * sizeof(int)));
  int Bad = 0;
  for (int Stop : {0, 3, Rounds - 1, 100})
    for (int Leave : {2, 5, 100}) {
      lastValues<<<1, Threads>>>(Out, Stop, Leave);
      CHECK(cudaGetLastError());
      CHECK(cudaDeviceSynchronize());
      for (int T = 0; T < Threads; ++T) {
        int Want = expected(T, Stop, Leave);
        if (Out[T] != Want && Bad++ < 5)
          printf("stop %d, leave %d, thread %d: %d, expected %d\n", Stop, Leave,
                 T, Out[T], Want);
      }
    }
  CHECK(cudaFree(Out));
  if (Bad) {
    printf("FAIL: %d values differ from the host's\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
