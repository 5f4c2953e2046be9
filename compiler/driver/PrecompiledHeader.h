//===- PrecompiledHeader.h - Reuse the parse of cuda_runtime.h ---*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Every CUDA front-end pass starts by parsing cuda_runtime.h, which txcc
// includes ahead of each .cu file as nvcc does: about 0.4 s, most of what a
// small file's pass costs. The cache keeps that parse as a clang precompiled
// header (PCH) per exact set of front-end flags and loads it in later passes
// with the same flags. A PCH is only used when it cannot change the result:
// built from the same flags, from header files that are unchanged since
// (sizes and modification times), and without a single diagnostic.
//
//   TONGXIN_PCH=0           never use precompiled headers
//   TONGXIN_CACHE_DIR=DIR   keep them in DIR/pch (default
//                           $XDG_CACHE_HOME/tongxin or ~/.cache/tongxin)
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_PRECOMPILEDHEADER_H
#define TONGXIN_DRIVER_PRECOMPILEDHEADER_H

#include "Subprocess.h"

#include <string>

namespace tx {

class PrecompiledHeaders {
public:
  /// Name: the header every pass includes first, found in IncludeDir.
  PrecompiledHeaders(const std::string &IncludeDir, std::string Name,
                     bool Verbose);

  /// FrontEnd is a clang CUDA pass without its input, output and per-file
  /// options, with "-include Name" among its flags. Replaces that by
  /// "-include-pch FILE" when a PCH for exactly the other flags exists or
  /// can be built; leaves FrontEnd as it is otherwise.
  void precompile(ArgList &FrontEnd);

private:
  std::string Name;
  std::string Header;
  std::string Directory; ///< Empty: caching is off or impossible.
  bool DirectoryChecked = false;
  bool Verbose;

  std::string keyFor(const ArgList &FrontEnd) const;
  bool build(const ArgList &FrontEnd, const std::string &Stem);
  void evictOldEntries() const;
};

/// A make rule clang writes (-MD) for a pass with a PCH names the files the
/// PCH was parsed from before the source; compilers name the source first,
/// and Makefiles may rely on that ($<). Moves Source to the front.
bool listSourceFirst(const std::string &DepFile, const std::string &Source);

} // namespace tx

#endif // TONGXIN_DRIVER_PRECOMPILEDHEADER_H
