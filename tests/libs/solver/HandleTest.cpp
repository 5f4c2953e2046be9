//===- solver/HandleTest.cpp - Handles, streams, versions, ordering -------===//
//
// Part of Tongxin. cusolverDnCreate/Destroy/SetStream/GetStream, version
// queries, and the asynchronous, stream-ordered execution of a call.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace solvertest;

TEST(SolverHandle, CreateDestroy) {
  cusolverDnHandle_t Handle = nullptr;
  ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
  ASSERT_NE(Handle, nullptr);
  cudaStream_t Stream = reinterpret_cast<cudaStream_t>(1);
  EXPECT_EQ(cusolverDnGetStream(Handle, &Stream), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Stream, nullptr); // The default stream.
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
  // A destroyed handle is refused, never dereferenced.
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cusolverDnSetStream(Handle, nullptr),
            CUSOLVER_STATUS_NOT_INITIALIZED);
}

TEST(SolverHandle, NullArguments) {
  EXPECT_EQ(cusolverDnCreate(nullptr), CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverDnDestroy(nullptr), CUSOLVER_STATUS_NOT_INITIALIZED);
  cudaStream_t Stream;
  EXPECT_EQ(cusolverDnGetStream(nullptr, &Stream),
            CUSOLVER_STATUS_NOT_INITIALIZED);
  cusolverDnHandle_t Handle;
  ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cusolverDnGetStream(Handle, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
}

TEST(SolverHandle, SetStreamIsReported) {
  cusolverDnHandle_t Handle;
  cudaStream_t Stream, Got = nullptr;
  ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  EXPECT_EQ(cusolverDnSetStream(Handle, Stream), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cusolverDnGetStream(Handle, &Got), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Got, Stream);
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cudaStreamDestroy(Stream), cudaSuccess);
}

