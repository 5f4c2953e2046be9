//===- PrecompiledHeader.cpp - Reuse the parse of cuda_runtime.h ----------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A cache entry is three files named after a hash of everything that shapes
// the parse (the flags, the clang binary, the working directory, clang's
// include-path environment variables):
//   KEY.pch       the precompiled header
//   KEY.inputs    "SECONDS.NANOSECONDS SIZE PATH" of every file it was
//                 parsed from; any difference and the entry is rebuilt
//   KEY.unusable  its parse printed diagnostics or failed: the pass includes
//                 the header itself (and shows them) until the header changes
// Entries are written under temporary names and renamed into place, so
// concurrent compiles never see half of one.
//
//===----------------------------------------------------------------------===//

#include "PrecompiledHeader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tx {

namespace {

/// Entries kept; each is about 5 MB.
constexpr size_t MaxEntries = 64;

bool makeDirectories(const std::string &Path) {
  for (size_t Slash = 1; Slash != std::string::npos;) {
    Slash = Path.find('/', Slash + 1);
    std::string Prefix = Path.substr(0, Slash);
    if (mkdir(Prefix.c_str(), 0755) != 0 && errno != EEXIST)
      return false;
  }
  struct stat Info;
  return stat(Path.c_str(), &Info) == 0 && S_ISDIR(Info.st_mode) &&
         access(Path.c_str(), W_OK) == 0;
}

std::string cacheDirectory() {
  const char *Switch = getenv("TONGXIN_PCH");
  if (Switch && strcmp(Switch, "0") == 0)
    return "";
  std::string Root;
  if (const char *Dir = getenv("TONGXIN_CACHE_DIR"))
    Root = Dir;
  else if (const char *Xdg = getenv("XDG_CACHE_HOME"); Xdg && *Xdg == '/')
    Root = std::string(Xdg) + "/tongxin";
  else if (const char *Home = getenv("HOME"); Home && *Home == '/')
    Root = std::string(Home) + "/.cache/tongxin";
  if (Root.empty() || Root[0] != '/')
    return "";
  std::string Dir = Root + "/pch";
  return makeDirectories(Dir) ? Dir : "";
}

/// FNV-1a, 64 bits: a cache key, not a defence against forgery.
class Fnv1a {
public:
  void add(const std::string &Text) {
    for (unsigned char C : Text)
      Hash = (Hash ^ C) * 0x100000001b3ULL;
    Hash =
        (Hash ^ 0xff) * 0x100000001b3ULL; // Separates "ab","c" from "a","bc".
  }
  std::string hex() const {
    char Buffer[17];
    snprintf(Buffer, sizeof(Buffer), "%016llx",
             static_cast<unsigned long long>(Hash));
    return Buffer;
  }

private:
  uint64_t Hash = 0xcbf29ce484222325ULL;
};

/// "SECONDS.NANOSECONDS SIZE" of a file, or empty if it cannot be read.
std::string fileStamp(const std::string &Path) {
  struct stat Info;
  if (stat(Path.c_str(), &Info) != 0)
    return "";
  return std::to_string(Info.st_mtim.tv_sec) + "." +
         std::to_string(Info.st_mtim.tv_nsec) + " " +
         std::to_string(Info.st_size);
}

bool exists(const std::string &Path) { return access(Path.c_str(), F_OK) == 0; }

/// The one rule clang -MD writes: the target as written, the
/// prerequisites unescaped.
struct MakeRule {
  std::string Target;
  std::vector<std::string> Prerequisites;
};

/// False if DepFile cannot be read or does not hold exactly one rule.
bool readMakeRule(const std::string &DepFile, MakeRule &Rule) {
  std::ifstream In(DepFile);
  if (!In)
    return false;
  std::string Text((std::istreambuf_iterator<char>(In)),
                   std::istreambuf_iterator<char>());
  std::string Current;
  bool SeenTarget = false;
  auto Flush = [&] {
    if (!Current.empty() && SeenTarget)
      Rule.Prerequisites.push_back(Current);
    Current.clear();
  };
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    bool EndsTarget = C == ':' && (I + 1 == Text.size() ||
                                   isspace((unsigned char)Text[I + 1]));
    if (EndsTarget && SeenTarget)
      return false; // More than one rule (-MP's phony targets).
    if (EndsTarget) {
      Rule.Target = Text.substr(0, I);
      Current.clear();
      SeenTarget = true;
    } else if (C == '\\' && I + 1 < Text.size()) {
      char Next = Text[++I];
      if (Next == '\n')
        Flush();
      else
        Current += Next; // "\ " (a space in a name), "\#", ...
    } else if (isspace((unsigned char)C)) {
      Flush();
    } else if (C == '$' && I + 1 < Text.size() && Text[I + 1] == '$') {
      Current += '$';
      ++I;
    } else {
      Current += C;
    }
  }
  Flush();
  return SeenTarget;
}

