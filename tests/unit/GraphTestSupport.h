//===- GraphTestSupport.h - Helpers of the graph tests ----------*- C++ -*-===//
//
// Part of Tongxin. What GraphTest.cpp, GraphExecTest.cpp and
// StreamCaptureTest.cpp share besides HostCallbacks.h: device buffers for
// the vector-add kernel.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_UNIT_GRAPHTESTSUPPORT_H
#define TONGXIN_TESTS_UNIT_GRAPHTESTSUPPORT_H

#include "HostCallbacks.h"
#include "TestKernels.h"

#include <vector>

namespace txtest {

/// Device vectors A, B, C of N floats for VectorAddStub, A[i] = i and
/// B[i] = 2 i.
struct Vectors {
  static constexpr int N = 256;
  float *A = nullptr, *B = nullptr, *C = nullptr;
  int Count = N;
  void *Args[4] = {&A, &B, &C, &Count};

  Vectors() {
    std::vector<float> HostA(N), HostB(N);
    for (int I = 0; I < N; ++I) {
      HostA[I] = float(I);
      HostB[I] = float(2 * I);
    }
    EXPECT_EQ(cudaMalloc(&A, N * sizeof(float)), cudaSuccess);
    EXPECT_EQ(cudaMalloc(&B, N * sizeof(float)), cudaSuccess);
    EXPECT_EQ(cudaMalloc(&C, N * sizeof(float)), cudaSuccess);
    EXPECT_EQ(
        cudaMemcpy(A, HostA.data(), N * sizeof(float), cudaMemcpyHostToDevice),
        cudaSuccess);
    EXPECT_EQ(
        cudaMemcpy(B, HostB.data(), N * sizeof(float), cudaMemcpyHostToDevice),
        cudaSuccess);
    EXPECT_EQ(cudaMemset(C, 0, N * sizeof(float)), cudaSuccess);
  }
  ~Vectors() {
    cudaFree(A);
    cudaFree(B);
    cudaFree(C);
  }
  cudaKernelNodeParams kernelParams() {
    cudaKernelNodeParams P = {};
    P.func = const_cast<char *>(&VectorAddStub);
    P.gridDim = dim3(N / 64);
    P.blockDim = dim3(64);
    P.kernelParams = Args;
    return P;
  }
  std::vector<float> result() {
    std::vector<float> Out(N);
    EXPECT_EQ(
        cudaMemcpy(Out.data(), C, N * sizeof(float), cudaMemcpyDeviceToHost),
        cudaSuccess);
    return Out;
  }
};

} // namespace txtest

#endif // TONGXIN_TESTS_UNIT_GRAPHTESTSUPPORT_H
