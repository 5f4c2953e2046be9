//===- check/CheckReports.cpp - Reports as compute-sanitizer's ------------===//
//
// Part of Tongxin. See CheckReports.h. The format follows compute-sanitizer
// closely enough that its users read it without a manual:
//
//   ========= Invalid __global__ write of size 4 bytes
//   =========     at scale(float*, int) in /src/scale.cu:7
//   =========     by thread (31,0,0) in block (3,0,0)
//   =========     Address 0x7f3a10000400 is out of bounds
//   =========     and is 0 bytes after the nearest allocation at ... of
//                 size 1024 bytes
//   ...
//   ========= ERROR SUMMARY: 1 error
//
//===----------------------------------------------------------------------===//

#include "check/CheckReports.h"
#include "backends/cpu/BlockPool.h"
#include "check/InitCheck.h"
#include "check/MemoryCheck.h"
#include "core/Demangle.h"

#include <atomic>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace tx {
namespace check {

namespace {

std::atomic<uint64_t> Errors{0};

std::mutex &printMutex() {
  static std::mutex *M = new std::mutex(); // Used at exit: never destroyed.
  return *M;
}

uint64_t printLimit() {
  static const uint64_t Limit = [] {
    const char *Env = std::getenv("TONGXIN_CHECK_PRINT_LIMIT");
    return Env ? std::strtoull(Env, nullptr, 10) : 100ull;
  }();
  return Limit;
}

void printSummary() {
  // What the program printed comes first, as it happened before the end.
  std::fflush(stdout);
  uint64_t Count = Errors.load();
  printLine(format("ERROR SUMMARY: %llu error%s",
                   static_cast<unsigned long long>(Count),
                   Count == 1 ? "" : "s"));
  std::fflush(nullptr);
  // As compute-sanitizer's --error-exitcode: a run with errors fails even
  // when the program itself exits with 0.
  if (Count)
    _exit(1);
}

} // namespace

std::string format(const char *Fmt, ...) {
  char Buffer[1024];
  va_list Args;
  va_start(Args, Fmt);
  int Len = std::vsnprintf(Buffer, sizeof(Buffer), Fmt, Args);
  va_end(Args);
  if (Len < 0)
    return std::string();
  return std::string(Buffer, std::min<size_t>(Len, sizeof(Buffer) - 1));
}

void printLine(const std::string &Text) {
  if (Text.empty())
    std::fputs("=========\n", stderr);
  else
    std::fprintf(stderr, "========= %s\n", Text.c_str());
}

const char *accessVerb(const TxCheckSite &Site) {
  if (Site.Flags & TX_CHECK_ATOMIC)
    return "atomic";
  return (Site.Flags & TX_CHECK_WRITE) ? "write" : "read";
}

void countError() { Errors.fetch_add(1); }

void reportError(const TxCheckSite *Site, const ErrorReport &Report) {
  uint64_t Number = Errors.fetch_add(1) + 1;
  if (Number > printLimit())
    return;
  std::lock_guard<std::mutex> Lock(printMutex());
  printLine(Report.Headline);
  if (Site) {
    std::string Where = demangled(Site->Function ? Site->Function : "?");
    if (Site->File && *Site->File)
      Where += format(" in %s:%u", Site->File, Site->Line);
    printLine("    at " + Where);
  }
  if (const TxBlockContext *Ctx = __tx_current_block) {
    std::string By =
        format("    by thread (%u,%u,%u) in block (%u,%u,%u)",
               Ctx->ThreadIdx[0], Ctx->ThreadIdx[1], Ctx->ThreadIdx[2],
               Ctx->BlockIdx[0], Ctx->BlockIdx[1], Ctx->BlockIdx[2]);
    const auto *Job = static_cast<const cpu::GridJob *>(Ctx->Launch);
    if (Job && Job->Kernel && Job->Kernel->Name)
      By += " of kernel " + demangled(Job->Kernel->Name);
    printLine(By);
  }
  for (const std::string &Line : Report.Details)
    printLine("    " + Line);
  printLine("");
  if (Number == printLimit())
    printLine("(TONGXIN_CHECK_PRINT_LIMIT reached: further errors are only "
              "counted)");
  std::fflush(stderr);
}

void printDetached(const ErrorReport &Report) {
  uint64_t Number = Errors.fetch_add(1) + 1;
  if (Number > printLimit())
    return;
  std::lock_guard<std::mutex> Lock(printMutex());
  printLine(Report.Headline);
  for (const std::string &Line : Report.Details)
    printLine("    " + Line);
  printLine("");
}

void startReports(const char *Tool) {
  static std::once_flag Once;
  std::call_once(Once, [] { std::atexit(printSummary); });
  static std::mutex Mutex;
  static std::vector<std::string> *Started = new std::vector<std::string>();
  std::lock_guard<std::mutex> Lock(Mutex);
  for (const std::string &Name : *Started)
    if (Name == Tool)
      return;
  Started->push_back(Tool);
  std::string Upper = Tool;
  for (char &Ch : Upper)
    Ch = static_cast<char>(std::toupper(static_cast<unsigned char>(Ch)));
  printLine(format("TONGXIN %s (txcc --check=%s)", Upper.c_str(), Tool));
}

} // namespace check
} // namespace tx

extern "C" __attribute__((visibility("default"))) void
__tx_check_start(const char *Tool) {
  tx::check::startReports(Tool ? Tool : "check");
  if (Tool && std::strcmp(Tool, "initcheck") == 0)
    tx::check::startInitcheck();
}
