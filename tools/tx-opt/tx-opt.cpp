//===- tx-opt.cpp - Run Tongxin passes over LLVM IR -----------------------===//
//
// Part of Tongxin.
//
// Two modes:
//   tx-opt -passes=tx-workitem-loops in.ll -S -o -      (one pass, for lit)
//   tx-opt --cpu-pipeline --mtriple=T --tu-id=ID in.bc -o out.bc  (txcc)
// Errors are printed as "file:line:col: error: message" and make the exit
// status non-zero.
//
//===----------------------------------------------------------------------===//

#include "LaunchWidths.h"
#include "TongxinPasses.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace llvm;

static cl::opt<std::string> InputFile(cl::Positional, cl::init("-"),
                                      cl::desc("<input IR>"));
static cl::opt<std::string> OutputFile("o", cl::init("-"),
                                       cl::desc("Output file"));
static cl::opt<bool> EmitText("S", cl::desc("Write textual IR"));
static cl::opt<std::string> Passes("passes", cl::desc("Pass pipeline"));
static cl::opt<bool> CPUPipeline("cpu-pipeline",
                                 cl::desc("Run the whole CPU lowering"));
static cl::opt<std::string> TargetTriple("mtriple", cl::desc("Target triple"));
static cl::opt<std::string> TuId("tu-id", cl::init("tu"),
                                 cl::desc("Translation-unit id"));
static cl::opt<bool> PTXPipeline("ptx-pipeline",
                                 cl::desc("Compile the device module to PTX"));
static cl::opt<std::string> GpuArch("mcpu", cl::init("sm_80"),
                                    cl::desc("GPU architecture (PTX path)"));
static cl::opt<std::string> Libdevice("libdevice",
                                      cl::desc("Path of libdevice.10.bc"));
static cl::opt<std::string> ManagedSymbols(
    "managed-symbols",
    cl::desc("Write the externally visible __managed__ variables here"));
static cl::opt<std::string>
    Checks("check",
           cl::desc("Instrument device code: memcheck,synccheck,racecheck,"
                    "initcheck"));
static cl::opt<std::string> LaunchWidthsFrom(
    "launch-widths-from",
    cl::desc("The host side of the same .cu file (IR): the kernels it "
             "launches with a constant block width get a block function "
             "built for that width as well"));
static cl::opt<unsigned> VectorMath(
    "vector-math", cl::init(0),
    cl::desc("With --cpu-pipeline: the widest vectors (128, 256, 512 bits) "
             "of the runtime's vector math functions the target can call; "
             "0 keeps math calls in thread loops scalar"));
static cl::opt<unsigned> PreferVectorWidth(
    "prefer-vector-width", cl::init(0),
    cl::desc("With --cpu-pipeline: the vector width (bits) the thread loops "
             "should use; 0 leaves the target's own preference"));
static cl::opt<unsigned> CodegenParts(
    "codegen-parts", cl::init(1),
    cl::desc("Write the module as up to this many parts for code generation "
             "at once: the output file, then <output>.1, <output>.2, ..."));
static cl::opt<unsigned> CodegenPartMinInstructions(
    "codegen-part-min-instructions", cl::init(3000),
    cl::desc("Split for --codegen-parts only modules of at least this many "
             "instructions"));
static cl::opt<std::string> EmbedFatBinary(
    "embed-fatbin",
    cl::desc("Replace the fat binary embedded in the host module (IR) with "
             "this file's"));
static cl::opt<bool> DeviceDebug(
    "device-debug",
    cl::desc("With --cpu-pipeline: the device code is for a debugger (txcc "
             "-G): one function per kernel"));
static cl::opt<bool> StripDebug("strip-debug",
                                cl::desc("Drop debug info afterwards"));

/// Writes M to Path as bitcode (or text with -S).
static int writeModule(const Module &M, const std::string &Path) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_None);
  if (EC) {
    errs() << "tx-opt: " << Path << ": " << EC.message() << "\n";
    return 1;
  }
  if (EmitText)
    M.print(Out.os(), nullptr);
  else
    WriteBitcodeToFile(M, Out.os());
  Out.keep();
  return 0;
}

