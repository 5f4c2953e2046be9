//===- DeviceIR.h - Facts about CUDA device IR shared by passes -*- C++ -*-===//
//
// Part of Tongxin. Names of the NVVM intrinsics and Tongxin placeholders that
// several passes recognise, and small predicates over them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_DEVICEIR_H
#define TONGXIN_COMPILER_PASSES_DEVICEIR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class Argument;
class CallInst;
class Use;
class Function;
class Instruction;
class Loop;
class Module;
class Value;
} // namespace llvm

namespace tx {

/// Address spaces of NVPTX IR.
enum NVPTXAddressSpace : unsigned {
  GenericAS = 0,
  GlobalAS = 1,
  SharedAS = 3,
  ConstantAS = 4,
  LocalAS = 5,
};

/// The per-block shared memory base; lowered by WorkItemLoops (kernels) or
/// ThreadStateAccess (other functions).
inline constexpr const char *SharedBaseName = "__tx_shared_base";
/// `void __tx_thread_exit()`, noreturn: PTX's `exit` as TranslateInlinePTX
/// writes it, until LowerThreadExit makes it a return from the kernel.
inline constexpr const char *ThreadExitName = "__tx_thread_exit";
/// The TLS pointer to the running block's TxBlockContext.
inline constexpr const char *CurrentBlockName = "__tx_current_block";

/// Placeholders WorkItemLoops uses while it cuts a kernel: a reducing
/// barrier's predicate before the cut and its result after it, and a lane's
/// operand of a warp collective before its cut (64 bits, or 128 for a
/// shuffle chain that publishes parameters with a 64-bit input).
inline constexpr const char *BarrierArriveName = "__tx_barrier_arrive";
inline constexpr const char *BarrierResultName = "__tx_barrier_result";
inline constexpr const char *WarpArriveName = "__tx_warp_arrive";
inline constexpr const char *WarpArriveWideName = "__tx_warp_arrive_wide";

/// A chain of warp shuffles fused into one collective by FuseWarpShuffles:
/// `Out __tx_shfl_chain.<in>.<out>(ptr Body, In Value)`, where Body
/// (`<32 x Out> (<32 x In>, i32 ArrivedMask)`) computes the chain for a
/// whole warp. In is the chain's input, or an i64/i128 that packs the input
/// with the chain's parameters; an i128 In or Out travels to and from Body
/// as the lanes' 64-bit halves, <64 x i64> (warpLanesType in
/// WarpCollectiveLowering.h).
inline constexpr const char *ShuffleChainPrefix = "__tx_shfl_chain.";
inline constexpr const char *ShuffleChainBodyName = "__tx_shfl_chain_body";
/// A body that reads the linear thread index takes a third argument: the
/// linear index of the warp's first thread (i32).
inline constexpr unsigned ShuffleChainWarpBaseArg = 2;

/// Marks a chain whose lanes all get the same result when the whole warp
/// arrives (a butterfly all-reduce; see tx::chains::isWarpSymmetric).
inline constexpr const char *WarpSymmetricMetadata = "tx.warp.symmetric";

/// The block barrier ImplicitLoopBarriers inserts: a barrier to the CPU
/// lowering, but not a synchronisation the program asked for.
inline constexpr const char *ImplicitBarrierName = "__tx_implicit_barrier";
/// `void (ptr Base, i64 Index, i64 Elements, i64 ElementBytes, i32 IsWrite,
/// i32 Level)`: a guarded grid-stride round (GridStrideGuards) asks for the
/// row a later round or block will touch,
/// Base[Index .. Index + min(blockDim.x, Elements)), to be prefetched into
/// the cache Level names (a PrefetchLevel; Elements: how many the loop will
/// reach). Rounds lie a whole grid apart, too far for hardware prefetchers
/// to follow from one row of a block to the next. WorkItemLoops prefetches
/// the row once per region, before the thread loops, and drops the call.
inline constexpr const char *PrefetchRowName = "__tx_prefetch_row";
/// The cache a row prefetch fills: llvm.prefetch's locality argument.
enum class PrefetchLevel : uint32_t { L2 = 2, L1 = 3 };
/// `i32`, constant once main runs: the most blocks ahead a round may
/// prefetch rows for into the L2 on this processor (the runtime's choice,
/// see abi.h).
inline constexpr const char *PrefetchBlocksAheadName =
    "__tx_prefetch_blocks_ahead";
/// On a kernel MergeBlocks gave a twin: the twin's name.
inline constexpr const char *MergedTwinAttr = "tx-merged-twin";
/// On such a twin: how many of the kernel's blocks one of its blocks runs.
inline constexpr const char *MergesBlocksAttr = "tx-merges-blocks";
/// Marks a loop-header phi that every thread running the loop agrees on,
/// because a barrier at the header keeps them in lockstep: divergent
/// control flow around or out of the loop does not make it divergent.
inline constexpr const char *LockstepMetadata = "tx.lockstep";
/// Marks the plain load and store LocalizeSharedAtomics makes of an atomic
/// on shared memory: the threads of a block still meet there, so a thread
/// loop holding them carries dependences from one thread to the next.
inline constexpr const char *LocalizedAtomicMetadata = "tx.localized.atomic";

/// Under -rdc clang names a file-local kernel or device variable the host
/// refers to "<name>__static__<hex>" or "<name>__intern__<hex>" (a hash of
/// the compilation unit) on the device side only. Returns <name>, or an
/// empty string for a name without such a postfix.
llvm::StringRef withoutExternalizedPostfix(llvm::StringRef Name);

/// True for reads of threadIdx.{x,y,z}.
bool isThreadIndexRead(const llvm::Instruction &I);
/// True if V is a read of threadIdx.x.
bool isThreadIndexXRead(const llvm::Value *V);

/// The mask M where V is threadIdx.x & M with M = 2^m - 1 (the lane of
/// threadIdx.x in a group of 2^m threads), else 0.
uint64_t threadIndexXLaneMask(const llvm::Value *V);
/// The value whose lane within a warp V computes (V is X & 31 or X % 32),
/// or null.
const llvm::Value *laneSource(const llvm::Value *V);
/// The value whose warp V computes (V is X >> 5 or X / 32), or null.
const llvm::Value *warpSource(const llvm::Value *V);
/// The value whose warp's first index V computes (V is X & -32), or null.
const llvm::Value *warpBaseSource(const llvm::Value *V);
/// True if V is the thread's lane in its warp as PTX's %laneid is lowered:
/// the linear thread index (x + ntid.x * (y + ntid.y * z)) & 31.
bool isLaneIndex(const llvm::Value *V);
/// True if V is the linear thread index x + ntid.x * (y + ntid.y * z).
bool isLinearThreadIndex(const llvm::Value *V);

/// True if V is a call of the shared-memory base (SharedBaseName).
bool isSharedBaseCall(const llvm::Value *V);

/// The shared-memory base's alignment: SharedMemoryLayout places every
/// variable relative to it, at most at this alignment (the CPU runtime's
/// shared memory is 64-byte aligned).
constexpr uint64_t SharedBaseAlignment = 16;

/// The static __shared__ bytes of kernel F (SharedMemoryLayout's
/// !tx.shared), there whatever the launch's dynamic bytes; 0 for a function
/// without them (a device function, which any kernel may call).
uint64_t staticSharedBytes(const llvm::Function &F);

/// What a barrier does besides synchronising. Warp collectives (shuffle,
/// vote, match, reduce, activemask) are cuts too: every lane publishes a
/// value before the cut and reads its warp's values after it.
enum class BarrierKind { Plain, Count, And, Or, Warp, Grid };

/// Returns true and sets Kind if I is a synchronising call: a block-level
/// barrier (__syncthreads and friends, or __syncwarp, which the CPU lowering
/// treats as a block barrier: that is stronger, and deadlock-free in our
/// scheme), a warp collective, or a grid barrier (__tx_grid_barrier).
bool isBarrier(const llvm::Instruction &I, BarrierKind *Kind = nullptr);

/// True for __syncthreads() and its counting forms, and bar.sync /
/// barrier.sync of the whole block: the barriers the program asks every
/// thread of a block to reach together (synccheck), unlike __syncwarp,
/// warp collectives and the compiler's own cuts.
bool isProgramBlockBarrier(const llvm::Instruction &I);

/// True for the warp collectives lowered as lane exchanges.
bool isWarpCollective(const llvm::Instruction &I);

/// True for a call to tx::PrefetchRowName: only a hint, no effect.
bool isRowPrefetchRequest(const llvm::Instruction &I);

/// True for a WMMA product (llvm.nvvm.wmma.*.mma.*, or __tx.mma.* from
/// inline PTX's mma.sync): LowerWarpMatrix makes
/// it two __syncwarp around a warp exchange, so the passes before it treat
/// it as a cut.
bool isWarpMatrixProduct(const llvm::Instruction &I);

/// The thread's index within its block, linearised as CUDA does (x
/// fastest), from the thread-index intrinsics (i32).
llvm::Value *emitLinearThreadId(llvm::IRBuilder<> &B, llvm::Module &M);
/// Some loop of F spins on memory other blocks may write: its exit test
/// reads a volatile or atomic load, or a load in a loop with a fence
/// (TX_KERNEL_WAITS_FOR_BLOCKS).
bool waitsForOtherBlocks(llvm::Function &F);

/// I is a 32-bit warp shuffle (__shfl*_sync), one kind of warp collective.
bool isWarpShuffle(const llvm::Instruction &I);

/// I is a fused chain of shuffles (see ShuffleChainPrefix).
bool isWarpShuffleChain(const llvm::Instruction &I);

/// The bytes of the lane slot the warp collective I needs: 4 for a
/// shuffle, 8 for votes, matches and reductions (64-bit matches), and for
/// a shuffle chain 4, 8 or 16 as its values and parameters need.
unsigned laneSlotBytes(const llvm::Instruction &I);

/// I is a warp reduction (__reduce_*_sync), one kind of warp collective.
bool isWarpReduce(const llvm::Instruction &I);

/// True for the C library functions device code may call (libm names, the
/// float variants with 'f', and malloc/free/memcpy/...; see
/// tongxin/device_math.h).
bool isCLibraryFunction(llvm::StringRef Name);

/// True for the global C++ allocation functions (operator new/delete and
/// their array and sized forms) that device code may call.
bool isCxxAllocationFunction(llvm::StringRef Name);

/// True for a by-value kernel parameter that the kernel only reads (loads,
/// the source of memory copies, through address arithmetic): all threads
/// may share the launch's copy, and what they load from it is uniform.
bool isReadOnlyByValArgument(const llvm::Argument &Arg);

/// Gives each by-value parameter of Kernel that the kernel writes a local
/// copy at its entry (one per thread, as CUDA requires); returns whether it
/// made any. (CopyByValArguments.cpp; WorkItemLoops calls it too.)
bool copyWrittenByValArguments(llvm::Function &Kernel);

/// The kernels of the module, in module order, from !nvvm.annotations.
llvm::SmallVector<llvm::Function *, 8> getKernels(llvm::Module &M);

/// Where a value for use U must be computed: before the user, or for a phi
/// at the end of the incoming block.
llvm::Instruction *insertionPointFor(const llvm::Use &U);

/// Rewrites every use of Old (a pointer in a non-generic address space) to
/// NewGeneric (a generic pointer to the same storage). Casts back to the
/// generic space fold away; other users get an explicit cast.
void replacePointerWithGeneric(llvm::Value *Old, llvm::Value *NewGeneric);

/// Whether V is invariant in L, or computed in L from such values by
/// instructions that may run anywhere (no memory, no division by zero, no
/// phi): whether Loop::makeLoopInvariant would move it. Where given,
/// LookThrough(X) stands for each value X (a select on a constant for the
/// value it chooses). Changes nothing.
bool canMakeLoopInvariant(llvm::Value *V, const llvm::Loop &L,
                          llvm::Value *(*LookThrough)(llvm::Value *) = nullptr);

/// Adds Properties (loop metadata such as !{!"llvm.loop.unroll.disable"})
/// to the loop whose latch branch is Latch, after the ones it has, as a
/// fresh loop ID (a distinct node naming itself first); a property it has
/// already is not added again.
void addLoopProperties(llvm::BranchInst *Latch,
                       llvm::ArrayRef<llvm::Metadata *> Properties);

/// Keeps the loop whose latch branch is Latch from being unrolled by a
/// run-time trip count, adding to the loop's other properties, and marks
/// it as one the lowering built (isLoweringLoop). The loops
/// the lowering builds (thread loops, loops over warps or thread states)
/// either vectorise, or hold a whole region or warp's work per iteration:
/// copies of such a body buy no speed and double the code to compile
/// (the runtime unroller took 40% of the device code's compile time in
/// kernels heavy in collectives).
void keepFromRuntimeUnrolling(llvm::BranchInst *Latch);

/// Whether the loop whose latch branch is Latch is one the lowering built
/// (keepFromRuntimeUnrolling marked it), not one of the kernel's own: a
/// property of Tongxin's own says so, not the run-time unrolling one,
/// which LLVM's loop vectoriser sets on the kernel's loops too.
bool isLoweringLoop(const llvm::BranchInst *Latch);

/// Gives the loop whose latch branch is Latch a fresh loop ID that keeps it
/// scalar and rolled: neither vectorised, interleaved nor unrolled. For
/// copies of thread loops that seldom run, where those transformations
/// cost compile time and buy nothing.
void keepScalarAndRolled(llvm::BranchInst *Latch);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_DEVICEIR_H
