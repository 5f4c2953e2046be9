//===- device_launch_parameters.h - threadIdx, blockIdx, ... ----*- C++ -*-===//
//
// Part of Tongxin. In CUDA this declares the built-in variables; here they
// come with cuda_runtime.h (tongxin/device_builtins.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_LAUNCH_PARAMETERS_H
#define TONGXIN_DEVICE_LAUNCH_PARAMETERS_H

#include "cuda_runtime.h"

#endif // TONGXIN_DEVICE_LAUNCH_PARAMETERS_H
