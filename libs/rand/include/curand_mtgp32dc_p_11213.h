//===- curand_mtgp32dc_p_11213.h - MTGP32 parameter sets ------ -*- CUDA
//-*-===//
//
// Part of Tongxin. The 200 MTGP32 parameter sets for exponent 11213 of
// Saito and Matsumoto's MTGP distribution (BSD 3-clause; data and licence
// in libs/rand/data/), as cuRAND's mtgp32dc_params_fast_11213. As in CUDA
// this header defines the array, so a program includes it in one
// translation unit. The initializer is generated at build time
// (tongxin/curand_mtgp32_tables.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_MTGP32DC_P_11213_H
#define TONGXIN_CURAND_MTGP32DC_P_11213_H

#include "curand_mtgp32.h"
#include "tongxin/curand_mtgp32_tables.h"

mtgp32_params_fast_t mtgp32dc_params_fast_11213[CURAND_NUM_MTGP32_PARAMS] =
    __TX_MTGP32DC_PARAMS_FAST_11213;

#endif // TONGXIN_CURAND_MTGP32DC_P_11213_H
