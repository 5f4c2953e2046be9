//===- RuntimeApiCoverageTest.cpp - The rest of the CUDA 12.9 API ---------===//
//
// Part of Tongxin. The runtime functions CUDA 12.9 added to what the other
// test files cover: the small ones Tongxin implements, with their error
// paths, and one function of each area it answers with
// cudaErrorNotSupported (docs/runtime-api.md lists them all).
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include "cuda_profiler_api.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace txtest;

namespace {
class ApiCoverageTest : public RuntimeTest {};
} // namespace

/// Err is cudaErrorNotSupported, recorded as the last error once.
static void expectNotSupported(cudaError_t Err, const char *What) {
  EXPECT_EQ(Err, cudaErrorNotSupported) << What;
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorNotSupported) << What;
  EXPECT_EQ(cudaGetLastError(), cudaErrorNotSupported) << What;
  EXPECT_EQ(cudaGetLastError(), cudaSuccess) << What << ": not reset";
}

#define EXPECT_NOT_SUPPORTED(Call) expectNotSupported(Call, #Call)

//===--- Not supported: one function per area -----------------------------===//

TEST_F(ApiCoverageTest, UnsupportedAreasReturnNotSupported) {
  ASSERT_EQ(cudaGetLastError(), cudaSuccess);
  auto *Sentinel = reinterpret_cast<void *>(uintptr_t(0x1234));

  // Graph memory and conditional nodes (GraphTest.cpp covers the rest).
  cudaGraph_t Graph = nullptr;
  ASSERT_EQ(cudaGraphCreate(&Graph, 0), cudaSuccess);
  cudaGraphNode_t Node = reinterpret_cast<cudaGraphNode_t>(Sentinel);
  cudaMemAllocNodeParams Alloc = {};
  EXPECT_NOT_SUPPORTED(
      cudaGraphAddMemAllocNode(&Node, Graph, nullptr, 0, &Alloc));
  EXPECT_EQ(Node, nullptr) << "out-parameter not cleared";
  cudaGraphConditionalHandle Conditional = 7;
  EXPECT_NOT_SUPPORTED(cudaGraphConditionalHandleCreate(&Conditional, Graph));
  EXPECT_EQ(Conditional, 0u);
  EXPECT_EQ(cudaGraphDestroy(Graph), cudaSuccess);

  // Memory pools shared between processes; batched copies.
  cudaMemPool_t Pool = reinterpret_cast<cudaMemPool_t>(Sentinel);
  int FileDescriptor = 0;
  EXPECT_NOT_SUPPORTED(cudaMemPoolImportFromShareableHandle(
      &Pool, &FileDescriptor, cudaMemHandleTypePosixFileDescriptor, 0));
  EXPECT_EQ(Pool, nullptr);
  int Host = 0;
  size_t FailIdx = 0;
  EXPECT_NOT_SUPPORTED(cudaMemcpyBatchAsync(nullptr, nullptr, nullptr, 0,
                                            nullptr, nullptr, 0, &FailIdx, 0));
  EXPECT_EQ(FailIdx, SIZE_MAX);

  // Mipmapped and sparse arrays.
  cudaChannelFormatDesc Desc = cudaCreateChannelDesc<float>();
  cudaMipmappedArray_t Mipmap =
      reinterpret_cast<cudaMipmappedArray_t>(Sentinel);
  EXPECT_NOT_SUPPORTED(
      cudaMallocMipmappedArray(&Mipmap, &Desc, make_cudaExtent(16, 16, 0), 2));
  EXPECT_EQ(Mipmap, nullptr);
  cudaArraySparseProperties Sparse;
  std::memset(&Sparse, 0xff, sizeof(Sparse));
  EXPECT_NOT_SUPPORTED(cudaArrayGetSparseProperties(&Sparse, nullptr));
  EXPECT_EQ(Sparse.tileExtent.width, 0u);

  // Clusters, multi-device cooperative launches and libraries.
  cudaLaunchConfig_t Config = {};
  int Clusters = 7;
  EXPECT_NOT_SUPPORTED(
      cudaOccupancyMaxActiveClusters(&Clusters, &CountStub, &Config));
  EXPECT_EQ(Clusters, 0);
  EXPECT_NOT_SUPPORTED(cudaLaunchCooperativeKernelMultiDevice(nullptr, 0, 0));
  cudaLibrary_t Library = reinterpret_cast<cudaLibrary_t>(Sentinel);
  EXPECT_NOT_SUPPORTED(cudaLibraryLoadFromFile(
      &Library, "lib.cubin", nullptr, nullptr, 0, nullptr, nullptr, 0));
  EXPECT_EQ(Library, nullptr);
  const void *Table = Sentinel;
  cudaUUID_t TableId = {};
  EXPECT_NOT_SUPPORTED(cudaGetExportTable(&Table, &TableId));
  EXPECT_EQ(Table, nullptr);

  // Interprocess communication, external resources, graphics interop.
  cudaIpcMemHandle_t Handle;
  std::memset(&Handle, 0x5a, sizeof(Handle));
  EXPECT_NOT_SUPPORTED(cudaIpcGetMemHandle(&Handle, &Host));
  EXPECT_EQ(Handle.reserved[0], 0);
  cudaExternalMemory_t ExtMem =
      reinterpret_cast<cudaExternalMemory_t>(Sentinel);
  cudaExternalMemoryHandleDesc MemDesc = {};
  EXPECT_NOT_SUPPORTED(cudaImportExternalMemory(&ExtMem, &MemDesc));
  EXPECT_EQ(ExtMem, nullptr);
  EXPECT_NOT_SUPPORTED(cudaGraphicsMapResources(0, nullptr));
  EXPECT_NOT_SUPPORTED(cudaGraphicsUnregisterResource(nullptr));

  // Device notifications and NvSci.
  cudaAsyncCallbackHandle_t Callback =
      reinterpret_cast<cudaAsyncCallbackHandle_t>(Sentinel);
  EXPECT_NOT_SUPPORTED(
      cudaDeviceRegisterAsyncNotification(0, nullptr, nullptr, &Callback));
  EXPECT_EQ(Callback, nullptr);
  EXPECT_NOT_SUPPORTED(cudaDeviceGetNvSciSyncAttributes(nullptr, 0, 0));
}

