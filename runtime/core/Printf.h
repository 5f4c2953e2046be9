//===- core/Printf.h - Device printf formatting and buffering ---*- C++ -*-===//
//
// Part of Tongxin. Device printf writes into a process-wide buffer that is
// flushed to stdout at synchronisation points, as CUDA's FIFO is.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_PRINTF_H
#define TONGXIN_RUNTIME_CORE_PRINTF_H

#include <string>

namespace tx {

/// Formats Format with arguments from clang's packed vararg buffer (each
/// argument at its natural alignment; float as double, small integers as
/// int) into Out (empty), at most 1 MiB of it, as a GPU's default printf
/// buffer holds. Returns the number of arguments consumed, or -1 on a bad
/// format.
int formatDevicePrintf(const char *Format, const void *Args, std::string &Out);

void appendDeviceOutput(const std::string &Text);
/// Writes buffered device output to stdout.
void flushDeviceOutput();

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_PRINTF_H
