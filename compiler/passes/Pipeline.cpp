//===- Pipeline.cpp - The order of the CPU lowering -----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Why this order:
//  0. JoinExternalizedStatics repairs what clang leaves under -rdc (plain
//     declarations of file-local variables it later renamed) before any
//     pass looks at globals.
//  1. RetargetToCPU first, so that every later pass (and the data layout
//     queries for kernel parameters and scratch slots) sees the CPU's layout;
//     PreferVectorWidth gives the functions the thread loops' vector width.
//  2. TranslateInlinePTX turns asm statements into IR (NVVM intrinsics
//     among it), then LowerDeviceCalls, before anything inlines, so
//     unsupported instructions and intrinsics are reported once, at their
//     source line (the WMMA intrinsics wait for LowerWarpMatrix, step 5).
//  3. GenericAddressSpaces turns __device__/__constant__ memory into plain
//     globals; ManagedVariables then routes __managed__ ones to the host's
//     object, before inlining copies their uses around.
//  4. InlineBarrierCallees + the always-inliner put every barrier, most
//     thread-index reads and every __shared__ access into the kernel bodies,
//     so that LowerThreadExit can make each inline PTX `exit` a return from
//     its kernel and SharedMemoryLayout can then pack each kernel's shared
//     memory on its own (__tx_shared_base() + offset). SROA and cleanups turn
//     clang's unoptimised locals into SSA values, so that only the values
//     that really cross a barrier get scratch slots.
//  5. LocalizeSharedAtomics makes atomics on shared memory plain (only the
//     block's own OS thread reaches it), once SharedMemoryLayout has made
//     every shared access an offset from one base.
//     UnrollSmallLoops unrolls small loops around barriers and shuffles (a
//     warp or block reduction) and WMMA products, so that their cuts are
//     straight-line, and loops over local arrays, which SROA then makes
//     scalars (fragments among them). LowerWarpMatrix then lowers the WMMA
//     intrinsics: lane copies, and one warp exchange between two __syncwarp
//     for each run of independent products (a warp's 2x2 accumulator
//     tiles: two cuts, not eight).
//     SpeculateSharedLoads then runs the small branch arms that only read
//     in-bounds shared memory (`Lane < NumWarps ? Scratch[Lane] : 0`)
//     unconditionally, once the unrolled copies have constant indices.
//     FuseWarpShuffles then makes each unrolled chain of shuffles (a warp
//     reduction) one collective, computed per warp as vector code: one cut
//     instead of one per shuffle. BatchShuffleChains then packs a block's
//     consecutive independent chains (a sum and a maximum of one value)
//     into one collective: one cut for all of them.
//     SplitBlockStreams puts an implicit barrier between the reads of two
//     stretches of one array (a reduction's in[base + t] and
//     in[base + t + blockDim.x]), so that each is one sweep.
//     ImplicitLoopBarriers cuts grid-stride and uniform loops at their
//     headers and exits (on the cleaned-up IR, where loops and divergence
//     are recognisable), so that WorkItemLoops builds the block functions
//     with the thread loop innermost in them.
//     MemoryAccessChecks (txcc --check=memcheck only) then checks the
//     accesses that are left, with the barriers where they will stay;
//     HoistMemoryChecks, after WorkItemLoops, tests the whole range of an
//     affine address once before its loops (thread loops included).
//  6. ThreadStateAccess lowers what is left outside kernels.
//     OptimizeLargeFunctionsForSize then marks the few huge block functions
//     (CUB's unrolled agents) optsize, counted once the thread loops exist;
//     UnguardedRowVersions gives the other functions' thread loops guarded
//     by tests of the global index a version without them, for the rows
//     that pass them all (unmasked vector code);
//     and OutlineRegionDispatch moves the optsize functions' dispatch loops
//     into functions of their own (cheaper for clang's code generation);
//     MergeRegionFunctions then keeps one of the region functions that
//     differ only in state numbers.
//  7. KernelRegistration publishes the kernels under their CUDA names; then
//     RenameDeviceSymbols moves every device symbol out of the host's way.
//     Last, ShareShuffleChainBodies keeps large chain bodies that several
//     places call out of line (compiled once instead of inlined in each).
// The result is optimised and compiled for the target by clang afterwards
// (-O3 unless -G), which is where the thread loops get vectorised.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/IPO/Inliner.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/InstSimplifyPass.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/LCSSA.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/Mem2Reg.h"

