//===- SourceAnalysis.cpp - Reading a source through clang's AST ----------===//
//
// Part of Tongxin. See SourceAnalysis.h.
//
//===----------------------------------------------------------------------===//

#include "SourceAnalysis.h"

#include "../../compiler/passes/PtxAsm.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <fstream>
#include <sstream>

using namespace clang;
using llvm::StringRef;

namespace tx::migrate {

//===--- Support data -----------------------------------------------------===//

bool SupportData::load(const std::string &Root, std::string &Error) {
  IncludeDir = Root + "/include/";
  std::string Path = Root + "/share/tongxin/support.tsv";
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read " + Path;
    return false;
  }
  std::string Line;
  while (std::getline(In, Line)) {
    std::istringstream Fields(Line);
    std::string Name, Status, Note;
    std::getline(Fields, Name, '\t');
    std::getline(Fields, Status, '\t');
    std::getline(Fields, Note);
    Support S = Status == "partial"       ? Support::Partial
                : Status == "unsupported" ? Support::Unsupported
                                          : Support::Supported;
    Table[Name] = {S, Note};
  }
  return true;
}

Support SupportData::statusOf(const std::string &Name,
                              std::string &Note) const {
  auto It = Table.find(Name);
  if (It == Table.end()) {
    Note.clear();
    return Support::Supported;
  }
  Note = It->second.second;
  return It->second.first;
}

//===--- Where the user's code is -----------------------------------------===//

namespace {

/// Thrust, CUB and libcu++ (CCCL), wherever their headers come from.
bool isLibraryPath(StringRef Path) {
  return Path.contains("/thrust/") || Path.contains("/cub/") ||
         Path.contains("/cuda/std/") || Path.contains("/libcudacxx/") ||
         Path.contains("/cuda/__");
}

class Places {
public:
  Places(const SourceManager &SM, const SupportData &Data)
      : SM(SM), Data(Data) {}

  StringRef fileOf(SourceLocation Loc) const {
    return SM.getFilename(SM.getExpansionLoc(Loc));
  }
  bool isTongxinHeader(SourceLocation Loc) const {
    return fileOf(Loc).starts_with(Data.includeDir());
  }
  /// Code the user wrote: not Tongxin's headers, not system headers, not
  /// CCCL's.
  bool isUserCode(SourceLocation Loc) const {
    if (Loc.isInvalid())
      return false;
    SourceLocation At = SM.getExpansionLoc(Loc);
    StringRef File = SM.getFilename(At);
    return !File.empty() && !SM.isInSystemHeader(At) &&
           !File.starts_with(Data.includeDir()) && !isLibraryPath(File);
  }
  /// Loc itself in the user's code, or the #include there that brought
  /// its header in; invalid if neither.
  SourceLocation userLocation(SourceLocation Loc) const {
    Loc = Loc.isValid() ? SM.getExpansionLoc(Loc) : Loc;
    while (Loc.isValid() && !isUserCode(Loc))
      Loc = SM.getIncludeLoc(SM.getFileID(Loc));
    return Loc;
  }
  Use use(SourceLocation Loc) const {
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
    Use U;
    if (P.isValid()) {
      U.File = P.getFilename();
      U.Line = P.getLine();
      U.Column = P.getColumn();
    }
    return U;
  }

private:
  const SourceManager &SM;
  const SupportData &Data;
};

//===--- Calls, kernels, variables, inline PTX ----------------------------===//

/// The kind of a function Tongxin's headers declare, by its name and where
/// it is called from.
std::string kindOfTongxinFunction(StringRef Name, bool InDevice) {
  static const std::pair<const char *, const char *> Libraries[] = {
      {"cublasLt", "cuBLASLt API"}, {"cublas", "cuBLAS API"},
      {"curand", "cuRAND API"},     {"cufft", "cuFFT API"},
      {"cusparse", "cuSPARSE API"}, {"cusolver", "cuSOLVER API"},
      {"nccl", "NCCL API"}};
  for (const auto &[Prefix, Kind] : Libraries)
    if (Name.starts_with(Prefix))
      return InDevice ? std::string(Kind) + " (device)" : Kind;
  if (Name.starts_with("cuda") && !InDevice)
    return "runtime API";
  return InDevice ? "device function" : "host function";
}

/// ns::Class::member without template arguments: one feature for every
/// instantiation.
std::string plainQualifiedName(const NamedDecl *D) {
  std::string Name = D->getNameAsString();
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent()) {
    const auto *Scope = dyn_cast<NamedDecl>(C);
    if (!Scope || isa<FunctionDecl>(Scope))
      continue;
    if (const auto *NS = dyn_cast<NamespaceDecl>(Scope))
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
    Name = Scope->getNameAsString() + "::" + Name;
  }
  return Name;
}

