//===- SourceAnalysis.h - Reading a source through clang's AST --*- C++ -*-===//
//
// Part of Tongxin. Parses one source the way its compile would (txcc gives
// the front end's command line) and records in a Report every CUDA feature
// the user's own code uses: calls into the runtime API, the CUDA
// libraries, device functions, Thrust/CUB/libcu++; inline PTX, instruction
// by instruction; kernels, launches and the memory spaces of variables;
// CUDA headers; and every error the parse meets, classified (a driver API
// function, a header Tongxin does not provide, ...).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TXMIGRATE_SOURCEANALYSIS_H
#define TONGXIN_TXMIGRATE_SOURCEANALYSIS_H

#include "Report.h"

#include <map>
#include <string>
#include <vector>

namespace tx::migrate {

/// What Tongxin says about its support, read from the toolkit it is part
/// of: share/tongxin/support.tsv (generated from the runtime's sources and
/// the headers' "tx-api: partial:" comments) and the include directory.
class SupportData {
public:
  /// Reads Root's table; false with Error set when it cannot.
  bool load(const std::string &Root, std::string &Error);
  /// The status of a function by its (qualified) name: supported unless
  /// the table says otherwise.
  Support statusOf(const std::string &Name, std::string &Note) const;
  const std::string &includeDir() const { return IncludeDir; }

private:
  std::string IncludeDir;
  std::map<std::string, std::pair<Support, std::string>> Table;
};

/// Parses File (in Directory) with the front-end command Args (the
/// compiler first, the source not included) and adds what it uses to R.
/// False if clang could not run at all.
bool analyzeSource(const std::string &Directory, const std::string &File,
                   const std::vector<std::string> &Args,
                   const SupportData &Data, Report &R);

} // namespace tx::migrate

#endif // TONGXIN_TXMIGRATE_SOURCEANALYSIS_H
