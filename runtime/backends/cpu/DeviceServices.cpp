//===- cpu/DeviceServices.cpp - Device-side services for CPU code ---------===//
//
// Part of Tongxin. Defines the per-worker current-block pointer and the
// prefetch distance that compiled kernels read, and the
// assert/trap/grid-barrier entry points of abi.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/DeviceServices.h"
#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceFaults.h"
#include "core/Demangle.h"
#include "tongxin/check_abi.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>

extern "C" __attribute__((
    visibility("default"),
    tls_model("initial-exec"))) __thread TxBlockContext *__tx_current_block =
    nullptr;

/// Grid-stride rounds prefetch later blocks' rows into the L2 only where
/// that was measured to pay: on AMD's x86-64 cores (dot, 2 cores of an EPYC:
/// 4.6 -> 3.5 ms). An Intel Xeon's own prefetchers follow the rows, and the
/// requests only cost there (3.9 -> 6.2 ms); other processors are unmeasured.
/// TONGXIN_PREFETCH_BLOCKS_AHEAD=N (0 to 4; more means 4) overrides the
/// choice, to measure another processor.
static uint32_t prefetchBlocksAheadForThisProcessor() {
  if (const char *Env = std::getenv("TONGXIN_PREFETCH_BLOCKS_AHEAD")) {
    char *End = nullptr;
    unsigned long Blocks = std::strtoul(Env, &End, 10);
    if (End != Env && *End == '\0' && Env[0] != '-')
      return static_cast<uint32_t>(std::min<unsigned long>(Blocks, 4));
  }
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_is("amd"))
    return 4;
#endif
  return 0;
}

extern "C" __attribute__((visibility("default")))
const uint32_t __tx_prefetch_blocks_ahead =
    prefetchBlocksAheadForThisProcessor();

namespace tx {
namespace cpu {

/// Where the current worker resumes when a block is abandoned.
static thread_local std::jmp_buf *JumpTarget = nullptr;

/// Sets Ctx->BlockIdx to linear block Index.
static void setBlockIndex(TxBlockContext *Ctx, uint64_t Index) {
  const uint64_t GX = Ctx->GridDim[0], GY = Ctx->GridDim[1];
  Ctx->BlockIdx[0] = static_cast<uint32_t>(Index % GX);
  Ctx->BlockIdx[1] = static_cast<uint32_t>((Index / GX) % GY);
  Ctx->BlockIdx[2] = static_cast<uint32_t>(Index / (GX * GY));
}

/// Moves Ctx->BlockIdx to the next block in linear order, without the
/// divisions of setBlockIndex (they cost more than an empty block).
static void advanceBlockIndex(TxBlockContext *Ctx) {
  if (++Ctx->BlockIdx[0] < Ctx->GridDim[0])
    return;
  Ctx->BlockIdx[0] = 0;
  if (++Ctx->BlockIdx[1] < Ctx->GridDim[1])
    return;
  Ctx->BlockIdx[1] = 0;
  ++Ctx->BlockIdx[2];
}

// Kept out of line so that the setjmp frame is exactly this call.
__attribute__((noinline)) bool
runBlocksGuarded(const TxKernelRecord &Kernel, void **Args, TxBlockContext *Ctx,
                 uint64_t First, uint64_t Last,
                 const std::atomic<int> &Failure) {
  TxBlockFunction Run = Kernel.Run;
  const bool Spans = Kernel.Flags & TX_KERNEL_RUNS_BLOCK_SPANS;
  ensureFaultStack();
  std::jmp_buf Target;
  std::jmp_buf *Saved = JumpTarget;
  JumpTarget = &Target;
  __tx_current_block = Ctx;
  // memcheck's bound for __shared__ accesses (see check_abi.h).
  if (const auto *Job = static_cast<const GridJob *>(Ctx->Launch))
    __tx_memcheck_shared_bytes = Job->SharedBytes;
  bool Finished = false;
  if (setjmp(Target) == 0) {
    setBlockIndex(Ctx, First);
    for (uint64_t I = First; I < Last;) {
      // After a failure the rest of the launch is skipped, as on a GPU.
      if (Failure.load(std::memory_order_relaxed))
        break;
      Ctx->ThreadIdx[0] = Ctx->ThreadIdx[1] = Ctx->ThreadIdx[2] = 0;
      if (Spans) {
        // The rest of this row of the grid, within the claimed range.
        uint64_t Span =
            std::min<uint64_t>(Last - I, Ctx->GridDim[0] - Ctx->BlockIdx[0]);
        Ctx->BlockSpanX = static_cast<uint32_t>(Span);
        Run(Args, Ctx);
        I += Span;
        setBlockIndex(Ctx, I);
        continue;
      }
      Ctx->BlockSpanX = 1;
      Run(Args, Ctx);
      advanceBlockIndex(Ctx);
      ++I;
    }
    Finished = true;
  }
  __tx_current_block = nullptr;
  JumpTarget = Saved;
  return Finished;
}

static std::mutex &reportMutex() {
  static std::mutex *M = new std::mutex();
  return *M;
}

bool canAbandonBlock() { return __tx_current_block && JumpTarget; }

void abandonBlock(StatusCode Code) {
  TxBlockContext *Ctx = __tx_current_block;
  if (!Ctx)
    return;
  if (Ctx->Launch)
    static_cast<GridJob *>(Ctx->Launch)->fail(Code);
  if (JumpTarget)
    std::longjmp(*JumpTarget, 1);
}

} // namespace cpu
} // namespace tx

