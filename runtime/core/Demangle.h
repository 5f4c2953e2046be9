//===- core/Demangle.h - Kernel names as people read them -------*- C++ -*-===//
//
// Part of Tongxin. TONGXIN_PROFILE's table and TONGXIN_TRACE's timeline
// show kernels by their demangled C++ names.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_DEMANGLE_H
#define TONGXIN_RUNTIME_CORE_DEMANGLE_H

#include <cstdlib>
#include <cxxabi.h>
#include <string>

namespace tx {

/// Name demangled, or Name itself when it is not a mangled C++ name.
inline std::string demangled(const std::string &Name) {
  int Status = 0;
  char *Text = abi::__cxa_demangle(Name.c_str(), nullptr, nullptr, &Status);
  if (Status != 0 || !Text)
    return Name;
  std::string Result = Text;
  std::free(Text);
  return Result;
}

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_DEMANGLE_H
