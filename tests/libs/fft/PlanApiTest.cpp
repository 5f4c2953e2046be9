//===- PlanApiTest.cpp - cuFFT handles, sizes, work areas and errors ------===//
//
// Part of Tongxin. Every entry point with good arguments, then each bad
// argument with the status cuFFT documents for it; executions ordered on
// their stream; plans destroyed while their execution is still queued.
//
//===----------------------------------------------------------------------===//

#include <cufft.h>

#include <cuda_runtime.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <vector>

namespace {

/// A 1-D C2C plan of N points, destroyed at the end of the scope.
struct Plan1d {
  cufftHandle Handle = -1;
  explicit Plan1d(int N, cufftType Type = CUFFT_C2C, int Batch = 1) {
    EXPECT_EQ(cufftPlan1d(&Handle, N, Type, Batch), CUFFT_SUCCESS);
  }
  ~Plan1d() { cufftDestroy(Handle); }
};

} // namespace

TEST(CufftApi, CreateMakeDestroy) {
  cufftHandle Plan;
  ASSERT_EQ(cufftCreate(&Plan), CUFFT_SUCCESS);
  size_t Work = 1;
  EXPECT_EQ(cufftMakePlan1d(Plan, 64, CUFFT_C2C, 2, &Work), CUFFT_SUCCESS);
  size_t Again = 0;
  EXPECT_EQ(cufftGetSize(Plan, &Again), CUFFT_SUCCESS);
  EXPECT_EQ(Again, Work);
  // A handle holds one plan.
  EXPECT_EQ(cufftMakePlan1d(Plan, 64, CUFFT_C2C, 2, &Work), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftDestroy(Plan), CUFFT_SUCCESS);
  EXPECT_EQ(cufftDestroy(Plan), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftCreate(nullptr), CUFFT_INVALID_VALUE);
}

TEST(CufftApi, EveryMakeAndPlanFunction) {
  cufftHandle P;
  int N[3] = {4, 6, 8};
  long long N64[3] = {4, 6, 8};
  size_t Work;
  ASSERT_EQ(cufftPlan2d(&P, 8, 6, CUFFT_R2C), CUFFT_SUCCESS);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  ASSERT_EQ(cufftPlan3d(&P, 4, 6, 8, CUFFT_Z2D), CUFFT_SUCCESS);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  ASSERT_EQ(cufftPlanMany(&P, 3, N, nullptr, 1, 0, nullptr, 1, 0, CUFFT_D2Z, 3),
            CUFFT_SUCCESS);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  for (int Kind = 0; Kind < 4; ++Kind) {
    ASSERT_EQ(cufftCreate(&P), CUFFT_SUCCESS);
    cufftResult R = CUFFT_INTERNAL_ERROR;
    if (Kind == 0)
      R = cufftMakePlan2d(P, 8, 6, CUFFT_C2R, &Work);
    if (Kind == 1)
      R = cufftMakePlan3d(P, 4, 6, 8, CUFFT_Z2Z, &Work);
    if (Kind == 2)
      R = cufftMakePlanMany(P, 2, N, N, 1, 24, N, 1, 24, CUFFT_C2C, 2, &Work);
    if (Kind == 3)
      R = cufftMakePlanMany64(P, 3, N64, N64, 1, 192, N64, 1, 192, CUFFT_Z2Z, 2,
                              &Work);
    EXPECT_EQ(R, CUFFT_SUCCESS) << Kind;
    EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  }
}

