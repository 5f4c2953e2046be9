//===- tongxin/runtime.h - Tongxin-specific runtime queries -----*- C++ -*-===//
//
// Part of Tongxin. Extensions of the CUDA Runtime API that only make sense
// when devices of several backends share a process. Portable CUDA code
// does not need them; tools such as txinfo do.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_H
#define TONGXIN_RUNTIME_H

#include "cuda_runtime_api.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The backend of CUDA device Device ("cpu", "cuda", "null", ...) and its
/// architecture ("x86_64", "aarch64", "riscv64", "sm_80", ...), as
/// NUL-terminated strings truncated to the given sizes. Either buffer may
/// be null with size 0. Errors: cudaErrorNoDevice, cudaErrorInvalidDevice,
/// cudaErrorInvalidValue.
__attribute__((visibility("default"))) cudaError_t
txDeviceGetBackend(int Device, char *Backend, size_t BackendSize,
                   char *Architecture, size_t ArchitectureSize);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // TONGXIN_RUNTIME_H
