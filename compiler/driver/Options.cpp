//===- Options.cpp - nvcc-compatible command line -------------------------===//
//
// Part of Tongxin. Accepts nvcc's spellings (-arch=sm_80, -arch sm_80,
// --gpu-architecture=..., -Xcompiler a,b, -rdc=true, ...) and maps them onto
// DriverOptions. Unknown options are an error naming the option, as in nvcc.
//
//===----------------------------------------------------------------------===//

#include "Options.h"

#include "tongxin/cuda_config.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace tx {

static const char *HelpText =
    "Usage: txcc [options] <inputs>\n"
    "Compiles CUDA C++ (.cu) for the CPU with the Tongxin runtime; accepts\n"
    "nvcc's command line.\n\n"
    "Inputs: .cu (CUDA), .cpp/.cc/.cxx/.C (C++), .c (C), .o, .a, .so\n"
    "Common options:\n"
    "  -c, -o <file>, -E, -M, -MD, -MF <file>, -MT <target>\n"
    "  -I<dir>, -isystem <dir>, -D<macro>[=v], -U<macro>, -x cu|c++|c\n"
    "  -O0..-O3, -g, -G, -lineinfo, -std=c++11..c++20\n"
    "  -arch=sm_XX, -gencode arch=compute_XX,code=sm_XX, --gpu-architecture\n"
    "  -use_fast_math, -rdc=true, -dc, --expt-relaxed-constexpr,\n"
    "  --extended-lambda, -Xcompiler <a,b>, -Xlinker <a,b>, -L<dir>, -l<lib>\n"
    "  -shared, -ccbin <compiler>, -v, --dryrun, --keep, --keep-dir <dir>,\n"
    "  --version, --help\n"
    "  -ptx                   write the PTX of a .cu file (NVIDIA GPUs)\n"
    "  -t, --threads, --split-compile <n>\n"
    "                         run at most n compile steps at once (0: every\n"
    "                         CPU; default: the CPUs txcc may use, up to 4)\n"
    "  --report[=json]        what of the sources Tongxin supports "
    "(txmigrate)\n"
    "Build systems:\n"
    "  --options-file <file>, -dlink, -lib, -cudart static|shared|none,\n"
    "  -forward-unknown-to-host-compiler, -forward-unknown-to-host-linker\n"
    "Tongxin options:\n"
    "  --tongxin-cpu-only     embed no PTX (faster builds; CPU devices only)\n"
    "  --cuda-path <dir>      CUDA toolkit whose libdevice the PTX path uses\n"
    "  --target=<triple>      cross-compile (aarch64-linux-gnu, "
    "riscv64-linux-gnu)\n"
    "  -mprefer-vector-width=128|256|512|none\n"
    "                         vector width of the CPU thread loops (x86-64\n"
    "                         device code; default: 512 on an AVX-512 host\n"
    "                         with no --target/-march/-mcpu, else LLVM's)\n"
    "  --check=memcheck       check every device memory access at run time\n"
    "  --check=synccheck      report __syncthreads() the block diverges at\n"
    "  --check=racecheck      report shared-memory races between barriers\n"
    "  --check=initcheck      report reads of device memory never written\n"
    "                         (several: --check=memcheck,synccheck; "
    "docs/checks.md)\n";

/// --check=TOOL[,TOOL...]: memcheck, synccheck, racecheck, initcheck.
static bool parseChecks(const std::string &List, DriverOptions &Opts) {
  size_t Start = 0;
  while (Start <= List.size()) {
    size_t End = List.find(',', Start);
    if (End == std::string::npos)
      End = List.size();
    std::string Tool = List.substr(Start, End - Start);
    if (Tool == "memcheck") {
      Opts.MemoryChecks = true;
    } else if (Tool == "synccheck") {
      Opts.SyncChecks = true;
    } else if (Tool == "racecheck") {
      Opts.RaceChecks = true;
    } else if (Tool == "initcheck") {
      Opts.InitChecks = true;
    } else {
      fprintf(stderr,
              "txcc: error: unsupported check '%s' (supported: memcheck, "
              "synccheck, racecheck, initcheck)\n",
              Tool.c_str());
      return false;
    }
    Start = End + 1;
  }
  return true;
}