/// Marks the kernels of Device that the host module at Path launches with a
/// constant block width (see LaunchWidths.h). The widths only make code
/// faster: a host module that cannot be read is a warning.
static void markLaunchWidthsFrom(const std::string &Path, Module &Device) {
  LLVMContext HostContext;
  SMDiagnostic Err;
  std::unique_ptr<Module> Host = parseIRFile(Path, Err, HostContext);
  if (!Host) {
    errs() << "tx-opt: warning: " << Path << ": " << Err.getMessage()
           << "; kernels get no versions for their launch widths\n";
    return;
  }
  tx::markLaunchWidths(Device, tx::findLaunchWidths(*Host));
}

namespace {
/// Prints diagnostics the way compilers do ("file:line:col: error: ...")
/// and remembers whether there was an error.
struct ErrorPrinter : DiagnosticHandler {
  bool HadError = false;
  /// Set: nothing is printed, only whether something would have been
  /// (Withheld), for a run without debug info that is redone with it.
  bool Withhold = false;
  bool Withheld = false;
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    if (DI.getSeverity() == DS_Error)
      HadError = true;
    if (DI.getSeverity() == DS_Remark || DI.getSeverity() == DS_Note)
      return true; // Optimisation remarks are not for users of txcc.
    // A `#pragma unroll` the optimiser could not honour (CUB's, on loops
    // with run-time trip counts): nvcc drops these silently too.
    if (DI.getKind() == DK_OptimizationFailure)
      return true;
    if (Withhold) {
      Withheld = true;
      return true;
    }
    const char *Severity = DI.getSeverity() == DS_Error     ? "error: "
                           : DI.getSeverity() == DS_Warning ? "warning: "
                                                            : "note: ";
    if (auto *Unsupported = dyn_cast<DiagnosticInfoUnsupported>(&DI)) {
      std::string Where = Unsupported->isLocationAvailable()
                              ? Unsupported->getLocationStr()
                              : std::string("<unknown location>");
      errs() << Where << ": " << Severity << Unsupported->getMessage()
             << " (in device function '" << Unsupported->getFunction().getName()
             << "')\n";
      return true;
    }
    errs() << Severity;
    DiagnosticPrinterRawOStream Printer(errs());
    DI.print(Printer);
    errs() << "\n";
    return true;
  }
};
} // namespace

static std::string dataLayoutFor(const std::string &Triple) {
  std::string Error;
  const Target *T = TargetRegistry::lookupTarget(Triple, Error);
  if (!T) {
    errs() << "tx-opt: " << Error << "\n";
    return "";
  }
  std::unique_ptr<TargetMachine> TM(T->createTargetMachine(
      Triple, "generic", "", TargetOptions(), std::nullopt));
  return TM->createDataLayout().getStringRepresentation();
}

/// The four new-pass-manager analysis managers, registered with PB and
/// wired to each other.
struct AnalysisManagers {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  explicit AnalysisManagers(PassBuilder &PB) {
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  }
};

/// Links the libdevice functions the module uses, keeping them private to it.
static bool linkLibdevice(Module &M, const std::string &Path) {
  SMDiagnostic Err;
  std::unique_ptr<Module> Lib = parseIRFile(Path, Err, M.getContext());
  if (!Lib) {
    Err.print("tx-opt", errs());
    return false;
  }
  Lib->setTargetTriple(M.getTargetTriple());
  Lib->setDataLayout(M.getDataLayout());
  if (Linker::linkModules(M, std::move(Lib), Linker::Flags::LinkOnlyNeeded))
    return false;
  for (Function &F : M)
    if (F.getName().starts_with("__nv_") && !F.isDeclaration())
      F.setLinkage(GlobalValue::InternalLinkage);
  return true;
}

