//===- cuda/PtxModules.h - PTX to loaded CUDA modules -----------*- C++ -*-===//
//
// Part of Tongxin. A translation unit's PTX is JIT-compiled by the driver
// into a module of its own; relocatable device code (-rdc) of several
// translation units is linked by the driver into one module, as nvcc's
// device link step does, so that extern functions and variables resolve.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CUDA_PTXMODULES_H
#define TONGXIN_RUNTIME_BACKENDS_CUDA_PTXMODULES_H

#include "backends/cuda/CudaDriver.h"

#include <string>
#include <vector>

namespace tx {
namespace cuda {

/// One PTX image to compile: NUL-terminated text and a name for the logs.
struct PtxSource {
  const char *Text = nullptr;
  size_t Size = 0; ///< Bytes, the terminating NUL included.
  std::string Name;
};

/// JIT-compiles Source into *Out (the context must be current). On failure
/// the status holds the driver's error and its JIT log.
Status loadPtxModule(const Driver &D, const PtxSource &Source, CUmodule *Out);

/// Links Sources (relocatable PTX) into one module, *Out.
Status linkPtxModules(const Driver &D, const std::vector<PtxSource> &Sources,
                      CUmodule *Out);

} // namespace cuda
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CUDA_PTXMODULES_H
