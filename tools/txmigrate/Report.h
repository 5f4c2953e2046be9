//===- Report.h - What a project uses and what Tongxin supports -*- C++ -*-===//
//
// Part of Tongxin. The migration report: each feature a project's sources
// use (a runtime API function, a library call, a device function, an
// inline PTX instruction, a language feature, a header), whether this
// version of Tongxin supports it, and where it is used; printed as text or
// JSON.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TXMIGRATE_REPORT_H
#define TONGXIN_TXMIGRATE_REPORT_H

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace tx::migrate {

enum class Support { Supported, Partial, Unsupported };

struct Use {
  std::string File;
  unsigned Line = 0, Column = 0;
};

struct Feature {
  std::string Kind; ///< "runtime API", "inline PTX", ...
  std::string Name;
  Support Status = Support::Supported;
  std::string Note; ///< Why partial or unsupported.
  std::vector<Use> Uses;
};

class Report {
public:
  /// Records one use; the worst status recorded for a feature is its
  /// status.
  void add(const std::string &Kind, const std::string &Name, Support Status,
           const std::string &Note, const Use &Where);
  /// True if an unsupported feature of Kind is used at Where's line.
  bool hasUnsupported(const std::string &Kind, const Use &Where) const;
  /// A source that was read.
  void addFile(const std::string &File) { Files.push_back(File); }

  void printText(std::ostream &Out) const;
  void printJson(std::ostream &Out) const;

private:
  /// Unsupported first, then partial, then supported; by kind and name.
  std::vector<const Feature *> ordered() const;

  std::map<std::pair<std::string, std::string>, Feature> Features;
  std::vector<std::string> Files;
};

const char *statusName(Support Status);

} // namespace tx::migrate

#endif // TONGXIN_TXMIGRATE_REPORT_H