static bool endsWith(const std::string &S, const char *Suffix) {
  size_t N = strlen(Suffix);
  return S.size() >= N && S.compare(S.size() - N, N, Suffix) == 0;
}

static InputKind classify(const std::string &Path, const std::string &Lang) {
  if (Lang == "cu")
    return InputKind::Cuda;
  if (Lang == "c++")
    return InputKind::Cxx;
  if (Lang == "c")
    return InputKind::C;
  if (endsWith(Path, ".cu"))
    return InputKind::Cuda;
  if (endsWith(Path, ".c"))
    return InputKind::C;
  if (endsWith(Path, ".o") || endsWith(Path, ".obj"))
    return InputKind::Object;
  if (endsWith(Path, ".a") || endsWith(Path, ".so") ||
      Path.find(".so.") != std::string::npos)
    return InputKind::Library;
  return InputKind::Cxx;
}

static void splitCommas(const std::string &Value, ArgList &Out) {
  size_t Start = 0;
  while (Start <= Value.size()) {
    size_t End = Value.find(',', Start);
    if (End == std::string::npos)
      End = Value.size();
    if (End > Start)
      Out.push_back(Value.substr(Start, End - Start));
    Start = End + 1;
  }
}

/// "compute_80" / "sm_80" / "sm_90a" -> the sm_ name clang understands.
/// clang 19 knows up to sm_90a; newer GPUs still run sm_90 PTX.
static std::string normaliseArch(std::string Arch) {
  if (Arch.rfind("compute_", 0) == 0)
    Arch = "sm_" + Arch.substr(8);
  if (Arch == "native" || Arch == "all" || Arch == "all-major")
    return "sm_80";
  if (Arch.rfind("sm_", 0) != 0)
    return "";
  int Number = atoi(Arch.c_str() + 3);
  if (Number < 50)
    return "";
  if (Number > 90)
    return "sm_90";
  return Arch;
}

static void addArch(DriverOptions &Opts, const std::string &Arch) {
  for (const std::string &Existing : Opts.GpuArchs)
    if (Existing == Arch)
      return;
  Opts.GpuArchs.push_back(Arch);
}

/// -march=rv64gcv and -march=armv8.2-a+sve name their ISA; the triple
/// follows from them when --target is not given.
static bool inferTarget(DriverOptions &Opts) {
  const std::string &March = Opts.TargetArch;
  std::string Implied;
  if (March.rfind("rv64", 0) == 0)
    Implied = "riscv64-linux-gnu";
  else if (March.rfind("armv8", 0) == 0 || March.rfind("armv9", 0) == 0)
    Implied = "aarch64-linux-gnu";
  if (Opts.Target.empty())
    Opts.Target = Implied;
  if (Opts.Target.empty())
    return true;
  static const char *Supported[] = {"x86_64-linux-gnu", "aarch64-linux-gnu",
                                    "riscv64-linux-gnu"};
  for (const char *T : Supported)
    if (Opts.Target == T)
      return true;
  fprintf(stderr,
          "txcc: error: unsupported target '%s' (supported: x86_64-linux-gnu, "
          "aarch64-linux-gnu, riscv64-linux-gnu)\n",
          Opts.Target.c_str());
  return false;
}

namespace {
/// Walks the arguments with support for "-opt value", "-opt=value" and
/// "-optvalue".
class ArgReader {
public:
  explicit ArgReader(ArgList Args) : Args(std::move(Args)) {}
  bool done() const { return Index >= Args.size(); }
  std::string next() { return Args[Index++]; }
  /// If Arg is Name or Name=V (or NameV when Joined), stores the value.
  bool value(const std::string &Arg, const char *Name, std::string &Value,
             bool Joined = false) {
    size_t N = strlen(Name);
    if (Arg == Name) {
      if (done()) {
        fprintf(stderr, "txcc: error: option '%s' needs a value\n", Name);
        Failed = true;
        Value.clear();
        return true;
      }
      Value = next();
      return true;
    }
    if (Arg.compare(0, N, Name) != 0)
      return false;
    if (Arg.size() > N && Arg[N] == '=') {
      Value = Arg.substr(N + 1);
      return true;
    }
    if (Joined && Arg.size() > N) {
      Value = Arg.substr(N);
      return true;
    }
    return false;
  }
  bool Failed = false;

private:
  ArgList Args;
  size_t Index = 0;
};
} // namespace

