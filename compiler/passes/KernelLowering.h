//===- KernelLowering.h - WorkItemLoops' per-kernel state -------*- C++ -*-===//
//
// Part of Tongxin. The pass WorkItemLoops (WorkItemLoops.cpp) lowers each
// kernel with one KernelLowering, whose work is split by job:
//  * WorkItemLoops.cpp: the block function's entry, scratch layout, alias
//    scopes, the registration record and the pass itself;
//  * BarrierCuts.cpp: cutting the kernel at its barriers and deciding what
//    crosses a cut (scratch slots, recomputed and uniform values);
//  * RegionEmission.cpp: one loop nest over the block's threads per region,
//    and the lowering of thread-index reads and barrier placeholders in it;
//  * WarpTiling.cpp: a region's x loop tiled by warps where it computes
//    lanes or warps of the thread index, and narrowed to a lane guard;
//  * RegionOutcome.cpp: how a region records where its threads go next
//    (per thread, or once when the block is in step), and which threads it
//    need not run (index-set narrowing);
//  * UniformCells.cpp: block-uniform values that cross a cut, kept in one
//    cell while the block runs in step;
//  * FixedWidthBlocks.cpp: a second block function for the block width (and
//    rows) the kernel's launches use (LaunchWidths.h), which the general one
//    calls.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_KERNELLOWERING_H
#define TONGXIN_COMPILER_PASSES_KERNELLOWERING_H

