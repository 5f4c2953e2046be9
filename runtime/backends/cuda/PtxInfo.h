//===- cuda/PtxInfo.h - What the runtime reads out of PTX text --*- C++ -*-===//
//
// Part of Tongxin. Launches capture their arguments before they run, so the
// runtime must know each kernel parameter's size and alignment even when
// the translation unit was compiled for GPUs only. The PTX declaration of
// the entry point says exactly that; this file reads it. Pure text
// processing: tested without a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CUDA_PTXINFO_H
#define TONGXIN_RUNTIME_BACKENDS_CUDA_PTXINFO_H

#include "tongxin/hal.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tx {
namespace cuda {

/// Sizes and alignments of the parameters of `.entry Name (...)` in Ptx.
/// False if Ptx declares no such entry or a parameter is not understood.
bool readEntryParams(const char *Ptx, size_t PtxSize, const char *Name,
                     std::vector<uint32_t> *Sizes,
                     std::vector<uint32_t> *Aligns);

/// 80 for "sm_80", 90 for "sm_90a", -1 if Target is not an sm_XY name.
int smVersion(const char *Target);

/// The PTX image to JIT for a device of compute capability Sm (major * 10 +
/// minor): the newest one not newer than the device. -1 if none fits.
int pickPtxImage(const hal::ModuleImage *Images, size_t NumImages, int Sm);

} // namespace cuda
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CUDA_PTXINFO_H
