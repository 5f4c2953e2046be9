#include "saxpy.h"

#include <cstdio>
#include <vector>

unsigned mismatchesOnDevice(const float *Y, int N, float A); // verify.cu

int main() {
  const int N = 100000;
  std::vector<float> X(N), Y(N);
  for (int I = 0; I < N; ++I) {
    X[I] = I % 100;
    Y[I] = 1.0f;
  }
  if (saxpyOnDevice(N, 2.0f, X.data(), Y.data()) != 0) {
    printf("FAIL: saxpyOnDevice\n");
    return 1;
  }
  for (int I = 0; I < N; ++I)
    if (Y[I] != 2.0f * (I % 100) + 1.0f) {
      printf("FAIL at %d: %f\n", I, Y[I]);
      return 1;
    }
  if (unsigned Bad = mismatchesOnDevice(Y.data(), N, 2.0f)) {
    printf("FAIL: the device counts %u mismatches\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