#include "DeviceIR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace tx {
namespace workitems {

using namespace llvm;

/// The state of a thread that has returned: larger than any region number,
/// so it never wins the "smallest state" vote.
inline constexpr uint32_t ExitState = 0x7fffffffu;

using tx::isThreadIndexRead;
inline constexpr const char *ArriveName = tx::BarrierArriveName;
inline constexpr const char *ResultName = tx::BarrierResultName;
inline constexpr const char *WarpArriveName = tx::WarpArriveName;

/// __syncthreads_count/_and/_or also combine a predicate over the block.
inline bool isReduction(tx::BarrierKind Kind) {
  return Kind == tx::BarrierKind::Count || Kind == tx::BarrierKind::And ||
         Kind == tx::BarrierKind::Or;
}

/// One barrier of the kernel after splitting: Block holds only the barrier
/// call and a branch to Continuation.
struct BarrierSite {
  BasicBlock *Block;
  BasicBlock *Continuation;
  tx::BarrierKind Kind;
  /// The warp collective after a Warp cut (in the kernel, not a region's
  /// clone of it).
  CallInst *Collective = nullptr;
};

/// Per-thread storage for one alloca in a kernel with barriers.
struct ScratchSlot {
  uint64_t Offset; ///< Per-thread offset; the slot's array starts at
                   ///< Offset * ThreadsPerBlock.
  uint64_t Stride;
};

/// How a region accesses one uniform slot (see UniformCells.cpp).
struct UniformSlotUse {
  unsigned Idx;      ///< The slot's index in Allocas and Slots.
  Value *ThreadSlot; ///< The running thread's slot, in the region.
  bool Accessed = false;
  /// In step, the region can keep the slot in its cell.
  bool InCell = true;
  /// Loads that read the value the slot had at the region's entry.
  SmallVector<LoadInst *, 2> EntryReads;
  /// That value when the block is in step, read before the loops.
  Value *OnEntry = nullptr;
};

/// Values of the block function that every region may use.
struct BlockValues {
  Value *Ctx;
  Value *BlockDim[3];
  Value *BlockIdx[3];
  Value *GridDim[3];
  Value *SharedBase;
  Value *Scratch;
  Value *ThreadsPerBlock; ///< i64
  AllocaInst *Next;       ///< Smallest state seen in the running region.
  AllocaInst *Last;       ///< Largest state seen in the running region.
  AllocaInst *InStep;     ///< i1: every thread is at the running region's
                          ///< entry, so no thread needs to be skipped.
  /// With live-range tracking (a kernel where some threads may return while
  /// others go on to a barrier): the smallest and largest linear index of a
  /// thread that has not returned, and how many have not.
  AllocaInst *LiveLo = nullptr, *LiveHi = nullptr, *LiveCount = nullptr;
  /// The x range the next region's loops run: the live threads when they
  /// are in step and the block is one-dimensional, else [0, blockDim.x).
  AllocaInst *RangeLo = nullptr, *RangeEnd = nullptr;
  Value *Is1D = nullptr; ///< i1: blockDim.y * blockDim.z == 1.
  /// i1: the block is whole warps, and threadIdx.x % 32 is the lane (see
  /// findDivergentValues); only with LaneUniformSlots.
  Value *AlignedWarps = nullptr;
  Value *StateBase; ///< i32 per thread; only with barriers.
  SmallVector<Value *, 4> SlotBases;
  SmallVector<AllocaInst *, 4> Reductions; ///< Per barrier, or null.
  SmallVector<AllocaInst *, 4> Results;    ///< Per barrier, or null.
  /// Block spans: one past the last block along x this call runs, and the
  /// running region's block index along x (its loop's counter).
  Value *SpanEndX = nullptr;
  Value *SpanBlockX = nullptr;
  /// A lane slot per thread, for collectives: one array per lane width
  /// (KernelLowering::ExchangeWidths).
  SmallVector<Value *, 3> Exchanges;
  Value *Snapshot = nullptr;  ///< The exchange as it was at the current cut.
  Value *WarpMasks = nullptr; ///< i32 per warp: lanes at the current cut.
};

/// Why a region's loop nest has an in-step and a general version
/// (KernelLowering::versionOnStep), if it has.
enum class StepVersions {
  None,
  /// For what the in-step version gains by itself: uniform values read
  /// once, rows of whole warps or a divisor tiling, a select on the step.
  ForUniformValues,
  /// In place of the optimiser's unswitching, with a scalar general copy.
  InsteadOfUnswitching,
};

/// The instructions of a region's clone that compute a lane (I & 31,
/// I % 32) or a warp (I >> 5, I / 32) of a thread index I, as
/// collectLaneAndWarpUses finds them.
struct LaneIndexUses {
  /// Of the index the x loop is tiled by: X, or X + RowOffset. WarpBases
  /// compute the warp's first index (I & -32).
  SmallVector<Instruction *, 4> Lanes, Warps, WarpBases;
  Value *RowOffset = nullptr; ///< Null: the loop is tiled by X itself.
  /// Of the linear index X + Row in a loop tiled by X: they agree with X's
  /// where RegionAligned holds.
  SmallVector<Instruction *, 4> LinearLanes, LinearWarps, LinearWarpBases;
  Value *Row = nullptr;
};

/// A region's opening test on the lane of threadIdx.x or of the linear
/// thread index (`%laneid`): `(x & 31) < Lanes`
/// (`== 0` is Lanes = 1), possibly written with the branches swapped, where
/// the threads that fail only leave the region, without effects. The bound
/// is a constant below 32, or a value the same in every thread (the rounds
/// of a warp-stride loop, GridStrideGuards: `lane < n - i`), compared
/// unsigned; the caller computes that one before the loops.
struct LaneGuard {
  ICmpInst *Cmp = nullptr;
  unsigned Lanes = 0;        ///< The constant bound; 0: Cmp's is not one.
  Value *LanesEnd = nullptr; ///< min(bound, 32) before the loops, i32.
  bool PassOnTrue = true;    ///< The threads that pass take the true edge.
};
/// A region's x loop tiled by a power-of-two divisor (DivisorTiling.cpp):
/// Index (X, or X + Row) is divided by 2^Shift or larger powers of two.
struct DivisorTiling {
  Value *Index = nullptr;
  Value *Row = nullptr; ///< Computed before the loops; null: Index is X.
  unsigned Shift = 0;
  /// The divisions (quotients and remainders) and their divisors' log2.
  SmallVector<std::pair<Instruction *, unsigned>, 4> Quotients, Remainders;
};

/// V, or a value computed from it by a few casts and arithmetic, indexes
/// memory or is compared: what the vectoriser cannot handle well for an
/// index that is not affine in the thread loop.
bool feedsAddressOrTest(const Value *V, unsigned Depth = 0);

/// The latches of a loop over X (its header X's block) nested in a loop
/// over Outer, each running its first iteration before it tests: X up to
/// EndX, then Outer up to EndOuter, then on to Exit.
void emitNestedLatches(PHINode *X, BasicBlock *LatchX, Value *EndX,
                       PHINode *Outer, BasicBlock *LatchOuter, Value *EndOuter,
                       BasicBlock *Exit);

LaneGuard laneGuardOf(BasicBlock *Entry,
                      const DenseSet<BasicBlock *> &InRegion);

/// The states a region's threads leave with when its opening guard on
/// threadIdx.x chooses the way out (see guardedExits).
struct GuardedExits {
  uint32_t Pass; ///< Of the threads that pass the guard.
  uint32_t Fail; ///< Of those that fail it (they leave without effects).
};
std::optional<GuardedExits> guardedExits(BasicBlock *Entry,
                                         const DenseSet<BasicBlock *> &InRegion,
                                         ArrayRef<BarrierSite> Barriers);

/// A kernel's merged twin (MergeBlocks.cpp), lowered: what the block
/// function recorded for the kernel needs to run spans of blocks through it.
struct MergedSpans {
  Function *TwinBlock;       ///< The twin's block function.
  unsigned Blocks;           ///< The kernel's blocks one twin block runs.
  unsigned Width;            ///< Their width (blockDim.x),
  unsigned Rows, Layers;     ///< rows and layers.
  uint64_t ScratchPerThread; ///< The twin's, per thread of a merged block.
  uint32_t Flags;            ///< The twin's TX_KERNEL_* flags.
};

class KernelLowering {
public:
  KernelLowering(Function &Kernel, bool SyncChecks = false,
                 bool RaceChecks = false)
      : Kernel(Kernel), M(*Kernel.getParent()), C(Kernel.getContext()),
        DL(M.getDataLayout()), SyncChecks(SyncChecks), RaceChecks(RaceChecks) {}

