//===- GraphTestSupport.h - Helpers of the graph tests ----------*- C++ -*-===//
//
// Part of Tongxin. What GraphTest.cpp, GraphExecTest.cpp and
// StreamCaptureTest.cpp share: host functions that record the order they
// ran in, a gate that holds a stream back, and device buffers for the
// vector-add kernel.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_UNIT_GRAPHTESTSUPPORT_H
#define TONGXIN_TESTS_UNIT_GRAPHTESTSUPPORT_H

#include "TestKernels.h"

#include <condition_variable>
#include <mutex>
#include <vector>

namespace txtest {

/// Records the order in which tagged host functions ran.
struct Journal {
  std::mutex Mutex;
  std::vector<int> Order;
  void add(int Tag) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Order.push_back(Tag);
  }
  std::vector<int> take() {
    std::lock_guard<std::mutex> Lock(Mutex);
    return std::move(Order);
  }
};

/// A host function's user data: appends Tag to J when it runs.
struct Entry {
  Journal *J;
  int Tag;
  static void fn(void *E) {
    auto *Self = static_cast<Entry *>(E);
    Self->J->add(Self->Tag);
  }
};

/// A one-shot gate that host functions wait on, so that "not run yet" is
/// observable without timing assumptions.
class Gate {
public:
  void open() {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      Opened = true;
    }
    Cv.notify_all();
  }
  static void waitFn(void *G) {
    auto *Self = static_cast<Gate *>(G);
    std::unique_lock<std::mutex> Lock(Self->Mutex);
    Self->Cv.wait(Lock, [&] { return Self->Opened; });
  }

private:
  std::mutex Mutex;
  std::condition_variable Cv;
  bool Opened = false;
};

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
