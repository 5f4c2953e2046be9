//===- cudaTypedefs.h - Driver API function pointer types ---------*- C -*-===//
//
// Part of Tongxin. The PFN_* types of CUDA's cudaTypedefs.h that code
// fetching driver entry points with cudaGetDriverEntryPoint names (CUTLASS
// does, for its TMA descriptors). Tongxin implements no driver API entry
// point (see cuda.h), so cudaGetDriverEntryPoint finds none of them; the
// types only let such code compile.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDATYPEDEFS_H
#define TONGXIN_CUDATYPEDEFS_H

#include "cuda.h"

#ifndef CUDAAPI
#define CUDAAPI
#endif

typedef CUresult(CUDAAPI *PFN_cuGetErrorString_v6000)(CUresult error,
                                                      const char **pStr);
typedef CUresult(CUDAAPI *PFN_cuGetErrorName_v6000)(CUresult error,
                                                    const char **pStr);

typedef CUresult(CUDAAPI *PFN_cuTensorMapEncodeTiled_v12000)(
    CUtensorMap *tensorMap, CUtensorMapDataType tensorDataType,
    cuuint32_t tensorRank, void *globalAddress, const cuuint64_t *globalDim,
    const cuuint64_t *globalStrides, const cuuint32_t *boxDim,
    const cuuint32_t *elementStrides, CUtensorMapInterleave interleave,
    CUtensorMapSwizzle swizzle, CUtensorMapL2promotion l2Promotion,
    CUtensorMapFloatOOBfill oobFill);

typedef CUresult(CUDAAPI *PFN_cuTensorMapEncodeIm2col_v12000)(
    CUtensorMap *tensorMap, CUtensorMapDataType tensorDataType,
    cuuint32_t tensorRank, void *globalAddress, const cuuint64_t *globalDim,
    const cuuint64_t *globalStrides, const int *pixelBoxLowerCorner,
    const int *pixelBoxUpperCorner, cuuint32_t channelsPerPixel,
    cuuint32_t pixelsPerColumn, const cuuint32_t *elementStrides,
    CUtensorMapInterleave interleave, CUtensorMapSwizzle swizzle,
    CUtensorMapL2promotion l2Promotion, CUtensorMapFloatOOBfill oobFill);

#define PFN_cuGetErrorString PFN_cuGetErrorString_v6000
#define PFN_cuGetErrorName PFN_cuGetErrorName_v6000
#define PFN_cuTensorMapEncodeTiled PFN_cuTensorMapEncodeTiled_v12000
#define PFN_cuTensorMapEncodeIm2col PFN_cuTensorMapEncodeIm2col_v12000

#endif // TONGXIN_CUDATYPEDEFS_H