  /// Returns the block function, or null after reporting an error.
  Function *run();

  /// Lowers for blocks Width threads wide only (blockDim.x a constant): a
  /// version of the block function that the general one calls, so not
  /// recorded for registration.
  void setFixedWidth(unsigned Width) { FixedWidth = Width; }
  /// With setFixedWidth: blockDim.y and .z constants too.
  void setFixedRows(unsigned Y, unsigned Z) {
    FixedRows[0] = Y;
    FixedRows[1] = Z;
  }
  /// Regions get general versions even where the block stays in step.
  void keepGeneralVersions() { GeneralVersions = true; }
  bool keepsGeneralVersions() const { return GeneralVersions; }
  /// Kernels of any size get wrapped rows where they qualify (see
  /// WrapsRows), not only large ones.
  void wrapRowsAtAnySize() { RowsWrapAtAnySize = true; }
  bool wrapsRowsAtAnySize() const { return RowsWrapAtAnySize; }
  /// What the runtime is told about the block function: the scratch bytes
  /// per thread and the TX_KERNEL_* flags.
  std::pair<uint64_t, uint32_t> runtimeContract() const;
  /// Lowers a merged twin: its block function is only called from its
  /// kernel's (see MergedSpans), so it is not recorded for registration.
  void setTwin() { IsTwin = true; }
  /// The kernel's block function is recorded as one that runs spans of
  /// blocks through Twin where it can (see emitMergedSpans).
  void setMergedSpans(const MergedSpans &Twin) { Merged = Twin; }

private:
  Function &Kernel;
  Module &M;
  LLVMContext &C;
  const DataLayout &DL;

  Function *Block = nullptr;
  /// See setFixedWidth; 0 for the general block function.
  unsigned FixedWidth = 0;
  /// See setFixedRows; 0s where blockDim.y and .z are read at run time.
  unsigned FixedRows[2] = {0, 0};
  /// See keepGeneralVersions.
  bool GeneralVersions = false;
  /// See wrapRowsAtAnySize.
  bool RowsWrapAtAnySize = false;
  /// See setTwin and setMergedSpans.
  bool IsTwin = false;
  std::optional<MergedSpans> Merged;
  SmallVector<BarrierSite, 4> Barriers;
  /// synccheck: report threads that wait at different __syncthreads().
  bool SyncChecks;
  /// racecheck: call __tx_racecheck_interval() where an interval begins.
  bool RaceChecks;
  /// Per barrier (as Barriers): a __syncthreads() of the program (not a
  /// warp collective, __syncwarp or an implicit cut), and its position.
  SmallVector<std::pair<bool, DebugLoc>, 4> BarrierSources;
  SmallVector<AllocaInst *, 8> Allocas;
  SmallVector<ScratchSlot, 8> Slots;
  uint64_t ScratchPerThread = 0;
  /// The lane slot bytes of the kernel's warp collectives that need at most
  /// 64 bits: the widest of theirs (laneSlotBytes). Each of its own width,
  /// a kernel's 32-bit shuffles beside a vote or a 64-bit chain vectorised
  /// their thread loops twice as wide (cg_tiled_partition: 13-20% more code
  /// generation; no benchmark has such a kernel to show a gain).
  unsigned SharedLaneBytes = 4;
  /// The lane slot bytes of the warp collective I: 16 for a shuffle chain
  /// that publishes or returns more than 64 bits, else SharedLaneBytes. (A
  /// wide chain made every shuffle and vote of its kernel exchange 128-bit
  /// lanes, which x86 splits into scalars: CUB's reductions.)
  unsigned laneBytesOf(const Instruction &I) const;
  /// The lane slot widths of the kernel's warp collectives (laneBytesOf),
  /// ascending: each has an exchange array of its own (BV.Exchanges).
  SmallVector<unsigned, 3> ExchangeWidths;
  /// The exchange array of lane slots of Bytes (one of ExchangeWidths).
  Value *exchangeFor(unsigned Bytes) const;
  DenseMap<Value *, Value *> UniformMap; ///< Arguments -> loaded values.
  BlockValues BV;