/// The PTX path: CUDA-ify services and math, link libdevice, optimise with
/// the NVPTX target's O3 pipeline, work around the backend's bugs and write
/// PTX text.
static int compileToPTX(Module &M, raw_pwrite_stream &Out) {
  std::string Error;
  std::string Triple = "nvptx64-nvidia-cuda";
  const Target *T = TargetRegistry::lookupTarget(Triple, Error);
  if (!T) {
    errs() << "tx-opt: " << Error << "\n";
    return 1;
  }
  std::unique_ptr<TargetMachine> TM(
      T->createTargetMachine(Triple, GpuArch, tx::ptxVersionFeature(M),
                             TargetOptions(), std::nullopt));
  M.setTargetTriple(Triple);
  M.setDataLayout(TM->createDataLayout());

  PassBuilder PB(TM.get());
  AnalysisManagers AM(PB);
  ModuleAnalysisManager &MAM = AM.MAM;
  {
    ModulePassManager Prepare;
    tx::buildPTXPreparation(Prepare);
    Prepare.run(M, MAM);
  }
  if (!Libdevice.empty() && !linkLibdevice(M, Libdevice))
    return 1;
  MAM.clear();
  ModulePassManager Optimise =
      PB.buildPerModuleDefaultPipeline(OptimizationLevel::O3);
  Optimise.run(M, MAM);
  {
    ModulePassManager Finalise;
    tx::buildPTXFinalization(Finalise);
    Finalise.run(M, MAM);
  }
  if (verifyModule(M, &errs()))
    return 2;

  legacy::PassManager CodeGen;
  if (TM->addPassesToEmitFile(CodeGen, Out, nullptr,
                              CodeGenFileType::AssemblyFile)) {
    errs() << "tx-opt: the NVPTX target cannot emit PTX\n";
    return 1;
  }
  CodeGen.run(M);
  return 0;
}

/// A backend that cannot handle some construct aborts through
/// report_fatal_error; say what happened like a compiler, not a crash.
/// The names ManagedVariables listed, one per line, for txcc to make the
/// host shadows global.
static bool writeManagedSymbols(Module &M, const std::string &Path) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_Text);
  if (EC) {
    errs() << "tx-opt: " << EC.message() << "\n";
    return false;
  }
  if (NamedMDNode *Exports = M.getNamedMetadata("tx.managed.exports"))
    for (MDNode *Name : Exports->operands())
      Out.os() << cast<MDString>(Name->getOperand(0))->getString() << "\n";
  Out.keep();
  return true;
}

static void reportBackendFailure(void *, const char *Reason, bool) {
  errs() << "tx-opt: error: code generation failed: " << Reason << "\n";
  exit(1);
}

