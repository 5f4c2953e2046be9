//===- tongxin/abi.h - Contract between compiled device code and runtime -===//
//
// Part of Tongxin. This header is C, has no dependencies, and is included by
// both the runtime and (as a description) by the compiler passes that emit
// the tables below. Any change to their layout bumps TX_ABI_VERSION (a new
// runtime symbol does not: an older runtime fails to load the program and
// names the symbol; nor does a removed one, for a program built by an older
// txcc: the same failure, from the newer runtime).
//
//===----------------------------------------------------------------------===//
//
// How a CUDA translation unit reaches the runtime:
//
//  * The host object (clang --cuda-host-only) calls the standard CUDA
//    registration entry points: __cudaRegisterFatBinary(wrapper), then
//    __cudaRegisterFunction(handle, hostStub, "mangled", ...) per kernel and
//    __cudaRegisterVar(handle, hostShadow, "name", "name", ...) per device
//    variable. wrapper->data points at a TxFatBinary blob (below) whose
//    tuId identifies the translation unit.
//
//  * The CPU device object (our passes) contains, per kernel, a "block
//    function" that runs every thread of one block, and a constructor that
//    calls __tx_register_cpu_module() with a TxCpuModule carrying the same
//    tuId. Constructor order between the two objects is unspecified, so the
//    runtime matches them lazily by tuId (at first launch / symbol lookup).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_ABI_H
#define TONGXIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TX_ABI_VERSION 6u

/// Length of the textual translation-unit id, including the terminating NUL.
#define TX_TU_ID_SIZE 40u

//===--- Fat binary blob (embedded by clang -fcuda-include-gpubinary) ----===//

/// clang wraps the blob in { int magic; int version; const void *data;
/// void *unused; } and passes that wrapper to __cudaRegisterFatBinary.
typedef struct TxFatBinaryWrapper {
  int32_t Magic;    ///< 0x466243b1, as written by clang.
  int32_t Version;  ///< 1.
  const void *Data; ///< Points at a TxFatBinary.
  void *Unused;
} TxFatBinaryWrapper;

#define TX_FATBIN_MAGIC "TXFATBN1"

enum TxImageKind {
  TX_IMAGE_CPU = 1, ///< Code linked into the executable; payload empty.
  TX_IMAGE_PTX = 2, ///< NUL-terminated PTX text; Target is e.g. "sm_80".
};

/// TxImageHeader::Flags bits.
enum TxImageFlags {
  /// Relocatable device code (-rdc=true / -dc): the image may refer to
  /// functions and variables of other translation units, so a GPU links
  /// the program's relocatable images into one module.
  TX_IMAGE_RELOCATABLE = 1,
};

typedef struct TxFatBinary {
  char Magic[8];       ///< TX_FATBIN_MAGIC, not NUL-terminated.
  uint32_t AbiVersion; ///< TX_ABI_VERSION.
  uint32_t NumImages;  ///< TxImageHeader records that follow.
  /// The whole blob's bytes (this header, the image headers and their
  /// padded payloads): the runtime reads nothing past them.
  uint64_t TotalBytes;
  char TuId[TX_TU_ID_SIZE]; ///< NUL-terminated unique id of the TU.
  // Followed by NumImages x { TxImageHeader; payload padded to 8 bytes }.
} TxFatBinary;

typedef struct TxImageHeader {
  uint32_t Kind;   ///< TxImageKind.
  uint32_t Flags;  ///< TxImageFlags (0 in objects of older compilers).
  uint64_t Size;   ///< Payload bytes (before padding).
  char Target[32]; ///< "x86_64", "aarch64", "riscv64", "sm_80", ...
} TxImageHeader;

//===--- CPU device code
//---------------------------------------------------===//

/// Readable (undefined) bytes before and after a block's scratch area: a
/// warp shuffle reads its source lane at the thread's index plus or minus
/// up to 31 lanes (of at most 16 bytes each) unconditionally and discards
/// invalid reads, which keeps the read a contiguous vector load.
#define TX_SCRATCH_GUARD_BYTES 512