/// Splits the text of an options file into arguments the way a POSIX shell
/// splits words (CMake writes them so): blanks separate, '...' is literal,
/// "..." keeps blanks and takes \" and \\, a backslash elsewhere escapes
/// the next character. False if a quote is left open.
static bool splitOptionsText(const std::string &Text, ArgList &Out) {
  std::string Word;
  bool InWord = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (isspace(static_cast<unsigned char>(C))) {
      if (InWord)
        Out.push_back(Word);
      Word.clear();
      InWord = false;
      continue;
    }
    InWord = true;
    if (C == '\\' && I + 1 < Text.size()) {
      Word += Text[++I];
    } else if (C == '\'') {
      size_t End = Text.find('\'', I + 1);
      if (End == std::string::npos)
        return false;
      Word += Text.substr(I + 1, End - I - 1);
      I = End;
    } else if (C == '"') {
      for (++I; I < Text.size() && Text[I] != '"'; ++I) {
        if (Text[I] == '\\' && I + 1 < Text.size() &&
            (Text[I + 1] == '"' || Text[I + 1] == '\\'))
          ++I;
        Word += Text[I];
      }
      if (I >= Text.size())
        return false;
    } else {
      Word += C;
    }
  }
  if (InWord)
    Out.push_back(Word);
  return true;
}

/// All options files of one command line together: response files are a
/// few kilobytes, so this only stops a file that names itself many times
/// (nesting multiplies) or a device that never ends (/dev/zero).
static constexpr size_t MaxOptionsBytes = 16u << 20;

/// Reads the options file at Path into Text, counting against Budget.
/// Prints an error and returns false for what is not a readable regular
/// file within the budget (a directory would make the stream throw).
static bool readOptionsFile(const std::string &Path, std::string &Text,
                            size_t &Budget) {
  struct stat Info;
  if (stat(Path.c_str(), &Info) != 0) {
    fprintf(stderr, "txcc: error: cannot read options file '%s'\n",
            Path.c_str());
    return false;
  }
  if (!S_ISREG(Info.st_mode)) {
    fprintf(stderr, "txcc: error: options file '%s' is not a regular file\n",
            Path.c_str());
    return false;
  }
  if (size_t(Info.st_size) > Budget) {
    fprintf(stderr,
            "txcc: error: options files exceed %zu MiB at '%s' (a file "
            "that includes itself?)\n",
            MaxOptionsBytes >> 20, Path.c_str());
    return false;
  }
  FILE *F = fopen(Path.c_str(), "rb");
  if (!F) {
    fprintf(stderr, "txcc: error: cannot read options file '%s'\n",
            Path.c_str());
    return false;
  }
  Text.resize(size_t(Info.st_size));
  Text.resize(fread(Text.data(), 1, Text.size(), F));
  fclose(F);
  Budget -= Text.size();
  return true;
}

/// Appends Args to Out with every --options-file/-optf (nvcc's response
/// files; CMake uses them for long command lines) replaced by the
/// arguments in the file. Nested files are allowed, a bounded depth and
/// MaxOptionsBytes in all.
static bool expandOptionsFiles(const ArgList &Args, ArgList &Out,
                               unsigned Depth, size_t &Budget) {
  for (size_t I = 0; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    std::string Path;
    for (const char *Name : {"--options-file", "-optf"}) {
      size_t N = strlen(Name);
      if (Arg == Name && I + 1 < Args.size())
        Path = Args[++I];
      else if (Arg.compare(0, N + 1, std::string(Name) + "=") == 0)
        Path = Arg.substr(N + 1);
      else if (Arg == Name) {
        fprintf(stderr, "txcc: error: option '%s' needs a value\n", Name);
        return false;
      }
      if (!Path.empty())
        break;
    }
    if (Path.empty()) {
      Out.push_back(Arg);
      continue;
    }
    if (Depth >= 16) {
      fprintf(stderr, "txcc: error: options files nested too deeply at '%s'\n",
              Path.c_str());
      return false;
    }
    std::string Text;
    if (!readOptionsFile(Path, Text, Budget))
      return false;
    ArgList Words;
    if (!splitOptionsText(Text, Words)) {
      fprintf(stderr, "txcc: error: unterminated quote in options file '%s'\n",
              Path.c_str());
      return false;
    }
    if (!expandOptionsFiles(Words, Out, Depth + 1, Budget))
      return false;
  }
  return true;
}

