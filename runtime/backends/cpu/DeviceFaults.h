//===- cpu/DeviceFaults.h - Faults in device code as errors -----*- C++ -*-===//
//
// Part of Tongxin. A segmentation fault, bus error, illegal instruction or
// arithmetic trap raised while a worker runs a block is what a GPU reports
// as cudaErrorIllegalAddress & co: the block is abandoned, the launch
// fails with the matching code, and the process goes on. A fault anywhere
// else is left to the handler that was there before (or to the default
// action: the process dies as usual).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_DEVICEFAULTS_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_DEVICEFAULTS_H

namespace tx {
namespace cpu {

/// Installs the fault handlers, once per process, unless TONGXIN_CATCH_FAULTS
/// is 0 (for a debugger that should stop at the faulting instruction).
void installFaultHandlers();

/// Gives the calling thread an alternate signal stack if it has none, so
/// that a stack overflow in device code can still be reported.
void ensureFaultStack();

/// Prints the one-line report of the fault that abandoned the calling
/// thread's last block, if one did (after the handler's jump back).
void reportBlockFault();

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_DEVICEFAULTS_H
