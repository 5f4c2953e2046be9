//===- PassRegistry.cpp - Tongxin passes by name --------------------------===//
//
// Part of Tongxin. The one place that maps pass names ("tx-...") to passes,
// so that tx-opt -passes=... and lit tests can run each pass alone.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

/// Parses "name<arg>" and returns arg, or an empty string without brackets.
static bool matchWithArgument(StringRef Text, StringRef Name,
                              std::string &Arg) {
  if (Text == Name) {
    Arg.clear();
    return true;
  }
  if (!Text.consume_front(Name) || !Text.consume_front("<") ||
      !Text.consume_back(">"))
    return false;
  Arg = Text.str();
  return true;
}

void tx::registerTongxinPasses(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        std::string Arg;
        if (Name == "tx-translate-inline-ptx")
          MPM.addPass(TranslateInlinePTXPass());
        else if (Name == "tx-lower-warp-matrix")
          MPM.addPass(LowerWarpMatrixPass());
        else if (Name == "tx-copy-byval-args")
          MPM.addPass(CopyByValArgumentsPass());
        else if (Name == "tx-lower-thread-exit")
          MPM.addPass(LowerThreadExitPass());
        else if (Name == "tx-lower-device-calls")
          MPM.addPass(LowerDeviceCallsPass());
        else if (Name == "tx-generic-addrspace")
          MPM.addPass(GenericAddressSpacesPass());
        else if (Name == "tx-managed-vars")
          MPM.addPass(ManagedVariablesPass());
        else if (Name == "tx-managed-vars-gpu")
          MPM.addPass(ManagedVariablesPass(/*ForGPU=*/true));
        else if (Name == "tx-shared-layout")
          MPM.addPass(SharedMemoryLayoutPass());
        else if (Name == "tx-inline-barriers")
          MPM.addPass(InlineBarrierCalleesPass());
        else if (Name == "tx-localize-shared-atomics")
          MPM.addPass(LocalizeSharedAtomicsPass());
        else if (Name == "tx-unroll-small-loops")
          MPM.addPass(UnrollSmallLoopsPass());
        else if (Name == "tx-speculate-shared-loads")
          MPM.addPass(SpeculateSharedLoadsPass());
        else if (matchWithArgument(Name, "tx-vector-math-calls", Arg)) {
          unsigned Bits = 512;
          if (!Arg.empty() && StringRef(Arg).getAsInteger(10, Bits))
            return false;
          MPM.addPass(VectorMathCallsPass(Bits));
        } else if (Name == "tx-fuse-warp-shuffles")
          MPM.addPass(FuseWarpShufflesPass());
        else if (Name == "tx-batch-shuffle-chains")
          MPM.addPass(BatchShuffleChainsPass());
        else if (Name == "tx-merge-blocks")
          MPM.addPass(MergeBlocksPass());
        else if (Name == "tx-split-block-streams")
          MPM.addPass(SplitBlockStreamsPass());
        else if (Name == "tx-implicit-loop-barriers")
          MPM.addPass(ImplicitLoopBarriersPass());
        else if (Name == "tx-memcheck")
          MPM.addPass(MemoryAccessChecksPass());
        else if (Name == "tx-hoist-memchecks")
          MPM.addPass(HoistMemoryChecksPass());
        else if (Name == "tx-workitem-loops")
          MPM.addPass(WorkItemLoopsPass());
        else if (Name == "tx-workitem-loops<general-versions>")
          MPM.addPass(WorkItemLoopsPass(/*SyncChecks=*/false,
                                        /*RaceChecks=*/false,
                                        /*GeneralVersions=*/true));
        else if (Name == "tx-workitem-loops<wrapped-rows>")
          MPM.addPass(WorkItemLoopsPass(/*SyncChecks=*/false,
                                        /*RaceChecks=*/false,
                                        /*GeneralVersions=*/false,
                                        /*WrappedRows=*/true));
        else if (Name == "tx-workitem-loops<synccheck>")
          MPM.addPass(WorkItemLoopsPass(/*SyncChecks=*/true));
        else if (Name == "tx-workitem-loops<racecheck>")
          MPM.addPass(WorkItemLoopsPass(/*SyncChecks=*/false,
                                        /*RaceChecks=*/true));
        else if (Name == "tx-racecheck")
          MPM.addPass(SharedRaceChecksPass());
        else if (Name == "tx-initcheck")
          MPM.addPass(InitChecksPass());
        else if (Name == "tx-thread-state")
          MPM.addPass(ThreadStateAccessPass());
        else if (Name == "tx-libdevice-math")
          MPM.addPass(LowerMathToLibdevicePass());
        else if (Name == "tx-map-services-cuda")
          MPM.addPass(MapServicesToCUDAPass());
        else if (Name == "tx-ptx-bool-to-float")
          MPM.addPass(PtxBoolToFloatPass());
        else if (Name == "tx-join-externalized-statics")
          MPM.addPass(JoinExternalizedStaticsPass());
        else if (Name == "tx-merge-region-functions")
          MPM.addPass(MergeRegionFunctionsPass());
        else if (Name == "tx-share-chain-bodies")
          MPM.addPass(ShareShuffleChainBodiesPass());
        else if (Name == "tx-unguarded-rows")
          MPM.addPass(UnguardedRowVersionsPass());
        else if (Name == "tx-rename-symbols")
          MPM.addPass(RenameDeviceSymbolsPass());
        else if (matchWithArgument(Name, "tx-optsize-large-functions", Arg)) {
          unsigned Threshold =
              OptimizeLargeFunctionsForSizePass::DefaultThreshold;
          if (!Arg.empty() && StringRef(Arg).getAsInteger(10, Threshold))
            return false;
          MPM.addPass(OptimizeLargeFunctionsForSizePass(Threshold));
        } else if (matchWithArgument(Name, "tx-outline-region-dispatch", Arg)) {
          // <large;small;max-left>: the region sizes, for tests.
          OutlinedRegionSizes Sizes;
          if (!Arg.empty()) {
            SmallVector<StringRef, 3> Fields;
            StringRef(Arg).split(Fields, ';');
            if (Fields.size() != 3 ||
                Fields[0].getAsInteger(10, Sizes.LargeRegion) ||
                Fields[1].getAsInteger(10, Sizes.SmallRegion) ||
                Fields[2].getAsInteger(10, Sizes.MaxLoopLeft))
              return false;
          }
          MPM.addPass(OutlineRegionDispatchPass(Sizes));
        } else if (matchWithArgument(Name, "tx-prefer-vector-width", Arg)) {
          unsigned Bits = 0;
          if (StringRef(Arg).getAsInteger(10, Bits) || Bits == 0)
            return false;
          MPM.addPass(PreferVectorWidthPass(Bits));
        } else if (matchWithArgument(Name, "tx-register-kernels", Arg))
          MPM.addPass(KernelRegistrationPass(Arg.empty() ? "tu" : Arg));
        else if (matchWithArgument(Name, "tx-retarget", Arg))
          // Data layout left empty: the test supplies a triple only.
          MPM.addPass(
              RetargetToCPUPass(Arg.empty() ? "x86_64-pc-linux-gnu" : Arg, ""));
        else
          return false;
        return true;
      });
}