using namespace tx;

extern "C" __attribute__((visibility("default"))) void
__tx_assert_fail(const char *Message, const char *File, uint32_t Line,
                 const char *Function) {
  TxBlockContext *Ctx = __tx_current_block;
  {
    std::lock_guard<std::mutex> Lock(cpu::reportMutex());
    if (Ctx)
      std::fprintf(stderr,
                   "%s:%u: %s: block: [%u,%u,%u], thread: [%u,%u,%u] "
                   "Assertion `%s` failed.\n",
                   File ? File : "?", Line, Function ? Function : "?",
                   Ctx->BlockIdx[0], Ctx->BlockIdx[1], Ctx->BlockIdx[2],
                   Ctx->ThreadIdx[0], Ctx->ThreadIdx[1], Ctx->ThreadIdx[2],
                   Message ? Message : "?");
    else
      std::fprintf(stderr, "%s:%u: %s: Assertion `%s` failed.\n",
                   File ? File : "?", Line, Function ? Function : "?",
                   Message ? Message : "?");
    std::fflush(stderr);
  }
  cpu::abandonBlock(StatusCode::AssertTriggered);
}

extern "C" __attribute__((visibility("default"))) uint64_t
__tx_globaltimer(void) {
  timespec Now;
  clock_gettime(CLOCK_REALTIME, &Now);
  return uint64_t(Now.tv_sec) * 1000000000u + uint64_t(Now.tv_nsec);
}

extern "C" __attribute__((visibility("default"))) void
__tx_trap(const char *Reason) {
  TxBlockContext *Ctx = __tx_current_block;
  {
    std::lock_guard<std::mutex> Lock(cpu::reportMutex());
    const auto *Job =
        Ctx ? static_cast<const cpu::GridJob *>(Ctx->Launch) : nullptr;
    if (Ctx)
      std::fprintf(stderr,
                   "tongxin: kernel %s trapped in block: [%u,%u,%u], thread: "
                   "[%u,%u,%u]: %s\n",
                   Job && Job->Kernel && Job->Kernel->Name
                       ? demangled(Job->Kernel->Name).c_str()
                       : "(unknown)",
                   Ctx->BlockIdx[0], Ctx->BlockIdx[1], Ctx->BlockIdx[2],
                   Ctx->ThreadIdx[0], Ctx->ThreadIdx[1], Ctx->ThreadIdx[2],
                   Reason ? Reason : "trap");
    else
      std::fprintf(stderr, "tongxin: kernel trapped: %s\n",
                   Reason ? Reason : "trap");
    std::fflush(stderr);
  }
  cpu::abandonBlock(StatusCode::LaunchFailed);
}

extern "C" __attribute__((visibility("default"))) void __tx_grid_sync(void) {
  TxBlockContext *Ctx = __tx_current_block;
  auto *Job = Ctx ? static_cast<cpu::GridJob *>(Ctx->Launch) : nullptr;
  if (!Job || !Job->Cooperative) {
    // On a GPU this would hang or fault; say what is missing instead.
    __tx_trap("grid.sync() (cooperative_groups::grid_group::sync) needs a "
              "cooperative launch: use cudaLaunchCooperativeKernel");
    return;
  }
  if (!Job->gridSync())
    cpu::abandonBlock(StatusCode::LaunchFailed); // Another block failed.
}

namespace {
/// Locks for PTX's strong vector accesses wider than 64 bits, which a CPU
/// has no single instruction for (CUB's look-back writes a tile's status
/// and 8-byte value with one st.relaxed.v2.u64, and readers must see both
/// of one store). Striped by address: accesses of one place share a lock.
struct alignas(64) StrongAccessLock {
  std::atomic<bool> Held{false};
};
StrongAccessLock StrongAccessLocks[64];

StrongAccessLock &strongAccessLock(const void *Ptr) {
  return StrongAccessLocks[(reinterpret_cast<uintptr_t>(Ptr) >> 4) % 64];
}

void lockStrongAccess(StrongAccessLock &L) {
  while (L.Held.exchange(true, std::memory_order_acquire))
    while (L.Held.load(std::memory_order_relaxed))
      ;
}
} // namespace

extern "C" __attribute__((visibility("default"))) void
__tx_strong_load(const void *Ptr, void *Out, uint32_t Bytes) {
  StrongAccessLock &L = strongAccessLock(Ptr);
  lockStrongAccess(L);
  std::memcpy(Out, Ptr, Bytes);
  L.Held.store(false, std::memory_order_release);
}

extern "C" __attribute__((visibility("default"))) void
__tx_strong_store(void *Ptr, const void *In, uint32_t Bytes) {
  StrongAccessLock &L = strongAccessLock(Ptr);
  lockStrongAccess(L);
  std::memcpy(Ptr, In, Bytes);
  L.Held.store(false, std::memory_order_release);
}
