//===- LaunchWidths.h - Block widths the host code launches with -*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A kernel's thread loops run over blockDim.x, which the block function only
// learns at run time; with it known at compile time the optimiser fixes
// their trip counts, keeps tile rows in registers across the other
// dimensions and unrolls block-wide trees (sgemm's 16x16 tiles: ~1.5x
// faster). The host side of the same .cu file usually launches each kernel
// with a constant block (`kernel<<<Grid, 256>>>`). findLaunchWidths reads
// those launches from the host module; WorkItemLoops then builds a second
// block function for that width, which the general one calls when the
// running block has it. Blocks of several rows given as constants
// (`dim3 Block(16, 16)`, `dim3(8, 4, 2)`) fix blockDim.y and .z as well:
// the y loop of a naive matrix product's interchanged k loop is then
// unrolled (~3x).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H
#define TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H

#include "llvm/ADT/StringMap.h"

#include <cstdint>

namespace llvm {
class Module;
} // namespace llvm

namespace tx {

/// The function attribute on a device kernel that names the block width
/// (blockDim.x) its launches use.
inline constexpr const char *LaunchWidthAttr = "tx-launch-width";

/// The function attribute on a device kernel whose launches with a constant
/// block agree on one of several rows: "Y,Z", its blockDim.y and .z.
inline constexpr const char *LaunchRowsAttr = "tx-launch-rows";

/// Whether a block of X threads a row, Y rows and Z layers is one CUDA
/// launches (at most 1024 threads, 64 layers). Each dimension is bounded
/// before the product, which cannot wrap.
inline bool isLaunchableBlock(uint64_t X, uint64_t Y, uint64_t Z) {
  return X && Y && Z && X <= 1024 && Y <= 1024 && Z <= 64 && X * Y * Z <= 1024;
}

/// The block the launches of one kernel use: X where the launches with a
/// constant width agree on it; Y and Z where, in addition, those whose
/// whole block is constant agree on it, else 0.
struct LaunchBlock {
  unsigned X = 0;
  unsigned Y = 0;
  unsigned Z = 0;
};

/// By device kernel name: what the launches in Host (the host side of a .cu
/// file) say about the kernel's block (LaunchBlock), for kernels with at
/// least one launch of a constant width where those launches agree.
/// Launches are `<<<...>>>` (__cudaPushCallConfiguration followed by the
/// kernel's stub); kernels are known by their registration
/// (__cudaRegisterFunction).
llvm::StringMap<LaunchBlock> findLaunchWidths(const llvm::Module &Host);

/// Gives each kernel of Device named in Blocks the LaunchWidthAttr, and
/// the LaunchRowsAttr where its block is known whole and has more than
/// one row (see FixedWidthBlocks.cpp). Returns how many it marked.
unsigned markLaunchWidths(llvm::Module &Device,
                          const llvm::StringMap<LaunchBlock> &Blocks);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H
