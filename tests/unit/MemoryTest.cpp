//===- MemoryTest.cpp - Memory management API tests -----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"
#include "core/Allocations.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

using namespace txtest;

namespace {
class MemoryTest : public RuntimeTest {};
} // namespace

TEST_F(MemoryTest, MallocFreeAndAlignment) {
  float *P = nullptr;
  ASSERT_EQ(cudaMalloc(&P, 1000 * sizeof(float)), cudaSuccess);
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 256, 0u);
  P[999] = 1.0f; // Host-accessible on the CPU device.
  EXPECT_EQ(cudaFree(P), cudaSuccess);
}

// Device memory of 2 MiB or more starts on a (transparent) huge page, in
// its first 4 KiB (see StaggeredAllocations.h); its size is not rounded up,
// and all of it is usable.
TEST_F(MemoryTest, LargeAllocationsStartOnAHugePage) {
  const char *Env = std::getenv("TONGXIN_HUGE_PAGES");
  if (Env && std::strcmp(Env, "0") == 0)
    GTEST_SKIP() << "TONGXIN_HUGE_PAGES=0";
  const size_t HugePage = size_t(2) << 20;
  const size_t Bytes = 5 * HugePage + 3;
  unsigned char *P = nullptr;
  ASSERT_EQ(cudaMalloc(&P, Bytes), cudaSuccess);
  EXPECT_LT(reinterpret_cast<uintptr_t>(P) % HugePage, 4096u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 512, 0u);
  std::memset(P, 0x5a, Bytes);
  EXPECT_EQ(P[0], 0x5a);
  EXPECT_EQ(P[Bytes - 1], 0x5a);
  unsigned char *Small = nullptr;
  ASSERT_EQ(cudaMalloc(&Small, HugePage - 1), cudaSuccess);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(Small) % 256, 0u);
  EXPECT_EQ(cudaFree(Small), cudaSuccess);
  EXPECT_EQ(cudaFree(P), cudaSuccess);
}

// Eight large allocations in a row start at eight different offsets within
// a page, each 512-byte aligned (a kernel that stores to one array while it
// reads another at the same offsets would otherwise wait on 4 KiB
// aliasing); each is usable to its end and freed whole, whatever its kind.
TEST_F(MemoryTest, LargeAllocationsStartAtStaggeredPageOffsets) {
  const size_t Bytes = size_t(1) << 20;
  std::set<uintptr_t> PageOffsets;
  std::vector<unsigned char *> Arrays;
  for (int I = 0; I < 8; ++I) {
    unsigned char *P = nullptr;
    ASSERT_EQ(cudaMalloc(&P, Bytes), cudaSuccess);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 512, 0u);
    std::memset(P, I, Bytes);
    PageOffsets.insert(reinterpret_cast<uintptr_t>(P) % 4096);
    Arrays.push_back(P);
  }
  EXPECT_EQ(PageOffsets.size(), 8u);
  for (unsigned char *P : Arrays) {
    EXPECT_EQ(P[Bytes - 1], P[0]);
    EXPECT_EQ(cudaFree(P), cudaSuccess);
  }
  void *Pinned = nullptr, *Managed = nullptr;
  ASSERT_EQ(cudaMallocHost(&Pinned, Bytes), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Managed, Bytes), cudaSuccess);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(Pinned) % 512, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(Managed) % 512, 0u);
  EXPECT_NE(reinterpret_cast<uintptr_t>(Pinned) % 4096,
            reinterpret_cast<uintptr_t>(Managed) % 4096);
  std::memset(Pinned, 1, Bytes);
  std::memset(Managed, 2, Bytes);
  EXPECT_EQ(cudaFreeHost(Pinned), cudaSuccess);
  EXPECT_EQ(cudaFree(Managed), cudaSuccess);
  // Small allocations are not moved.
  char *Small = nullptr;
  ASSERT_EQ(cudaMalloc(&Small, 1000), cudaSuccess);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(Small) % 512, 0u);
  EXPECT_EQ(cudaFree(Small), cudaSuccess);
}

TEST_F(MemoryTest, FreeErrors) {
  EXPECT_EQ(cudaFree(nullptr), cudaSuccess);
  int Local = 0;
  EXPECT_EQ(cudaFree(&Local), cudaErrorInvalidValue);
  char *P = nullptr;
  ASSERT_EQ(cudaMalloc(&P, 64), cudaSuccess);
  EXPECT_EQ(cudaFree(P + 8), cudaErrorInvalidValue) << "interior pointer";
  EXPECT_EQ(cudaFreeHost(P), cudaErrorInvalidValue) << "wrong kind";
  EXPECT_EQ(cudaFree(P), cudaSuccess);
  EXPECT_EQ(cudaFree(P), cudaErrorInvalidValue) << "double free";
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
}

