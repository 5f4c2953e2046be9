//===- TestKernels.cpp - Hand-registered kernels for runtime tests --------===//
//
// Part of Tongxin. See TestKernels.h. Block functions follow the contract
// of tongxin/abi.h: Args[i] points at parameter i, and the function runs
// every thread of the block described by Ctx.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"
#include "tongxin/check_abi.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

namespace txtest {

namespace {
/// The API tests' kernels exist for the CPU only: unless the test run asks
/// for every device, select the CPU before the runtime reads the variable
/// (at its first call, after static initialisation).
struct SelectCpuForTests {
  SelectCpuForTests() {
    if (!std::getenv("TONGXIN_DEVICES") &&
        !std::getenv("TONGXIN_TEST_ALL_DEVICES"))
      setenv("TONGXIN_DEVICES", "cpu", 0);
  }
};
SelectCpuForTests SelectCpu;
} // namespace

const char VectorAddStub = 0;
const char CountStub = 0;
const char AssertStub = 0;
const char TrapStub = 0;
const char FaultStub = 0;
const char SharedStub = 0;
const char MixedArgsStub = 0;
const char PrintfStub = 0;
const char ReadVarStub = 0;
const char GridSyncStub = 0;
const char GateStub = 0;
const char WaitForNextStub = 0;
const char LookBackStub = 0;
const char MemcheckStub = 0;
static const TxCheckRange NoRange = {~0ull, 0};
const TxCheckSite RacecheckSites[2] = {
    {&NoRange, "_Z4racev", "/src/race.cu", 5, 3,
     TX_CHECK_WRITE | (TX_CHECK_SPACE_SHARED << TX_CHECK_SPACE_SHIFT), 1},
    {&NoRange, "_Z4racev", "/src/race.cu", 6, 3,
     TX_CHECK_READ | (TX_CHECK_SPACE_SHARED << TX_CHECK_SPACE_SHIFT), 1}};
const TxBarrierSite SynccheckBarriers[3] = {
    {"/src/sync.cu", 10, 1}, {"/src/sync.cu", 20, 1}, {"", 0, 0}};
const char LateModuleStub = 0;
const char NoImageStub = 0;
const char NeverRegisteredStub = 0;

int DeviceArray[16];
float ConstantValue;
int *ManagedSlot;
char UnregisteredVariable[8];

static int DeviceArrayStorage[16];
static float ConstantStorage;
static int ManagedStorage[4];

int *deviceArrayStorage() { return DeviceArrayStorage; }
int *managedStorage() { return ManagedStorage; }

//===--- Block functions --------------------------------------------------===//

template <class T> static T arg(void **Args, int I) {
  T V;
  std::memcpy(&V, Args[I], sizeof(T));
  return V;
}

static uint32_t threadsOf(const TxBlockContext *Ctx) {
  return Ctx->BlockDim[0] * Ctx->BlockDim[1] * Ctx->BlockDim[2];
}

static uint64_t linearBlock(const TxBlockContext *Ctx) {
  return Ctx->BlockIdx[0] +
         uint64_t(Ctx->GridDim[0]) *
             (Ctx->BlockIdx[1] + uint64_t(Ctx->GridDim[1]) * Ctx->BlockIdx[2]);
}

static void vectorAddBlock(void **Args, TxBlockContext *Ctx) {
  auto *A = arg<const float *>(Args, 0);
  auto *B = arg<const float *>(Args, 1);
  auto *C = arg<float *>(Args, 2);
  int N = arg<int>(Args, 3);
  for (uint32_t T = 0; T < Ctx->BlockDim[0]; ++T) {
    uint64_t I = uint64_t(Ctx->BlockIdx[0]) * Ctx->BlockDim[0] + T;
    if (I < uint64_t(N))
      C[I] = A[I] + B[I];
  }
}

static void countBlock(void **Args, TxBlockContext *Ctx) {
  int *Visits = arg<int *>(Args, 0);
  __atomic_fetch_add(&Visits[linearBlock(Ctx)], int(threadsOf(Ctx)),
                     __ATOMIC_RELAXED);
}

static void gateBlock(void **Args, TxBlockContext *) {
  int *Cells = arg<int *>(Args, 0);
  __atomic_store_n(&Cells[GateRunning], 1, __ATOMIC_RELEASE);
  while (!__atomic_load_n(&Cells[GateOpen], __ATOMIC_ACQUIRE))
    std::this_thread::yield();
  __atomic_store_n(&Cells[GateDone], 1, __ATOMIC_RELEASE);
}

static void waitForNextBlock(void **Args, TxBlockContext *Ctx) {
  int *Flags = arg<int *>(Args, 0);
  uint32_t B = Ctx->BlockIdx[0];
  if (B + 1 < Ctx->GridDim[0])
    while (!__atomic_load_n(&Flags[B + 1], __ATOMIC_ACQUIRE))
      std::this_thread::yield();
  __atomic_store_n(&Flags[B], 1, __ATOMIC_RELEASE);
}

/// Decoupled look-back in miniature: block b notes how many blocks had
/// started before it (Cells[1 + b]) and waits for block b - 1's flag
/// (Cells[1 + Blocks + b - 1]) before setting its own.
static void lookBackBlock(void **Args, TxBlockContext *Ctx) {
  int *Cells = arg<int *>(Args, 0);
  uint32_t B = Ctx->BlockIdx[0], Blocks = Ctx->GridDim[0];
  Cells[1 + B] = __atomic_fetch_add(&Cells[0], 1, __ATOMIC_ACQ_REL);
  int *Flags = Cells + 1 + Blocks;
  // A block's own work (a few microseconds): grids of such blocks are
  // shared among the workers, not run by the launching thread alone.
  for (volatile int Work = 0; Work < 4000; Work = Work + 1)
    ;
  if (B > 0)
    while (!__atomic_load_n(&Flags[B - 1], __ATOMIC_ACQUIRE))
      std::this_thread::yield();
  __atomic_store_n(&Flags[B], 1, __ATOMIC_RELEASE);
}

static void assertBlock(void **Args, TxBlockContext *Ctx) {
  int *Out = arg<int *>(Args, 0);
  for (uint32_t T = 0; T < Ctx->BlockDim[0]; ++T) {
    Ctx->ThreadIdx[0] = T;
    if (Ctx->BlockIdx[0] == 1 && T == 3)
      __tx_assert_fail("i < 3", "unit.cu", 42, "void assertKernel(int *)");
    Out[Ctx->BlockIdx[0] * Ctx->BlockDim[0] + T] = 1;
  }
}

static void trapBlock(void **Args, TxBlockContext *Ctx) {
  int *Out = arg<int *>(Args, 0);
  if (Ctx->BlockIdx[0] == 0)
    __tx_trap("barrier reached by only part of the block");
  Out[Ctx->BlockIdx[0]] = 1;
}

/// An instruction the CPU rejects (SIGILL), where there is one to write.
static void illegalInstruction() {
#if defined(__x86_64__)
  asm volatile("ud2");
#elif defined(__aarch64__)
  asm volatile("udf #0");
#elif defined(__riscv)
  asm volatile(".word 0");
#endif
}

static void faultBlock(void **Args, TxBlockContext *Ctx) {
  int *Out = arg<int *>(Args, 0);
  if (Ctx->BlockIdx[0] != 1)
    return;
  if (Out)
    illegalInstruction();
  *static_cast<volatile int *>(Out) = 1; // Out is null: a real fault.
}

static void memcheckBlock(void **Args, TxBlockContext *Ctx) {
  auto *Site = arg<TxCheckSite *>(Args, 0);
  char *Target = arg<char *>(Args, 1);
  uint64_t Bytes = arg<uint64_t>(Args, 2);
  int Mode = arg<int>(Args, 3);
  if (Ctx->BlockIdx[0] != 0)
    return;
  Ctx->ThreadIdx[0] = 0;
  switch (Mode) {
  case MemcheckAccess:
    __tx_memcheck_access(Site, Target, Bytes);
    break;
  case MemcheckSharedPast:
    __tx_memcheck_region_fault(
        Site, Ctx->SharedMem + __tx_memcheck_shared_bytes, Bytes,
        Ctx->SharedMem, __tx_memcheck_shared_bytes);
    break;
  case MemcheckDoubleFree: {
    void *Block = __tx_memcheck_malloc(16, Site);
    __tx_memcheck_free(Block, Site);
    __tx_memcheck_free(Block, Site);
    break;
  }
  case MemcheckInvalidFree:
    __tx_memcheck_free(Target, Site);
    break;
  case RacecheckAccesses:
    __tx_racecheck_interval();
    __tx_racecheck_access(&RacecheckSites[0], Ctx->SharedMem, 4, 0, 7);
    __tx_racecheck_access(&RacecheckSites[1], Ctx->SharedMem, 4, 1, 7);
    __tx_racecheck_interval();
    __tx_racecheck_access(&RacecheckSites[0], Ctx->SharedMem, 4, 2, 7);
    __tx_racecheck_access(&RacecheckSites[1], Ctx->SharedMem, 4, 2, 7);
    break;
  case SynccheckDispatch:
    __tx_synccheck_dispatch(reinterpret_cast<const uint32_t *>(Target), Bytes,
                            SynccheckBarriers, 3);
    break;
  case InitcheckRead:
    __tx_initcheck_read(Site, Target, Bytes);
    break;
  case InitcheckWrite:
    __tx_initcheck_write(Target, Bytes);
    break;
  }
}

static void sharedBlock(void **Args, TxBlockContext *Ctx) {
  int *Out = arg<int *>(Args, 0);
  uint32_t N = Ctx->BlockDim[0];
  // Static area first (a marker), dynamic area right after it.
  std::memset(Ctx->SharedMem, 0x5a, SharedKernelStaticBytes);
  int *Dyn = reinterpret_cast<int *>(Ctx->SharedMem + SharedKernelStaticBytes);
  for (uint32_t T = 0; T < N; ++T)
    Dyn[T] = int(Ctx->BlockIdx[0] * N + T);
  for (uint32_t T = 0; T < N; ++T)
    Out[Ctx->BlockIdx[0] * N + T] = Dyn[N - 1 - T];
}

static void mixedArgsBlock(void **Args, TxBlockContext *Ctx) {
  Pair P = arg<Pair>(Args, 0);
  double D = arg<double>(Args, 1);
  char C = arg<char>(Args, 2);
  int *Out = arg<int *>(Args, 3);
  Out[0] = int(P.A);
  Out[1] = P.B;
  Out[2] = int(D * 2);
  Out[3] = C;
  // Parameter storage must honour the declared alignment.
  Out[4] = int(reinterpret_cast<uintptr_t>(Args[0]) % alignof(Pair));
}

static void printfBlock(void **Args, TxBlockContext *Ctx) {
  int Base = arg<int>(Args, 0);
  for (uint32_t T = 0; T < Ctx->BlockDim[0]; ++T) {
    // clang's packing: int at 0, int at 4, double at 8.
    alignas(8) char Buffer[16];
    int Block = int(Ctx->BlockIdx[0]), Value = Base + int(T);
    double Half = T / 2.0;
    std::memcpy(Buffer, &Block, 4);
    std::memcpy(Buffer + 4, &Value, 4);
    std::memcpy(Buffer + 8, &Half, 8);
    __tx_vprintf("block %d value %d half %.1f\n", Buffer);
  }
}

static void readVarBlock(void **Args, TxBlockContext *Ctx) {
  int *Out = arg<int *>(Args, 0);
  for (int I = 0; I < 16; ++I)
    Out[I] = DeviceArrayStorage[I];
}

static void gridSyncBlock(void **Args, TxBlockContext *Ctx) {
  int *Data = arg<int *>(Args, 0);
  int *Out = arg<int *>(Args, 1);
  int Skip = arg<int>(Args, 2);
  uint64_t B = linearBlock(Ctx);
  uint64_t Blocks =
      uint64_t(Ctx->GridDim[0]) * Ctx->GridDim[1] * Ctx->GridDim[2];
  if (int64_t(B) == Skip)
    return;
  for (int R = 0; R < GridSyncRounds; ++R) {
    __atomic_fetch_add(&Data[B], int(B + 1), __ATOMIC_RELAXED);
    __tx_grid_sync();
    int Sum = 0;
    for (uint64_t I = 0; I < Blocks; ++I)
      Sum += __atomic_load_n(&Data[I], __ATOMIC_RELAXED);
    Out[B * GridSyncRounds + R] = Sum;
    __tx_grid_sync(); // Nobody adds for the next round before all have read.
  }
}

//===--- Records ----------------------------------------------------------===//

static const uint32_t PtrSizes[] = {8, 8, 8, 8};
static const uint32_t PtrAligns[] = {8, 8, 8, 8};
static const uint32_t VectorAddSizes[] = {8, 8, 8, 4};
static const uint32_t VectorAddAligns[] = {8, 8, 8, 4};
static const uint32_t IntSizes[] = {4};
static const uint32_t IntAligns[] = {4};
static const uint32_t GridSyncSizes[] = {8, 8, 4};
static const uint32_t GridSyncAligns[] = {8, 8, 4};
static const uint32_t MemcheckSizes[] = {8, 8, 8, 4};
static const uint32_t MemcheckAligns[] = {8, 8, 8, 4};
static const uint32_t MixedSizes[] = {sizeof(Pair), 8, 1, 8};
static const uint32_t MixedAligns[] = {alignof(Pair), 8, 1, 8};

static TxKernelRecord kernel(const char *Name, TxBlockFunction Run,
                             uint32_t NumParams, const uint32_t *Sizes,
                             const uint32_t *Aligns,
                             uint64_t StaticShared = 0) {
  TxKernelRecord K;
  std::memset(&K, 0, sizeof(K));
  K.Name = Name;
  K.Run = Run;
  K.NumParams = NumParams;
  K.ParamSizes = Sizes;
  K.ParamAligns = Aligns;
  K.StaticSharedBytes = StaticShared;
  K.DynamicSharedOffset = StaticShared;
  K.ScratchBytesPerThread = 16;
  return K;
}

static const TxKernelRecord MainKernels[] = {
    kernel("_Z9vectorAddPKfS0_Pfi", vectorAddBlock, 4, VectorAddSizes,
           VectorAddAligns),
    kernel("_Z5countPi", countBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z12assertKernelPi", assertBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z10trapKernelPi", trapBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z11faultKernelPi", faultBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z12sharedKernelPi", sharedBlock, 1, PtrSizes, PtrAligns,
           SharedKernelStaticBytes),
    kernel("_Z5mixed4PairdcPi", mixedArgsBlock, 4, MixedSizes, MixedAligns),
    kernel("_Z11printKerneli", printfBlock, 1, IntSizes, IntAligns),
    kernel("_Z7readVarPi", readVarBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z8gridSyncPiS_i", gridSyncBlock, 3, GridSyncSizes, GridSyncAligns),
    kernel("_Z4gatePi", gateBlock, 1, PtrSizes, PtrAligns),
    kernel("_Z8memcheckPvPcyi", memcheckBlock, 4, MemcheckSizes,
           MemcheckAligns),
    kernel("_Z11waitForNextPi", waitForNextBlock, 1, PtrSizes, PtrAligns),
    [] {
      TxKernelRecord K =
          kernel("_Z8lookBackPi", lookBackBlock, 1, PtrSizes, PtrAligns);
      K.Flags = TX_KERNEL_WAITS_FOR_BLOCKS;
      return K;
    }(),
};

static const TxVarRecord MainVars[] = {
    {"DeviceArray", DeviceArrayStorage, sizeof(DeviceArrayStorage), nullptr},
    {"ConstantValue", &ConstantStorage, sizeof(ConstantStorage), nullptr},
    {"Managed", ManagedStorage, sizeof(ManagedStorage), nullptr},
};

static const TxKernelRecord LateKernels[] = {
    kernel("_Z4latePi", countBlock, 1, PtrSizes, PtrAligns),
};

static TxCpuModule module(const char *TuId, const TxKernelRecord *Kernels,
                          uint32_t NumKernels, const TxVarRecord *Vars,
                          uint32_t NumVars) {
  TxCpuModule M;
  std::memset(&M, 0, sizeof(M));
  M.AbiVersion = TX_ABI_VERSION;
  M.NumKernels = NumKernels;
  M.TuId = TuId;
  M.Target = "host";
  M.Kernels = Kernels;
  M.NumVars = NumVars;
  M.Vars = Vars;
  return M;
}

/// A fat binary with one (empty) CPU image, as the compiler would embed.
struct TestFatBinary {
  TxFatBinary Header;
  TxImageHeader Image;
};

static TestFatBinary makeBlob(const char *TuId) {
  TestFatBinary B;
  std::memset(&B, 0, sizeof(B));
  std::memcpy(B.Header.Magic, TX_FATBIN_MAGIC, 8);
  B.Header.AbiVersion = TX_ABI_VERSION;
  B.Header.NumImages = 1;
  B.Header.TotalBytes = sizeof(B);
  std::strncpy(B.Header.TuId, TuId, TX_TU_ID_SIZE - 1);
  B.Image.Kind = TX_IMAGE_CPU;
  std::strncpy(B.Image.Target, "host", sizeof(B.Image.Target) - 1);
  return B;
}

static void registerAll() {
  static TestFatBinary MainBlob = makeBlob("unit-main-tu");
  static TestFatBinary LateBlob = makeBlob("unit-late-tu");
  static TestFatBinary OrphanBlob = makeBlob("unit-orphan-tu");
  static TxFatBinaryWrapper MainWrapper = {0x466243b1, 1, &MainBlob, nullptr};
  static TxFatBinaryWrapper LateWrapper = {0x466243b1, 1, &LateBlob, nullptr};
  static TxFatBinaryWrapper OrphanWrapper = {0x466243b1, 1, &OrphanBlob,
                                             nullptr};
  static const TxCpuModule MainModule = module(
      "unit-main-tu", MainKernels, sizeof(MainKernels) / sizeof(MainKernels[0]),
      MainVars, sizeof(MainVars) / sizeof(MainVars[0]));
  static const TxCpuModule LateModule =
      module("unit-late-tu", LateKernels, 1, nullptr, 0);

  // Main TU: host registration first, as when the host object's
  // constructor runs before the device object's.
  void **Main = __cudaRegisterFatBinary(&MainWrapper);
  struct {
    const char *Stub;
    const char *Name;
  } Functions[] = {
      {&VectorAddStub, "_Z9vectorAddPKfS0_Pfi"},
      {&CountStub, "_Z5countPi"},
      {&AssertStub, "_Z12assertKernelPi"},
      {&TrapStub, "_Z10trapKernelPi"},
      {&FaultStub, "_Z11faultKernelPi"},
      {&SharedStub, "_Z12sharedKernelPi"},
      {&MixedArgsStub, "_Z5mixed4PairdcPi"},
      {&PrintfStub, "_Z11printKerneli"},
      {&ReadVarStub, "_Z7readVarPi"},
      {&GridSyncStub, "_Z8gridSyncPiS_i"},
      {&GateStub, "_Z4gatePi"},
      {&MemcheckStub, "_Z8memcheckPvPcyi"},
      {&WaitForNextStub, "_Z11waitForNextPi"},
      {&LookBackStub, "_Z8lookBackPi"},
  };
  for (auto &F : Functions)
    __cudaRegisterFunction(Main, F.Stub, const_cast<char *>(F.Name), F.Name, -1,
                           nullptr, nullptr, nullptr, nullptr, nullptr);
  __cudaRegisterVar(Main, reinterpret_cast<char *>(DeviceArray),
                    const_cast<char *>("DeviceArray"), "DeviceArray", 0,
                    sizeof(DeviceArray), 0, 0);
  __cudaRegisterVar(Main, reinterpret_cast<char *>(&ConstantValue),
                    const_cast<char *>("ConstantValue"), "ConstantValue", 0,
                    sizeof(ConstantValue), 1, 0);
  __cudaRegisterManagedVar(Main, reinterpret_cast<void **>(&ManagedSlot),
                           const_cast<char *>("Managed"), "Managed", 0,
                           sizeof(ManagedStorage), 0, 0);
  __cudaRegisterFatBinaryEnd(Main);
  __tx_register_cpu_module(&MainModule);

  // Late TU: the device object's constructor ran first.
  __tx_register_cpu_module(&LateModule);
  void **Late = __cudaRegisterFatBinary(&LateWrapper);
  __cudaRegisterFunction(Late, &LateModuleStub, const_cast<char *>("_Z4latePi"),
                         "_Z4latePi", -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);

  // Orphan TU: compiled for some other device only.
  void **Orphan = __cudaRegisterFatBinary(&OrphanWrapper);
  __cudaRegisterFunction(Orphan, &NoImageStub, const_cast<char *>("_Z2nov"),
                         "_Z2nov", -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);
}

void registerTestKernels() {
  static std::once_flag Once;
  std::call_once(Once, registerAll);
}

void RuntimeTest::SetUp() {
  registerTestKernels();
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
}

void RuntimeTest::TearDown() {
  // Leave a clean device for the next test, whatever this one did.
  if (cudaDeviceSynchronize() != cudaSuccess)
    cudaDeviceReset();
  cudaGetLastError();
}

} // namespace txtest
