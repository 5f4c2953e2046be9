//===- PortableKernel.h - One kernel compiled for every backend -*- C++ -*-===//
//
// Part of Tongxin. What txcc produces for
//   __device__ int Counter[4];
//   __global__ void iota(int *Out, int N) {
//     int I = blockIdx.x * blockDim.x + threadIdx.x;
//     if (I < N) Out[I] = I;
//   }
// written by hand: a CPU block function and TxCpuModule, and a fat binary
// carrying a TX_IMAGE_CPU image next to a TX_IMAGE_PTX image (sm_50 PTX,
// which the driver JIT-compiles for any newer GPU).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_UNIT_PORTABLEKERNEL_H
#define TONGXIN_TESTS_UNIT_PORTABLEKERNEL_H

#include "tongxin/abi.h"
#include "tongxin/hal.h"

namespace txtest {

constexpr const char *IotaName = "_Z4iotaPii";
constexpr const char *CounterName = "Counter";
constexpr unsigned CounterBytes = 16;

/// The PTX text of the translation unit (NUL-terminated).
const char *iotaPtx();

/// The module as a backend sees it: CPU module plus both images.
tx::hal::ModuleRef iotaModule();
/// The same translation unit compiled for GPUs only (no CPU code).
tx::hal::ModuleRef iotaGpuOnlyModule();

/// Host stub of iota, registered through the __cuda* hooks with the fat
/// binary above (once per process).
extern const char IotaStub;
extern int CounterShadow[4];
void registerPortableKernel();

} // namespace txtest

#endif // TONGXIN_TESTS_UNIT_PORTABLEKERNEL_H