/// State of the block being run by the calling worker thread. The runtime
/// owns it; compiled device code reads it.
typedef struct TxBlockContext {
  uint32_t ThreadIdx[3]; ///< Written by kernels before calls into device
                         ///< functions that were not inlined.
  uint32_t BlockIdx[3];
  uint32_t BlockDim[3];
  uint32_t GridDim[3];
  char *SharedMem; ///< Static __shared__ area, then dynamic shared
                   ///< memory at offset TxKernelRecord::DynamicSharedOffset.
  char *Scratch;   ///< ScratchBytesPerThread * threads-per-block bytes,
                   ///< 64-byte aligned, contents undefined on entry,
                   ///< with TX_SCRATCH_GUARD_BYTES readable bytes on
                   ///< either side.
  void *Launch;    ///< Opaque runtime launch record (for assert).
  /// Kernels flagged TX_KERNEL_RUNS_BLOCK_SPANS run this many blocks of one
  /// row of the grid per call, from BlockIdx (BlockIdx[0] + BlockSpanX <=
  /// GridDim[0]); they keep BlockIdx[0] at the block being run (the first
  /// of the group, where neighbouring blocks run merged as one).
  uint32_t BlockSpanX;
  /// Bytes of the block's shared memory at SharedMem, static and dynamic:
  /// what __isShared() tests a pointer against.
  uint32_t SharedBytes;
} TxBlockContext;

/// The current worker's block; set by the runtime around each block.
/// Initial-exec TLS exported by libtongxin.
#if defined(__cplusplus) && !defined(__CUDACC__)
extern __thread TxBlockContext *__tx_current_block;
#endif

/// The most blocks ahead whose rows a grid-stride loop's rounds prefetch
/// into the L2 (0: none), set by the runtime before main for the processor
/// it runs on; compiled kernels read it (tx::PrefetchBlocksAheadName).
#if defined(__cplusplus) && !defined(__CUDACC__)
extern const uint32_t __tx_prefetch_blocks_ahead;
#endif

/// Runs all threads of the block described by Ctx. Args[i] points at the
/// value of kernel parameter i (for by-value aggregates, at the aggregate).
typedef void (*TxBlockFunction)(void **Args, TxBlockContext *Ctx);

enum TxKernelFlags {
  TX_KERNEL_HAS_BARRIERS = 1u << 0,
  /// The kernel spins on memory other blocks write (a loop whose exit test
  /// reads a volatile or atomic load, or a load fenced in the loop: CUB's
  /// decoupled look-back). As a GPU does, the runtime starts its blocks in
  /// index order, a block at a time, so a block's predecessors are running
  /// or done when it waits for them.
  TX_KERNEL_WAITS_FOR_BLOCKS = 1u << 1,
  /// The block function runs TxBlockContext::BlockSpanX consecutive blocks
  /// along x in one call, with their thread rows interleaved (a kernel
  /// without barriers or shared memory, whose blocks are rows of a 2-D or
  /// 3-D tile: the rows of neighbouring blocks continue each other).
  TX_KERNEL_RUNS_BLOCK_SPANS = 1u << 2,
};

typedef struct TxKernelRecord {
  const char *Name; ///< Mangled device-side name.
  TxBlockFunction Run;
  uint32_t NumParams;
  uint32_t Flags;               ///< TxKernelFlags.
  const uint32_t *ParamSizes;   ///< NumParams entries.
  const uint32_t *ParamAligns;  ///< NumParams entries.
  uint64_t StaticSharedBytes;   ///< Bytes of static __shared__ storage.
  uint64_t DynamicSharedOffset; ///< Where extern __shared__ starts.
  uint64_t ScratchBytesPerThread;
  uint32_t MaxThreadsPerBlock; ///< From __launch_bounds__; 0 if none.
  uint32_t MinBlocksPerSM;     ///< From __launch_bounds__; 0 if none.
} TxKernelRecord;

typedef struct TxVarRecord {
  const char *Name; ///< Mangled device-side name, as in __cudaRegisterVar.
  void *Address;    ///< Storage in this process.
  uint64_t Size;
  /// __managed__ only: where device code finds the variable. The runtime
  /// points it at the host's object (see ManagedVariables.cpp).
  void **ManagedSlot;
} TxVarRecord;

