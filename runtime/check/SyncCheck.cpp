//===- check/SyncCheck.cpp - synccheck: divergent __syncthreads() ---------===//
//
// Part of Tongxin. A kernel built with `txcc --check=synccheck` calls
// __tx_synccheck_dispatch (tongxin/check_abi.h) whenever the threads of a
// block did not all stop at the same cut. Threads waiting at different
// __syncthreads() are a barrier error, as compute-sanitizer's synccheck
// reports it: on a GPU such a block hangs or goes on with wrong data.
// Threads that returned, and threads at a warp collective, __syncwarp or a
// cut the compiler made, are not errors: on a GPU the former no longer
// take part in barriers, the latter are not block barriers.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"
#include "check/CheckReports.h"

#include <cstdlib>
#include <map>

using namespace tx;
using namespace tx::check;

namespace {

/// State of a thread that returned (WorkItemLoops' ExitState).
constexpr uint32_t ReturnedState = 0x7fffffffu;

/// The threads waiting at one __syncthreads().
struct Waiters {
  uint64_t Count = 0;
  uint64_t First = 0; ///< Linear index of the first.
};

std::string threadName(const TxBlockContext &Ctx, uint64_t Linear) {
  uint64_t X = Ctx.BlockDim[0], Y = Ctx.BlockDim[1];
  return format("(%llu,%llu,%llu)", static_cast<unsigned long long>(Linear % X),
                static_cast<unsigned long long>(Linear / X % Y),
                static_cast<unsigned long long>(Linear / (X * Y)));
}

std::string barrierName(const TxBarrierSite &Site) {
  if (Site.File && *Site.File)
    return format("%s:%u", Site.File, Site.Line);
  return "(no line information)";
}

} // namespace

extern "C" __attribute__((visibility("default"))) void
__tx_synccheck_dispatch(const uint32_t *States, uint64_t Threads,
                        const TxBarrierSite *Barriers, uint32_t NumBarriers) {
  std::map<uint32_t, Waiters> AtBarrier; // By cut: ordered, reproducible.
  for (uint64_t T = 0; T < Threads; ++T) {
    uint32_t State = States[T];
    if (State == ReturnedState || State == 0 || State > NumBarriers ||
        !Barriers[State - 1].IsBlockBarrier)
      continue;
    Waiters &W = AtBarrier[State - 1];
    if (W.Count++ == 0)
      W.First = T;
  }
  if (AtBarrier.size() < 2)
    return;
  TxBlockContext *Ctx = __tx_current_block;
  ErrorReport Report{"Barrier error detected. Divergent thread(s) in block",
                     {}};
  for (const auto &[Cut, W] : AtBarrier)
    Report.Details.push_back(
        format("%llu thread(s) wait at __syncthreads() in %s, the first %s",
               static_cast<unsigned long long>(W.Count),
               barrierName(Barriers[Cut]).c_str(),
               Ctx ? threadName(*Ctx, W.First).c_str() : "?"));
  if (Ctx) {
    // The report's "by thread" line names the first thread of the first
    // group.
    uint64_t First = AtBarrier.begin()->second.First;
    uint64_t X = Ctx->BlockDim[0], Y = Ctx->BlockDim[1];
    Ctx->ThreadIdx[0] = static_cast<uint32_t>(First % X);
    Ctx->ThreadIdx[1] = static_cast<uint32_t>(First / X % Y);
    Ctx->ThreadIdx[2] = static_cast<uint32_t>(First / (X * Y));
  }
  reportError(nullptr, Report);
  cpu::abandonBlock(StatusCode::LaunchFailed);
  std::abort(); // Not in a block: nothing sane to return to.
}