TEST_F(ApiCoverageTest, NotSupportedDoesNotPoisonTheDevice) {
  EXPECT_NOT_SUPPORTED(cudaGraphConditionalHandleCreate(nullptr, nullptr));
  int *Ptr = nullptr;
  ASSERT_EQ(cudaMalloc(&Ptr, sizeof(int)), cudaSuccess);
  EXPECT_EQ(cudaMemset(Ptr, 0, sizeof(int)), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(cudaFree(Ptr), cudaSuccess);
}

//===--- Devices ----------------------------------------------------------===//

TEST_F(ApiCoverageTest, InitDevice) {
  EXPECT_EQ(cudaInitDevice(0, 0, 0), cudaSuccess);
  EXPECT_EQ(cudaInitDevice(99, 0, 0), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaInitDevice(-1, 0, 0), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaInitDevice(0, 0, 2), cudaErrorInvalidValue);
  // Device flags apply only with cudaInitDeviceFlagsAreValid.
  EXPECT_EQ(cudaInitDevice(0, 0x100, 0), cudaSuccess);
  EXPECT_EQ(cudaInitDevice(0, 0x100, cudaInitDeviceFlagsAreValid),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaInitDevice(0, cudaDeviceScheduleSpin | cudaDeviceScheduleYield,
                           cudaInitDeviceFlagsAreValid),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  ASSERT_EQ(
      cudaInitDevice(0, cudaDeviceScheduleYield, cudaInitDeviceFlagsAreValid),
      cudaSuccess);
  unsigned Flags = 0;
  ASSERT_EQ(cudaGetDeviceFlags(&Flags), cudaSuccess);
  EXPECT_EQ(Flags & cudaDeviceScheduleMask, unsigned(cudaDeviceScheduleYield));
  EXPECT_EQ(cudaInitDevice(0, 0, cudaInitDeviceFlagsAreValid), cudaSuccess);
}

TEST_F(ApiCoverageTest, SetValidDevices) {
  int Devices[2] = {0, 0};
  EXPECT_EQ(cudaSetValidDevices(nullptr, 1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaSetValidDevices(Devices, -1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaSetValidDevices(Devices, 2), cudaErrorInvalidValue)
      << "a device listed twice";
  int Bad = 99;
  EXPECT_EQ(cudaSetValidDevices(&Bad, 1), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaSetValidDevices(Devices, 1), cudaSuccess);
  int Current = -1;
  ASSERT_EQ(cudaGetDevice(&Current), cudaSuccess);
  EXPECT_EQ(Current, 0);
  EXPECT_EQ(cudaSetValidDevices(nullptr, 0), cudaSuccess);
}

TEST_F(ApiCoverageTest, PciBusIdsRoundTrip) {
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  for (int Device = 0; Device < Count; ++Device) {
    char Id[32];
    ASSERT_EQ(cudaDeviceGetPCIBusId(Id, sizeof(Id), Device), cudaSuccess);
    EXPECT_EQ(std::strlen(Id), 12u) << Id;
    int Found = -1;
    ASSERT_EQ(cudaDeviceGetByPCIBusId(&Found, Id), cudaSuccess) << Id;
    EXPECT_EQ(Found, Device);
    // The bus number is the one the properties and attributes report.
    int Bus = -1;
    ASSERT_EQ(cudaDeviceGetAttribute(&Bus, cudaDevAttrPciBusId, Device),
              cudaSuccess);
    cudaDeviceProp Prop;
    ASSERT_EQ(cudaGetDeviceProperties(&Prop, Device), cudaSuccess);
    EXPECT_EQ(Prop.pciBusID, Bus);
    char Expected[32];
    std::snprintf(Expected, sizeof(Expected), "%04x:%02x:%02x.0",
                  Prop.pciDomainID, Bus, Prop.pciDeviceID);
    EXPECT_STREQ(Id, Expected);
  }
  char Id[32];
  ASSERT_EQ(cudaDeviceGetPCIBusId(Id, sizeof(Id), 0), cudaSuccess);
  EXPECT_STREQ(Id, "0000:01:00.0");
  int Found = -1;
  // The other spellings CUDA accepts, in either case.
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "0000:01:00"), cudaSuccess);
  EXPECT_EQ(Found, 0);
  Found = -1;
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "01:00.0"), cudaSuccess);
  EXPECT_EQ(Found, 0);
  // A short buffer gets a truncated, terminated string.
  char Short[5];
  ASSERT_EQ(cudaDeviceGetPCIBusId(Short, sizeof(Short), 0), cudaSuccess);
  EXPECT_STREQ(Short, "0000");

  EXPECT_EQ(cudaDeviceGetPCIBusId(nullptr, 13, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetPCIBusId(Id, 0, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetPCIBusId(Id, sizeof(Id), 99), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(nullptr, "0000:01:00.0"),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "not an id"),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "0000:01:00.0 "),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "0000:7f:00.0"),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetByPCIBusId(&Found, "0001:01:00.0"),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidDevice);
}

