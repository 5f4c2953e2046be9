//===- check/CheckReports.h - Reports as compute-sanitizer's ----*- C++ -*-===//
//
// Part of Tongxin. The checkers' report lines ("========= ..."), the error
// count, and the summary at exit.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CHECK_CHECKREPORTS_H
#define TONGXIN_RUNTIME_CHECK_CHECKREPORTS_H

#include "tongxin/check_abi.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tx {
namespace check {

/// One error: a headline, then the detail lines (the site's position and
/// the running thread are added from Site and the current block).
struct ErrorReport {
  std::string Headline;
  std::vector<std::string> Details;
};

/// Prints Report (with the site and thread lines) and counts it as an
/// error; prints only the count past the print limit.
void reportError(const TxCheckSite *Site, const ErrorReport &Report);

/// Prints Report alone (no site or thread lines: racecheck's pairs of
/// lines) and counts it as an error.
void printDetached(const ErrorReport &Report);

/// Prints one line prefixed with the checker's marker.
void printLine(const std::string &Text);

/// Counts an error printed by other means (leaks).
void countError();

/// Prints Tool's banner once and arranges for the summary at exit.
void startReports(const char *Tool);

/// "read", "write" or "atomic" access of the site.
const char *accessVerb(const TxCheckSite &Site);

/// printf into a std::string.
std::string format(const char *Fmt, ...) __attribute__((format(printf, 1, 2)));

} // namespace check
} // namespace tx

#endif // TONGXIN_RUNTIME_CHECK_CHECKREPORTS_H
