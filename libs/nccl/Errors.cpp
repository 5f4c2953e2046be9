//===- nccl/Errors.cpp - Failing a call with a message --------------------===//
//
// Part of Tongxin. See Errors.h.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace tx {
namespace nccl {

static thread_local std::string LastMessage;

static bool debugEnabled() {
  static const bool Enabled = [] {
    const char *Level = std::getenv("NCCL_DEBUG");
    return Level && (!strcasecmp(Level, "WARN") || !strcasecmp(Level, "INFO") ||
                     !strcasecmp(Level, "TRACE"));
  }();
  return Enabled;
}

ncclResult_t fail(ncclResult_t Result, const char *Format, ...) {
  char Text[512];
  va_list Args;
  va_start(Args, Format);
  std::vsnprintf(Text, sizeof(Text), Format, Args);
  va_end(Args);
  LastMessage = Text;
  if (debugEnabled())
    std::fprintf(stderr, "NCCL WARN %s\n", Text);
  return Result;
}

const char *lastMessage() { return LastMessage.c_str(); }

void warnAlways(const char *Format, ...) {
  char Text[512];
  va_list Args;
  va_start(Args, Format);
  std::vsnprintf(Text, sizeof(Text), Format, Args);
  va_end(Args);
  std::fprintf(stderr, "NCCL WARN %s\n", Text);
}

} // namespace nccl
} // namespace tx