static bool isTrue(const std::string &V) {
  return V == "true" || V == "1" || V == "yes";
}

/// Options nvcc accepts that change nothing on the CPU backend.
static bool isAcceptedNoOp(const std::string &Arg) {
  static const char *Exact[] = {"-m64",
                                "--m64",
                                "-Wno-deprecated-gpu-targets",
                                "-Wno-deprecated-declarations",
                                "-res-usage",
                                "--resource-usage",
                                "-lineinfo",
                                "--generate-line-info",
                                "-w",
                                "--disable-warnings",
                                "--no-host-device-initializer-list",
                                "-src-in-ptx",
                                "--source-in-ptx"};
  for (const char *E : Exact)
    if (Arg == E)
      return true;
  return false;
}

/// Options with a value that we accept and ignore.
static const char *IgnoredWithValue[] = {
    "-maxrregcount", "--maxrregcount",   "-Xptxas",          "--ptxas-options",
    "-Xcudafe",      "-diag-suppress",   "--diag-suppress",  "--diag_suppress",
    "-Xnvlink",      "--nvlink-options", "--default-stream", "-default-stream"};

/// txcc --version: nvcc's lines that build tools parse (CMake identifies
/// an nvcc-compatible compiler by the second, reads the version from the
/// last), after Tongxin's own.
static void printVersion() {
  printf("txcc: Tongxin CUDA compiler driver, version %s\n"
         "nvcc: NVIDIA (R) Cuda compiler driver compatible (this is Tongxin's "
         "txcc, not NVIDIA's nvcc)\n"
         "Built on LLVM/clang 19; runs CUDA C++ on CPUs.\n"
         "Cuda compilation tools, release %d.%d, V%d.%d.%d\n",
         TX_VERSION, __TX_CUDA_MAJOR, __TX_CUDA_MINOR, __TX_CUDA_MAJOR,
         __TX_CUDA_MINOR, __TX_CUDA_BUILD);
}

/// -t/--threads/--split-compile N: at most N processes at once; 0 is every
/// CPU this process may use.
static bool parseJobs(const std::string &Arg, const std::string &V,
                      DriverOptions &Opts) {
  char *End = nullptr;
  unsigned long N = strtoul(V.c_str(), &End, 10);
  if (V.empty() || *End != '\0' || V[0] == '-' || N > 1024) {
    fprintf(stderr, "txcc: error: %s needs a number of threads, not '%s'\n",
            Arg.c_str(), V.c_str());
    return false;
  }
  Opts.Jobs = N ? unsigned(N) : EveryCpu;
  return true;
}

/// -mprefer-vector-width=128|256|512 (clang's spelling; "none" is the
/// target's own preference).
static bool parsePreferVectorWidth(const std::string &V, DriverOptions &Opts) {
  if (V == "128" || V == "256" || V == "512") {
    Opts.PreferVectorWidth = unsigned(std::stoul(V));
    return true;
  }
  if (V == "none") {
    Opts.PreferVectorWidth = NoVectorWidthPreference;
    return true;
  }
  fprintf(stderr,
          "txcc: error: unknown -mprefer-vector-width '%s' (128, 256, 512 or "
          "none)\n",
          V.c_str());
  return false;
}

/// -cudart=static|shared|none.
static bool parseCudaRuntime(const std::string &V, DriverOptions &Opts) {
  if (V == "shared")
    Opts.Runtime = CudaRuntime::Shared;
  else if (V == "static")
    Opts.Runtime = CudaRuntime::Static;
  else if (V == "none")
    Opts.Runtime = CudaRuntime::None;
  else {
    fprintf(stderr,
            "txcc: error: unknown -cudart '%s' (static, shared or none)\n",
            V.c_str());
    return false;
  }
  return true;
}