/// clang spells a file name in a make rule with these escapes.
std::string makeEscaped(const std::string &Path) {
  std::string Out;
  for (char C : Path) {
    if (C == ' ' || C == '#')
      Out += '\\';
    Out += C;
    if (C == '$')
      Out += '$';
  }
  return Out;
}

/// True if every file listed in Inputs still has its recorded stamp.
bool inputsUnchanged(const std::string &Inputs) {
  std::ifstream In(Inputs);
  if (!In)
    return false;
  std::string Line;
  size_t Count = 0;
  while (std::getline(In, Line)) {
    size_t Space = Line.find(' ');
    Space = Space == std::string::npos ? Space : Line.find(' ', Space + 1);
    if (Space == std::string::npos)
      return false;
    if (fileStamp(Line.substr(Space + 1)) != Line.substr(0, Space))
      return false;
    ++Count;
  }
  return Count > 0;
}

bool writeInputs(const std::vector<std::string> &Files,
                 const std::string &Path) {
  std::ofstream Out(Path);
  for (const std::string &File : Files) {
    std::string Stamp = fileStamp(File);
    if (Stamp.empty())
      return false;
    Out << Stamp << ' ' << File << '\n';
  }
  return !Files.empty() && static_cast<bool>(Out.flush());
}

bool isEmptyFile(const std::string &Path) {
  struct stat Info;
  return stat(Path.c_str(), &Info) == 0 && Info.st_size == 0;
}

/// True if Path exists and is not older than Reference.
bool isNotOlderThan(const std::string &Path, const std::string &Reference) {
  struct stat A, B;
  if (stat(Path.c_str(), &A) != 0 || stat(Reference.c_str(), &B) != 0)
    return false;
  return A.st_mtim.tv_sec > B.st_mtim.tv_sec ||
         (A.st_mtim.tv_sec == B.st_mtim.tv_sec &&
          A.st_mtim.tv_nsec >= B.st_mtim.tv_nsec);
}

} // namespace

PrecompiledHeaders::PrecompiledHeaders(const std::string &IncludeDir,
                                       std::string Name, bool Verbose)
    : Name(std::move(Name)), Header(IncludeDir + "/" + this->Name),
      Verbose(Verbose) {}

std::string PrecompiledHeaders::keyFor(const ArgList &FrontEnd) const {
  Fnv1a Key;
  Key.add("tongxin-pch-1");
  Key.add(Header);
  // The compiler itself: a rebuilt or upgraded clang writes other PCHs.
  Key.add(FrontEnd.empty() ? "" : fileStamp(FrontEnd[0]));
  // Relative -I paths and clang's include-path variables change what the
  // header's own #includes find.
  char Cwd[4096];
  Key.add(getcwd(Cwd, sizeof(Cwd)) ? Cwd : "");
  for (const char *Var : {"CPATH", "CPLUS_INCLUDE_PATH", "C_INCLUDE_PATH"}) {
    const char *Value = getenv(Var);
    Key.add(Value ? Value : "\x01unset");
  }
  for (const std::string &Arg : FrontEnd)
    Key.add(Arg);
  return Key.hex();
}

bool PrecompiledHeaders::build(const ArgList &FrontEnd,
                               const std::string &Stem) {
  std::string Suffix = "." + std::to_string(getpid()) + ".tmp";
  std::string Pch = Stem + ".pch" + Suffix, Deps = Stem + ".d" + Suffix,
              Errors = Stem + ".err" + Suffix,
              Inputs = Stem + ".inputs" + Suffix;
  ArgList Args = FrontEnd;
  // -emit-llvm -c stops the device pass before ptxas; -emit-pch then
  // replaces clang's action.
  Args.insert(Args.end(), {"-emit-llvm", "-c", "-Xclang", "-emit-pch", "-x",
                           "cuda", Header, "-o", Pch, "-MD", "-MF", Deps});
  if (Verbose)
    fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
  MakeRule Rule;
  bool Clean = runProgramCapturingErrors(Args, Errors) == 0 &&
               isEmptyFile(Errors) && readMakeRule(Deps, Rule) &&
               writeInputs(Rule.Prerequisites, Inputs) &&
               rename(Pch.c_str(), (Stem + ".pch").c_str()) == 0 &&
               rename(Inputs.c_str(), (Stem + ".inputs").c_str()) == 0;
  if (!Clean) {
    if (Verbose)
      fprintf(stderr,
              "txcc: note: %s cannot be precompiled with these "
              "flags; it is parsed in every pass\n",
              Header.c_str());
    std::ofstream((Stem + ".unusable").c_str());
  }
  for (const std::string &Temp : {Pch, Deps, Errors, Inputs})
    unlink(Temp.c_str());
  return Clean;
}