using namespace llvm;

void tx::buildCPUPipeline(ModulePassManager &MPM, PassBuilder &PB,
                          const CPUPipelineOptions &Options) {
  (void)PB;
  MPM.addPass(JoinExternalizedStaticsPass());
  MPM.addPass(RetargetToCPUPass(Options.Triple, Options.DataLayout));
  // Before WorkItemLoops, which gives each block function its kernel's
  // width and interleaves the thread loops by it.
  if (Options.PreferVectorBits)
    MPM.addPass(PreferVectorWidthPass(Options.PreferVectorBits));
  MPM.addPass(TranslateInlinePTXPass());
  MPM.addPass(LowerDeviceCallsPass());
  MPM.addPass(GenericAddressSpacesPass());
  MPM.addPass(ManagedVariablesPass());
  MPM.addPass(CopyByValArgumentsPass());
  // Before any inlining: see VectorMathCalls.cpp.
  if (Options.VectorMathBits)
    MPM.addPass(VectorMathCallsPass(Options.VectorMathBits));
  MPM.addPass(InlineBarrierCalleesPass());
  {
    // Each function simplified before the always-inliner copies it into
    // its callers: CUB and Thrust force-inline deep stacks of small
    // functions, each argument and local in an alloca until SROA runs, and
    // copying those bodies, then cleaning up every copy, was 45% of
    // cccl_thrust_algorithms' lowering (now 23% less time in all, with the
    // same functions inlined; tests/lit/Pipeline).
    FunctionPassManager Presimplify;
    Presimplify.addPass(SROAPass(SROAOptions::ModifyCFG));
    Presimplify.addPass(EarlyCSEPass());
    MPM.addPass(createModuleToFunctionPassAdaptor(std::move(Presimplify)));
  }
  MPM.addPass(AlwaysInlinerPass());
  // Small device functions are inlined now rather than at -O3 afterwards:
  // a call in a loop the thread loop moves into (ImplicitLoopBarriers)
  // would otherwise pass its by-value arguments through per-thread scratch,
  // and a loop with a call in it is not moved at all. Each function is
  // simplified before its callers weigh it, as in clang's own pipeline:
  // unsimplified, the layers of a Thrust iterator's operator[] looked too
  // big to inline, which kept CUB's tile loops outside the thread loop.
  ModuleInlinerWrapperPass Inliner(getInlineParams(2, 0));
  FunctionPassManager SimplifyCallee;
  SimplifyCallee.addPass(SROAPass(SROAOptions::ModifyCFG));
  SimplifyCallee.addPass(EarlyCSEPass());
  SimplifyCallee.addPass(InstCombinePass());
  Inliner.getPM().addPass(
      createCGSCCToFunctionPassAdaptor(std::move(SimplifyCallee)));
  MPM.addPass(std::move(Inliner));
  // Calls the inliner's simplification made direct (CuTe passes each MMA
  // and copy atom's function by pointer to cute::explode) are inlined now
  // when InlineBarrierCallees asked for it: the barriers and warp products
  // in them must reach their kernels.
  MPM.addPass(AlwaysInlinerPass());
  MPM.addPass(LowerThreadExitPass());
  MPM.addPass(SharedMemoryLayoutPass());
  // Before the cleanup, which simplifies the twins' block geometry; never
  // with checks, which report blocks by the runtime's index, nor for the
  // debugger (-G), which would find most blocks in a twin it does not know.
  if (!Options.MemoryChecks && !Options.RaceChecks && !Options.InitChecks &&
      !Options.SyncChecks && !Options.DeviceDebug)
    MPM.addPass(MergeBlocksPass());

  FunctionPassManager Cleanup;
  Cleanup.addPass(SROAPass(SROAOptions::ModifyCFG));
  Cleanup.addPass(EarlyCSEPass());
  Cleanup.addPass(InstCombinePass());
  Cleanup.addPass(SimplifyCFGPass());
  // Preheaders and dedicated exits, which ImplicitLoopBarriers needs (a
  // grid-stride loop often exits straight into the next loop's header).
  Cleanup.addPass(LoopSimplifyPass());
  MPM.addPass(createModuleToFunctionPassAdaptor(std::move(Cleanup)));

  MPM.addPass(LocalizeSharedAtomicsPass());
  MPM.addPass(UnrollSmallLoopsPass());
  {
    // Local arrays indexed by constants now become scalars. (Not EarlyCSE
    // as well: sharing expressions between the copies of an unrolled loop
    // of barriers makes them cross cuts; a Blelloch scan got 30% slower.)
    // InstSimplify folds what the copies now know as constants (a value
    // carried from one unrolled loop into the next), which would otherwise
    // cross every cut of the second loop through per-thread scratch.
    FunctionPassManager Promote;
    Promote.addPass(SROAPass(SROAOptions::ModifyCFG));
    Promote.addPass(InstSimplifyPass());
    Promote.addPass(LoopSimplifyPass());
    MPM.addPass(createModuleToFunctionPassAdaptor(std::move(Promote)));
  }
  MPM.addPass(LowerWarpMatrixPass());
  // The lane registers LowerWarpMatrix spills to copy them become values.
  MPM.addPass(
      createModuleToFunctionPassAdaptor(SROAPass(SROAOptions::ModifyCFG)));
  // Under racecheck, no speculated shared loads (they would read for
  // threads that do not) and no cuts of the compiler's own (each would end
  // a barrier interval the program does not have, hiding its hazards).
  if (!Options.RaceChecks)
    MPM.addPass(SpeculateSharedLoadsPass());
  MPM.addPass(FuseWarpShufflesPass());
  MPM.addPass(BatchShuffleChainsPass());
  if (!Options.RaceChecks) {
    MPM.addPass(SplitBlockStreamsPass());
    MPM.addPass(ImplicitLoopBarriersPass());
  }
  if (Options.MemoryChecks)
    MPM.addPass(MemoryAccessChecksPass());
  if (Options.RaceChecks)
    MPM.addPass(SharedRaceChecksPass());
  if (Options.InitChecks)
    MPM.addPass(InitChecksPass());
  MPM.addPass(WorkItemLoopsPass(Options.SyncChecks, Options.RaceChecks));
  MPM.addPass(ThreadStateAccessPass());
  if (Options.MemoryChecks) {
    // Preheaders for the range tests (the thread loops have none yet), and
    // LCSSA, so that a loop's twin only adds incoming values to exit phis.
    FunctionPassManager LoopForm;
    LoopForm.addPass(LoopSimplifyPass());
    LoopForm.addPass(LCSSAPass());
    MPM.addPass(createModuleToFunctionPassAdaptor(std::move(LoopForm)));
    MPM.addPass(HoistMemoryChecksPass());
  }
  MPM.addPass(OptimizeLargeFunctionsForSizePass());
  MPM.addPass(UnguardedRowVersionsPass());
  // Under -G the debugger finds each kernel's code in one function.
  if (!Options.DeviceDebug) {
    MPM.addPass(OutlineRegionDispatchPass());
    MPM.addPass(MergeRegionFunctionsPass());
  }
  MPM.addPass(KernelRegistrationPass(Options.TuId));
  MPM.addPass(RenameDeviceSymbolsPass());
  MPM.addPass(GlobalDCEPass());
  MPM.addPass(ShareShuffleChainBodiesPass());
}

// The PTX path keeps the NVPTX IR as it is (it is already GPU code); it only
// routes __managed__ variables to the host's object and swaps the
// CPU-oriented math and services for their CUDA counterparts.
// tx-opt then links libdevice, runs the NVPTX target's O3 pipeline (which
// includes NVVMReflect) and emits PTX.
void tx::buildPTXPreparation(ModulePassManager &MPM) {
  MPM.addPass(JoinExternalizedStaticsPass());
  MPM.addPass(ManagedVariablesPass(/*ForGPU=*/true));
  MPM.addPass(MapServicesToCUDAPass());
  MPM.addPass(LowerMathToLibdevicePass());
}

void tx::buildPTXFinalization(ModulePassManager &MPM) {
  MPM.addPass(PtxBoolToFloatPass());
}