typedef struct TxCpuModule {
  uint32_t AbiVersion; ///< TX_ABI_VERSION.
  uint32_t NumKernels;
  const char *TuId;
  const char *Target; ///< ISA the module was compiled for.
  const TxKernelRecord *Kernels;
  uint32_t NumVars;
  uint32_t Reserved;
  const TxVarRecord *Vars;
} TxCpuModule;

/// Called from a constructor in every CPU device object.
void __tx_register_cpu_module(const TxCpuModule *Module);

//===--- Services called by compiled device code -------------------------===//

/// CUDA's device printf ABI: Args points at the packed argument buffer that
/// clang builds (each argument at its natural alignment; float promoted to
/// double). Output is buffered and written at the next synchronisation.
int __tx_vprintf(const char *Format, const void *Args);

/// Failed device assert: reports file:line, block and thread, marks the
/// launch failed with cudaErrorAssert and abandons the current block.
void __tx_assert_fail(const char *Message, const char *File, uint32_t Line,
                      const char *Function);

/// Aborts the current launch with an explanation (e.g. divergent barriers).
void __tx_trap(const char *Reason);

/// PTX's %globaltimer: nanoseconds of the system's real-time clock.
uint64_t __tx_globaltimer(void);

/// Device code's grid-wide barrier (cooperative_groups::grid_group::sync()):
/// the compiler turns each call into a block-wide cut after which one thread
/// of the block calls __tx_grid_sync(). Only a cooperative launch
/// (cudaLaunchCooperativeKernel, all blocks co-resident) may reach it.
void __tx_grid_barrier(void);
/// Waits until every block of the running cooperative launch has arrived;
/// traps (cudaErrorLaunchFailure) in a launch that is not cooperative.
void __tx_grid_sync(void);

/// PTX's strong (.relaxed/.acquire/.release) vector loads and stores wider
/// than 64 bits: Bytes at Ptr copied as one access to the other strong
/// accesses of that place (acquire for the load, release for the store).
void __tx_strong_load(const void *Ptr, void *Out, uint32_t Bytes);
void __tx_strong_store(void *Ptr, const void *In, uint32_t Bytes);

//===--- Warp collectives
//---------------------------------------------------===//
//
// A warp collective is a cut in the block function: each arriving lane
// stores its operand in its exchange slot, and after the cut every lane
// computes its result from its warp's slots (inline: votes, matches and
// reductions are vector compares and reductions of the warp's 32 slots).
// A kernel's collectives share one slot width, 32 bits where they are all
// shuffles (and chains of 32-bit values), else 64; a shuffle chain that
// publishes more has 128-bit slots in an exchange array of its own. The
// snapshot of a cut holds its slots packed at that cut's width.

/// Before the region that follows a cut runs: computes, per warp, which
/// lanes are at the cut that resumes region Region (State[t] == Region):
/// Masks[w] bit l for thread 32*w + l; and snapshots their exchange slots
/// into Snapshot, which the region reads. (A lane that runs ahead in the
/// same sweep already publishes its operand for the next cut into Exchange;
/// the snapshot keeps the values of this cut for the lanes after it.)
void __tx_warp_arrivals(const uint32_t *State, uint32_t Threads,
                        uint32_t Region, uint32_t *Masks,
                        const uint64_t *Exchange, uint64_t *Snapshot);
/// The same for 32-bit exchange slots.
void __tx_warp_arrivals32(const uint32_t *State, uint32_t Threads,
                          uint32_t Region, uint32_t *Masks,
                          const uint32_t *Exchange, uint32_t *Snapshot);
/// The same with 128-bit exchange slots (a shuffle chain that publishes
/// parameters with a 64-bit value), as pairs of 64-bit words.
void __tx_warp_arrivals128(const uint32_t *State, uint32_t Threads,
                           uint32_t Region, uint32_t *Masks,
                           const uint64_t *Exchange, uint64_t *Snapshot);

#ifdef __cplusplus
}
#endif

#endif // TONGXIN_ABI_H