TEST_F(MemoryTest, NullOutParameters) {
  EXPECT_EQ(cudaMalloc(nullptr, 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocHost(nullptr, 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocManaged(nullptr, 16), cudaErrorInvalidValue);
  size_t Pitch;
  EXPECT_EQ(cudaMallocPitch(nullptr, &Pitch, 16, 16), cudaErrorInvalidValue);
  void *P;
  EXPECT_EQ(cudaMallocPitch(&P, nullptr, 16, 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemGetInfo(nullptr, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaPointerGetAttributes(nullptr, &P), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(MemoryTest, ZeroSizedMallocGivesNull) {
  void *P = reinterpret_cast<void *>(1);
  ASSERT_EQ(cudaMalloc(&P, 0), cudaSuccess);
  EXPECT_EQ(P, nullptr);
  EXPECT_EQ(cudaMallocManaged(&P, 0), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(MemoryTest, HugeMallocFails) {
  void *P = nullptr;
  EXPECT_EQ(cudaMalloc(&P, SIZE_MAX / 2), cudaErrorMemoryAllocation);
  EXPECT_EQ(cudaGetLastError(), cudaErrorMemoryAllocation);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess) << "not sticky";
}

TEST_F(MemoryTest, MemcpyRoundTripAndDirections) {
  std::vector<int> In(256), Out(256, 0);
  for (int I = 0; I < 256; ++I)
    In[I] = I * 3;
  int *D = nullptr, *E = nullptr;
  ASSERT_EQ(cudaMalloc(&D, 1024), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&E, 1024), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(D, In.data(), 1024, cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy(E, D, 1024, cudaMemcpyDeviceToDevice), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(Out.data(), E, 1024, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(In, Out);

  EXPECT_EQ(cudaMemcpy(Out.data(), D, 16, (cudaMemcpyKind)7),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpy(Out.data(), D, 16, (cudaMemcpyKind)-1),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpy(nullptr, D, 16, cudaMemcpyDeviceToHost),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(nullptr, nullptr, 0, cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(cudaMemcpyAsync(Out.data(), D, 16, (cudaMemcpyKind)9, 0),
            cudaErrorInvalidMemcpyDirection);
  cudaGetLastError();
  EXPECT_EQ(cudaFree(D), cudaSuccess);
  EXPECT_EQ(cudaFree(E), cudaSuccess);
}

TEST_F(MemoryTest, CopiesAndFillsStayInsideAllocations) {
  std::vector<char> Host(4096);
  char *D = nullptr, *E = nullptr;
  ASSERT_EQ(cudaMalloc(&D, 1000), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&E, 4096), cudaSuccess);
  // Up to the block's 512-byte granularity, as CUDA allows; not past it.
  EXPECT_EQ(cudaMemset(D, 1, 1024), cudaSuccess);
  EXPECT_EQ(cudaMemset(D, 1, 1025), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset(D + 1000, 1, SIZE_MAX - 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(Host.data(), D, 2048, cudaMemcpyDeviceToHost),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(D, E, 4096, cudaMemcpyDeviceToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(E + 100, D, 1024, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(cudaMemsetAsync(D + 512, 0, 513), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpyAsync(E, D + 24, 1001, cudaMemcpyDeviceToDevice),
            cudaErrorInvalidValue);
  // Pitched: the last row ends past the block.
  EXPECT_EQ(cudaMemset2D(E, 1024, 0, 512, 5), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset2D(E, 1024, 0, 512, 4), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  // A device pointer freed lately is not memory to copy from or fill.
  ASSERT_EQ(cudaFree(D), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(Host.data(), D, 16, cudaMemcpyDeviceToHost),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset(D + 8, 0, 8), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(D, Host.data(), 16, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaFree(E), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
}

// The runtime remembers the last few thousand frees of device memory
// (AllocationMap::wasFreed). A base the allocator hands out again and that
// is freed again is remembered from its latest free: forgetting its first
// free, thousands of frees later, must not forget the latest (the fuzzer
// found a memset writing through such a pointer into freed memory).
TEST(AllocationMapTest, TheLatestFreeOfAReusedBaseIsRemembered) {
  tx::AllocationMap Map;
  auto Cycle = [&](uintptr_t Base) {
    tx::Allocation A;
    A.Base = Base;
    A.Size = 256;
    Map.insert(A);
    ASSERT_TRUE(Map.erase(reinterpret_cast<void *>(Base),
                          tx::AllocationKind::Device, nullptr));
  };
  const uintptr_t Reused = 0x100000;
  Cycle(Reused);
  // Other frees, then the base again, then enough frees that the first
  // free of the base is the oldest one forgotten.
  for (uintptr_t I = 1; I < 100; ++I)
    Cycle(Reused + I * 0x1000);
  Cycle(Reused);
  for (uintptr_t I = 100; I < 4100; ++I)
    Cycle(Reused + I * 0x1000);
  EXPECT_TRUE(Map.wasFreed(reinterpret_cast<void *>(Reused + 8)));
  // Frees older than the last few thousand are forgotten.
  EXPECT_FALSE(Map.wasFreed(reinterpret_cast<void *>(Reused + 0x1000)));
}

TEST_F(MemoryTest, MemsetAndAsync) {
  unsigned char *D = nullptr;
  ASSERT_EQ(cudaMalloc(&D, 100), cudaSuccess);
  ASSERT_EQ(cudaMemset(D, 0xab, 100), cudaSuccess);
  for (int I = 0; I < 100; ++I)
    ASSERT_EQ(D[I], 0xab);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaMemsetAsync(D + 10, 1, 10, S), cudaSuccess);
  std::vector<unsigned char> Host(100);
  ASSERT_EQ(cudaMemcpyAsync(Host.data(), D, 100, cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Host[9], 0xab);
  EXPECT_EQ(Host[10], 1);
  EXPECT_EQ(Host[19], 1);
  EXPECT_EQ(Host[20], 0xab);
  EXPECT_EQ(cudaMemset(nullptr, 0, 4), cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaFree(D), cudaSuccess);
}

TEST_F(MemoryTest, PitchedAnd2D) {
  char *D = nullptr;
  size_t Pitch = 0;
  ASSERT_EQ(cudaMallocPitch(&D, &Pitch, 300, 4), cudaSuccess);
  EXPECT_GE(Pitch, 300u);
  EXPECT_EQ(Pitch % 256, 0u);

  char Src[4][300];
  for (int R = 0; R < 4; ++R)
    std::memset(Src[R], 'a' + R, 300);
  ASSERT_EQ(cudaMemcpy2D(D, Pitch, Src, 300, 300, 4, cudaMemcpyHostToDevice),
            cudaSuccess);
  EXPECT_EQ(D[2 * Pitch + 299], 'c');
  ASSERT_EQ(cudaMemset2D(D, Pitch, 'z', 10, 4), cudaSuccess);
  char Back[4][300];
  ASSERT_EQ(cudaMemcpy2D(Back, 300, D, Pitch, 300, 4, cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(Back[3][9], 'z');
  EXPECT_EQ(Back[3][10], 'd');

  EXPECT_EQ(cudaMemcpy2D(D, 100, Src, 300, 300, 4, cudaMemcpyHostToDevice),
            cudaErrorInvalidPitchValue);
  EXPECT_EQ(cudaMemset2D(D, 10, 0, 300, 4), cudaErrorInvalidPitchValue);
  cudaGetLastError();
  EXPECT_EQ(cudaFree(D), cudaSuccess);
}

TEST_F(MemoryTest, ThreeDimensional) {
  cudaPitchedPtr P;
  cudaExtent E = make_cudaExtent(40, 3, 2);
  ASSERT_EQ(cudaMalloc3D(&P, E), cudaSuccess);
  EXPECT_GE(P.pitch, 40u);
  ASSERT_EQ(cudaMemset3D(P, 7, E), cudaSuccess);
  char Host[2][3][40];
  std::memset(Host, 0, sizeof(Host));
  cudaMemcpy3DParms Parms;
  std::memset(&Parms, 0, sizeof(Parms));
  Parms.srcPtr = P;
  Parms.dstPtr = make_cudaPitchedPtr(Host, 40, 40, 3);
  Parms.extent = E;
  Parms.kind = cudaMemcpyDeviceToHost;
  ASSERT_EQ(cudaMemcpy3D(&Parms), cudaSuccess);
  EXPECT_EQ(Host[1][2][39], 7);
  EXPECT_EQ(Host[0][0][0], 7);
  EXPECT_EQ(cudaMemcpy3D(nullptr), cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_EQ(cudaFree(P.ptr), cudaSuccess);
}

TEST_F(MemoryTest, HostAllocationsAndRegistration) {
  int *H = nullptr;
  ASSERT_EQ(cudaMallocHost(&H, 64), cudaSuccess);
  void *DevView = nullptr;
  ASSERT_EQ(cudaHostGetDevicePointer(&DevView, H + 2, 0), cudaSuccess);
  EXPECT_EQ(DevView, H + 2);
  EXPECT_EQ(cudaFree(H), cudaErrorInvalidValue) << "host memory via cudaFree";
  EXPECT_EQ(cudaFreeHost(H), cudaSuccess);

  ASSERT_EQ(cudaHostAlloc(&H, 64, cudaHostAllocMapped | cudaHostAllocPortable),
            cudaSuccess);
  unsigned Flags = 0;
  ASSERT_EQ(cudaHostGetFlags(&Flags, H), cudaSuccess);
  EXPECT_TRUE(Flags & cudaHostAllocPortable);
  EXPECT_EQ(cudaFreeHost(H), cudaSuccess);
  EXPECT_EQ(cudaHostAlloc(&H, 64, 0x100), cudaErrorInvalidValue);

  std::vector<char> Buffer(4096);
  ASSERT_EQ(cudaHostRegister(Buffer.data(), 4096, cudaHostRegisterDefault),
            cudaSuccess);
  EXPECT_EQ(cudaHostRegister(Buffer.data() + 100, 10, 0),
            cudaErrorHostMemoryAlreadyRegistered);
  ASSERT_EQ(cudaHostGetDevicePointer(&DevView, Buffer.data() + 100, 0),
            cudaSuccess);
  EXPECT_EQ(DevView, Buffer.data() + 100);
  EXPECT_EQ(cudaHostUnregister(Buffer.data()), cudaSuccess);
  EXPECT_EQ(cudaHostUnregister(Buffer.data()),
            cudaErrorHostMemoryNotRegistered);
  EXPECT_EQ(cudaHostRegister(nullptr, 10, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaHostGetDevicePointer(&DevView, Buffer.data(), 0),
            cudaErrorInvalidValue)
      << "no longer registered";
  cudaGetLastError();
}

TEST_F(MemoryTest, ManagedMemory) {
  double *M = nullptr;
  ASSERT_EQ(cudaMallocManaged(&M, 10 * sizeof(double)), cudaSuccess);
  M[9] = 2.5;
  EXPECT_EQ(cudaMemPrefetchAsync(M, 80, 0, 0), cudaSuccess);
  EXPECT_EQ(cudaMemAdvise(M, 80, cudaMemAdviseSetReadMostly, 0), cudaSuccess);
  EXPECT_EQ(cudaMallocManaged(&M, 8, 0x40), cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_EQ(cudaFree(M), cudaSuccess);
}

TEST_F(MemoryTest, PointerAttributes) {
  char *Dev = nullptr, *Host = nullptr, *Managed = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, 512), cudaSuccess);
  ASSERT_EQ(cudaMallocHost(&Host, 512), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Managed, 512), cudaSuccess);
  cudaPointerAttributes A;

  ASSERT_EQ(cudaPointerGetAttributes(&A, Dev + 100), cudaSuccess);
  EXPECT_EQ(A.type, cudaMemoryTypeDevice);
  EXPECT_EQ(A.device, 0);
  EXPECT_EQ(A.devicePointer, Dev + 100);
  EXPECT_EQ(A.hostPointer, nullptr);

  ASSERT_EQ(cudaPointerGetAttributes(&A, Host), cudaSuccess);
  EXPECT_EQ(A.type, cudaMemoryTypeHost);
  EXPECT_EQ(A.hostPointer, Host);
  EXPECT_EQ(A.devicePointer, Host);

  ASSERT_EQ(cudaPointerGetAttributes(&A, Managed + 511), cudaSuccess);
  EXPECT_EQ(A.type, cudaMemoryTypeManaged);
  EXPECT_EQ(A.hostPointer, Managed + 511);

  int Stack = 0;
  ASSERT_EQ(cudaPointerGetAttributes(&A, &Stack), cudaSuccess);
  EXPECT_EQ(A.type, cudaMemoryTypeUnregistered);
  EXPECT_EQ(A.devicePointer, nullptr);

  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
  EXPECT_EQ(cudaFreeHost(Host), cudaSuccess);
  EXPECT_EQ(cudaFree(Managed), cudaSuccess);
}

TEST_F(MemoryTest, MemGetInfoIsHonest) {
  size_t Free = 0, Total = 0;
  ASSERT_EQ(cudaMemGetInfo(&Free, &Total), cudaSuccess);
  EXPECT_GT(Total, 0u);
  EXPECT_LE(Free, Total);
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  EXPECT_EQ(P.totalGlobalMem, Total);
}

TEST_F(MemoryTest, PeerCopies) {
  int Src[4] = {1, 2, 3, 4}, Dst[4] = {};
  ASSERT_EQ(cudaMemcpyPeer(Dst, 0, Src, 0, sizeof(Src)), cudaSuccess);
  EXPECT_EQ(Dst[3], 4);
  EXPECT_EQ(cudaMemcpyPeer(Dst, 1, Src, 0, sizeof(Src)),
            cudaErrorInvalidDevice);
  ASSERT_EQ(cudaMemcpyPeerAsync(Dst, 0, Src, 0, sizeof(Src), 0), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  cudaGetLastError();
}
