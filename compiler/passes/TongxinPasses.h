//===- TongxinPasses.h - The SIMT -> CPU lowering passes --------*- C++ -*-===//
//
// Part of Tongxin. Declares every pass of compiler/passes; each has its own
// .cpp with the algorithm and a lit folder under tests/lit/. The order in
// which txcc runs them is explained in Pipeline.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_TONGXINPASSES_H
#define TONGXIN_COMPILER_PASSES_TONGXINPASSES_H

#include "llvm/IR/PassManager.h"
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace tx {

/// Rewrites the NVPTX module header for a CPU: triple, data layout, and
/// target attributes; widens NVPTX-only sync scopes to system scope.
struct RetargetToCPUPass : llvm::PassInfoMixin<RetargetToCPUPass> {
  std::string Triple;
  std::string DataLayout;
  RetargetToCPUPass(std::string Triple, std::string DataLayout)
      : Triple(std::move(Triple)), DataLayout(std::move(DataLayout)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Translates inline PTX (`asm("...")` in device code) into LLVM IR; an
/// instruction without CPU semantics is an error at its source line.
struct TranslateInlinePTXPass : llvm::PassInfoMixin<TranslateInlinePTXPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Lowers the WMMA intrinsics (llvm.nvvm.wmma.*) of mma.h: lane copies for
/// loads and stores, and an exchange plus one GEMM per warp for products.
struct LowerWarpMatrixPass : llvm::PassInfoMixin<LowerWarpMatrixPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives each by-value kernel parameter the kernel writes a copy per thread
/// (read-only ones stay in the launch's shared argument buffer).
struct CopyByValArgumentsPass : llvm::PassInfoMixin<CopyByValArgumentsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives a grid-stride kernel launched with a constant block width a twin
/// that runs neighbouring blocks as one block of 1024 threads, whose
/// rounds then read one longer row (see MergeBlocks.cpp).
struct MergeBlocksPass : llvm::PassInfoMixin<MergeBlocksPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Makes each PTX `exit` inlined into a kernel a return from the kernel.
struct LowerThreadExitPass : llvm::PassInfoMixin<LowerThreadExitPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Replaces NVVM intrinsics and CUDA ABI calls that have no CPU meaning
/// (vprintf, membar, trap, clock, laneid) with runtime calls or plain IR.
struct LowerDeviceCallsPass : llvm::PassInfoMixin<LowerDeviceCallsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Moves __device__/__constant__ globals into the generic address space.
struct GenericAddressSpacesPass
    : llvm::PassInfoMixin<GenericAddressSpacesPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Makes device code reach each __managed__ variable through a pointer slot
/// that the runtime aims at the host's object, so both sides share it.
/// ForGPU: the PTX path's form (slots found by name, no registration table).
struct ManagedVariablesPass : llvm::PassInfoMixin<ManagedVariablesPass> {
  bool ForGPU;
  explicit ManagedVariablesPass(bool ForGPU = false) : ForGPU(ForGPU) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives every __shared__ variable an offset in the block's shared memory
/// and rewrites its uses relative to __tx_shared_base().
struct SharedMemoryLayoutPass : llvm::PassInfoMixin<SharedMemoryLayoutPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Marks device functions that (transitively) reach a barrier always-inline
/// so that every barrier ends up in its kernel's body.
struct InlineBarrierCalleesPass
    : llvm::PassInfoMixin<InlineBarrierCalleesPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Makes atomics on a block's shared memory plain accesses: on the CPU only
/// the OS thread running the block can reach that memory.
struct LocalizeSharedAtomicsPass
    : llvm::PassInfoMixin<LocalizeSharedAtomicsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Fully unrolls small constant-trip loops of kernels that contain a
/// barrier or a warp collective (so that their cuts are straight-line), or
/// that index a local array with their counter (so that SROA can make the
/// array scalars).
struct UnrollSmallLoopsPass : llvm::PassInfoMixin<UnrollSmallLoopsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Runs the small branch arms of a kernel that only read in-bounds static
/// shared memory unconditionally, their joins' phis becoming selects, so
/// that thread loops over them vectorise.
struct SpeculateSharedLoadsPass
    : llvm::PassInfoMixin<SpeculateSharedLoadsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Replaces a kernel's chains of warp shuffles with constant lane operands
/// (unrolled warp reductions) by one collective each, computed for a whole
/// warp as vector code.
struct FuseWarpShufflesPass : llvm::PassInfoMixin<FuseWarpShufflesPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Packs a block's consecutive independent shuffle chains into one
/// collective: one exchange, and one cut, for all of them.
struct BatchShuffleChainsPass : llvm::PassInfoMixin<BatchShuffleChainsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives each stretch of an array that a block's threads read (in[base + t]
/// and in[base + t + blockDim.x]) a thread loop of its own, by an implicit
/// barrier between them: one sequential sweep each instead of two
/// interleaved streams.
struct SplitBlockStreamsPass : llvm::PassInfoMixin<SplitBlockStreamsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Puts the thread loop inside grid-stride and uniform loops of a kernel,
/// by giving those loops implicit barriers at their header and exit.
struct ImplicitLoopBarriersPass
    : llvm::PassInfoMixin<ImplicitLoopBarriersPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// memcheck (txcc --check=memcheck): checks every access of device code
/// against the object it falls in; see tongxin/check_abi.h.
struct MemoryAccessChecksPass : llvm::PassInfoMixin<MemoryAccessChecksPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// memcheck: where a checked address is affine in the loops around it, one
/// range test before the loops makes the per-access checks dead.
struct HoistMemoryChecksPass : llvm::PassInfoMixin<HoistMemoryChecksPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Turns each kernel into a block function that runs all threads of a
/// block as loops, split into regions at barriers.
/// With SyncChecks (txcc --check=synccheck), a block whose threads wait at
/// different __syncthreads() is reported and abandoned; with RaceChecks
/// (racecheck), the block function counts its barrier intervals for the
/// runtime. GeneralVersions gives regions general versions even where the
/// block provably stays in step (tests of those versions:
/// tx-workitem-loops<general-versions>); WrappedRows gives kernels of any
/// size the wrapped row loops only large ones get otherwise
/// (tx-workitem-loops<wrapped-rows>).
struct WorkItemLoopsPass : llvm::PassInfoMixin<WorkItemLoopsPass> {
  explicit WorkItemLoopsPass(bool SyncChecks = false, bool RaceChecks = false,
                             bool GeneralVersions = false,
                             bool WrappedRows = false)
      : SyncChecks(SyncChecks), RaceChecks(RaceChecks),
        GeneralVersions(GeneralVersions), WrappedRows(WrappedRows) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  bool SyncChecks;
  bool RaceChecks;
  bool GeneralVersions;
  bool WrappedRows;
};

/// Tells the loop vectoriser the vector forms of math calls (expf, powf,
/// ...) that the runtime exports, for vectors of up to MaxBits bits (0:
/// none), so that thread loops calling them vectorise.
struct VectorMathCallsPass : llvm::PassInfoMixin<VectorMathCallsPass> {
  explicit VectorMathCallsPass(unsigned MaxBits = 512) : MaxBits(MaxBits) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  unsigned MaxBits;
};

/// racecheck (txcc --check=racecheck): every plain __shared__ access tells
/// the runtime which thread touched which bytes.
struct SharedRaceChecksPass : llvm::PassInfoMixin<SharedRaceChecksPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// initcheck (txcc --check=initcheck): every access of device memory whose
/// object is not known at compile time tells the runtime which bytes it
/// reads or writes; reads of bytes never written are reported.
struct InitChecksPass : llvm::PassInfoMixin<InitChecksPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Lowers thread-index reads and the shared-memory base in device functions
/// that were not inlined into a kernel: they read the worker's block state.
struct ThreadStateAccessPass : llvm::PassInfoMixin<ThreadStateAccessPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// A block function's attribute: how many of its instructions (when
/// WorkItemLoops made them) are copies that stand in for the optimiser's
/// own unswitching, which OptimizeLargeFunctionsForSize does not count.
inline constexpr const char *UncountedInstructionsAttr =
    "tx-uncounted-instructions";

/// The count F's UncountedInstructionsAttr names; 0 without one or for one
/// that is not a number.
uint64_t uncountedInstructions(const llvm::Function &F);

/// F's size as OptimizeLargeFunctionsForSize counts it: its instructions,
/// less those its UncountedInstructionsAttr names (general versions of
/// regions that LLVM's unswitching would have copied anyway, kept scalar
/// and rolled: without them, that copy would not count either). The count
/// is from when WorkItemLoops made the copies; should passes in between
/// shrink them, it may exceed what is left.
uint64_t sizeForOptsize(const llvm::Function &F);

/// Marks functions of more than Threshold instructions optsize: the block
/// functions of CUB's heavily unrolled agents, which -O3 would otherwise
/// double for no measurable gain (see the pass's file comment). Instructions
/// a function's UncountedInstructionsAttr names are left out of its size.
struct OptimizeLargeFunctionsForSizePass
    : llvm::PassInfoMixin<OptimizeLargeFunctionsForSizePass> {
  static constexpr unsigned DefaultThreshold = 4000;
  unsigned Threshold;
  explicit OptimizeLargeFunctionsForSizePass(
      unsigned Threshold = DefaultThreshold)
      : Threshold(Threshold) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// The metadata WorkItemLoops puts on the switch that picks a block
/// function's next region, for OutlineRegionDispatch to find the dispatch
/// loop by (the innermost loop around it).
inline constexpr const char *DispatchMetadata = "tx.dispatch";

/// What OutlineRegionDispatch appends to a block function's name to name
/// the function it moves the dispatch loop into.
inline constexpr const char *RegionsSuffix = ".regions";

/// How the names of the block functions WorkItemLoops makes begin.
inline constexpr const char *BlockFunctionPrefix = "__txblk_";

/// Whether F is a block function WorkItemLoops made (or a function
/// OutlineRegionDispatch moved one's dispatch loop or one of its regions
/// into).
bool isBlockFunction(const llvm::Function &F);

/// Which regions of a dispatch loop OutlineRegionDispatch gives functions
/// of their own (instructions): those of at least LargeRegion, and those of
/// at least SmallRegion while the loop left would be larger than
/// MaxLoopLeft.
struct OutlinedRegionSizes {
  uint64_t LargeRegion = 200;
  uint64_t SmallRegion = 64;
  uint64_t MaxLoopLeft = 4000;
};

/// Moves the dispatch loop of each block function that
/// OptimizeLargeFunctionsForSize made optsize (CUB's agents) into a
/// function of its own, after promoting the block function's allocas, and
/// the larger regions of that loop into functions of their own: code
/// generation took less time so, and SplitForParallelCodegen can spread a
/// kernel over parts (see the pass's file comment). txcc's pipeline leaves
/// it out under -G (one function per kernel to debug).
struct OutlineRegionDispatchPass
    : llvm::PassInfoMixin<OutlineRegionDispatchPass> {
  OutlinedRegionSizes Sizes;
  explicit OutlineRegionDispatchPass(OutlinedRegionSizes Sizes = {})
      : Sizes(Sizes) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Makes region functions OutlineRegionDispatch made that are the same but
/// for state numbers one function, which takes the numbers that differ as
/// arguments (see the pass's file comment).
struct MergeRegionFunctionsPass
    : llvm::PassInfoMixin<MergeRegionFunctionsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Keeps the shuffle chain bodies of at least MinInstructions instructions
/// that are called from more than one place out of line (see the pass's
/// file comment).
struct ShareShuffleChainBodiesPass
    : llvm::PassInfoMixin<ShareShuffleChainBodiesPass> {
  static constexpr unsigned MinInstructions = 100;
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives thread loops whose guards test the thread index against bounds
/// the same for the whole row a version without the guards, run for rows
/// that pass them all (see the pass's file comment).
struct UnguardedRowVersionsPass
    : llvm::PassInfoMixin<UnguardedRowVersionsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Gives every defined function "prefer-vector-width"=Bits, the width the
/// vectoriser and the X86 backend aim for in the thread loops (see the
/// pass's file comment).
struct PreferVectorWidthPass : llvm::PassInfoMixin<PreferVectorWidthPass> {
  unsigned Bits;
  explicit PreferVectorWidthPass(unsigned Bits) : Bits(Bits) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Emits the TxCpuModule table and the constructor that registers it.
struct KernelRegistrationPass : llvm::PassInfoMixin<KernelRegistrationPass> {
  std::string TuId;
  explicit KernelRegistrationPass(std::string TuId) : TuId(std::move(TuId)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Points the plain-named declarations of a file-local device variable
/// that clang 19 leaves under -rdc at its "__static__"-postfixed
/// definition.
struct JoinExternalizedStaticsPass
    : llvm::PassInfoMixin<JoinExternalizedStaticsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Prefixes device-side symbols so they cannot collide with the host
/// object's symbols of the same name (__host__ __device__ functions, the
/// host shadows of __device__ variables).
struct RenameDeviceSymbolsPass : llvm::PassInfoMixin<RenameDeviceSymbolsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// PTX path: redirects math intrinsics and C library math calls that PTX
/// cannot execute to NVIDIA libdevice's __nv_* functions.
struct LowerMathToLibdevicePass
    : llvm::PassInfoMixin<LowerMathToLibdevicePass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// PTX path: maps Tongxin's device services (assert, trap) onto CUDA's.
struct MapServicesToCUDAPass : llvm::PassInfoMixin<MapServicesToCUDAPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// PTX path, after optimisation: sitofp/uitofp of booleans become selects,
/// which LLVM 19's NVPTX backend gets wrong for combined predicates.
struct PtxBoolToFloatPass : llvm::PassInfoMixin<PtxBoolToFloatPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Makes every pass above available by name ("tx-...") to a PassBuilder.
void registerTongxinPasses(llvm::PassBuilder &PB);

/// Options of the whole CPU lowering pipeline.
struct CPUPipelineOptions {
  std::string Triple;
  std::string DataLayout;
  std::string TuId = "tu";
  /// Instrument device code for memcheck (txcc --check=memcheck).
  bool MemoryChecks = false;
  /// Report divergent barriers (txcc --check=synccheck).
  bool SyncChecks = false;
  /// Report shared-memory hazards (txcc --check=racecheck).
  bool RaceChecks = false;
  /// Report reads of device memory never written (txcc --check=initcheck).
  bool InitChecks = false;
  /// The widest vectors of the runtime's vector math functions that the
  /// target can call (128, 256, 512 bits); 0: math calls stay scalar.
  unsigned VectorMathBits = 0;
  /// The vector width (bits) the thread loops should use, given to every
  /// function as "prefer-vector-width"; 0 leaves the target's own choice.
  unsigned PreferVectorBits = 0;
  /// For a debugger (txcc -G): each kernel's code stays in one function.
  bool DeviceDebug = false;
};

/// Adds the passes txcc runs on a device module bound for a CPU.
void buildCPUPipeline(llvm::ModulePassManager &MPM, llvm::PassBuilder &PB,
                      const CPUPipelineOptions &Options);

/// Adds the passes that prepare a device module for NVPTX code generation
/// (before libdevice is linked in and the standard pipeline runs).
void buildPTXPreparation(llvm::ModulePassManager &MPM);

/// Adds the passes that run after the standard pipeline, right before
/// NVPTX code generation (work-arounds for the backend).
void buildPTXFinalization(llvm::ModulePassManager &MPM);

/// Splits the lowered module M into at most MaxParts modules for code
/// generation at once (see SplitForParallelCodegen.cpp): each defines its
/// share of the block functions, part 0 the rest of M. Returns none where
/// splitting does not pay (fewer than two block functions, fewer than
/// MinInstructions in all, or less than half that taken off the largest
/// part) or is not safe (module-level asm, aliases); M
/// itself is then still whole. TuId names the symbols made to cross parts.
std::vector<std::unique_ptr<llvm::Module>>
splitForParallelCodegen(llvm::Module &M, unsigned MaxParts,
                        llvm::StringRef TuId, uint64_t MinInstructions);

/// Replaces the fat binary clang's host pass embedded in Host (the blob
/// __cuda_fatbin_wrapper points to) with Blob (see EmbedFatBinary.cpp).
/// Host without a wrapper (a .cu file without kernels or device variables
/// registers nothing) stays as it is; false for a wrapper not laid out as
/// clang's, whose blob cannot be found.
bool replaceFatBinary(llvm::Module &Host, llvm::StringRef Blob);

/// The NVPTX target feature naming the PTX ISA version to write for M:
/// "+ptx78", or a later one where M's inline PTX needs it.
std::string ptxVersionFeature(const llvm::Module &M);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_TONGXINPASSES_H