  bool hasBarriers() const { return !Barriers.empty(); }
  /// Whether the block function runs a span of blocks per call (see
  /// TX_KERNEL_RUNS_BLOCK_SPANS): blockIdx.x is then a loop counter of the
  /// block function, between the y and x thread loops.
  bool RunsBlockSpans = false;

public:
  /// Whether the kernel is one to run block spans of its own (see
  /// TX_KERNEL_RUNS_BLOCK_SPANS): rows of a 2-D tile interleaved.
  bool canRunBlockSpans() const;

private:
  /// Whether the kernel reads threadIdx.y or threadIdx.z other than in
  /// `(threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x`, the row part
  /// of its linear thread rank.
  bool readsRowIndex() const;
  /// Whether a region's rows of threads (its y and z) are one loop whose
  /// counters wrap, rather than a y loop in a z loop (see emitRowLatch): in
  /// a kernel that does not read its row index, if it is large or
  /// wrapRowsAtAnySize says so.
  bool WrapsRows = false;
  bool hasWarpCollectives() const {
    return any_of(Barriers, [](const BarrierSite &Site) {
      return Site.Kind == tx::BarrierKind::Warp;
    });
  }
  void recordState(IRBuilder<> &B, Value *State, Value *Linear);
  bool mayReturnBeforeBarrier();
  void emitSyncCheck(IRBuilder<> &D, Value *Next, Value *Last);
  void emitRaceInterval(IRBuilder<> &B);
  Value *keepOutOfStepUnlessAligned(IRBuilder<> &D, Value *InStep, Value *Next);
  void emitDispatch(IRBuilder<> &D, BasicBlock *Done,
                    ArrayRef<BasicBlock *> Preheaders);
  void linkRegionsInStep(ArrayRef<BasicBlock *> Exits,
                         ArrayRef<BasicBlock *> Preheaders, BasicBlock *Done);
  BasicBlock *lostStep();
  SmallSetVector<Instruction *, 16> Uniform; ///< Hoisted to the block entry.
  /// Slots made for demoted SSA values: only ever accessed directly, so they
  /// can be given alias scopes of their own.
  SmallPtrSet<AllocaInst *, 16> DemotedSlots;
  /// Demoted values that every thread computes identically.
  SmallPtrSet<AllocaInst *, 16> UniformSlots;
  /// Those of UniformSlots that are uniform only in blocks of full warps
  /// whose lanes line up (BlockValues::AlignedWarps): a block reduction's
  /// result. Region 0 keeps them per thread, and the threads count as in
  /// step only in such blocks (always, in a fixed width of whole warps).
  SmallPtrSet<AllocaInst *, 4> LaneUniformSlots;

  /// The access group of the program's own accesses to memory that threads
  /// share (tagThreadParallelAccesses); null where a thread loop cannot be
  /// declared free of dependences between threads.
  MDNode *ThreadParallelAccesses = nullptr;

