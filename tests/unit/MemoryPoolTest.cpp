//===- MemoryPoolTest.cpp - Stream-ordered allocator tests ----------------===//
//
// Part of Tongxin. cudaMallocAsync / cudaFreeAsync in stream order, reuse
// of freed blocks, the release threshold, pools the program creates, pool
// attributes and access, the device's current pool, and the error paths.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstdint>
#include <vector>

using namespace txtest;

namespace {
class MemoryPoolTest : public RuntimeTest {
protected:
  uint64_t poolBytes(cudaMemPool_t Pool, cudaMemPoolAttr Attr) {
    uint64_t Value = ~uint64_t(0);
    EXPECT_EQ(cudaMemPoolGetAttribute(Pool, Attr, &Value), cudaSuccess);
    return Value;
  }
  cudaMemPool_t defaultPool() {
    cudaMemPool_t Pool = nullptr;
    EXPECT_EQ(cudaDeviceGetDefaultMemPool(&Pool, 0), cudaSuccess);
    return Pool;
  }
};
} // namespace

TEST_F(MemoryPoolTest, AllocateUseAndFreeInStreamOrder) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  int *Visits = nullptr;
  ASSERT_EQ(
      cudaMallocAsync(reinterpret_cast<void **>(&Visits), 8 * sizeof(int), S),
      cudaSuccess);
  ASSERT_NE(Visits, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(Visits) % 256, 0u);
  ASSERT_EQ(cudaMemsetAsync(Visits, 0, 8 * sizeof(int), S), cudaSuccess);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(8), dim3(64), Args, 0, S),
            cudaSuccess);
  std::vector<int> Host(8);
  ASSERT_EQ(cudaMemcpyAsync(Host.data(), Visits, 8 * sizeof(int),
                            cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  ASSERT_EQ(cudaFreeAsync(Visits, S), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  for (int V : Host)
    EXPECT_EQ(V, 64);
  cudaPointerAttributes Attr;
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  (void)Attr;
}

TEST_F(MemoryPoolTest, FreedBlocksAreReusedOnTheSameStream) {
  cudaMemPool_t Pool = defaultPool();
  uint64_t Keep = UINT64_MAX;
  ASSERT_EQ(
      cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrReleaseThreshold, &Keep),
      cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  void *First = nullptr, *Second = nullptr;
  ASSERT_EQ(cudaMallocAsync(&First, 1 << 20, S), cudaSuccess);
  ASSERT_EQ(cudaFreeAsync(First, S), cudaSuccess);
  // Stream order makes the block safe to reuse at once on S.
  ASSERT_EQ(cudaMallocAsync(&Second, 1 << 20, S), cudaSuccess);
  EXPECT_EQ(First, Second);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrUsedMemCurrent), 1u << 20);
  ASSERT_EQ(cudaFreeAsync(Second, S), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrUsedMemCurrent), 0u);
  EXPECT_GE(poolBytes(Pool, cudaMemPoolAttrReservedMemCurrent), 1u << 20);
  EXPECT_GE(poolBytes(Pool, cudaMemPoolAttrUsedMemHigh), 1u << 20);
  // Trimming gives the completed frees back.
  ASSERT_EQ(cudaMemPoolTrimTo(Pool, 0), cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrReservedMemCurrent), 0u);
  uint64_t Zero = 0;
  ASSERT_EQ(
      cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrReleaseThreshold, &Zero),
      cudaSuccess);
  ASSERT_EQ(cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrUsedMemHigh, &Zero),
            cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrUsedMemHigh), 0u);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(MemoryPoolTest, SynchronisationReleasesAboveTheThreshold) {
  cudaMemPool_t Pool = defaultPool();
  void *P = nullptr;
  ASSERT_EQ(cudaMallocAsync(&P, 1 << 16, 0), cudaSuccess);
  ASSERT_EQ(cudaFreeAsync(P, 0), cudaSuccess);
  // Threshold 0 (the default): everything goes back at the synchronisation.
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrReservedMemCurrent), 0u);
}