TEST_F(ApiCoverageTest, P2PAttributes) {
  int Value = 7;
  EXPECT_EQ(
      cudaDeviceGetP2PAttribute(nullptr, cudaDevP2PAttrAccessSupported, 0, 0),
      cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaDeviceGetP2PAttribute(&Value, cudaDevP2PAttrAccessSupported, 0, 99),
      cudaErrorInvalidDevice);
  // A device is not its own peer.
  EXPECT_EQ(
      cudaDeviceGetP2PAttribute(&Value, cudaDevP2PAttrAccessSupported, 0, 0),
      cudaErrorInvalidDevice);
  EXPECT_EQ(Value, 7);
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  if (Count < 2)
    return; // One device (the default test selection): no peers.
  int CanAccess = -1;
  ASSERT_EQ(cudaDeviceCanAccessPeer(&CanAccess, 0, 1), cudaSuccess);
  ASSERT_EQ(
      cudaDeviceGetP2PAttribute(&Value, cudaDevP2PAttrAccessSupported, 0, 1),
      cudaSuccess);
  EXPECT_EQ(Value, CanAccess);
  EXPECT_EQ(cudaDeviceGetP2PAttribute(&Value, cudaDeviceP2PAttr(99), 0, 1),
            cudaErrorInvalidValue);
}

