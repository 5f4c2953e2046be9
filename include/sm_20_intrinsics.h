//===- sm_20_intrinsics.h - Forwarding header -------------------*- C++ -*-===//
//
// Part of Tongxin. CUDA splits its device functions over many headers that
// programs sometimes include by name; all of them are part of cuda_runtime.h
// here (see include/tongxin/device_*.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_SM_20_INTRINSICS_H
#define TONGXIN_SM_20_INTRINSICS_H

#include "cuda_runtime.h"

#endif // TONGXIN_SM_20_INTRINSICS_H
