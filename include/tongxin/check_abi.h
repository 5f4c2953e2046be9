//===- tongxin/check_abi.h - memcheck: checked code and runtime -*- C -*-===//
//
// Part of Tongxin. What device code built with `txcc --check=memcheck`
// (compiler/passes/MemoryAccessChecks.cpp; racecheck, synccheck and
// initcheck likewise) and the runtime's checkers (runtime/check) agree
// on. memcheck's device code checks each access inline against a
// TxCheckRange and calls the runtime only when that fails; the runtime
// reports an access outside every valid range and abandons the block, as
// a device fault does.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CHECK_ABI_H
#define TONGXIN_CHECK_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A valid range of addresses [Begin, End). The runtime owns one per
/// allocation or object it has found an access in, never frees it, and
/// empties it (Begin > End) when the memory goes away.
typedef struct TxCheckRange {
  uint64_t Begin;
  uint64_t End;
} TxCheckRange;

enum TxCheckAccessFlags {
  TX_CHECK_READ = 1u << 0,
  TX_CHECK_WRITE = 1u << 1,
  TX_CHECK_ATOMIC = 1u << 2,
};

/// Where the checked pointer was known to point at compile time (bits
/// TX_CHECK_SPACE_SHIFT and up of TxCheckSite::Flags).
enum TxCheckSpace {
  TX_CHECK_SPACE_GLOBAL = 0,   ///< Unknown: global memory or anything else.
  TX_CHECK_SPACE_SHARED = 1,   ///< __shared__ memory of the block.
  TX_CHECK_SPACE_LOCAL = 2,    ///< A local array of the thread.
  TX_CHECK_SPACE_VARIABLE = 3, ///< A __device__/__constant__ variable.
  TX_CHECK_SPACE_HEAP = 4,     ///< A device malloc/free call.
};
#define TX_CHECK_SPACE_SHIFT 8u

/// One checked access (or device malloc/free call) in the source.
typedef struct TxCheckSite {
  /// The range this site's last access fell in (or an empty one): the
  /// inline check's cache, updated by the runtime.
  const TxCheckRange *Cache;
  const char *Function; ///< Mangled name of the function (innermost).
  const char *File;     ///< Empty without debug locations.
  uint32_t Line;
  uint32_t Column;
  uint32_t Flags;     ///< TxCheckAccessFlags | space << TX_CHECK_SPACE_SHIFT.
  uint32_t Alignment; ///< Bytes the address must be a multiple of.
} TxCheckSite;

/// A variable a checked module defines.
typedef struct TxCheckVariable {
  const void *Address;
  uint64_t Bytes;
  const char *Name;
} TxCheckVariable;

/// From a constructor of every checked module: its variables (valid
/// targets of plain pointers); also turns the checker's reports on.
void __tx_memcheck_register_module(const TxCheckVariable *Variables,
                                   uint32_t Count);

/// The inline check of Site failed for Bytes at Address: finds the range
/// it lies in and caches it in the site, or reports the access.
void __tx_memcheck_access(TxCheckSite *Site, const void *Address,
                          uint64_t Bytes);

/// An access of Bytes at Address outside its known object [Base, Base +
/// ObjectBytes) (a local array, a variable, the block's shared memory), or
/// misaligned: reports it.
void __tx_memcheck_region_fault(TxCheckSite *Site, const void *Address,
                                uint64_t Bytes, const void *Base,
                                uint64_t ObjectBytes);

/// Device malloc and free, tracked: a free of anything else is reported.
void *__tx_memcheck_malloc(uint64_t Bytes, TxCheckSite *Site);
void __tx_memcheck_free(void *Pointer, TxCheckSite *Site);

/// From a constructor of every module built with a check: prints the
/// tool's banner once and arranges the error summary at exit.
void __tx_check_start(const char *Tool);

/// A cut of a kernel with barriers, for synccheck.
typedef struct TxBarrierSite {
  const char *File; ///< Empty without debug locations.
  uint32_t Line;
  uint32_t IsBlockBarrier; ///< __syncthreads() (not a warp collective,
                           ///< __syncwarp or a cut of the compiler's own).
} TxBarrierSite;

/// synccheck, after a region whose threads did not all stop at one cut:
/// States[t] (t < Threads) is 1 + the cut thread t waits at, or
/// 0x7fffffff for a thread that returned. Threads waiting at different
/// __syncthreads() are reported and the block abandoned.
void __tx_synccheck_dispatch(const uint32_t *States, uint64_t Threads,
                             const TxBarrierSite *Barriers,
                             uint32_t NumBarriers);

/// racecheck: a new barrier interval of the running block begins (the
/// block starts, or its threads passed a cut).
void __tx_racecheck_interval(void);

/// racecheck: thread LinearThread (x + blockDim.x * (y + blockDim.y * z))
/// of the running block reads or writes (Site->Flags) Bytes of shared
/// memory at Address; a write of at most 8 bytes writes Value's low bytes
/// (little-endian), which tell a benign write of the same value apart.
void __tx_racecheck_access(const TxCheckSite *Site, const void *Address,
                           uint64_t Bytes, uint32_t LinearThread,
                           uint64_t Value);

/// initcheck: device code reads Bytes at Address (Site: the access, its
/// flags TX_CHECK_READ, maybe TX_CHECK_ATOMIC). Bytes of a device
/// allocation never written since it was allocated are reported; the
/// access goes on.
void __tx_initcheck_read(const TxCheckSite *Site, const void *Address,
                         uint64_t Bytes);

/// initcheck: device code writes Bytes at Address.
void __tx_initcheck_write(const void *Address, uint64_t Bytes);

/// Shared bytes (static plus dynamic) of the block the worker runs.
/// Initial-exec TLS exported by libtongxin.
#if defined(__cplusplus) && !defined(__CUDACC__)
extern __thread uint64_t __tx_memcheck_shared_bytes;
#endif

#ifdef __cplusplus
}
#endif

#endif // TONGXIN_CHECK_ABI_H
