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
// running block has it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H
#define TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H

#include "llvm/ADT/StringMap.h"

namespace llvm {
class Module;
} // namespace llvm

namespace tx {

/// The function attribute on a device kernel that names the block width
/// (blockDim.x) its launches use.
inline constexpr const char *LaunchWidthAttr = "tx-launch-width";

/// By device kernel name: the block width of every launch in Host (the
/// host side of a .cu file) whose width is a constant, where those
/// launches agree. Launches are `<<<...>>>` (__cudaPushCallConfiguration
/// followed by the kernel's stub); kernels are known by their registration
/// (__cudaRegisterFunction).
llvm::StringMap<unsigned> findLaunchWidths(const llvm::Module &Host);

/// Gives each kernel of Device named in Widths the LaunchWidthAttr.
/// Returns how many it marked.
unsigned markLaunchWidths(llvm::Module &Device,
                          const llvm::StringMap<unsigned> &Widths);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_LAUNCHWIDTHS_H
