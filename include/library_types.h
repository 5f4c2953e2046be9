//===- library_types.h - Data types shared by the CUDA libraries --*- C -*-===//
//
// Part of Tongxin. The element types and version queries the CUDA math
// libraries (cuBLAS, cuFFT, cuSPARSE, ...) name in their APIs, with CUDA's
// values. <cuda_runtime.h> includes it, as NVIDIA's does.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBRARY_TYPES_H
#define TONGXIN_LIBRARY_TYPES_H

// Enums have int as their underlying type in C++ (as in driver_types.h), so
// that any int a caller passes is a value of the enum and the libraries
// reject unknown ones without undefined behaviour.
#ifndef TX_ENUM_INT
#ifdef __cplusplus
#define TX_ENUM_INT : int
#else
#define TX_ENUM_INT
#endif
#endif

/// Element types: R_ real, C_ complex; then the width and the kind
/// (F float, I signed, U unsigned, BF bfloat16, 8F/6F/4F narrow floats).
typedef enum cudaDataType_t TX_ENUM_INT {
  CUDA_R_32F = 0,
  CUDA_R_64F = 1,
  CUDA_R_16F = 2,
  CUDA_R_8I = 3,
  CUDA_C_32F = 4,
  CUDA_C_64F = 5,
  CUDA_C_16F = 6,
  CUDA_C_8I = 7,
  CUDA_R_8U = 8,
  CUDA_C_8U = 9,
  CUDA_R_32I = 10,
  CUDA_C_32I = 11,
  CUDA_R_32U = 12,
  CUDA_C_32U = 13,
  CUDA_R_16BF = 14,
  CUDA_C_16BF = 15,
  CUDA_R_4I = 16,
  CUDA_C_4I = 17,
  CUDA_R_4U = 18,
  CUDA_C_4U = 19,
  CUDA_R_16I = 20,
  CUDA_C_16I = 21,
  CUDA_R_16U = 22,
  CUDA_C_16U = 23,
  CUDA_R_64I = 24,
  CUDA_C_64I = 25,
  CUDA_R_64U = 26,
  CUDA_C_64U = 27,
  CUDA_R_8F_E4M3 = 28,
  CUDA_R_8F_UE4M3 = CUDA_R_8F_E4M3,
  CUDA_R_8F_E5M2 = 29,
  CUDA_R_8F_UE8M0 = 30,
  CUDA_R_6F_E2M3 = 31,
  CUDA_R_6F_E3M2 = 32,
  CUDA_R_4F_E2M1 = 33
} cudaDataType;

/// How the math libraries may emulate a type the hardware lacks.
typedef enum cudaEmulationStrategy_t TX_ENUM_INT {
  CUDA_EMULATION_STRATEGY_DEFAULT = 0,
  CUDA_EMULATION_STRATEGY_PERFORMANT = 1,
  CUDA_EMULATION_STRATEGY_EAGER = 2
} cudaEmulationStrategy;

typedef enum cudaEmulationMantissaControl_t TX_ENUM_INT {
  CUDA_EMULATION_MANTISSA_CONTROL_DYNAMIC = 0,
  CUDA_EMULATION_MANTISSA_CONTROL_FIXED = 1
} cudaEmulationMantissaControl;

typedef enum cudaEmulationSpecialValuesSupport_t TX_ENUM_INT {
  CUDA_EMULATION_SPECIAL_VALUES_SUPPORT_NONE = 0,
  CUDA_EMULATION_SPECIAL_VALUES_SUPPORT_INFINITY = 1,
  CUDA_EMULATION_SPECIAL_VALUES_SUPPORT_NAN = 2,
  CUDA_EMULATION_SPECIAL_VALUES_SUPPORT_DEFAULT = 0xFFFF
} cudaEmulationSpecialValuesSupport;

/// What the libraries' GetProperty functions report.
typedef enum libraryPropertyType_t TX_ENUM_INT {
  MAJOR_VERSION = 0,
  MINOR_VERSION = 1,
  PATCH_LEVEL = 2
} libraryPropertyType;

// In C the enum tags are not type names: spell them as typedefs too, as C++
// makes them available.
#ifndef __cplusplus
typedef enum cudaDataType_t cudaDataType_t;
typedef enum cudaEmulationStrategy_t cudaEmulationStrategy_t;
typedef enum cudaEmulationMantissaControl_t cudaEmulationMantissaControl_t;
typedef enum cudaEmulationSpecialValuesSupport_t
    cudaEmulationSpecialValuesSupport_t;
typedef enum libraryPropertyType_t libraryPropertyType_t;
#endif

#endif // TONGXIN_LIBRARY_TYPES_H
