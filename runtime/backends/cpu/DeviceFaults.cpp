//===- cpu/DeviceFaults.cpp - Faults in device code as launch errors ------===//
//
// Part of Tongxin. The handlers only act while the faulting thread runs a
// block (__tx_current_block is set and a jump target armed, see
// runBlocksGuarded): they note the fault, fail the launch and jump back to
// the worker's loop, which prints the report (reportBlockFault) outside
// the handler, where it may allocate (the kernel's demangled name).
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/DeviceFaults.h"
#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"
#include "core/Demangle.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace tx {
namespace cpu {

namespace {

struct FaultKind {
  int Signal;
  StatusCode Code;
  const char *What;
};

// As a GPU reports them: an access outside any mapping is an illegal
// address, a misaligned one (SIGBUS) a misaligned address.
constexpr FaultKind Kinds[] = {
    {SIGSEGV, StatusCode::IllegalAddress, "illegal memory access"},
    {SIGBUS, StatusCode::MisalignedAddress, "misaligned address"},
    {SIGILL, StatusCode::IllegalInstruction, "illegal instruction"},
    {SIGFPE, StatusCode::LaunchFailed, "arithmetic exception"},
};
constexpr unsigned NumKinds = sizeof(Kinds) / sizeof(Kinds[0]);

/// What was installed before ours, to hand faults outside device code to.
struct sigaction Previous[NumKinds];

const FaultKind *kindOf(int Signal, unsigned &Index) {
  for (Index = 0; Index < NumKinds; ++Index)
    if (Kinds[Index].Signal == Signal)
      return &Kinds[Index];
  return nullptr;
}

/// Hands a fault outside device code to the previous handler; with none,
/// restores the default action and returns, so that the faulting
/// instruction runs again and the process dies of it as it would have.
void forward(unsigned Index, int Signal, siginfo_t *Info, void *Uctx) {
  const struct sigaction &Old = Previous[Index];
  if (Old.sa_flags & SA_SIGINFO) {
    if (Old.sa_sigaction) {
      Old.sa_sigaction(Signal, Info, Uctx);
      return;
    }
  } else if (Old.sa_handler != SIG_DFL && Old.sa_handler != SIG_IGN) {
    Old.sa_handler(Signal);
    return;
  }
  signal(Signal, SIG_DFL);
  if (Info->si_code <= 0) // Sent by kill() or raise(): it will not recur.
    raise(Signal);
}

/// The fault the handler noted on this thread, for reportBlockFault.
/// Initial-exec TLS: reached from the handler without allocating.
struct NotedFault {
  const FaultKind *Kind = nullptr;
  const void *Address = nullptr;
  const GridJob *Job = nullptr;
  uint32_t Block[3] = {};
};
__attribute__((tls_model("initial-exec"))) thread_local NotedFault Noted;

void note(const FaultKind &Kind, const siginfo_t *Info,
          const TxBlockContext *Ctx) {
  Noted.Kind = &Kind;
  Noted.Address = Info->si_addr;
  Noted.Job = static_cast<const GridJob *>(Ctx->Launch);
  for (int D = 0; D < 3; ++D)
    Noted.Block[D] = Ctx->BlockIdx[D];
}

void onFault(int Signal, siginfo_t *Info, void *Uctx) {
  unsigned Index;
  const FaultKind *Kind = kindOf(Signal, Index);
  TxBlockContext *Ctx = __tx_current_block;
  // An arithmetic trap sent by kill() is not the kernel's.
  if (!Kind || !Ctx || !canAbandonBlock() || Info->si_code <= 0) {
    if (Kind)
      forward(Index, Signal, Info, Uctx);
    return;
  }
  note(*Kind, Info, Ctx);
  // The handler runs with Signal blocked; the jump leaves it, so unblock
  // it for the next fault on this thread.
  sigset_t Set;
  sigemptyset(&Set);
  sigaddset(&Set, Signal);
  pthread_sigmask(SIG_UNBLOCK, &Set, nullptr);
  abandonBlock(Kind->Code);
}

bool faultsWanted() {
  const char *Env = std::getenv("TONGXIN_CATCH_FAULTS");
  return !Env || std::strcmp(Env, "0") != 0;
}

/// One alternate stack per thread that ran a block, freed when it exits.
struct FaultStack {
  void *Base = nullptr;
  size_t Size = 0;
  ~FaultStack() {
    if (!Base)
      return;
    stack_t Off = {};
    Off.ss_flags = SS_DISABLE;
    sigaltstack(&Off, nullptr);
    munmap(Base, Size);
  }
};

} // namespace

void reportBlockFault() {
  if (!Noted.Kind)
    return;
  const GridJob *Job = Noted.Job;
  std::string Name = Job && Job->Kernel && Job->Kernel->Name
                         ? demangled(Job->Kernel->Name)
                         : "(unknown)";
  // The compiled block runs its threads in loops, so which one faulted is
  // not known here; memcheck checks each access with its thread and line.
  std::fprintf(stderr,
               "tongxin: %s in kernel %s, block [%u,%u,%u], at address %p "
               "(txcc --check=memcheck names the thread and source line)\n",
               Noted.Kind->What, Name.c_str(), Noted.Block[0], Noted.Block[1],
               Noted.Block[2], Noted.Address);
  std::fflush(stderr);
  Noted = NotedFault();
}

void installFaultHandlers() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    if (!faultsWanted())
      return;
    for (unsigned I = 0; I < NumKinds; ++I) {
      struct sigaction Action = {};
      Action.sa_sigaction = onFault;
      Action.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset(&Action.sa_mask);
      sigaction(Kinds[I].Signal, &Action, &Previous[I]);
    }
  });
}

void ensureFaultStack() {
  static thread_local FaultStack Stack;
  static thread_local bool Checked = false;
  if (Checked)
    return;
  Checked = true;
  stack_t Current;
  if (sigaltstack(nullptr, &Current) == 0 && !(Current.ss_flags & SS_DISABLE))
    return; // The program (or a sanitizer) set one up already.
  const size_t Size = 64 * 1024;
  void *Base = mmap(nullptr, Size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Base == MAP_FAILED)
    return;
  stack_t New = {};
  New.ss_sp = Base;
  New.ss_size = Size;
  if (sigaltstack(&New, nullptr) != 0) {
    munmap(Base, Size);
    return;
  }
  Stack.Base = Base;
  Stack.Size = Size;
}

} // namespace cpu
} // namespace tx
