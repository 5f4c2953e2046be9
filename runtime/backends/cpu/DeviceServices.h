//===- cpu/DeviceServices.h - assert/trap support for blocks ----*- C++ -*-===//
//
// Part of Tongxin. Workers arm a jump target before each block so that a
// failed device assert or a trap can abandon the block.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H

#include "tongxin/abi.h"

#include <csetjmp>

namespace tx {
namespace cpu {

/// Runs one block; returns false if the block was abandoned.
bool runBlockGuarded(TxBlockFunction Run, void **Args, TxBlockContext *Ctx);

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_DEVICESERVICES_H
