/*===- curand.h - cuRAND host API ----------------------------------*- C
-*-===*\
|*                                                                          *|
|* Part of Tongxin. The cuRAND host API of CUDA 12 (same names, enum values *|
|* and signatures, so objects built against NVIDIA's header link): random   *|
|* number generators created on a device (generation runs asynchronously on *|
|* the generator's stream) or on the host (curandCreateGeneratorHost,       *|
|* generation runs at once on the calling thread). Usable from C99.         *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_CURAND_H
#define TONGXIN_CURAND_H

#include <stddef.h>

#include "cuda_runtime_api.h"
#include "library_types.h"

#ifndef CURANDAPI
#define CURANDAPI __attribute__((visibility("default")))
#endif

#define CURAND_VER_MAJOR 10
#define CURAND_VER_MINOR 3
#define CURAND_VER_PATCH 5
#define CURAND_VER_BUILD 147
#define CURAND_VERSION                                                         \
  (CURAND_VER_MAJOR * 1000 + CURAND_VER_MINOR * 100 + CURAND_VER_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

enum curandStatus TX_ENUM_INT {
  CURAND_STATUS_SUCCESS = 0,
  CURAND_STATUS_VERSION_MISMATCH = 100,
  CURAND_STATUS_NOT_INITIALIZED = 101,
  CURAND_STATUS_ALLOCATION_FAILED = 102,
  CURAND_STATUS_TYPE_ERROR = 103,
  CURAND_STATUS_OUT_OF_RANGE = 104,
  CURAND_STATUS_LENGTH_NOT_MULTIPLE = 105,
  CURAND_STATUS_DOUBLE_PRECISION_REQUIRED = 106,
  CURAND_STATUS_LAUNCH_FAILURE = 201,
  CURAND_STATUS_PREEXISTING_FAILURE = 202,
  CURAND_STATUS_INITIALIZATION_FAILED = 203,
  CURAND_STATUS_ARCH_MISMATCH = 204,
  CURAND_STATUS_INTERNAL_ERROR = 999
};
typedef enum curandStatus curandStatus_t;

enum curandRngType TX_ENUM_INT {
  CURAND_RNG_TEST = 0,
  CURAND_RNG_PSEUDO_DEFAULT = 100,
  CURAND_RNG_PSEUDO_XORWOW = 101,
  CURAND_RNG_PSEUDO_MRG32K3A = 121,
  CURAND_RNG_PSEUDO_MTGP32 = 141,
  CURAND_RNG_PSEUDO_MT19937 = 142,
  CURAND_RNG_PSEUDO_PHILOX4_32_10 = 161,
  CURAND_RNG_QUASI_DEFAULT = 200,
  CURAND_RNG_QUASI_SOBOL32 = 201,
  CURAND_RNG_QUASI_SCRAMBLED_SOBOL32 = 202,
  CURAND_RNG_QUASI_SOBOL64 = 203,
  CURAND_RNG_QUASI_SCRAMBLED_SOBOL64 = 204
};
typedef enum curandRngType curandRngType_t;

enum curandOrdering TX_ENUM_INT {
  CURAND_ORDERING_PSEUDO_BEST = 100,
  CURAND_ORDERING_PSEUDO_DEFAULT = 101,
  CURAND_ORDERING_PSEUDO_SEEDED = 102,
  CURAND_ORDERING_PSEUDO_LEGACY = 103,
  CURAND_ORDERING_PSEUDO_DYNAMIC = 104,
  CURAND_ORDERING_QUASI_DEFAULT = 201
};
typedef enum curandOrdering curandOrdering_t;

enum curandDirectionVectorSet TX_ENUM_INT {
  CURAND_DIRECTION_VECTORS_32_JOEKUO6 = 101,
  CURAND_SCRAMBLED_DIRECTION_VECTORS_32_JOEKUO6 = 102,
  CURAND_DIRECTION_VECTORS_64_JOEKUO6 = 103,
  CURAND_SCRAMBLED_DIRECTION_VECTORS_64_JOEKUO6 = 104
};
typedef enum curandDirectionVectorSet curandDirectionVectorSet_t;

typedef unsigned int curandDirectionVectors32_t[32];
typedef unsigned long long curandDirectionVectors64_t[64];

typedef struct curandGenerator_st *curandGenerator_t;

typedef double curandDistribution_st;
typedef curandDistribution_st *curandDistribution_t;
typedef struct curandDistributionShift_st *curandDistributionShift_t;
typedef struct curandDistributionM2Shift_st *curandDistributionM2Shift_t;
typedef struct curandHistogramM2_st *curandHistogramM2_t;
typedef unsigned int curandHistogramM2K_st;
typedef curandHistogramM2K_st *curandHistogramM2K_t;
typedef curandDistribution_st curandHistogramM2V_st;
typedef curandHistogramM2V_st *curandHistogramM2V_t;
typedef struct curandDiscreteDistribution_st *curandDiscreteDistribution_t;

enum curandMethod TX_ENUM_INT {
  CURAND_CHOOSE_BEST = 0,
  CURAND_ITR = 1,
  CURAND_KNUTH = 2,
  CURAND_HITR = 3,
  CURAND_M1 = 4,
  CURAND_M2 = 5,
  CURAND_BINARY_SEARCH = 6,
  CURAND_DISCRETE_GAUSS = 7,
  CURAND_REJECTION = 8,
  CURAND_DEVICE_API = 9,
  CURAND_FAST_REJECTION = 10,
  CURAND_3RD = 11,
  CURAND_DEFINITION = 12,
  CURAND_POISSON = 13
};
typedef enum curandMethod curandMethod_t;

/*--- Generators -----------------------------------------------------------*/