/// nvcc reads these wherever they are on the command line.
static void scanForwarding(const ArgList &Args, DriverOptions &Opts) {
  for (const std::string &Arg : Args) {
    if (Arg == "-forward-unknown-to-host-compiler" ||
        Arg == "--forward-unknown-to-host-compiler")
      Opts.ForwardUnknownToCompiler = true;
    else if (Arg == "-forward-unknown-to-host-linker" ||
             Arg == "--forward-unknown-to-host-linker")
      Opts.ForwardUnknownToLinker = true;
  }
}

/// An option txcc does not know: forwarded where the command line says so,
/// else an error naming it, as nvcc does.
static bool handleUnknownOption(const std::string &Arg, DriverOptions &Opts) {
  if (Arg == "-forward-unknown-to-host-compiler" ||
      Arg == "--forward-unknown-to-host-compiler" ||
      Arg == "-forward-unknown-to-host-linker" ||
      Arg == "--forward-unknown-to-host-linker")
    return true;
  if (Opts.ForwardUnknownToCompiler) {
    Opts.HostFlags.push_back(Arg);
    return true;
  }
  if (Opts.ForwardUnknownToLinker) {
    Opts.LinkFlags.push_back(Arg);
    return true;
  }
  fprintf(stderr, "txcc: error: unknown option '%s'\n", Arg.c_str());
  return false;
}