std::string kindOfLibraryFunction(StringRef Name) {
  if (Name.starts_with("thrust::"))
    return "Thrust";
  if (Name.starts_with("cub::"))
    return "CUB";
  return "libcu++";
}

class UseVisitor : public RecursiveASTVisitor<UseVisitor> {
  using Base = RecursiveASTVisitor<UseVisitor>;

public:
  UseVisitor(ASTContext &Ctx, const SupportData &Data, Report &R)
      : Ctx(Ctx), Data(Data), R(R), Where(Ctx.getSourceManager(), Data) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    auto *F = dyn_cast_or_null<FunctionDecl>(D);
    if (F)
      Functions.push_back(F);
    bool Continue = Base::TraverseDecl(D);
    if (F)
      Functions.pop_back();
    return Continue;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    Functions.push_back(L->getCallOperator());
    bool Continue = Base::TraverseLambdaExpr(L);
    Functions.pop_back();
    return Continue;
  }

  bool VisitCallExpr(CallExpr *E) {
    if (isa<CUDAKernelCallExpr>(E) || !Where.isUserCode(E->getBeginLoc()))
      return true;
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || Callee->isOverloadedOperator() ||
        isa<CXXConversionDecl>(Callee))
      return true;
    // Where it was first declared says whose it is (libcu++ redeclares
    // some of Tongxin's device functions).
    Callee = Callee->getCanonicalDecl();
    std::string Name = plainQualifiedName(Callee);
    // What a <<<...>>> launch calls by itself.
    if (StringRef(Name).starts_with("__cuda"))
      return true;
    if (Callee->getBuiltinID()) {
      // __syncthreads & co. are clang's builtins in CUDA mode.
      if (inDevice() && !StringRef(Name).starts_with("__builtin"))
        add("device function", Name, Support::Supported, "", E->getBeginLoc());
    } else if (Where.isTongxinHeader(Callee->getLocation())) {
      std::string Note;
      Support S = Data.statusOf(Name, Note);
      add(kindOfTongxinFunction(Name, inDevice()), Name, S, Note,
          E->getBeginLoc());
    } else if (isLibraryPath(Where.fileOf(Callee->getLocation()))) {
      add(kindOfLibraryFunction(Name), Name, Support::Supported, "",
          E->getBeginLoc());
    }
    return true;
  }

  bool VisitCUDAKernelCallExpr(CUDAKernelCallExpr *E) {
    if (!Where.isUserCode(E->getBeginLoc()))
      return true;
    if (inDevice())
      add("language", "device-side kernel launch (dynamic parallelism)",
          Support::Unsupported,
          "txcc rejects it at compile time; launch from the host",
          E->getBeginLoc());
    else
      add("language", "kernel launch <<<...>>>", Support::Supported, "",
          E->getBeginLoc());
    return true;
  }

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    if (!Where.isUserCode(S->getBeginLoc()) || !inDevice())
      return true;
    std::vector<ptx::Statement> Statements;
    std::string Error;
    if (!ptx::parse(S->generateAsmString(Ctx), Statements, Error)) {
      add("inline PTX", "unparsed statement", Support::Unsupported, Error,
          S->getBeginLoc());
      return true;
    }
    for (const ptx::Statement &St : Statements) {
      if (St.K != ptx::Statement::Kind::Instruction)
        continue;
      std::string Name = St.Instr.Opcode;
      for (const std::string &Modifier : St.Instr.Modifiers)
        Name += "." + Modifier;
      if (ptx::isTranslated(St.Instr))
        add("inline PTX", Name, Support::Supported, "", S->getBeginLoc());
      else
        add("inline PTX", Name, Support::Unsupported,
            "no CPU translation of '" + St.Instr.Opcode +
                "': txcc stops with an error at its line",
            S->getBeginLoc());
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (isa<ParmVarDecl>(V) || !Where.isUserCode(V->getLocation()))
      return true;
    const char *Space = nullptr;
    if (V->hasAttr<CUDASharedAttr>())
      Space = V->hasExternalStorage()
                  ? "extern __shared__ variable (dynamic shared memory)"
                  : "__shared__ variable";
    else if (V->hasAttr<CUDAConstantAttr>())
      Space = "__constant__ variable";
    else if (V->hasAttr<HIPManagedAttr>())
      Space = "__managed__ variable";
    else if (V->hasAttr<CUDADeviceAttr>())
      Space = "__device__ variable";
    if (Space)
      add("language", Space, Support::Supported, "", V->getLocation());
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() ||
        !Where.isUserCode(F->getLocation()))
      return true;
    if (F->hasAttr<CUDAGlobalAttr>())
      add("language", "__global__ function (kernel)", Support::Supported, "",
          F->getLocation());
    if (F->hasAttr<CUDALaunchBoundsAttr>())
      add("language", "__launch_bounds__", Support::Supported, "",
          F->getLocation());
    return true;
  }