CURANDAPI curandStatus_t curandCreateGenerator(curandGenerator_t *generator,
                                               curandRngType_t rng_type);
CURANDAPI curandStatus_t curandCreateGeneratorHost(curandGenerator_t *generator,
                                                   curandRngType_t rng_type);
CURANDAPI curandStatus_t curandDestroyGenerator(curandGenerator_t generator);
CURANDAPI curandStatus_t curandGetVersion(int *version);
CURANDAPI curandStatus_t curandGetProperty(libraryPropertyType type,
                                           int *value);
CURANDAPI curandStatus_t curandSetStream(curandGenerator_t generator,
                                         cudaStream_t stream);
CURANDAPI curandStatus_t curandSetPseudoRandomGeneratorSeed(
    curandGenerator_t generator, unsigned long long seed);
CURANDAPI curandStatus_t curandSetGeneratorOffset(curandGenerator_t generator,
                                                  unsigned long long offset);
CURANDAPI curandStatus_t curandSetGeneratorOrdering(curandGenerator_t generator,
                                                    curandOrdering_t order);
CURANDAPI curandStatus_t curandSetQuasiRandomGeneratorDimensions(
    curandGenerator_t generator, unsigned int num_dimensions);

/*--- Generation -----------------------------------------------------------*/

CURANDAPI curandStatus_t curandGenerate(curandGenerator_t generator,
                                        unsigned int *outputPtr, size_t num);
CURANDAPI curandStatus_t curandGenerateLongLong(curandGenerator_t generator,
                                                unsigned long long *outputPtr,
                                                size_t num);
CURANDAPI curandStatus_t curandGenerateUniform(curandGenerator_t generator,
                                               float *outputPtr, size_t num);
CURANDAPI curandStatus_t curandGenerateUniformDouble(
    curandGenerator_t generator, double *outputPtr, size_t num);
CURANDAPI curandStatus_t curandGenerateNormal(curandGenerator_t generator,
                                              float *outputPtr, size_t n,
                                              float mean, float stddev);
CURANDAPI curandStatus_t curandGenerateNormalDouble(curandGenerator_t generator,
                                                    double *outputPtr, size_t n,
                                                    double mean, double stddev);
CURANDAPI curandStatus_t curandGenerateLogNormal(curandGenerator_t generator,
                                                 float *outputPtr, size_t n,
                                                 float mean, float stddev);
CURANDAPI curandStatus_t
curandGenerateLogNormalDouble(curandGenerator_t generator, double *outputPtr,
                              size_t n, double mean, double stddev);
CURANDAPI curandStatus_t curandCreatePoissonDistribution(
    double lambda, curandDiscreteDistribution_t *discrete_distribution);
CURANDAPI curandStatus_t
curandDestroyDistribution(curandDiscreteDistribution_t discrete_distribution);
CURANDAPI curandStatus_t curandGeneratePoisson(curandGenerator_t generator,
                                               unsigned int *outputPtr,
                                               size_t n, double lambda);
CURANDAPI curandStatus_t curandGeneratePoissonMethod(
    curandGenerator_t generator, unsigned int *outputPtr, size_t n,
    double lambda, curandMethod_t method);
CURANDAPI curandStatus_t curandGenerateSeeds(curandGenerator_t generator);

/*--- Quasirandom constants ------------------------------------------------*/

CURANDAPI curandStatus_t curandGetDirectionVectors32(
    curandDirectionVectors32_t *vectors[], curandDirectionVectorSet_t set);
CURANDAPI curandStatus_t curandGetScrambleConstants32(unsigned int **constants);
CURANDAPI curandStatus_t curandGetDirectionVectors64(
    curandDirectionVectors64_t *vectors[], curandDirectionVectorSet_t set);
CURANDAPI curandStatus_t
curandGetScrambleConstants64(unsigned long long **constants);

#ifdef __cplusplus
}
#endif

#endif /* TONGXIN_CURAND_H */