  bool diagnose(const Instruction *At, const Twine &Message);
  void tagThreadParallelAccesses();
  void dropTypeAliasingAcrossCuts();
  bool onlyParallelAccesses(ArrayRef<BasicBlock *> Blocks) const;
  bool rowFillsOneRound() const;
  /// The fixed block width is whole warps: a block in step has every lane
  /// of every warp at a collective's cut.
  bool warpsAlwaysWhole() const { return FixedWidth && FixedWidth % 32 == 0; }
  bool markThreadLoopParallel(BasicBlock *Latch, ArrayRef<BasicBlock *> Body);
  void tagOwnSlotAccesses(ArrayRef<BasicBlock *> Blocks,
                          const SmallPtrSetImpl<Value *> &OwnSlots);
  void rematerialiseThreadIndex();
  bool isThreadPure(Value *V, unsigned Depth = 0) const;
  void rematerialiseAcrossBlocks(Instruction *I);
  void addSlotAliasScopes();
  /// Per uniform slot (by index; null for the others): i1, set while the
  /// block runs in step with the slot's value in its cell, thread 0's slot,
  /// and the other threads' slots stale.
  SmallVector<AllocaInst *, 8> CellCurrent;
  void createCellFlags(IRBuilder<> &B);
  SmallVector<UniformSlotUse, 4> uniformSlotUses(ArrayRef<BasicBlock *> Clones,
                                                 ValueToValueMapTy &VMap,
                                                 BasicBlock *Body);
  Value *cellOnEntry(IRBuilder<> &Pre, unsigned Idx);
  void readUniformSlotsOnce(SmallVectorImpl<UniformSlotUse> &Uses,
                            IRBuilder<> &Pre, Value *InStep);
  void keepSlotsInCells(ArrayRef<UniformSlotUse> Uses, IRBuilder<> *FlagsAt);
  void spreadCell(IRBuilder<> &B, unsigned Idx);
  BasicBlock *enterCellsInStep(ArrayRef<UniformSlotUse> Uses,
                               BasicBlock *Entered, BasicBlock *InStepHead);
  std::pair<BasicBlock *, BasicBlock *>
  enterCells(ArrayRef<UniformSlotUse> Uses, BasicBlock *Entered,
             BasicBlock *InStepHead, BasicBlock *GeneralHead);
  void hoistUniformValues();
  Value *blockValueFor(const Instruction &I) const;
  void splitAtBarriers();
  void emitWarpArrivals(IRBuilder<> &B, unsigned Region, Value *InStep);
  Value *narrowToGuard(BasicBlock *Entry,
                       const DenseSet<BasicBlock *> &InRegion,
                       ValueToValueMapTy &VMap, BasicBlock *Pre, Value *FirstX,
                       Value *EndX, Value *InStep, Value *Require = nullptr,
                       Value **ExactOut = nullptr);
  /// SafeOnly: nothing that may trap (a division) is computed there, for
  /// values used when the threads are not in step too.
  Value *valueBeforeLoops(Value *V, BasicBlock *Pre, Value *InStep,
                          IRBuilder<> &B, unsigned Depth = 0,
                          bool SafeOnly = false);
  /// A row a grid-stride round asked to have prefetched (RowPrefetches.cpp):
  /// min(blockDim.x, Elements) elements from Base[Index], computed before
  /// the loops.
  struct RowPrefetch {
    Value *Base;
    Value *Index;    ///< i64, in elements.
    Value *Elements; ///< i64: how many the loop reaches from Index.
    uint64_t ElementBytes;
    bool IsWrite;
    uint32_t Locality; ///< llvm.prefetch's: a tx::PrefetchLevel.
  };
  SmallVector<RowPrefetch, 2> takeRowPrefetches(ArrayRef<BasicBlock *> Clones,
                                                BasicBlock *Body,
                                                BasicBlock *Pre, Value *InStep);
  void emitRowPrefetches(BasicBlock *Pre, ArrayRef<RowPrefetch> Rows,
                         const Twine &Tag);
  bool isRegionUniform(Value *V, const DenseSet<BasicBlock *> &InRegion,
                       unsigned Depth = 0) const;
  bool leaveTogether(ArrayRef<BasicBlock *> Blocks,
                     const DenseSet<BasicBlock *> &InRegion);
  void recordCommonState(IRBuilder<> &B, Value *State);
  void refreshStatesInStep(IRBuilder<> &B, unsigned Region, Value *InStep);
  void storeStates(IRBuilder<> &B, Value *Cond, Value *First, Value *End,
                   Value *State, const Twine &Name, const Twine &DoneName);
  void emitGuardedOutcome(IRBuilder<> &B, GuardedExits Exits, Value *First,
                          Value *Split, Value *End, Value *Exact);
  void emitOutcomeInit(IRBuilder<> &B, std::optional<uint32_t> OnlyExit,
                       Value *InStep);
  /// Whether every lane of every warp arrived at the cut the region being
  /// emitted starts at (null where that is not a warp collective's cut).
  Value *RegionAllArrived = nullptr;
  /// Where the region mixes lanes of threadIdx.x and of the linear index
  /// (see mixesLaneIndices): whether blockDim.x is a multiple of 32, so that
  /// the two agree. Null elsewhere.
  Value *RegionAligned = nullptr;
  /// What the region's in-step version is compiled for: RegionAllArrived,
  /// else the threads in step (and RegionAligned, where there is one).
  Value *RegionExact = nullptr;
  /// The region's x loop is tiled by a divisor of Row + x where this holds
  /// (DivisorTiling.cpp): only its in-step version, entered where it does.
  Value *RegionTileOk = nullptr;
  /// The region's guard `if (Lead + threadIdx.x < U)` is narrowed to a
  /// range of the row where this holds (in step, and the row's sums do not
  /// wrap; see narrowToGuard): the test then leaves the body. Null
  /// elsewhere.
  Value *RegionNarrowExact = nullptr;
  /// Rows the region does not narrow exactly are rare (sums that wrap), not
  /// every row of a block that is not one-dimensional.
  bool RegionNarrowInexactRare = false;
  /// Some threads may return while others go on to a barrier.
  bool TracksLiveRange = false;
  /// The kernel spins on other blocks' writes (TX_KERNEL_WAITS_FOR_BLOCKS).
  bool WaitsForOtherBlocks = false;
  /// The linear index (i64) of the first thread the region being emitted
  /// runs, and one past the last (the live range, or the whole block).
  Value *RegionFirst = nullptr, *RegionEnd = nullptr;
  void demoteValuesLiveAcrossBarriers();
  void packVectorLanePhis();
  void packPhis(BasicBlock &BB, ArrayRef<BasicBlock *> Preds,
                ArrayRef<Value *> Vectors,
                ArrayRef<std::pair<PHINode *, unsigned>> Members);
  DenseMap<PHINode *, Instruction *> findSlotSharingCarriedValues(
      const SmallSetVector<Instruction *, 16> &ToDemote,
      DenseMap<BasicBlock *, SmallSetVector<Instruction *, 16>> &LiveIn);
  void storeWhereComputed(Instruction *Next, AllocaInst *Slot);
  bool collectAllocas();
  void layoutScratch();
  void createBlockFunction();
  void emitEntry(IRBuilder<> &B);
  SmallVector<BasicBlock *, 16> regionBlocks(BasicBlock *Entry) const;
  BasicBlock *emitRegion(unsigned Region, BasicBlock *Dispatch);
  void emitRowLatch(BasicBlock *LatchY, PHINode *Y, PHINode *Z,
                    BasicBlock *HeadY, BasicBlock *Done);
  bool collectLaneAndWarpUses(PHINode *X, const Value *Y, const Value *Z,
                              LaneIndexUses &Uses) const;
  std::optional<DivisorTiling> findDivisorTiling(PHINode *X, BasicBlock *Pre,
                                                 Value *InStep,
                                                 bool RowAllowed);
  void tileByDivisor(PHINode *X, BasicBlock *Pre, BasicBlock *HeadRow,
                     BasicBlock *LatchX, BasicBlock *LatchRow, Value *FirstX,
                     Value *EndX, const DivisorTiling &Tiling);
  void tileByWarps(PHINode *X, BasicBlock *Pre, BasicBlock *HeadY,
                   BasicBlock *LatchX, BasicBlock *LatchY, Value *FirstX,
                   Value *EndX, const LaneIndexUses &Uses,
                   const LaneGuard &Guard, Value *Exact);
  void versionOnAligned(BasicBlock *Entered, BasicBlock *Dispatch);
  void versionOnNarrowing(BasicBlock *Entered, BasicBlock *Dispatch);
  void versionInStepOnNarrowing(BasicBlock *Entered, BasicBlock *InStepEntry,
                                BasicBlock *Dispatch);
  SmallVector<BasicBlock *, 32> versionRegionOn(BasicBlock *Entered,
                                                BasicBlock *Dispatch,
                                                Value *Cond,
                                                const Twine &Suffix);
  LaneGuard laneGuardBeforeLoops(LaneGuard Guard, BasicBlock *Pre,
                                 Value *InStep);
  Value *narrowToLanes(IRBuilder<> &B, const LaneGuard &Guard, Value *StartL,
                       Value *EndL, Value *End, Value *Row, Value *WarpBase,
                       Value *Exact);
  SmallVector<BasicBlock *, 32> loopNest(BasicBlock *Entered, BasicBlock *Head,
                                         BasicBlock *Dispatch) const;
  SmallVector<BasicBlock *, 32> cloneNest(ArrayRef<BasicBlock *> Nest,
                                          ValueToValueMapTy &VMap,
                                          const Twine &Suffix);
  bool mixesLaneIndices(ArrayRef<BasicBlock *> Blocks) const;
  void versionOnBlockBranch(BasicBlock *Entered, BasicBlock *Head,
                            BasicBlock *Dispatch, ArrayRef<BasicBlock *> Body);
  void addUncountedInstructions(ArrayRef<BasicBlock *> Copies);
  StepVersions stepVersionsFor(ArrayRef<BasicBlock *> Nest, Value *InStep,
                               bool BodyParallel) const;
  void versionOnStep(unsigned Region, BasicBlock *Entered, BasicBlock *Head,
                     BasicBlock *Dispatch, Value *InStep,
                     ArrayRef<UniformSlotUse> SlotUses, bool BodyParallel);
  bool staysInStep();
  void keepOnlyInStep(BasicBlock *Entered, BasicBlock *Head,
                      BasicBlock *Dispatch, Value *InStep,
                      ArrayRef<UniformSlotUse> SlotUses);
  /// Every region leaves the block in step (staysInStep): the regions need
  /// no general versions.
  bool AlwaysInStep = false;
  /// Where such a block would go were it out of step: a trap.
  BasicBlock *LostStep = nullptr;
  void lowerPlaceholders(SmallVectorImpl<BasicBlock *> &Blocks,
                         Value *const Tid[3], Value *T);
  std::pair<uint32_t, uint32_t> launchBounds() const;
  void recordKernel();
};

/// A call that reads a block-wide value (blockDim, blockIdx, gridDim, the
/// shared-memory base): the same for every thread of the block.
bool isBlockQuery(const Instruction &I);

/// Loads blockDim's dimension D (0 for x, 1 for y, 2 for z) from a block's
/// context, named ntid.x, .y or .z.
Value *loadBlockDim(IRBuilder<> &B, Value *Ctx, unsigned D);

/// A copy of Kernel to lower for the block width (and rows) its launches use
/// (see FixedWidthBlocks.cpp), or null where none is known. Made before
/// Kernel is lowered, which changes it.
Function *cloneForLaunchWidth(Function &Kernel);

/// Lowers Copy (from cloneForLaunchWidth) for that width (and rows), and
/// has Block, the general block function General made, call the result for
/// blocks of that shape. Erases Copy.
void lowerForLaunchWidth(Function &Copy, const KernelLowering &General,
                         Function &Block, bool SyncChecks, bool RaceChecks);

/// Lowers Twin, a kernel's merged twin (MergeBlocks.cpp), as its version for
/// its merged block where it is small enough for one, and erases it;
/// nullopt where it could not be lowered.
std::optional<MergedSpans> lowerMergedTwin(Function &Twin,
                                           const KernelLowering &General,
                                           bool SyncChecks, bool RaceChecks);

/// Kernel's merged twin (tx::MergedTwinAttr), or null.
Function *mergedTwinOf(Function &Kernel);

/// The block function recorded for a kernel with a merged twin: it runs
/// the span of blocks the runtime gives it, Merged.Blocks at a time through
/// the twin where the block is Merged.Width x Rows x Layers, the rest one
/// at a time through Block, the kernel's own block function.
Function *emitMergedSpans(Function &Block, const MergedSpans &Merged);

/// Removes the row prefetch requests no region carried out.
void dropRowPrefetchRequests(Module &M);

/// The states a thread that runs a region (Blocks) may leave it with: the
/// barriers it reaches (their index + 1), and ExitState if it returns.
SmallVector<uint32_t, 4> exitStates(ArrayRef<BasicBlock *> Blocks,
                                    ArrayRef<BarrierSite> Barriers);
/// The state every thread that runs a region (Blocks) leaves it with, when
/// there is only one way out: the one barrier it reaches, or returning.
std::optional<uint32_t> singleExitState(ArrayRef<BasicBlock *> Blocks,
                                        ArrayRef<BarrierSite> Barriers);

} // namespace workitems
} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_KERNELLOWERING_H
