//===- NvidiaLibraryTest.cpp - libs/common/NvidiaLibrary.h ----------------===//
//
// Part of Tongxin. Loading NVIDIA's own libraries beside ours (refusing our
// own under NVIDIA's names), and the errors of running a forwarded call on
// a stream that is not an NVIDIA GPU's. Forwarded calls themselves need a
// GPU: tests/cuda/libs runs them there.
//
//===----------------------------------------------------------------------===//

#include "NvidiaLibrary.h"

#include "curand.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

using tx::lib::NvidiaLibrary;

/// Sets an environment variable for one test.
class ScopedEnv {
public:
  ScopedEnv(const char *Name, const char *Value) : Name(Name) {
    if (const char *Old = std::getenv(Name))
      Saved = Old, HadValue = true;
    setenv(Name, Value, 1);
  }
  ~ScopedEnv() {
    if (HadValue)
      setenv(Name, Saved.c_str(), 1);
    else
      unsetenv(Name);
  }

private:
  const char *Name;
  std::string Saved;
  bool HadValue = false;
};

TEST(NvidiaLibrary, MissingLibrarySaysWhereToLook) {
  NvidiaLibrary Library({"libtongxin-test-absent.so.7"});
  EXPECT_EQ(Library.symbol("anything"), nullptr);
  EXPECT_NE(Library.why().find("TONGXIN_NVIDIA_LIBRARY_PATH"),
            std::string::npos)
      << Library.why();
}

TEST(NvidiaLibrary, RefusesTongxinsOwnLibrary) {
  // Our runtime under the name of an NVIDIA library: found, and refused.
  ScopedEnv Path("TONGXIN_NVIDIA_LIBRARY_PATH", TX_LIBRARY_DIR);
  NvidiaLibrary Library({"libcudart.so.12"});
  EXPECT_EQ(Library.symbol("txLibraryStreamDevice"), nullptr);
  EXPECT_NE(Library.why().find("would use Tongxin's"), std::string::npos)
      << Library.why();
}

TEST(NvidiaLibrary, LoadsNvidiasLibraryOfTheSameSonameBesideOurs) {
  if (TX_ADDRESS_SANITIZER)
    GTEST_SKIP() << "without deep binding (ASan) NVIDIA's library could bind "
                    "to ours";
  std::string Nvidia = std::string(NVIDIA_CUDA_HOME) + "/lib64/libcurand.so.10";
  if (access(Nvidia.c_str(), R_OK) != 0)
    GTEST_SKIP() << "NVIDIA's cuRAND is not installed at " << Nvidia;
  ScopedEnv Path("TONGXIN_NVIDIA_LIBRARY_PATH", NVIDIA_CUDA_HOME "/lib64");
  // Our libcurand.so.10 is loaded (this test links it); NVIDIA's, of the
  // same SONAME, is loaded by its path as a second library.
  NvidiaLibrary Library({"libcurand.so.10"});
  using CreateFn = curandStatus_t (*)(curandGenerator_t *, curandRngType_t);
  using SeedFn = curandStatus_t (*)(curandGenerator_t, unsigned long long);
  using GenerateFn =
      curandStatus_t (*)(curandGenerator_t, unsigned int *, size_t);
  using DestroyFn = curandStatus_t (*)(curandGenerator_t);
  auto Create =
      reinterpret_cast<CreateFn>(Library.symbol("curandCreateGeneratorHost"));
  auto Seed = reinterpret_cast<SeedFn>(
      Library.symbol("curandSetPseudoRandomGeneratorSeed"));
  auto Generate =
      reinterpret_cast<GenerateFn>(Library.symbol("curandGenerate"));
  auto Destroy =
      reinterpret_cast<DestroyFn>(Library.symbol("curandDestroyGenerator"));
  ASSERT_TRUE(Create && Seed && Generate && Destroy) << Library.why();
  ASSERT_NE(reinterpret_cast<void *>(Create),
            reinterpret_cast<void *>(&curandCreateGeneratorHost));

  // NVIDIA's host XORWOW and ours give the same numbers.
  unsigned Theirs[8], Ours[8];
  curandGenerator_t G;
  ASSERT_EQ(Create(&G, CURAND_RNG_PSEUDO_XORWOW), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(Seed(G, 1234), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(Generate(G, Theirs, 8), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(Destroy(G), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandCreateGeneratorHost(&G, CURAND_RNG_PSEUDO_XORWOW),
            CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 1234), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerate(G, Ours, 8), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
  for (int I = 0; I < 8; ++I)
    EXPECT_EQ(Theirs[I], Ours[I]) << "value " << I;
}

TEST(RunNative, RefusedOnStreamsOfOtherDevices) {
  // The CPU device has no native stream: the call never runs.
  bool Called = false;
  int Result = 42;
  EXPECT_EQ(tx::lib::runNative(
                nullptr, 0,
                [&](void *) {
                  Called = true;
                  return 0;
                },
                &Result),
            cudaErrorNotSupported);
  EXPECT_FALSE(Called);
  EXPECT_EQ(Result, 42);
  // A stream that does not exist.
  int NotAStream = 0;
  EXPECT_EQ(tx::lib::runNative(
                reinterpret_cast<cudaStream_t>(&NotAStream), 0,
                [&](void *) { return 0; }, &Result),
            cudaErrorInvalidResourceHandle);
}

TEST(RunNative, RefusedWhileCapturing) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeThreadLocal),
            cudaSuccess);
  int Result = 0;
  EXPECT_EQ(tx::lib::runNative(
                S, 0, [](void *) { return 0; }, &Result),
            cudaErrorStreamCaptureUnsupported);
  // The library's status for each outcome.
  EXPECT_EQ(
      tx::lib::forwardOnStream<int>(S, 0, -1, -2, [](void *) { return 0; }),
      -1);
  cudaGraph_t Graph;
  ASSERT_EQ(cudaStreamEndCapture(S, &Graph), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(Graph), cudaSuccess);
  EXPECT_EQ(
      tx::lib::forwardOnStream<int>(S, 0, -1, -2, [](void *) { return 0; }),
      -2);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

} // namespace