bool parseOptions(int Argc, char **Argv, DriverOptions &Opts, int &Exit) {
  Exit = 1;
  ArgList Expanded;
  size_t Budget = MaxOptionsBytes;
  if (!expandOptionsFiles(ArgList(Argv + 1, Argv + Argc), Expanded, 0, Budget))
    return false;
  scanForwarding(Expanded, Opts);
  ArgReader R(std::move(Expanded));
  std::string Lang;
  while (!R.done()) {
    std::string Arg = R.next(), V;
    if (Arg == "--help" || Arg == "-h") {
      fputs(HelpText, stdout);
      Exit = 0;
      return false;
    }
    if (Arg == "--version" || Arg == "-V") {
      printVersion();
      Exit = 0;
      return false;
    }
    if (Arg.empty() || Arg[0] != '-') {
      Opts.Inputs.push_back({Arg, classify(Arg, Lang)});
      continue;
    }
    if (Arg == "-c" || Arg == "--compile") {
      Opts.Mode = Action::Compile;
    } else if (Arg == "-dc" || Arg == "--device-c") {
      Opts.Mode = Action::Compile;
      Opts.Rdc = true;
    } else if (Arg == "-dlink" || Arg == "--device-link") {
      Opts.Mode = Action::DeviceLink;
    } else if (Arg == "-lib" || Arg == "--lib") {
      Opts.Mode = Action::Library;
    } else if (R.value(Arg, "-cudart", V) || R.value(Arg, "--cudart", V)) {
      if (!R.Failed && !parseCudaRuntime(V, Opts))
        return false;
    } else if (R.value(Arg, "-t", V) || R.value(Arg, "--threads", V) ||
               R.value(Arg, "-split-compile", V) ||
               R.value(Arg, "--split-compile", V)) {
      if (!R.Failed && !parseJobs(Arg, V, Opts))
        return false;
    } else if (R.value(Arg, "-keep-dir", V) || R.value(Arg, "--keep-dir", V)) {
      Opts.KeepDir = V;
    } else if (R.value(Arg, "-Werror", V) || R.value(Arg, "--Werror", V)) {
      // nvcc's kinds: all-warnings, cross-execution-space-call, ...; the
      // host compiler's warnings are what txcc reports.
      if (V == "all-warnings")
        Opts.HostFlags.push_back("-Werror");
    } else if (Arg == "-ptx" || Arg == "--ptx") {
      Opts.Mode = Action::Ptx;
    } else if (R.value(Arg, "--target", V) || R.value(Arg, "-target", V)) {
      Opts.Target = V;
    } else if (R.value(Arg, "-march", V)) {
      Opts.TargetArch = V;
    } else if (R.value(Arg, "-mcpu", V)) {
      Opts.TargetCpu = V;
    } else if (R.value(Arg, "-mprefer-vector-width", V)) {
      if (!R.Failed && !parsePreferVectorWidth(V, Opts))
        return false;
    } else if (Arg == "--tongxin-frontend-args") {
      Opts.PrintFrontEnd = true;
    } else if (Arg == "--tongxin-cpu-only") {
      Opts.CpuOnly = true;
    } else if (R.value(Arg, "--cuda-path", V)) {
      Opts.CudaPath = V;
    } else if (Arg == "-E" || Arg == "--preprocess") {
      Opts.Mode = Action::Preprocess;
    } else if (Arg == "-M" || Arg == "--generate-dependencies") {
      Opts.Mode = Action::Dependencies;
    } else if (Arg == "-MD" || Arg == "--generate-dependencies-with-compile" ||
               Arg == "-MMD") {
      Opts.DepsWithCompile = true;
    } else if (R.value(Arg, "-MF", V) ||
               R.value(Arg, "--dependency-output", V)) {
      Opts.DepFile = V;
    } else if (R.value(Arg, "-MT", V)) {
      Opts.DepTarget = V;
    } else if (R.value(Arg, "-o", V) || R.value(Arg, "--output-file", V)) {
      Opts.Output = V;
    } else if (R.value(Arg, "-x", V) || R.value(Arg, "--x", V)) {
      Lang = V;
      if (Lang != "cu" && Lang != "c++" && Lang != "c" && Lang != "none") {
        fprintf(stderr, "txcc: error: unsupported language '-x %s'\n",
                Lang.c_str());
        return false;
      }
      if (Lang == "none")
        Lang.clear();
    } else if (R.value(Arg, "-I", V, true) ||
               R.value(Arg, "--include-path", V)) {
      Opts.Preprocessor.push_back("-I" + V);
    } else if (R.value(Arg, "-isystem", V, true) ||
               R.value(Arg, "--system-include", V)) {
      Opts.Preprocessor.push_back("-isystem");
      Opts.Preprocessor.push_back(V);
    } else if (R.value(Arg, "-include", V) ||
               R.value(Arg, "--pre-include", V)) {
      Opts.Preprocessor.push_back("-include");
      Opts.Preprocessor.push_back(V);
    } else if (R.value(Arg, "-D", V, true) ||
               R.value(Arg, "--define-macro", V)) {
      Opts.Preprocessor.push_back("-D" + V);
    } else if (R.value(Arg, "-U", V, true) ||
               R.value(Arg, "--undefine-macro", V)) {
      Opts.Preprocessor.push_back("-U" + V);
    } else if (Arg.size() == 3 && Arg.compare(0, 2, "-O") == 0 &&
               strchr("0123s", Arg[2])) {
      Opts.OptLevel = Arg;
      Opts.HostOptGiven = true;
    } else if (Arg == "-O") {
      Opts.OptLevel = "-O1";
    } else if (Arg == "-g" || Arg == "--debug") {
      Opts.Debug = true;
    } else if (Arg == "-G" || Arg == "--device-debug") {
      Opts.DeviceDebug = true;
    } else if (Arg == "-lineinfo" || Arg == "--generate-line-info") {
      Opts.LineInfo = true;
    } else if (R.value(Arg, "--check", V) || R.value(Arg, "-check", V)) {
      R.Failed |= !parseChecks(V, Opts);
    } else if (R.value(Arg, "-std", V) || R.value(Arg, "--std", V)) {
      Opts.Standard = V;
    } else if (R.value(Arg, "-arch", V) ||
               R.value(Arg, "--gpu-architecture", V) ||
               R.value(Arg, "-code", V) || R.value(Arg, "--gpu-code", V)) {
      std::string First = V.substr(0, V.find(','));
      std::string Arch = normaliseArch(First);
      if (Arch.empty()) {
        fprintf(stderr, "txcc: error: unsupported GPU architecture '%s'\n",
                V.c_str());
        return false;
      }
      addArch(Opts, Arch);
    } else if (R.value(Arg, "-gencode", V) ||
               R.value(Arg, "--generate-code", V)) {
      size_t At = V.find("arch=");
      std::string Arch = normaliseArch(
          V.substr(At == std::string::npos ? 0 : At + 5,
                   V.find(',') == std::string::npos ? std::string::npos
                                                    : V.find(',') - (At + 5)));
      if (At == std::string::npos || Arch.empty()) {
        fprintf(stderr, "txcc: error: malformed -gencode '%s'\n", V.c_str());
        return false;
      }
      addArch(Opts, Arch);
    } else if (Arg == "--expt-relaxed-constexpr" ||
               Arg == "-expt-relaxed-constexpr") {
      Opts.RelaxedConstexpr = true;
    } else if (Arg == "--extended-lambda" || Arg == "-extended-lambda" ||
               Arg == "--expt-extended-lambda" ||
               Arg == "-expt-extended-lambda") {
      Opts.ExtendedLambda = true;
    } else if (Arg == "-use_fast_math" || Arg == "--use_fast_math" ||
               Arg == "--use-fast-math") {
      Opts.FastMath = true;
    } else if (R.value(Arg, "-rdc", V) ||
               R.value(Arg, "--relocatable-device-code", V)) {
      Opts.Rdc = isTrue(V);
    } else if (R.value(Arg, "-Xcompiler", V) ||
               R.value(Arg, "--compiler-options", V)) {
      splitCommas(V, Opts.HostFlags);
    } else if (R.value(Arg, "-Xlinker", V) ||
               R.value(Arg, "--linker-options", V)) {
      ArgList Parts;
      splitCommas(V, Parts);
      for (const std::string &P : Parts)
        Opts.LinkFlags.push_back("-Wl," + P);
    } else if (R.value(Arg, "-L", V, true) ||
               R.value(Arg, "--library-path", V)) {
      Opts.LinkFlags.push_back("-L" + V);
    } else if (R.value(Arg, "-l", V, true) || R.value(Arg, "--library", V)) {
      Opts.LinkFlags.push_back("-l" + V);
    } else if (Arg == "-shared" || Arg == "--shared") {
      Opts.Shared = true;
    } else if (R.value(Arg, "-ccbin", V) ||
               R.value(Arg, "--compiler-bindir", V)) {
      Opts.HostCompiler = V;
    } else if (Arg == "-v" || Arg == "--verbose") {
      Opts.Verbose = true;
    } else if (Arg == "--dryrun" || Arg == "-dryrun") {
      Opts.DryRun = true;
    } else if (Arg == "--keep" || Arg == "-keep") {
      Opts.Keep = true;
    } else if (isAcceptedNoOp(Arg)) {
      continue;
    } else {
      bool Ignored = false;
      for (const char *Name : IgnoredWithValue)
        if (R.value(Arg, Name, V)) {
          Ignored = true;
          break;
        }
      if (Ignored)
        continue;
      if (!handleUnknownOption(Arg, Opts))
        return false;
    }
    if (R.Failed)
      return false;
  }
  if (R.Failed)
    return false;
  if (Opts.GpuArchs.empty())
    Opts.GpuArchs.push_back("sm_80");
  if (!inferTarget(Opts))
    return false;
  // Only LLVM's X86 backend reads the width; elsewhere the vector length
  // is the target's (NEON, SVE, RVV).
  bool NamesWidth = Opts.PreferVectorWidth &&
                    Opts.PreferVectorWidth != NoVectorWidthPreference;
  if (NamesWidth && !Opts.Target.empty() &&
      Opts.Target.rfind("x86_64", 0) != 0) {
    fprintf(stderr,
            "txcc: warning: -mprefer-vector-width is for x86-64; ignored for "
            "%s\n",
            Opts.Target.c_str());
    Opts.PreferVectorWidth = NoVectorWidthPreference;
  }
  if (Opts.Inputs.empty()) {
    fprintf(stderr, "txcc: error: no input files\n");
    return false;
  }
  Exit = 0;
  return true;
}

} // namespace tx