/// Runs the pipeline the options name on M: the CPU lowering or -passes.
static int runPipeline(Module &M, const ErrorPrinter &Diags) {
  // LLVM's instrumentation, so that -print-after-all, -print-changed and
  // -time-passes work on Tongxin's pipelines as they do in opt.
  PassInstrumentationCallbacks PIC;
  StandardInstrumentations SI(M.getContext(), /*DebugLogging=*/false);
  PassBuilder PB(nullptr, PipelineTuningOptions(), std::nullopt, &PIC);
  tx::registerTongxinPasses(PB);
  AnalysisManagers AM(PB);
  SI.registerCallbacks(PIC, &AM.MAM);
  ModulePassManager MPM;
  // Under the checkers, one block function per kernel: they cost enough.
  if (!LaunchWidthsFrom.empty() && Checks.empty())
    markLaunchWidthsFrom(LaunchWidthsFrom, M);
  if (CPUPipeline) {
    tx::CPUPipelineOptions Options;
    Options.Triple = TargetTriple.empty() ? sys::getDefaultTargetTriple()
                                          : TargetTriple.getValue();
    Options.DataLayout = dataLayoutFor(Options.Triple);
    if (Options.DataLayout.empty())
      return 1;
    Options.TuId = TuId;
    Options.VectorMathBits = VectorMath;
    Options.PreferVectorBits = PreferVectorWidth;
    Options.DeviceDebug = DeviceDebug;
    SmallVector<StringRef, 2> Tools;
    StringRef(Checks).split(Tools, ',', -1, /*KeepEmpty=*/false);
    for (StringRef Tool : Tools) {
      if (Tool == "memcheck") {
        Options.MemoryChecks = true;
      } else if (Tool == "synccheck") {
        Options.SyncChecks = true;
      } else if (Tool == "racecheck") {
        Options.RaceChecks = true;
      } else if (Tool == "initcheck") {
        Options.InitChecks = true;
      } else {
        errs() << "tx-opt: unknown check '" << Tool << "'\n";
        return 1;
      }
    }
    tx::buildCPUPipeline(MPM, PB, Options);
  } else if (Error E = PB.parsePassPipeline(MPM, Passes)) {
    errs() << "tx-opt: " << toString(std::move(E)) << "\n";
    return 1;
  }
  MPM.run(M, AM.MAM);
  return Diags.HadError ? 1 : 0;
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  install_fatal_error_handler(reportBackendFailure);
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  cl::ParseCommandLineOptions(argc, argv, "Tongxin pass runner\n");

  LLVMContext Context;
  // For a second run with the debug info's lines (below); declared before
  // the module, which may come to live in it.
  LLVMContext LocatedContext;
  auto Handler = std::make_unique<ErrorPrinter>();
  ErrorPrinter *Diags = Handler.get();
  Context.setDiagnosticHandler(std::move(Handler));

  SMDiagnostic Err;
  std::unique_ptr<Module> M = parseIRFile(InputFile, Err, Context);
  if (!M) {
    Err.print(argv[0], errs());
    return 1;
  }

  if (!EmbedFatBinary.empty()) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Blob =
        MemoryBuffer::getFile(EmbedFatBinary, /*IsText=*/false);
    if (!Blob) {
      errs() << "tx-opt: " << EmbedFatBinary << ": "
             << Blob.getError().message() << "\n";
      return 1;
    }
    if (!tx::replaceFatBinary(*M, (*Blob)->getBuffer())) {
      errs() << "tx-opt: " << InputFile
             << ": the fat-binary wrapper is not clang's; no blob replaced\n";
      return 1;
    }
    return writeModule(*M, OutputFile);
  }

  if (PTXPipeline) {
    std::error_code EC;
    ToolOutputFile Out(OutputFile, EC, sys::fs::OF_Text);
    if (EC) {
      errs() << "tx-opt: " << EC.message() << "\n";
      return 1;
    }
    if (StripDebug)
      StripDebugInfo(*M);
    int Status = compileToPTX(*M, Out.os());
    if (Status || Diags->HadError)
      return Status ? Status : 1;
    Out.keep();
    return 0;
  }

  // The CPU pipeline reads the debug info's lines only to say where a
  // diagnostic is, and inlining CUB's and Thrust's layers with them took a
  // fifth of its time (cccl_thrust_algorithms: 2.3 -> 1.9 s). Without
  // --check (whose reports name lines) it runs without them first, and
  // again on the input as read, lines and all, only when it has something
  // to say.
  bool LinesOnDemand = CPUPipeline && StripDebug && Checks.empty() &&
                       !DeviceDebug && InputFile != "-";
  if (LinesOnDemand) {
    StripDebugInfo(*M);
    Diags->Withhold = true;
  }
  int Status = runPipeline(*M, *Diags);
  if (LinesOnDemand && Diags->Withheld) {
    auto LocatedHandler = std::make_unique<ErrorPrinter>();
    Diags = LocatedHandler.get();
    LocatedContext.setDiagnosticHandler(std::move(LocatedHandler));
    M = parseIRFile(InputFile, Err, LocatedContext);
    if (!M) {
      Err.print(argv[0], errs());
      return 1;
    }
    Status = runPipeline(*M, *Diags);
  }
  if (Status)
    return Status;
  if (!ManagedSymbols.empty() && !writeManagedSymbols(*M, ManagedSymbols))
    return 1;
  if (StripDebug)
    StripDebugInfo(*M);
  if (verifyModule(*M, &errs())) {
    errs() << "tx-opt: internal error: the lowered module is invalid\n";
    return 2;
  }

  std::vector<std::unique_ptr<Module>> Parts = tx::splitForParallelCodegen(
      *M, CodegenParts, TuId, CodegenPartMinInstructions);
  if (Parts.empty())
    return writeModule(*M, OutputFile);
  for (unsigned Idx = 0; Idx < Parts.size(); ++Idx)
    if (int Status = writeModule(*Parts[Idx], Idx == 0 ? OutputFile.getValue()
                                                       : OutputFile + "." +
                                                             Twine(Idx).str()))
      return Status;
  return 0;
}
