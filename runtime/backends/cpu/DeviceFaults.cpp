//===- cpu/DeviceFaults.cpp - Faults in device code as launch errors ------===//
//
// Part of Tongxin. The handlers only act while the faulting thread runs a
// block (__tx_current_block is set and a jump target armed, see
// runBlocksGuarded): they print one line, fail the launch and jump back to
// the worker's loop. Everything they call is async-signal-safe apart from
// the formatting of that line.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/DeviceFaults.h"
#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"

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

void report(const FaultKind &Kind, const siginfo_t *Info,
            const TxBlockContext *Ctx) {
  const auto *Job = static_cast<const GridJob *>(Ctx->Launch);
  const char *Name =
      Job && Job->Kernel && Job->Kernel->Name ? Job->Kernel->Name : "(unknown)";
  char Line[512];
  int Len = std::snprintf(
      Line, sizeof(Line),
      "tongxin: %s in kernel %s, block [%u,%u,%u], at address %p\n", Kind.What,
      Name, Ctx->BlockIdx[0], Ctx->BlockIdx[1], Ctx->BlockIdx[2],
      Info->si_addr);
  if (Len > 0)
    (void)!write(STDERR_FILENO, Line,
                 static_cast<size_t>(Len) < sizeof(Line) ? Len
                                                         : sizeof(Line) - 1);
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
  report(*Kind, Info, Ctx);
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