TEST_F(ApiCoverageTest, DeviceMaintenanceCalls) {
  EXPECT_EQ(cudaCtxResetPersistingL2Cache(), cudaSuccess);
  EXPECT_EQ(cudaDeviceFlushGPUDirectRDMAWrites(
                cudaFlushGPUDirectRDMAWritesTargetCurrentDevice,
                cudaFlushGPUDirectRDMAWritesToOwner),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceFlushGPUDirectRDMAWrites(
                cudaFlushGPUDirectRDMAWritesTargetCurrentDevice,
                cudaFlushGPUDirectRDMAWritesToAllDevices),
            cudaSuccess);
  EXPECT_EQ(
      cudaDeviceFlushGPUDirectRDMAWrites(cudaFlushGPUDirectRDMAWritesTarget(1),
                                         cudaFlushGPUDirectRDMAWritesToOwner),
      cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceFlushGPUDirectRDMAWrites(
                cudaFlushGPUDirectRDMAWritesTargetCurrentDevice,
                cudaFlushGPUDirectRDMAWritesScope(0)),
            cudaErrorInvalidValue);
  cudaDeviceProp Prop, Prop2;
  ASSERT_EQ(cudaGetDeviceProperties(&Prop, 0), cudaSuccess);
  ASSERT_EQ(cudaGetDeviceProperties_v2(&Prop2, 0), cudaSuccess);
  EXPECT_STREQ(Prop.name, Prop2.name);
  EXPECT_EQ(cudaGetDeviceProperties_v2(nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetDeviceProperties_v2(&Prop, 99), cudaErrorInvalidDevice);
}

TEST_F(ApiCoverageTest, NewDeviceAttributes) {
  int Value = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Value, cudaDevAttrNumaId, 0), cudaSuccess);
  EXPECT_EQ(Value, -1);
  ASSERT_EQ(cudaDeviceGetAttribute(&Value, cudaDevAttrMemSyncDomainCount, 0),
            cudaSuccess);
  EXPECT_EQ(Value, 1);
  ASSERT_EQ(cudaDeviceGetAttribute(&Value, cudaDevAttrIpcEventSupport, 0),
            cudaSuccess);
  EXPECT_EQ(Value, 0);
  EXPECT_EQ(cudaDeviceGetAttribute(&Value,
                                   cudaDevAttrHostNumaMultinodeIpcSupported, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceGetAttribute(&Value, cudaDevAttrMax, 0),
            cudaErrorInvalidValue);
}