TEST_F(MemoryPoolTest, OtherStreamsReuseOnlyCompletedFrees) {
  cudaMemPool_t Pool = defaultPool();
  uint64_t Keep = UINT64_MAX;
  ASSERT_EQ(
      cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrReleaseThreshold, &Keep),
      cudaSuccess);
  int Off = 0;
  ASSERT_EQ(cudaMemPoolSetAttribute(
                Pool, cudaMemPoolReuseAllowInternalDependencies, &Off),
            cudaSuccess);
  cudaStream_t A, B;
  ASSERT_EQ(cudaStreamCreateWithFlags(&A, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaStreamCreateWithFlags(&B, cudaStreamNonBlocking), cudaSuccess);
  void *First = nullptr, *Second = nullptr;
  ASSERT_EQ(cudaMallocAsync(&First, 4096, A), cudaSuccess);
  ASSERT_EQ(cudaFreeAsync(First, A), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(A), cudaSuccess);
  // The free has completed: opportunistic reuse on B.
  ASSERT_EQ(cudaMallocAsync(&Second, 4096, B), cudaSuccess);
  EXPECT_EQ(First, Second);
  ASSERT_EQ(cudaFreeAsync(Second, B), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(B), cudaSuccess);
  int On = 1;
  ASSERT_EQ(cudaMemPoolSetAttribute(
                Pool, cudaMemPoolReuseAllowInternalDependencies, &On),
            cudaSuccess);
  ASSERT_EQ(cudaMemPoolTrimTo(Pool, 0), cudaSuccess);
  uint64_t Zero = 0;
  ASSERT_EQ(
      cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrReleaseThreshold, &Zero),
      cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(A), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(B), cudaSuccess);
}

