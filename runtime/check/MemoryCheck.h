//===- check/MemoryCheck.h - memcheck's runtime side ------------*- C++ -*-===//
//
// Part of Tongxin. Device code built with `txcc --check=memcheck` checks
// its accesses inline and calls the entry points of tongxin/check_abi.h
// when a check fails; this layer finds what the address is, caches valid
// ranges in the access sites, reports invalid accesses the way
// compute-sanitizer does, and abandons the block (the launch then fails
// with cudaErrorLaunchFailure). At exit it prints the error summary (and
// leaks, with TONGXIN_LEAK_CHECK=full) and makes the exit status non-zero
// when there were errors. See docs/checks.md.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CHECK_MEMORYCHECK_H
#define TONGXIN_RUNTIME_CHECK_MEMORYCHECK_H

namespace tx {
namespace check {

/// True once a module built with --check=memcheck has registered.
bool memcheckActive();

} // namespace check
} // namespace tx

#endif // TONGXIN_RUNTIME_CHECK_MEMORYCHECK_H
