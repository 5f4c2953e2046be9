//===- cpu/DeviceServices.h - assert/trap support for blocks ----*- C++ -*-===//
//
// Part of Tongxin. Workers arm a jump target before each block so that a
// failed device assert, a trap or a fault (DeviceFaults.h) can abandon the
// block.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H

#include "tongxin/abi.h"
#include "tongxin/hal.h"

#include <atomic>
#include <csetjmp>
#include <cstdint>

namespace tx {
namespace cpu {

/// Runs blocks First .. Last-1 (linear indices, x fastest) of the grid Ctx
/// describes, setting Ctx->BlockIdx for each; skips the rest once *Failure
/// is set. Returns false if a block was abandoned. One jump target serves
/// the whole range, since an abandoned block fails its launch anyway.
/// A kernel that runs block spans gets the blocks of each row of the range
/// in one call.
bool runBlocksGuarded(const TxKernelRecord &Kernel, void **Args,
                      TxBlockContext *Ctx, uint64_t First, uint64_t Last,
                      const std::atomic<int> &Failure);

/// True while the calling thread runs a block that abandonBlock can leave.
bool canAbandonBlock();

/// Marks the current launch failed with Code and leaves the block, jumping
/// back to runBlocksGuarded; returns only when not called from a block.
void abandonBlock(StatusCode Code);

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H