private:
  /// Inside a __device__ or __global__ function, or a device lambda.
  bool inDevice() const {
    for (auto It = Functions.rbegin(); It != Functions.rend(); ++It)
      if (*It)
        return (*It)->hasAttr<CUDADeviceAttr>() ||
               (*It)->hasAttr<CUDAGlobalAttr>();
    return false;
  }

  void add(const std::string &Kind, const std::string &Name, Support S,
           const std::string &Note, SourceLocation Loc) {
    R.add(Kind, Name, S, Note, Where.use(Loc));
  }

  ASTContext &Ctx;
  const SupportData &Data;
  Report &R;
  Places Where;
  std::vector<const FunctionDecl *> Functions;
};

//===--- Headers ----------------------------------------------------------===//

/// A header of NVIDIA's toolkit by its name.
bool isCudaHeaderName(StringRef Name) {
  for (const char *Prefix : {"cuda",
                             "cu_",
                             "cuComplex",
                             "cublas",
                             "curand",
                             "cufft",
                             "cusparse",
                             "cusolver",
                             "nvrtc",
                             "nvToolsExt",
                             "nvtx3",
                             "nvfunctional",
                             "mma.h",
                             "sm_",
                             "crt/",
                             "cooperative_groups",
                             "npp",
                             "nccl",
                             "cudnn",
                             "math_constants.h",
                             "device_",
                             "vector_types.h",
                             "texture_",
                             "surface_",
                             "driver_types.h",
                             "library_types.h"})
    if (Name.starts_with(Prefix))
      return true;
  return false;
}

class IncludeCollector : public PPCallbacks {
public:
  IncludeCollector(const SourceManager &SM, const SupportData &Data, Report &R)
      : Where(SM, Data), Data(Data), R(R) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &,
                          StringRef FileName, bool IsAngled, CharSourceRange,
                          OptionalFileEntryRef File, StringRef, StringRef,
                          const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (!File || !Where.isUserCode(HashLoc))
      return;
    StringRef Path = File->getName();
    std::string Name =
        (IsAngled ? "<" : "\"") + FileName.str() + (IsAngled ? ">" : "\"");
    if (Path.starts_with(Data.includeDir()) || isLibraryPath(Path))
      R.add("header", Name, Support::Supported, "", Where.use(HashLoc));
    else if (IsAngled && isCudaHeaderName(FileName))
      R.add("header", Name, Support::Unsupported,
            "not provided by Tongxin; found as " + Path.str() +
                ", another CUDA installation's, which does not work with "
                "Tongxin's headers",
            Where.use(HashLoc));
  }

private:
  Places Where;
  const SupportData &Data;
  Report &R;
};

//===--- Errors -----------------------------------------------------------===//

/// Turns each error of the parse into a feature: what is missing, where
/// the user's code meets it.
class ErrorCollector : public DiagnosticConsumer {
public:
  ErrorCollector(const SupportData &Data, Report &R) : Data(Data), R(R) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    Use At;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      Places Where(Info.getSourceManager(), Data);
      SourceLocation Loc = Where.userLocation(Info.getLocation());
      At = Where.use(Loc.isValid() ? Loc : Info.getLocation());
      // Errors inside a header already reported as unsupported (another
      // toolkit's, clashing with Tongxin's) are its consequences.
      if (Loc != Info.getSourceManager().getExpansionLoc(Info.getLocation()) &&
          R.hasUnsupported("header", At))
        return;
    }
    classify(Message.str().str(), At);
  }

