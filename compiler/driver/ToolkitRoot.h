//===- ToolkitRoot.h - Where this executable's toolkit is -------*- C++ -*-===//
//
// Part of Tongxin. txcc, tx-c++ and txmigrate find everything else (the
// headers, lib64/, share/tongxin/) relative to themselves: the toolkit
// root is the parent of the bin/ directory the running executable is in,
// in the build tree as after install.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_TOOLKITROOT_H
#define TONGXIN_DRIVER_TOOLKITROOT_H

#include <climits>
#include <string>
#include <unistd.h>

namespace tx {

/// The running executable's directory (Fallback's when /proc is not
/// there), and its parent, the toolkit root.
inline void locateToolkit(const char *Fallback, std::string &BinDir,
                          std::string &Root) {
  char Buffer[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Buffer, sizeof(Buffer) - 1);
  std::string Exe =
      N > 0 ? std::string(Buffer, N) : std::string(Fallback ? Fallback : "");
  BinDir = Exe.substr(0, Exe.rfind('/'));
  Root = BinDir.substr(0, BinDir.rfind('/'));
}

} // namespace tx

#endif // TONGXIN_DRIVER_TOOLKITROOT_H