TEST(CufftApi, SizesAndEstimates) {
  size_t Work = 0;
  int N[2] = {16, 16};
  long long N64[2] = {16, 16};
  EXPECT_EQ(cufftEstimate1d(1000, CUFFT_C2C, 4, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftEstimate2d(16, 16, CUFFT_R2C, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftEstimate3d(4, 4, 4, CUFFT_Z2D, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftEstimateMany(2, N, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 2,
                              &Work),
            CUFFT_SUCCESS);
  EXPECT_EQ(cufftEstimate1d(1000, CUFFT_C2C, 4, nullptr), CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftEstimate1d(0, CUFFT_C2C, 4, &Work), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftEstimate2d(16, 16, cufftType(7), &Work), CUFFT_INVALID_TYPE);

  cufftHandle P;
  ASSERT_EQ(cufftCreate(&P), CUFFT_SUCCESS);
  size_t Before = 0, Made = 0;
  EXPECT_EQ(cufftGetSize1d(P, 1 << 16, CUFFT_C2C, 1, &Before), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetSize2d(P, 16, 16, CUFFT_C2C, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetSize3d(P, 4, 4, 4, CUFFT_C2C, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetSizeMany(P, 2, N, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C,
                             1, &Work),
            CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetSizeMany64(P, 2, N64, nullptr, 1, 0, nullptr, 1, 0,
                               CUFFT_C2C, 1, &Work),
            CUFFT_SUCCESS);
  EXPECT_EQ(cufftMakePlan1d(P, 1 << 16, CUFFT_C2C, 1, &Made), CUFFT_SUCCESS);
  EXPECT_EQ(Before, Made);
  EXPECT_GT(Made, 0u);
  EXPECT_EQ(cufftGetSize(P, nullptr), CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetSize(P, &Work), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftGetSize1d(P, 16, CUFFT_C2C, 1, &Work), CUFFT_INVALID_PLAN);
}

TEST(CufftApi, BadPlanArguments) {
  cufftHandle P = 12345;
  int N[3] = {8, 8, 8};
  int Bad[2] = {8, 0};
  int Small[2] = {8, 4};
  EXPECT_EQ(cufftPlan1d(nullptr, 8, CUFFT_C2C, 1), CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftPlan1d(&P, 0, CUFFT_C2C, 1), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlan1d(&P, -4, CUFFT_C2C, 1), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlan1d(&P, 8, CUFFT_C2C, 0), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlan1d(&P, 8, cufftType(0x2b), 1), CUFFT_INVALID_TYPE);
  EXPECT_EQ(cufftPlan2d(&P, 8, 0, CUFFT_C2C), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlan3d(&P, 8, 8, -1, CUFFT_Z2Z), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlanMany(&P, 0, N, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 1),
            CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftPlanMany(&P, 4, N, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 1),
            CUFFT_INVALID_SIZE);
  EXPECT_EQ(
      cufftPlanMany(&P, 2, nullptr, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 1),
      CUFFT_INVALID_VALUE);
  EXPECT_EQ(
      cufftPlanMany(&P, 2, Bad, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 1),
      CUFFT_INVALID_SIZE);
  // Embeddings smaller than the data, strides not positive.
  EXPECT_EQ(cufftPlanMany(&P, 2, N, Small, 1, 64, N, 1, 64, CUFFT_C2C, 2),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftPlanMany(&P, 2, N, N, 0, 64, N, 1, 64, CUFFT_C2C, 2),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftPlanMany(&P, 2, N, N, 1, 64, N, -1, 64, CUFFT_C2C, 2),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(P, 12345); // untouched by failures
  EXPECT_EQ(cufftMakePlan1d(987654, 8, CUFFT_C2C, 1, nullptr),
            CUFFT_INVALID_PLAN);
  // A failed make leaves the handle usable.
  ASSERT_EQ(cufftCreate(&P), CUFFT_SUCCESS);
  size_t Work;
  EXPECT_EQ(cufftMakePlan1d(P, 0, CUFFT_C2C, 1, &Work), CUFFT_INVALID_SIZE);
  EXPECT_EQ(cufftMakePlan1d(P, 8, CUFFT_C2C, 1, &Work), CUFFT_SUCCESS);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
}

TEST(CufftApi, BadExecArguments) {
  std::vector<cufftComplex> C(16);
  std::vector<cufftDoubleComplex> Z(16);
  std::vector<float> R(16);
  Plan1d P(8);
  EXPECT_EQ(cufftExecC2C(P.Handle, C.data(), C.data(), 0), CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftExecC2C(P.Handle, C.data(), C.data(), 2), CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftExecC2C(P.Handle, nullptr, C.data(), CUFFT_FORWARD),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftExecC2C(P.Handle, C.data(), nullptr, CUFFT_FORWARD),
            CUFFT_INVALID_VALUE);
  // The plan's type must match the call.
  EXPECT_EQ(cufftExecZ2Z(P.Handle, Z.data(), Z.data(), CUFFT_FORWARD),
            CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftExecR2C(P.Handle, R.data(), C.data()), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftExecC2R(P.Handle, C.data(), R.data()), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftExecD2Z(P.Handle, nullptr, nullptr), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftExecZ2D(P.Handle, nullptr, nullptr), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftExecC2C(-5, C.data(), C.data(), CUFFT_FORWARD),
            CUFFT_INVALID_PLAN);
  // Created but never made.
  cufftHandle Empty;
  ASSERT_EQ(cufftCreate(&Empty), CUFFT_SUCCESS);
  EXPECT_EQ(cufftExecC2C(Empty, C.data(), C.data(), CUFFT_FORWARD),
            CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftDestroy(Empty), CUFFT_SUCCESS);
  // A destroyed stream.
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cufftSetStream(P.Handle, S), CUFFT_SUCCESS);
  EXPECT_EQ(cufftExecC2C(P.Handle, C.data(), C.data(), CUFFT_FORWARD),
            CUFFT_EXEC_FAILED);
  EXPECT_EQ(cufftSetStream(P.Handle, nullptr), CUFFT_SUCCESS);
  EXPECT_EQ(cufftSetStream(-3, nullptr), CUFFT_INVALID_PLAN);
}

TEST(CufftApi, CallerManagedWorkArea) {
  cufftHandle P;
  ASSERT_EQ(cufftCreate(&P), CUFFT_SUCCESS);
  EXPECT_EQ(cufftSetAutoAllocation(P, 0), CUFFT_SUCCESS);
  size_t Work = 0;
  ASSERT_EQ(cufftMakePlan1d(P, 1009, CUFFT_C2C, 4, &Work), CUFFT_SUCCESS);
  ASSERT_GT(Work, 0u);
  std::vector<cufftComplex> Data(1009 * 4);
  for (size_t I = 0; I < Data.size(); ++I)
    Data[I] = make_cuComplex(float(I % 7), 0);
  EXPECT_EQ(cufftExecC2C(P, Data.data(), Data.data(), CUFFT_FORWARD),
            CUFFT_NO_WORKSPACE);
  void *Area = nullptr;
  ASSERT_EQ(cudaMalloc(&Area, Work), cudaSuccess);
  EXPECT_EQ(cufftSetWorkArea(P, Area), CUFFT_SUCCESS);
  EXPECT_EQ(cufftExecC2C(P, Data.data(), Data.data(), CUFFT_FORWARD),
            CUFFT_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  // Bin 0 of each batch is the sum of its inputs.
  double Sum = 0;
  for (int I = 0; I < 1009; ++I)
    Sum += I % 7;
  EXPECT_NEAR(Data[0].x, Sum, 1e-3 * Sum);
  EXPECT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  cudaFree(Area);
  EXPECT_EQ(cufftSetWorkArea(-1, nullptr), CUFFT_INVALID_PLAN);
  EXPECT_EQ(cufftSetAutoAllocation(-1, 1), CUFFT_INVALID_PLAN);
}

TEST(CufftApi, VersionAndProperties) {
  int V = 0;
  EXPECT_EQ(cufftGetVersion(&V), CUFFT_SUCCESS);
  EXPECT_EQ(V, CUFFT_VERSION);
  EXPECT_EQ(cufftGetVersion(nullptr), CUFFT_INVALID_VALUE);
  int Major = -1, Minor = -1, Patch = -1;
  EXPECT_EQ(cufftGetProperty(MAJOR_VERSION, &Major), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetProperty(MINOR_VERSION, &Minor), CUFFT_SUCCESS);
  EXPECT_EQ(cufftGetProperty(PATCH_LEVEL, &Patch), CUFFT_SUCCESS);
  EXPECT_EQ(Major * 1000 + Minor * 100 + Patch, CUFFT_VERSION);
  EXPECT_EQ(cufftGetProperty(libraryPropertyType(9), &V), CUFFT_INVALID_TYPE);
  EXPECT_EQ(cufftGetProperty(MAJOR_VERSION, nullptr), CUFFT_INVALID_VALUE);

  Plan1d P(16);
  long long Value = -1;
  EXPECT_EQ(cufftSetPlanPropertyInt64(
                P.Handle, NVFFT_PLAN_PROPERTY_INT64_MAX_NUM_HOST_THREADS, 4),
            CUFFT_SUCCESS);
  EXPECT_EQ(
      cufftGetPlanPropertyInt64(
          P.Handle, NVFFT_PLAN_PROPERTY_INT64_MAX_NUM_HOST_THREADS, &Value),
      CUFFT_SUCCESS);
  EXPECT_EQ(Value, 4);
  EXPECT_EQ(cufftResetPlanProperty(
                P.Handle, NVFFT_PLAN_PROPERTY_INT64_MAX_NUM_HOST_THREADS),
            CUFFT_SUCCESS);
  EXPECT_EQ(cufftSetPlanPropertyInt64(P.Handle,
                                      NVFFT_PLAN_PROPERTY_INT64_PATIENT_JIT, 7),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftSetPlanPropertyInt64(P.Handle, cufftProperty(99), 1),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftGetPlanPropertyInt64(
                P.Handle, NVFFT_PLAN_PROPERTY_INT64_PATIENT_JIT, nullptr),
            CUFFT_INVALID_VALUE);
  EXPECT_EQ(cufftResetPlanProperty(-1, NVFFT_PLAN_PROPERTY_INT64_PATIENT_JIT),
            CUFFT_INVALID_PLAN);
}

static void CUDART_CB markDone(void *Flag) {
  static_cast<std::atomic<int> *>(Flag)->store(1);
}

TEST(CufftApi, RunsInStreamOrderAndOutlivesDestroy) {
  constexpr int N = 4096, Batch = 8;
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  std::vector<cufftComplex> Data(N * Batch, make_cuComplex(0, 0));
  cufftComplex *Device;
  ASSERT_EQ(cudaMalloc(&Device, sizeof(cufftComplex) * N * Batch), cudaSuccess);
  for (int B = 0; B < Batch; ++B)
    Data[B * N] = make_cuComplex(1, 0); // impulses: flat spectra
  cufftHandle P;
  ASSERT_EQ(cufftPlan1d(&P, N, CUFFT_C2C, Batch), CUFFT_SUCCESS);
  ASSERT_EQ(cufftSetStream(P, S), CUFFT_SUCCESS);
  // Copy in, forward, inverse, copy out: all queued, then the plan goes.
  ASSERT_EQ(cudaMemcpyAsync(Device, Data.data(),
                            sizeof(cufftComplex) * N * Batch,
                            cudaMemcpyHostToDevice, S),
            cudaSuccess);
  ASSERT_EQ(cufftExecC2C(P, Device, Device, CUFFT_FORWARD), CUFFT_SUCCESS);
  ASSERT_EQ(cufftExecC2C(P, Device, Device, CUFFT_INVERSE), CUFFT_SUCCESS);
  ASSERT_EQ(cufftDestroy(P), CUFFT_SUCCESS);
  std::vector<cufftComplex> Back(N * Batch);
  ASSERT_EQ(cudaMemcpyAsync(Back.data(), Device,
                            sizeof(cufftComplex) * N * Batch,
                            cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  std::atomic<int> Done{0};
  ASSERT_EQ(cudaLaunchHostFunc(S, markDone, &Done), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Done.load(), 1);
  for (int I = 0; I < N * Batch; ++I) {
    float Expect = I % N == 0 ? float(N) : 0.0f; // unnormalised round trip
    ASSERT_NEAR(Back[I].x, Expect, 1e-3f) << I;
    ASSERT_NEAR(Back[I].y, 0.0f, 1e-3f) << I;
  }
  cudaFree(Device);
  cudaStreamDestroy(S);
}