TEST_F(ApiCoverageTest, DeprecatedThreadCalls) {
  size_t Stack = 0, Old = 0;
  ASSERT_EQ(cudaThreadGetLimit(&Old, cudaLimitStackSize), cudaSuccess);
  ASSERT_EQ(cudaThreadSetLimit(cudaLimitStackSize, 4096), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetLimit(&Stack, cudaLimitStackSize), cudaSuccess);
  EXPECT_EQ(Stack, 4096u);
  EXPECT_EQ(cudaThreadSetLimit(cudaLimitStackSize, Old), cudaSuccess);
  EXPECT_EQ(cudaThreadGetLimit(nullptr, cudaLimitStackSize),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaThreadSetLimit(cudaLimit(42), 1), cudaErrorUnsupportedLimit);

  cudaFuncCache Config = cudaFuncCachePreferNone;
  ASSERT_EQ(cudaThreadSetCacheConfig(cudaFuncCachePreferL1), cudaSuccess);
  ASSERT_EQ(cudaThreadGetCacheConfig(&Config), cudaSuccess);
  EXPECT_EQ(Config, cudaFuncCachePreferL1);
  EXPECT_EQ(cudaThreadSetCacheConfig(cudaFuncCachePreferNone), cudaSuccess);
  EXPECT_EQ(cudaThreadGetCacheConfig(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaThreadSetCacheConfig(cudaFuncCache(9)), cudaErrorInvalidValue);
  EXPECT_EQ(cudaThreadSynchronize(), cudaSuccess);

  double D = 1.0 / 3.0;
  EXPECT_EQ(cudaSetDoubleForDevice(&D), cudaSuccess);
  EXPECT_EQ(cudaSetDoubleForHost(&D), cudaSuccess);
  EXPECT_EQ(D, 1.0 / 3.0) << "doubles need no conversion";
  EXPECT_EQ(cudaSetDoubleForDevice(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaSetDoubleForHost(nullptr), cudaErrorInvalidValue);
}

//===--- Streams ----------------------------------------------------------===//

TEST_F(ApiCoverageTest, StreamIdsAndDevices) {
  cudaStream_t A, B;
  ASSERT_EQ(cudaStreamCreate(&A), cudaSuccess);
  ASSERT_EQ(cudaStreamCreate(&B), cudaSuccess);
  unsigned long long IdA = 0, IdB = 0, Legacy = 0, Legacy2 = 0;
  ASSERT_EQ(cudaStreamGetId(A, &IdA), cudaSuccess);
  ASSERT_EQ(cudaStreamGetId(B, &IdB), cudaSuccess);
  ASSERT_EQ(cudaStreamGetId(0, &Legacy), cudaSuccess);
  ASSERT_EQ(cudaStreamGetId(cudaStreamLegacy, &Legacy2), cudaSuccess);
  EXPECT_NE(IdA, IdB);
  EXPECT_NE(IdA, Legacy);
  EXPECT_EQ(Legacy, Legacy2);
  unsigned long long Again = 0;
  ASSERT_EQ(cudaStreamGetId(A, &Again), cudaSuccess);
  EXPECT_EQ(Again, IdA);

  int Device = -1;
  ASSERT_EQ(cudaStreamGetDevice(A, &Device), cudaSuccess);
  EXPECT_EQ(Device, 0);
  Device = -1;
  ASSERT_EQ(cudaStreamGetDevice(0, &Device), cudaSuccess);
  EXPECT_EQ(Device, 0);

  EXPECT_EQ(cudaStreamGetId(A, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamGetDevice(A, nullptr), cudaErrorInvalidValue);
  ASSERT_EQ(cudaStreamDestroy(B), cudaSuccess);
  EXPECT_EQ(cudaStreamGetId(B, &IdB), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamGetDevice(B, &Device), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamDestroy(A), cudaSuccess);
}

TEST_F(ApiCoverageTest, StreamAttributes) {
  cudaStream_t A, B;
  ASSERT_EQ(cudaStreamCreate(&A), cudaSuccess);
  ASSERT_EQ(cudaStreamCreate(&B), cudaSuccess);

  cudaStreamAttrValue Value;
  std::memset(&Value, 0x7f, sizeof(Value));
  ASSERT_EQ(cudaStreamGetAttribute(A, cudaStreamAttributeSynchronizationPolicy,
                                   &Value),
            cudaSuccess);
  EXPECT_EQ(Value.syncPolicy, cudaSyncPolicyAuto) << "the default";
  ASSERT_EQ(cudaStreamGetAttribute(A, cudaStreamAttributePriority, &Value),
            cudaSuccess);
  EXPECT_EQ(Value.priority, 0);

  cudaStreamAttrValue Set = {};
  Set.syncPolicy = cudaSyncPolicyBlockingSync;
  ASSERT_EQ(
      cudaStreamSetAttribute(A, cudaStreamAttributeSynchronizationPolicy, &Set),
      cudaSuccess);
  int Base = 0;
  Set = {};
  Set.accessPolicyWindow.base_ptr = &Base;
  Set.accessPolicyWindow.num_bytes = sizeof(Base);
  Set.accessPolicyWindow.hitRatio = 0.5f;
  Set.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
  Set.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
  ASSERT_EQ(
      cudaStreamSetAttribute(A, cudaStreamAttributeAccessPolicyWindow, &Set),
      cudaSuccess);
  ASSERT_EQ(cudaStreamGetAttribute(A, cudaStreamAttributeSynchronizationPolicy,
                                   &Value),
            cudaSuccess);
  EXPECT_EQ(Value.syncPolicy, cudaSyncPolicyBlockingSync);
  ASSERT_EQ(
      cudaStreamGetAttribute(A, cudaStreamAttributeAccessPolicyWindow, &Value),
      cudaSuccess);
  EXPECT_EQ(Value.accessPolicyWindow.base_ptr, &Base);
  EXPECT_EQ(Value.accessPolicyWindow.hitProp, cudaAccessPropertyPersisting);

  // Priorities are clamped to the one level there is.
  Set = {};
  Set.priority = -5;
  ASSERT_EQ(cudaStreamSetAttribute(A, cudaStreamAttributePriority, &Set),
            cudaSuccess);
  ASSERT_EQ(cudaStreamGetAttribute(A, cudaStreamAttributePriority, &Value),
            cudaSuccess);
  EXPECT_EQ(Value.priority, 0);

  // Copies go from the second stream to the first.
  ASSERT_EQ(cudaStreamCopyAttributes(B, A), cudaSuccess);
  ASSERT_EQ(cudaStreamGetAttribute(B, cudaStreamAttributeSynchronizationPolicy,
                                   &Value),
            cudaSuccess);
  EXPECT_EQ(Value.syncPolicy, cudaSyncPolicyBlockingSync);

  // Errors: attributes that are not stream attributes, bad values, null
  // pointers, dead streams.
  Set = {};
  Set.cooperative = 1;
  EXPECT_EQ(cudaStreamSetAttribute(A, cudaLaunchAttributeCooperative, &Set),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamGetAttribute(A, cudaLaunchAttributeCooperative, &Value),
            cudaErrorInvalidValue);
  Set.syncPolicy = cudaSynchronizationPolicy(9);
  EXPECT_EQ(
      cudaStreamSetAttribute(A, cudaStreamAttributeSynchronizationPolicy, &Set),
      cudaErrorInvalidValue);
  Set = {};
  Set.accessPolicyWindow.hitRatio = 2.0f;
  EXPECT_EQ(
      cudaStreamSetAttribute(A, cudaStreamAttributeAccessPolicyWindow, &Set),
      cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamSetAttribute(A, cudaStreamAttributePriority, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamGetAttribute(A, cudaStreamAttributePriority, nullptr),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaStreamDestroy(B), cudaSuccess);
  EXPECT_EQ(cudaStreamGetAttribute(B, cudaStreamAttributePriority, &Value),
            cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamCopyAttributes(A, B), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamCopyAttributes(B, A), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamDestroy(A), cudaSuccess);
}

TEST_F(ApiCoverageTest, StreamsNotCapturing) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  cudaStreamCaptureStatus Status = cudaStreamCaptureStatusActive;
  ASSERT_EQ(cudaStreamIsCapturing(S, &Status), cudaSuccess);
  EXPECT_EQ(Status, cudaStreamCaptureStatusNone);
  Status = cudaStreamCaptureStatusActive;
  ASSERT_EQ(cudaStreamIsCapturing(0, &Status), cudaSuccess);
  EXPECT_EQ(Status, cudaStreamCaptureStatusNone);

  unsigned long long Id = 5;
  cudaGraph_t Graph = reinterpret_cast<cudaGraph_t>(uintptr_t(1));
  size_t NumDeps = 3;
  Status = cudaStreamCaptureStatusActive;
  ASSERT_EQ(
      cudaStreamGetCaptureInfo(S, &Status, &Id, &Graph, nullptr, &NumDeps),
      cudaSuccess);
  EXPECT_EQ(Status, cudaStreamCaptureStatusNone);
  EXPECT_EQ(Id, 0u);
  EXPECT_EQ(Graph, nullptr);
  EXPECT_EQ(NumDeps, 0u);
  const cudaGraphEdgeData *Edges =
      reinterpret_cast<const cudaGraphEdgeData *>(uintptr_t(1));
  const cudaGraphNode_t *Deps = nullptr;
  ASSERT_EQ(cudaStreamGetCaptureInfo_v3(S, &Status, nullptr, nullptr, &Deps,
                                        &Edges, nullptr),
            cudaSuccess);
  EXPECT_EQ(Edges, nullptr);
  // Edge data goes with the dependencies it describes.
  EXPECT_EQ(cudaStreamGetCaptureInfo_v3(S, &Status, nullptr, nullptr, nullptr,
                                        &Edges, nullptr),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaStreamGetCaptureInfo_v2(S, &Status), cudaSuccess);

  EXPECT_EQ(cudaStreamIsCapturing(S, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamGetCaptureInfo(S, nullptr), cudaErrorInvalidValue);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaStreamIsCapturing(S, &Status), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidResourceHandle);
}

TEST_F(ApiCoverageTest, ThreadCaptureModeExchange) {
  cudaStreamCaptureMode Mode = cudaStreamCaptureModeRelaxed;
  ASSERT_EQ(cudaThreadExchangeStreamCaptureMode(&Mode), cudaSuccess);
  EXPECT_EQ(Mode, cudaStreamCaptureModeGlobal) << "the initial mode";
  ASSERT_EQ(cudaThreadExchangeStreamCaptureMode(&Mode), cudaSuccess);
  EXPECT_EQ(Mode, cudaStreamCaptureModeRelaxed);
  EXPECT_EQ(cudaThreadExchangeStreamCaptureMode(nullptr),
            cudaErrorInvalidValue);
  Mode = cudaStreamCaptureMode(7);
  EXPECT_EQ(cudaThreadExchangeStreamCaptureMode(&Mode), cudaErrorInvalidValue);
  EXPECT_EQ(Mode, cudaStreamCaptureMode(7)) << "unchanged on error";
}

TEST_F(ApiCoverageTest, EventElapsedTimeV2) {
  cudaEvent_t Start, End;
  ASSERT_EQ(cudaEventCreate(&Start), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&End), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Start, 0), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(End, 0), cudaSuccess);
  ASSERT_EQ(cudaEventSynchronize(End), cudaSuccess);
  float Ms = -1.0f;
  ASSERT_EQ(cudaEventElapsedTime_v2(&Ms, Start, End), cudaSuccess);
  EXPECT_GE(Ms, 0.0f);
  EXPECT_EQ(cudaEventElapsedTime_v2(nullptr, Start, End),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaEventDestroy(Start), cudaSuccess);
  EXPECT_EQ(cudaEventElapsedTime_v2(&Ms, Start, End),
            cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventDestroy(End), cudaSuccess);
}

//===--- Memory -----------------------------------------------------------===//

TEST_F(ApiCoverageTest, Memset3DAsync) {
  cudaExtent Extent = make_cudaExtent(40, 5, 3);
  cudaPitchedPtr P;
  ASSERT_EQ(cudaMalloc3D(&P, Extent), cudaSuccess);
  size_t Bytes = P.pitch * Extent.height * Extent.depth;
  std::vector<unsigned char> Host(Bytes, 0);
  ASSERT_EQ(cudaMemset(P.ptr, 0, Bytes), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  // The middle of the box: x 8..31, y 1..3, z 1..2.
  cudaPitchedPtr Inner = P;
  Inner.ptr =
      static_cast<char *>(P.ptr) + P.pitch * Extent.height + P.pitch + 8;
  ASSERT_EQ(cudaMemset3DAsync(Inner, 7, make_cudaExtent(24, 3, 2), S),
            cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(Host.data(), P.ptr, Bytes, cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (size_t Z = 0; Z < Extent.depth; ++Z)
    for (size_t Y = 0; Y < Extent.height; ++Y)
      for (size_t X = 0; X < Extent.width; ++X) {
        bool In = Z >= 1 && Y >= 1 && Y <= 3 && X >= 8 && X < 32;
        ASSERT_EQ(Host[(Z * Extent.height + Y) * P.pitch + X], In ? 7 : 0)
            << X << "," << Y << "," << Z;
      }
  // An empty extent does nothing; a null pointer with a real one is an
  // error, as is a width past the pitch or a dead stream.
  EXPECT_EQ(cudaMemset3DAsync(P, 1, make_cudaExtent(0, 1, 1), S), cudaSuccess);
  cudaPitchedPtr Null = P;
  Null.ptr = nullptr;
  EXPECT_EQ(cudaMemset3DAsync(Null, 1, make_cudaExtent(4, 1, 1), S),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset3DAsync(P, 1, make_cudaExtent(P.pitch + 1, 1, 1), S),
            cudaErrorInvalidPitchValue);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaMemset3DAsync(P, 1, make_cudaExtent(4, 1, 1), S),
            cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaFree(P.ptr), cudaSuccess);
}

TEST_F(ApiCoverageTest, Memcpy3DPeer) {
  cudaExtent Extent = make_cudaExtent(16, 4, 2);
  cudaPitchedPtr Src, Dst;
  ASSERT_EQ(cudaMalloc3D(&Src, Extent), cudaSuccess);
  ASSERT_EQ(cudaMalloc3D(&Dst, Extent), cudaSuccess);
  size_t Bytes = Src.pitch * Extent.height * Extent.depth;
  std::vector<unsigned char> Pattern(Bytes), Back(Bytes, 0);
  for (size_t I = 0; I < Bytes; ++I)
    Pattern[I] = static_cast<unsigned char>(I * 7 + 1);
  ASSERT_EQ(cudaMemcpy(Src.ptr, Pattern.data(), Bytes, cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemset(Dst.ptr, 0, Bytes), cudaSuccess);

  cudaMemcpy3DPeerParms Parms = {};
  Parms.srcPtr = Src;
  Parms.dstPtr = Dst;
  Parms.extent = Extent;
  ASSERT_EQ(cudaMemcpy3DPeer(&Parms), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(Back.data(), Dst.ptr, Bytes, cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (size_t Z = 0; Z < Extent.depth; ++Z)
    for (size_t Y = 0; Y < Extent.height; ++Y)
      for (size_t X = 0; X < Extent.width; ++X) {
        size_t At = (Z * Extent.height + Y) * Src.pitch + X;
        ASSERT_EQ(Back[At], Pattern[At]) << X << "," << Y << "," << Z;
      }

  ASSERT_EQ(cudaMemset(Dst.ptr, 0, Bytes), cudaSuccess);
  ASSERT_EQ(cudaMemcpy3DPeerAsync(&Parms, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(Back.data(), Dst.ptr, Bytes, cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(Back[Src.pitch + 3], Pattern[Src.pitch + 3]);

  EXPECT_EQ(cudaMemcpy3DPeer(nullptr), cudaErrorInvalidValue);
  Parms.dstDevice = 99;
  EXPECT_EQ(cudaMemcpy3DPeer(&Parms), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaMemcpy3DPeerAsync(&Parms, 0), cudaErrorInvalidDevice);
  Parms.dstDevice = 0;
  Parms.extent.width = Dst.pitch + 1;
  EXPECT_EQ(cudaMemcpy3DPeer(&Parms), cudaErrorInvalidPitchValue);
  EXPECT_EQ(cudaFree(Src.ptr), cudaSuccess);
  EXPECT_EQ(cudaFree(Dst.ptr), cudaSuccess);
}

//===--- Execution --------------------------------------------------------===//

TEST_F(ApiCoverageTest, AvailableDynamicSharedMemory) {
  size_t Available = 0;
  ASSERT_EQ(
      cudaOccupancyAvailableDynamicSMemPerBlock(&Available, &SharedStub, 1, 32),
      cudaSuccess);
  EXPECT_GT(Available, 0u);
  // That much lets the block run, one unit at a time...
  int Blocks = 0;
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&Blocks, &SharedStub,
                                                          32, Available),
            cudaSuccess);
  EXPECT_GE(Blocks, 1);
  // ... and asking for more blocks together leaves less for each.
  size_t ForTwo = 0;
  ASSERT_EQ(
      cudaOccupancyAvailableDynamicSMemPerBlock(&ForTwo, &SharedStub, 2, 32),
      cudaSuccess);
  EXPECT_LE(ForTwo, Available);
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&Blocks, &SharedStub,
                                                          32, ForTwo),
            cudaSuccess);
  EXPECT_GE(Blocks, 2);
  // More blocks than fit on a unit at all get nothing.
  size_t TooMany = 1;
  ASSERT_EQ(cudaOccupancyAvailableDynamicSMemPerBlock(&TooMany, &SharedStub,
                                                      1 << 20, 32),
            cudaSuccess);
  EXPECT_EQ(TooMany, 0u);

  EXPECT_EQ(
      cudaOccupancyAvailableDynamicSMemPerBlock(nullptr, &SharedStub, 1, 32),
      cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaOccupancyAvailableDynamicSMemPerBlock(&Available, &SharedStub, 0, 32),
      cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaOccupancyAvailableDynamicSMemPerBlock(&Available, &SharedStub, 1, 0),
      cudaErrorInvalidValue);
  EXPECT_EQ(cudaOccupancyAvailableDynamicSMemPerBlock(
                &Available, &NeverRegisteredStub, 1, 32),
            cudaErrorInvalidDeviceFunction);
}

TEST_F(ApiCoverageTest, DriverEntryPointsAreNotFound) {
  // Not found is no error: a null pointer and the reason in driverStatus.
  void *Fn = reinterpret_cast<void *>(uintptr_t(1));
  cudaDriverEntryPointQueryResult Status = cudaDriverEntryPointSuccess;
  EXPECT_EQ(
      cudaGetDriverEntryPoint("cuMemAlloc", &Fn, cudaEnableDefault, &Status),
      cudaSuccess);
  EXPECT_EQ(Fn, nullptr);
  EXPECT_EQ(Status, cudaDriverEntryPointSymbolNotFound);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  Fn = reinterpret_cast<void *>(uintptr_t(1));
  EXPECT_EQ(cudaGetDriverEntryPoint("cuInit", &Fn, cudaEnableLegacyStream),
            cudaSuccess);
  EXPECT_EQ(Fn, nullptr);
  Status = cudaDriverEntryPointSuccess;
  EXPECT_EQ(cudaGetDriverEntryPointByVersion("cuInit", &Fn, 12000,
                                             cudaEnableDefault, &Status),
            cudaSuccess);
  EXPECT_EQ(Status, cudaDriverEntryPointSymbolNotFound);

  EXPECT_EQ(cudaGetDriverEntryPoint(nullptr, &Fn, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetDriverEntryPoint("cuInit", nullptr, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetDriverEntryPoint("cuInit", &Fn, 4), cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaGetDriverEntryPointByVersion("cuInit", &Fn, CUDART_VERSION + 10, 0),
      cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
}

//===--- Profiler and errors ----------------------------------------------===//

TEST_F(ApiCoverageTest, ProfilerCallsSucceed) {
  EXPECT_EQ(cudaProfilerStart(), cudaSuccess);
  EXPECT_EQ(cudaProfilerStop(), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(ApiCoverageTest, NewErrorCodesHaveNames) {
  const cudaError_t Codes[] = {
      cudaErrorContained, cudaErrorTensorMemoryLeak, cudaErrorFunctionNotLoaded,
      cudaErrorInvalidResourceType, cudaErrorInvalidResourceConfiguration};
  const char *Names[] = {"cudaErrorContained", "cudaErrorTensorMemoryLeak",
                         "cudaErrorFunctionNotLoaded",
                         "cudaErrorInvalidResourceType",
                         "cudaErrorInvalidResourceConfiguration"};
  for (int I = 0; I < 5; ++I) {
    EXPECT_STREQ(cudaGetErrorName(Codes[I]), Names[I]);
    EXPECT_STRNE(cudaGetErrorString(Codes[I]), "unrecognized error code");
  }
}