TEST(SolverHandle, DeterministicMode) {
  cusolverDnHandle_t Handle;
  ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
  cusolverDeterministicMode_t Mode;
  EXPECT_EQ(cusolverDnGetDeterministicMode(Handle, &Mode),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Mode, CUSOLVER_DETERMINISTIC_RESULTS);
  EXPECT_EQ(cusolverDnSetDeterministicMode(
                Handle, CUSOLVER_ALLOW_NON_DETERMINISTIC_RESULTS),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cusolverDnGetDeterministicMode(Handle, &Mode),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Mode, CUSOLVER_ALLOW_NON_DETERMINISTIC_RESULTS);
  EXPECT_EQ(cusolverDnSetDeterministicMode(
                Handle, static_cast<cusolverDeterministicMode_t>(7)),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverDnGetDeterministicMode(Handle, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
}

TEST(SolverHandle, Versions) {
  int Version = 0, Major = -1, Minor = -1, Patch = -1;
  EXPECT_EQ(cusolverGetVersion(&Version), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Version, CUSOLVER_VERSION);
  EXPECT_EQ(cusolverGetProperty(MAJOR_VERSION, &Major),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cusolverGetProperty(MINOR_VERSION, &Minor),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(cusolverGetProperty(PATCH_LEVEL, &Patch), CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Major * 1000 + Minor * 100 + Patch, Version);
  EXPECT_EQ(Major, 11); // libcusolver.so.11, as in CUDA 12.
  EXPECT_EQ(cusolverGetVersion(nullptr), CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverGetProperty(MAJOR_VERSION, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(cusolverGetProperty(static_cast<libraryPropertyType>(9), &Major),
            CUSOLVER_STATUS_INVALID_VALUE);
}

static void CUDART_CB waitThenFill(void *Data) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  double *A = static_cast<double *>(Data);
  A[0] = 4; // A = [4 2; 2 5] only now.
  A[1] = 2;
  A[2] = 2;
  A[3] = 5;
}

/// A call returns before its work runs, which starts only after the
/// stream's earlier work: here a host function that writes the matrix.
TEST_F(SolverTest, CallsRunInStreamOrderAsynchronously) {
  std::vector<double> A = {1, 0, 0, -1}; // Not positive definite.
  ASSERT_EQ(cudaLaunchHostFunc(Stream, waitThenFill, A.data()), cudaSuccess);
  Info = -77;
  ASSERT_EQ(cusolverDnDpotrf(Handle, CUBLAS_FILL_MODE_LOWER, 2, A.data(), 2,
                             nullptr, 0, &Info),
            CUSOLVER_STATUS_SUCCESS);
  EXPECT_EQ(Info, -77); // Not written yet: the host function still sleeps.
  sync();
  EXPECT_EQ(Info, 0);
  EXPECT_DOUBLE_EQ(A[0], 2); // L = [2 0; 1 2].
  EXPECT_DOUBLE_EQ(A[1], 1);
  EXPECT_DOUBLE_EQ(A[3], 2);
}

/// Calls on one stream run one after another; devInfo of each is its own.
TEST_F(SolverTest, SuccessiveCallsSeeEarlierResults) {
  std::vector<double> A = {4, 2, 2, 5}, B = {2, 3};
  int FactorInfo = -1, SolveInfo = -1;
  ASSERT_EQ(cusolverDnDpotrf(Handle, CUBLAS_FILL_MODE_LOWER, 2, A.data(), 2,
                             nullptr, 0, &FactorInfo),
            CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(cusolverDnDpotrs(Handle, CUBLAS_FILL_MODE_LOWER, 2, 1, A.data(), 2,
                             B.data(), 2, &SolveInfo),
            CUSOLVER_STATUS_SUCCESS);
  sync();
  EXPECT_EQ(FactorInfo, 0);
  EXPECT_EQ(SolveInfo, 0);
  EXPECT_NEAR(B[0], 0.25, 1e-14); // [4 2; 2 5] x = [2; 3].
  EXPECT_NEAR(B[1], 0.5, 1e-14);
}

/// Device memory from cudaMalloc works as on a GPU: copy in, factor, copy
/// devInfo back.
TEST_F(SolverTest, DeviceMemory) {
  double Host[4] = {4, 2, 2, 5};
  double *A = nullptr;
  int *DevInfo = nullptr;
  ASSERT_EQ(cudaMalloc(&A, sizeof(Host)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&DevInfo, sizeof(int)), cudaSuccess);
  ASSERT_EQ(
      cudaMemcpyAsync(A, Host, sizeof(Host), cudaMemcpyHostToDevice, Stream),
      cudaSuccess);
  ASSERT_EQ(cusolverDnDpotrf(Handle, CUBLAS_FILL_MODE_UPPER, 2, A, 2, nullptr,
                             0, DevInfo),
            CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(
      cudaMemcpyAsync(Host, A, sizeof(Host), cudaMemcpyDeviceToHost, Stream),
      cudaSuccess);
  ASSERT_EQ(cudaMemcpyAsync(&Info, DevInfo, sizeof(int), cudaMemcpyDeviceToHost,
                            Stream),
            cudaSuccess);
  sync();
  EXPECT_EQ(Info, 0);
  EXPECT_DOUBLE_EQ(Host[0], 2);
  EXPECT_DOUBLE_EQ(Host[2], 1);
  EXPECT_DOUBLE_EQ(Host[3], 2);
  EXPECT_EQ(cudaFree(A), cudaSuccess);
  EXPECT_EQ(cudaFree(DevInfo), cudaSuccess);
}

/// A handle on the default stream orders its work with the legacy stream.
TEST(SolverHandle, DefaultStream) {
  cusolverDnHandle_t Handle;
  ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
  std::vector<float> A = {9};
  int Info = -1;
  ASSERT_EQ(cusolverDnSpotrf(Handle, CUBLAS_FILL_MODE_LOWER, 1, A.data(), 1,
                             nullptr, 0, &Info),
            CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(Info, 0);
  EXPECT_FLOAT_EQ(A[0], 3);
  EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
}