private:
  void classify(const std::string &Message, const Use &At) {
    llvm::SmallVector<StringRef, 3> M;
    static const llvm::Regex NotProvided(
        "Tongxin does not provide <([^>]+)>: (.*)");
    static const llvm::Regex NotFound("'([^']+)' file not found");
    static const llvm::Regex Undeclared(
        "(use of undeclared identifier|unknown type name|no template "
        "named|no member named) '([A-Za-z_][A-Za-z0-9_]*)'");
    if (NotProvided.match(Message, &M)) {
      StringRef Why = M[2];
      Why.consume_back("\"");
      R.add("header", "<" + M[1].str() + ">", Support::Unsupported, Why.str(),
            At);
    } else if (NotFound.match(Message, &M)) {
      R.add("header", "<" + M[1].str() + ">", Support::Unsupported,
            "not provided by Tongxin (nor found on the include path); the "
            "rest of this source was not read",
            At);
    } else if (Undeclared.match(Message, &M)) {
      undeclared(M[2].str(), Message, At);
    } else {
      R.add("compile error", Message, Support::Unsupported,
            "the parse stops here or recovers; the build would fail", At);
    }
  }

  void undeclared(const std::string &Name, const std::string &Message,
                  const Use &At) {
    static const llvm::Regex Driver("^(cu[A-Z]|CU[a-zA-Z])");
    static const llvm::Regex Library(
        "^(cublas|curand|cufft|cusparse|cusolver|nccl|cudnn|nvrtc|nvtx|npp)");
    if (Driver.match(Name))
      R.add("driver API", Name, Support::Unsupported,
            "Tongxin implements the CUDA runtime API, not the driver API", At);
    else if (StringRef(Name).starts_with("cuda"))
      R.add("runtime API", Name, Support::Unsupported,
            "not declared by Tongxin's CUDA 12.9 runtime API", At);
    else if (Library.match(Name))
      R.add("library API", Name, Support::Unsupported,
            "not provided by Tongxin's CUDA libraries", At);
    else
      R.add("compile error", Message, Support::Unsupported,
            "the build would fail here", At);
  }

  const SupportData &Data;
  Report &R;
};

//===--- The front-end action ---------------------------------------------===//

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(const SupportData &Data, Report &R) : Data(Data), R(R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    UseVisitor(Ctx, Data, R).TraverseDecl(Ctx.getTranslationUnitDecl());
  }

private:
  const SupportData &Data;
  Report &R;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const SupportData &Data, Report &R) : Data(Data), R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<IncludeCollector>(CI.getSourceManager(), Data, R));
    return std::make_unique<AnalysisConsumer>(Data, R);
  }

private:
  const SupportData &Data;
  Report &R;
};

class AnalysisFactory : public tooling::FrontendActionFactory {
public:
  AnalysisFactory(const SupportData &Data, Report &R) : Data(Data), R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Data, R);
  }

private:
  const SupportData &Data;
  Report &R;
};

/// One compile command: the file's, as txcc builds it.
class SingleCommand : public tooling::CompilationDatabase {
public:
  explicit SingleCommand(tooling::CompileCommand Command)
      : Command(std::move(Command)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return {Command};
  }

private:
  tooling::CompileCommand Command;
};

} // namespace

bool analyzeSource(const std::string &Directory, const std::string &File,
                   const std::vector<std::string> &Args,
                   const SupportData &Data, Report &R) {
  std::vector<std::string> CommandLine = Args;
  // No "N errors generated" on stderr: the errors are in the report; and
  // all of them.
  CommandLine.push_back("-fno-caret-diagnostics");
  CommandLine.push_back("-ferror-limit=0");
  CommandLine.push_back(File);
  SingleCommand Database(
      tooling::CompileCommand(Directory, File, CommandLine, "report"));
  tooling::ClangTool Tool(Database, {File});
  Tool.setPrintErrorMessage(false);
  ErrorCollector Errors(Data, R);
  Tool.setDiagnosticConsumer(&Errors);
  AnalysisFactory Factory(Data, R);
  R.addFile(File);
  // Errors in the source are part of the report, not a failure here.
  return Tool.run(&Factory) != 2;
}

} // namespace tx::migrate