void PrecompiledHeaders::evictOldEntries() const {
  // (last use, stem): an entry's .inputs is touched on every use.
  std::vector<std::pair<timespec, std::string>> Entries;
  if (DIR *D = opendir(Directory.c_str())) {
    while (dirent *Entry = readdir(D)) {
      std::string Name = Entry->d_name;
      size_t Dot = Name.rfind(".inputs");
      struct stat Info;
      if (Dot == std::string::npos || Dot + 7 != Name.size() ||
          stat((Directory + "/" + Name).c_str(), &Info) != 0)
        continue;
      Entries.push_back({Info.st_mtim, Directory + "/" + Name.substr(0, Dot)});
    }
    closedir(D);
  }
  if (Entries.size() <= MaxEntries)
    return;
  std::sort(Entries.begin(), Entries.end(), [](const auto &A, const auto &B) {
    return std::make_pair(A.first.tv_sec, A.first.tv_nsec) <
           std::make_pair(B.first.tv_sec, B.first.tv_nsec);
  });
  for (size_t I = 0; I + MaxEntries < Entries.size(); ++I)
    for (const char *Ext : {".inputs", ".pch"})
      unlink((Entries[I].second + Ext).c_str());
}

/// Where FrontEnd has "-include Name", or End if it has not exactly that
/// one forced include (another would be parsed before the header, and
/// would then be in the PCH too).
static ArgList::iterator onlyForcedInclude(ArgList &FrontEnd,
                                           const std::string &Name) {
  ArgList::iterator Found = FrontEnd.end();
  for (auto It = FrontEnd.begin(); It != FrontEnd.end(); ++It) {
    bool Ours = *It == "-include" && It + 1 != FrontEnd.end() && It[1] == Name;
    if (Ours && Found == FrontEnd.end())
      Found = It++;
    else if (It->rfind("-include", 0) == 0 || It->rfind("-imacros", 0) == 0)
      return FrontEnd.end();
  }
  return Found;
}

/// clang 19 loads a CUDA PCH made at C++20 or later wrongly: it reports
/// its own placement operator new (cuda_wrappers/new) and libstdc++'s as
/// "different definitions in different modules" and then finds neither.
static bool isCxx20OrLater(const ArgList &FrontEnd) {
  std::string Standard;
  for (const std::string &Arg : FrontEnd)
    if (Arg.rfind("-std=", 0) == 0)
      Standard = Arg.substr(5);
  for (const char *Old :
       {"c++98", "c++03", "c++11", "c++14", "c++17", "gnu++98", "gnu++03",
        "gnu++11", "gnu++14", "gnu++17", "c++0x", "c++1y", "c++1z", "gnu++0x",
        "gnu++1y", "gnu++1z"})
    if (Standard == Old)
      return false;
  return !Standard.empty();
}

void PrecompiledHeaders::precompile(ArgList &FrontEnd) {
  if (!DirectoryChecked) {
    Directory = cacheDirectory(); // Created on first use only.
    DirectoryChecked = true;
  }
  if (Directory.empty() || isCxx20OrLater(FrontEnd))
    return;
  auto Include = onlyForcedInclude(FrontEnd, Name);
  if (Include == FrontEnd.end())
    return;
  ArgList Flags(FrontEnd.begin(), Include);
  Flags.insert(Flags.end(), Include + 2, FrontEnd.end());
  std::string Stem = Directory + "/" + keyFor(Flags);
  if (isNotOlderThan(Stem + ".unusable", Header))
    return;
  if (exists(Stem + ".pch") && inputsUnchanged(Stem + ".inputs")) {
    utimensat(AT_FDCWD, (Stem + ".inputs").c_str(), nullptr, 0);
  } else {
    if (!build(Flags, Stem))
      return;
    evictOldEntries();
  }
  Include[0] = "-include-pch";
  Include[1] = Stem + ".pch";
}

bool listSourceFirst(const std::string &DepFile, const std::string &Source) {
  MakeRule Rule;
  if (!readMakeRule(DepFile, Rule))
    return exists(DepFile); // Not one plain rule: left as clang wrote it.
  auto &Files = Rule.Prerequisites;
  auto At = std::find(Files.begin(), Files.end(), Source);
  if (At == Files.end() || At == Files.begin())
    return true; // Spelled otherwise, or already first: left as it is.
  std::rotate(Files.begin(), At, At + 1);
  std::ofstream Out(DepFile);
  Out << Rule.Target << ':';
  for (size_t I = 0; I < Files.size(); ++I)
    Out << (I ? " \\\n  " : " ") << makeEscaped(Files[I]);
  Out << '\n';
  return static_cast<bool>(Out.flush());
}

} // namespace tx
