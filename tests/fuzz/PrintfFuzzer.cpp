//===- PrintfFuzzer.cpp - libFuzzer harness for device printf ------------===//
//
// Part of Tongxin. Device printf formats on the host from clang's packed
// argument buffer. Whatever the format, formatting either succeeds or
// reports a bad format, without crashing or reading past the arguments it
// was given. Every 8-byte argument slot holds the address of a string, so
// that it is valid whatever a conversion reads it as (%s, %p, %d, %f).
//
//===----------------------------------------------------------------------===//

#include "core/Printf.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
constexpr size_t MaxArgs = 64;
const char Text[] = "fuzz";
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Format(reinterpret_cast<const char *>(Data), Size);
  // Each conversion reads at most one 16-byte slot (a long double is
  // passed as double on the device); keep within the buffer.
  size_t Percents = 0;
  for (char C : Format)
    Percents += C == '%' || C == '*';
  if (Percents >= MaxArgs / 2)
    return 0;
  const char *Args[MaxArgs];
  for (const char *&Arg : Args)
    Arg = Text;
  std::string Out;
  tx::formatDevicePrintf(Format.c_str(), Args, Out);
  return 0;
}