TEST_F(MemoryPoolTest, CudaFreeTakesAsyncAllocations) {
  void *P = nullptr;
  ASSERT_EQ(cudaMallocAsync(&P, 1000, 0), cudaSuccess);
  cudaPointerAttributes Attr;
  ASSERT_EQ(cudaPointerGetAttributes(&Attr, P), cudaSuccess);
  EXPECT_EQ(Attr.type, cudaMemoryTypeDevice);
  EXPECT_EQ(cudaFree(P), cudaSuccess);
  EXPECT_EQ(cudaFree(P), cudaErrorInvalidValue); // Already freed.
  EXPECT_EQ(cudaFreeAsync(P, 0), cudaErrorInvalidValue);
  cudaGetLastError();
  // cudaFreeAsync also takes cudaMalloc'ed memory.
  void *Plain = nullptr;
  ASSERT_EQ(cudaMalloc(&Plain, 256), cudaSuccess);
  EXPECT_EQ(cudaFreeAsync(Plain, 0), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(cudaFree(Plain), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(MemoryPoolTest, ProgramPools) {
  cudaMemPoolProps Props = {};
  Props.allocType = cudaMemAllocationTypePinned;
  Props.location.type = cudaMemLocationTypeDevice;
  Props.location.id = 0;
  Props.maxSize = 1 << 20;
  cudaMemPool_t Pool = nullptr;
  ASSERT_EQ(cudaMemPoolCreate(&Pool, &Props), cudaSuccess);
  void *P = nullptr;
  ASSERT_EQ(cudaMallocFromPoolAsync(&P, 4096, Pool, 0), cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrUsedMemCurrent), 4096u);
  // The pool's size limit.
  void *TooBig = nullptr;
  EXPECT_EQ(cudaMallocFromPoolAsync(&TooBig, 2 << 20, Pool, 0),
            cudaErrorMemoryAllocation);
  cudaGetLastError();
  // It becomes the device's current pool for cudaMallocAsync.
  ASSERT_EQ(cudaDeviceSetMemPool(0, Pool), cudaSuccess);
  cudaMemPool_t Current = nullptr;
  ASSERT_EQ(cudaDeviceGetMemPool(&Current, 0), cudaSuccess);
  EXPECT_EQ(Current, Pool);
  void *Q = nullptr;
  ASSERT_EQ(cudaMallocAsync(&Q, 4096, 0), cudaSuccess);
  EXPECT_EQ(poolBytes(Pool, cudaMemPoolAttrUsedMemCurrent), 8192u);
  ASSERT_EQ(cudaFreeAsync(Q, 0), cudaSuccess);
  ASSERT_EQ(cudaFreeAsync(P, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  // Destroying it makes the default pool current again.
  ASSERT_EQ(cudaMemPoolDestroy(Pool), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetMemPool(&Current, 0), cudaSuccess);
  EXPECT_EQ(Current, defaultPool());
  EXPECT_EQ(cudaMemPoolDestroy(Pool), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPoolDestroy(defaultPool()), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(MemoryPoolTest, AttributesAndAccess) {
  cudaMemPool_t Pool = defaultPool();
  int Flag = -1;
  ASSERT_EQ(
      cudaMemPoolGetAttribute(Pool, cudaMemPoolReuseAllowOpportunistic, &Flag),
      cudaSuccess);
  EXPECT_EQ(Flag, 1);
  cudaMemLocation Self = {cudaMemLocationTypeDevice, 0};
  cudaMemAccessFlags Access = cudaMemAccessFlagsProtNone;
  ASSERT_EQ(cudaMemPoolGetAccess(&Access, Pool, &Self), cudaSuccess);
  EXPECT_EQ(Access, cudaMemAccessFlagsProtReadWrite);
  cudaMemAccessDesc Desc = {Self, cudaMemAccessFlagsProtReadWrite};
  EXPECT_EQ(cudaMemPoolSetAccess(Pool, &Desc, 1), cudaSuccess);
  // The owner cannot lose access to its own pool.
  Desc.flags = cudaMemAccessFlagsProtNone;
  EXPECT_EQ(cudaMemPoolSetAccess(Pool, &Desc, 1), cudaErrorInvalidDevice);
  Desc.location.id = 99;
  EXPECT_EQ(cudaMemPoolSetAccess(Pool, &Desc, 1), cudaErrorInvalidDevice);
  cudaGetLastError();
}

TEST_F(MemoryPoolTest, ErrorPaths) {
  EXPECT_EQ(cudaMallocAsync(nullptr, 64, 0), cudaErrorInvalidValue);
  void *P = reinterpret_cast<void *>(1);
  EXPECT_EQ(cudaMallocAsync(&P, 0, 0), cudaSuccess);
  EXPECT_EQ(P, nullptr);
  EXPECT_EQ(cudaMallocAsync(&P, 64, reinterpret_cast<cudaStream_t>(0x99)),
            cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaFreeAsync(nullptr, 0), cudaSuccess);
  int Host = 0;
  EXPECT_EQ(cudaFreeAsync(&Host, 0), cudaErrorInvalidValue);
  auto *Bogus = reinterpret_cast<cudaMemPool_t>(&Host);
  EXPECT_EQ(cudaMallocFromPoolAsync(&P, 64, Bogus, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPoolTrimTo(Bogus, 0), cudaErrorInvalidValue);
  uint64_t Value = 0;
  EXPECT_EQ(
      cudaMemPoolGetAttribute(Bogus, cudaMemPoolAttrUsedMemCurrent, &Value),
      cudaErrorInvalidValue);
  cudaMemPool_t Pool = nullptr;
  EXPECT_EQ(cudaDeviceGetDefaultMemPool(&Pool, 99), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetDefaultMemPool(nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceSetMemPool(0, Bogus), cudaErrorInvalidValue);
  ASSERT_EQ(cudaDeviceGetDefaultMemPool(&Pool, 0), cudaSuccess);
  EXPECT_EQ(
      cudaMemPoolGetAttribute(Pool, static_cast<cudaMemPoolAttr>(77), &Value),
      cudaErrorInvalidValue);
  uint64_t NonZero = 5;
  EXPECT_EQ(cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrUsedMemHigh, &NonZero),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPoolSetAttribute(Pool, cudaMemPoolAttrReservedMemCurrent,
                                    &NonZero),
            cudaErrorInvalidValue);
  cudaMemPoolProps Props = {};
  EXPECT_EQ(cudaMemPoolCreate(&Pool, &Props), cudaErrorInvalidValue);
  Props.allocType = cudaMemAllocationTypePinned;
  Props.location.type = cudaMemLocationTypeDevice;
  Props.location.id = 42;
  EXPECT_EQ(cudaMemPoolCreate(&Pool, &Props), cudaErrorInvalidDevice);
  Props.location.id = 0;
  Props.handleTypes = cudaMemHandleTypePosixFileDescriptor;
  EXPECT_EQ(cudaMemPoolCreate(&Pool, &Props), cudaErrorNotSupported);
  EXPECT_EQ(cudaGetLastError(), cudaErrorNotSupported);
}
