//===- core/Printf.cpp - Device printf formatting and buffering -----------===//
//
// Part of Tongxin. Each conversion is re-issued to the C library's snprintf
// with the argument read from the packed buffer, so flags, width and
// precision behave exactly as in host printf.
//
//===----------------------------------------------------------------------===//

#include "core/Printf.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace tx {

//===--- Packed argument reader -------------------------------------------===//

namespace {
/// Walks clang's packed buffer; a null buffer yields zeros.
class ArgReader {
public:
  explicit ArgReader(const void *Base)
      : Base(static_cast<const char *>(Base)) {}

  template <class T> T next() {
    T Value{};
    Offset = (Offset + sizeof(T) - 1) & ~(sizeof(T) - 1);
    if (Base)
      std::memcpy(&Value, Base + Offset, sizeof(T));
    Offset += sizeof(T);
    ++Count;
    return Value;
  }
  int count() const { return Count; }

private:
  const char *Base;
  size_t Offset = 0;
  int Count = 0;
};
} // namespace

/// A GPU's printf buffer holds 1 MiB by default (cudaLimitPrintfFifoSize):
/// no field width or precision, and no call's output, is larger here
/// either, whatever the format asks for (`%2000000000d` would otherwise
/// allocate gigabytes).
static constexpr long MaxOutput = 1L << 20;

/// Reads a field width or precision's digits, clamped to MaxOutput.
static long readCount(const char *&P) {
  long Value = 0;
  for (; *P >= '0' && *P <= '9'; ++P)
    Value = std::min(MaxOutput, Value * 10 + (*P - '0'));
  return Value;
}

static void appendFormatted(std::string &Out, const char *Spec, ...) {
  if (Out.size() >= static_cast<size_t>(MaxOutput))
    return;
  char Small[256];
  va_list Ap, Copy;
  va_start(Ap, Spec);
  va_copy(Copy, Ap);
  int N = vsnprintf(Small, sizeof(Small), Spec, Ap);
  va_end(Ap);
  if (N < 0) {
    va_end(Copy);
    return;
  }
  if (static_cast<size_t>(N) < sizeof(Small)) {
    Out.append(Small, N);
    va_end(Copy);
    return;
  }
  size_t Room = static_cast<size_t>(MaxOutput) - Out.size();
  size_t Length = std::min(static_cast<size_t>(N), Room);
  std::string Big(Length + 1, '\0');
  vsnprintf(&Big[0], Big.size(), Spec, Copy);
  va_end(Copy);
  Out.append(Big.data(), Length);
}

static bool isFlag(char C) {
  return C == '-' || C == '+' || C == ' ' || C == '#' || C == '0';
}

int formatDevicePrintf(const char *Format, const void *Args, std::string &Out) {
  if (!Format)
    return -1;
  ArgReader Reader(Args);
  const char *P = Format;
  while (*P) {
    if (*P != '%') {
      const char *Next = std::strchr(P, '%');
      size_t Len = Next ? static_cast<size_t>(Next - P) : std::strlen(P);
      Out.append(P, Len);
      P += Len;
      continue;
    }
    const char *Start = P++;
    if (*P == '%') {
      Out.push_back('%');
      ++P;
      continue;
    }
    // Rebuild the spec without length modifiers; '*' is resolved here.
    std::string Spec = "%";
    while (isFlag(*P))
      Spec.push_back(*P++);
    if (*P == '*') {
      // A negative width is the '-' flag and its magnitude.
      long Width = std::clamp<long>(Reader.next<int>(), -MaxOutput, MaxOutput);
      Spec += std::to_string(Width);
      ++P;
    } else if (*P >= '0' && *P <= '9') {
      Spec += std::to_string(readCount(P));
    }
    if (*P == '.') {
      ++P;
      long Precision = 0;
      if (*P == '*') {
        Precision = std::min<long>(Reader.next<int>(), MaxOutput);
        ++P;
      } else {
        Precision = readCount(P);
      }
      // A negative precision is taken as if none were given.
      if (Precision >= 0)
        Spec += "." + std::to_string(Precision);
    }
    int Short = 0; // 1: h, 2: hh.
    bool Wide = false;
    for (;; ++P) {
      if (*P == 'h')
        ++Short;
      else if (*P == 'l' || *P == 'z' || *P == 'j' || *P == 't' || *P == 'q')
        Wide = true;
      else if (*P == 'L')
        continue;
      else
        break;
    }
    char Conv = *P;
    if (!Conv) {
      // Truncated spec: print it verbatim.
      Out.append(Start);
      break;
    }
    ++P;
    switch (Conv) {
    case 'd':
    case 'i': {
      long long V = Wide ? Reader.next<long long>() : Reader.next<int>();
      if (Short == 1)
        V = static_cast<short>(V);
      else if (Short >= 2)
        V = static_cast<signed char>(V);
      appendFormatted(Out, (Spec + "ll" + Conv).c_str(), V);
      break;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      unsigned long long V =
          Wide ? Reader.next<unsigned long long>() : Reader.next<unsigned>();
      if (Short == 1)
        V = static_cast<unsigned short>(V);
      else if (Short >= 2)
        V = static_cast<unsigned char>(V);
      appendFormatted(Out, (Spec + "ll" + Conv).c_str(), V);
      break;
    }
    case 'c':
      appendFormatted(Out, (Spec + 'c').c_str(), Reader.next<int>());
      break;
    case 's': {
      const char *S = Reader.next<const char *>();
      appendFormatted(Out, (Spec + 's').c_str(), S ? S : "(null)");
      break;
    }
    case 'p':
      appendFormatted(Out, (Spec + 'p').c_str(), Reader.next<void *>());
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      appendFormatted(Out, (Spec + Conv).c_str(), Reader.next<double>());
      break;
    case 'n':
      (void)Reader.next<void *>(); // Not supported on devices; ignored.
      break;
    default:
      // Unknown conversion: keep the text, consume nothing.
      Out.append(Start, P - Start);
      break;
    }
  }
  if (Out.size() > static_cast<size_t>(MaxOutput))
    Out.resize(MaxOutput);
  return Reader.count();
}

//===--- Output buffer ----------------------------------------------------===//

namespace {
struct OutputBuffer {
  std::mutex Mutex;
  std::string Text;
};
} // namespace

static void flushAtExit() { flushDeviceOutput(); }

static OutputBuffer &outputBuffer() {
  static OutputBuffer *Buffer = [] {
    // Leaked so that it outlives every static destructor; flushed by atexit.
    auto *B = new OutputBuffer();
    std::atexit(flushAtExit);
    return B;
  }();
  return *Buffer;
}

void appendDeviceOutput(const std::string &Text) {
  OutputBuffer &B = outputBuffer();
  std::lock_guard<std::mutex> Lock(B.Mutex);
  B.Text += Text;
}

void flushDeviceOutput() {
  OutputBuffer &B = outputBuffer();
  std::string Pending;
  {
    std::lock_guard<std::mutex> Lock(B.Mutex);
    Pending.swap(B.Text);
  }
  if (Pending.empty())
    return;
  std::fwrite(Pending.data(), 1, Pending.size(), stdout);
  std::fflush(stdout);
}

} // namespace tx

//===--- Device entry point -----------------------------------------------===//

extern "C" __attribute__((visibility("default"))) int
__tx_vprintf(const char *Format, const void *Args) {
  std::string Text;
  int Count = tx::formatDevicePrintf(Format, Args, Text);
  if (!Text.empty())
    tx::appendDeviceOutput(Text);
  return Count;
}
