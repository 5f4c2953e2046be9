//===- rand/Api.cpp - The cuRAND host API entry points --------------------===//
//
// Part of Tongxin. Every entry point checks its arguments on the calling
// thread and returns the status CUDA documents. Generation on a device
// generator is enqueued on its stream (the CPU device's workers share it
// out); a host generator (curandCreateGeneratorHost) generates at once.
//
//===----------------------------------------------------------------------===//

#include "curand.h"

#include "Forward.h"
#include "Generator.h"
#include "LibraryCall.h"
#include "Poisson.h"
#include "PseudoGenerator.h"
#include "Sobol.h"

#include <new>
#include <vector>

using namespace tx::rand;

static bool isQuasi(curandRngType_t Type) {
  return Type >= CURAND_RNG_QUASI_DEFAULT &&
         Type <= CURAND_RNG_QUASI_SCRAMBLED_SOBOL64;
}

/// Generators whose offset counts the values made since seeding, which
/// users cannot set.
static bool keepsPlace(curandRngType_t Type) {
  return Type == CURAND_RNG_PSEUDO_MTGP32 || Type == CURAND_RNG_PSEUDO_MT19937;
}

static curandStatus_t create(curandGenerator_t *Generator, curandRngType_t Type,
                             bool OnHost) {
  if (!Generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (Type == CURAND_RNG_PSEUDO_DEFAULT)
    Type = CURAND_RNG_PSEUDO_XORWOW;
  if (Type == CURAND_RNG_QUASI_DEFAULT)
    Type = CURAND_RNG_QUASI_SOBOL32;
  if (!isPseudoSupported(Type) && !isSobol(Type))
    return CURAND_STATUS_TYPE_ERROR;
  tx::lib::Placement Where;
  if (!OnHost) {
    if (tx::lib::placeStream(nullptr, &Where) != cudaSuccess)
      return CURAND_STATUS_INITIALIZATION_FAILED;
    if (Where.Kind != txLibraryDeviceHost && Where.Kind != txLibraryDeviceCuda)
      return CURAND_STATUS_ARCH_MISMATCH;
  }
  auto *G = new (std::nothrow) curandGenerator_st;
  if (!G)
    return CURAND_STATUS_ALLOCATION_FAILED;
  if (!OnHost && Where.Kind == txLibraryDeviceCuda) {
    if (curandStatus_t S = tx::rand::createTwin(G, Type, Where.Device)) {
      delete G;
      return S;
    }
  }
  G->Type = Type;
  G->OnHost = OnHost;
  if (isQuasi(Type))
    G->Ordering = CURAND_ORDERING_QUASI_DEFAULT;
  *Generator = G;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandCreateGenerator(curandGenerator_t *generator,
                                     curandRngType_t rng_type) {

  return create(generator, rng_type, false);
}

curandStatus_t curandCreateGeneratorHost(curandGenerator_t *generator,
                                         curandRngType_t rng_type) {

  return create(generator, rng_type, true);
}

curandStatus_t curandDestroyGenerator(curandGenerator_t generator) {

  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  // Work already enqueued holds its own reference to the states.
  tx::rand::releaseTwin(generator);
  delete generator;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetVersion(int *version) {
  if (!version)
    return CURAND_STATUS_OUT_OF_RANGE;
  *version = CURAND_VERSION;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetProperty(libraryPropertyType type, int *value) {
  if (!value)
    return CURAND_STATUS_OUT_OF_RANGE;
  switch (type) {
  case MAJOR_VERSION:
    *value = CURAND_VER_MAJOR;
    return CURAND_STATUS_SUCCESS;
  case MINOR_VERSION:
    *value = CURAND_VER_MINOR;
    return CURAND_STATUS_SUCCESS;
  case PATCH_LEVEL:
    *value = CURAND_VER_PATCH;
    return CURAND_STATUS_SUCCESS;
  }
  return CURAND_STATUS_OUT_OF_RANGE;
}

curandStatus_t curandSetStream(curandGenerator_t generator,
                               cudaStream_t stream) {

  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  generator->Stream = stream;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetPseudoRandomGeneratorSeed(curandGenerator_t generator,
                                                  unsigned long long seed) {

  TX_RAND_FORWARD(curandSetPseudoRandomGeneratorSeed, generator, seed);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (isQuasi(generator->Type))
    return CURAND_STATUS_TYPE_ERROR;
  if (keepsPlace(generator->Type)) {
    // NVIDIA's MTGP32 and MT19937 keep their place under the same seed and
    // start over under a new one.
    if (seed == generator->Seed)
      return CURAND_STATUS_SUCCESS;
    generator->Offset = 0;
  }
  generator->Seed = seed;
  generator->States.reset();
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetGeneratorOffset(curandGenerator_t generator,
                                        unsigned long long offset) {

  TX_RAND_FORWARD(curandSetGeneratorOffset, generator, offset);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  // CUDA's MTGP32 and MT19937 have no offsets (not even 0).
  if (keepsPlace(generator->Type))
    return CURAND_STATUS_TYPE_ERROR;
  generator->Offset = offset;
  // NVIDIA's threads start over from the offset, forgetting what earlier
  // calls drew beyond one output a round (PseudoGenerator.h).
  generator->States.reset();
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetGeneratorOrdering(curandGenerator_t generator,
                                          curandOrdering_t order) {

  TX_RAND_FORWARD(curandSetGeneratorOrdering, generator, order);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (isQuasi(generator->Type)) {
    if (order != CURAND_ORDERING_QUASI_DEFAULT)
      return CURAND_STATUS_OUT_OF_RANGE;
    generator->Ordering = order;
    return CURAND_STATUS_SUCCESS;
  }
  switch (order) {
  case CURAND_ORDERING_PSEUDO_BEST:
    // NVIDIA's MT19937 has only its default (= legacy) layout.
    if (generator->Type == CURAND_RNG_PSEUDO_MT19937)
      return CURAND_STATUS_OUT_OF_RANGE;
    break;
  case CURAND_ORDERING_PSEUDO_DEFAULT:
  case CURAND_ORDERING_PSEUDO_LEGACY:
    break;
  case CURAND_ORDERING_PSEUDO_DYNAMIC:
    // "Adjusted to the device": any layout is right; ours is the default.
    // NVIDIA's host generators refuse it.
    if (generator->OnHost)
      return CURAND_STATUS_OUT_OF_RANGE;
    break;
  case CURAND_ORDERING_PSEUDO_SEEDED:
    // NVIDIA's XORWOW alone takes it (PseudoGenerator.cpp).
    if (generator->Type != CURAND_RNG_PSEUDO_XORWOW)
      return CURAND_STATUS_OUT_OF_RANGE;
    break;
  default:
    return CURAND_STATUS_OUT_OF_RANGE;
  }
  // NVIDIA's MTGP32 and MT19937 start over under a new ordering, and keep
  // their place when given the one they have.
  if (keepsPlace(generator->Type)) {
    if (order == generator->Ordering)
      return CURAND_STATUS_SUCCESS;
    generator->Offset = 0;
  }
  generator->Ordering = order;
  generator->States.reset(); // the layout may change
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t
curandSetQuasiRandomGeneratorDimensions(curandGenerator_t generator,
                                        unsigned int num_dimensions) {

  TX_RAND_FORWARD(curandSetQuasiRandomGeneratorDimensions, generator,
                  num_dimensions);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (!isQuasi(generator->Type))
    return CURAND_STATUS_TYPE_ERROR;
  if (num_dimensions < 1 || num_dimensions > 20000)
    return CURAND_STATUS_OUT_OF_RANGE;
  generator->Dimensions = num_dimensions;
  return CURAND_STATUS_SUCCESS;
}

//===--- Generation -------------------------------------------------------===//

static std::shared_ptr<PseudoStates> statesOf(curandGenerator_t G) {
  if (!G->States)
    G->States = makePseudoStates(G->Type, G->Seed, G->Ordering);
  return G->States;
}

/// How a Poisson request is made: the generator's values of another kind
/// (Poisson.h), mapped through the table.
struct PoissonPlan {
  std::shared_ptr<curandDiscreteDistribution_st> Table;
  PoissonMethod Method = PoissonMethod::Histogram;
  unsigned *Out = nullptr; // the caller's buffer
};

/// Runs R on G (at G's offset) and moves the offset past it.
static curandStatus_t run(curandGenerator_t G, Request R) {
  if (!G)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (!R.Output && R.Count)
    return CURAND_STATUS_OUT_OF_RANGE;
  bool Quasi = isSobol(G->Type);
  if (!Quasi && R.Kind == OutputKind::Bits64)
    return CURAND_STATUS_TYPE_ERROR;
  curandStatus_t Status = Quasi ? checkSobolRequest(G->Type, G->Dimensions, R)
                                : checkPseudoLength(G->Type, R);
  if (Status)
    return Status;
  if (!R.Count)
    return CURAND_STATUS_SUCCESS;
  std::shared_ptr<PseudoStates> States = Quasi ? nullptr : statesOf(G);
  unsigned long long Offset = G->Offset;
  // Poisson values take the place of one value each of their source.
  G->Offset +=
      Quasi ? R.Count / G->Dimensions : pseudoOffsetAdvance(G->Type, R);
  PoissonPlan Poisson;
  if (R.Kind == OutputKind::Poisson) {
    double Lambda = R.Mean;
    Poisson.Table = std::make_shared<curandDiscreteDistribution_st>();
    Poisson.Method = poissonMethod(G->Type, Lambda);
    if (Poisson.Method == PoissonMethod::Normal)
      Poisson.Table->Lambda = Lambda; // no table needed
    else
      buildPoisson(*Poisson.Table, Lambda);
    Poisson.Out = static_cast<unsigned *>(R.Output);
    R.Kind = poissonSource(G->Type, Poisson.Method);
    R.Mean = 0.0; // standard normals
    R.StdDev = 1.0;
  }
  curandRngType_t Type = G->Type;
  unsigned Dimensions = G->Dimensions;
  auto Generate = [=](const ParallelFor &For) {
    Request Source = R;
    std::vector<double> Wide; // sources of 8 bytes a value
    if (Poisson.Table && R.Kind == OutputKind::UniformDouble) {
      Wide.resize(R.Count);
      Source.Output = Wide.data();
    }
    if (Quasi)
      generateSobol(Type, Dimensions, Offset, Source, For);
    else
      States->generate(Source, Offset, For);
    if (Poisson.Table)
      mapPoisson(Type, Poisson.Method, *Poisson.Table, Source.Output,
                 Poisson.Out, R.Count);
  };

  if (G->OnHost) {
    ParallelFor Serial = [](size_t Count,
                            const std::function<void(size_t)> &Body) {
      for (size_t I = 0; I < Count; ++I)
        Body(I);
    };
    Generate(Serial);
    return CURAND_STATUS_SUCCESS;
  }

  tx::lib::Placement Where;
  if (tx::lib::placeStream(G->Stream, &Where) != cudaSuccess)
    return CURAND_STATUS_LAUNCH_FAILURE;
  if (Where.Kind != txLibraryDeviceHost)
    return CURAND_STATUS_ARCH_MISMATCH;
  int Device = Where.Device;
  auto Work = [=] {
    ParallelFor OnWorkers = [Device](size_t Count,
                                     const std::function<void(size_t)> &Body) {
      tx::lib::Partition Parts =
          tx::lib::partitionForWorkers(Device, Count, 16);
      tx::lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
        for (size_t I = Parts.begin(P); I < Parts.end(P); ++I)
          Body(I);
      });
    };
    Generate(OnWorkers);
  };
  if (tx::lib::enqueue(G->Stream, Work) != cudaSuccess)
    return CURAND_STATUS_LAUNCH_FAILURE;
  return CURAND_STATUS_SUCCESS;
}

static Request request(OutputKind Kind, void *Output, size_t Count,
                       double Mean = 0.0, double StdDev = 1.0) {
  Request R;
  R.Kind = Kind;
  R.Output = Output;
  R.Count = Count;
  R.Mean = Mean;
  R.StdDev = StdDev;
  return R;
}

curandStatus_t curandGenerate(curandGenerator_t generator,
                              unsigned int *outputPtr, size_t num) {

  TX_RAND_FORWARD(curandGenerate, generator, outputPtr, num);
  return run(generator, request(OutputKind::Bits32, outputPtr, num));
}

curandStatus_t curandGenerateLongLong(curandGenerator_t generator,
                                      unsigned long long *outputPtr,
                                      size_t num) {

  TX_RAND_FORWARD(curandGenerateLongLong, generator, outputPtr, num);
  // Only the 64-bit Sobol generators produce 64-bit words.
  return run(generator, request(OutputKind::Bits64, outputPtr, num));
}

curandStatus_t curandGenerateUniform(curandGenerator_t generator,
                                     float *outputPtr, size_t num) {

  TX_RAND_FORWARD(curandGenerateUniform, generator, outputPtr, num);
  return run(generator, request(OutputKind::Uniform, outputPtr, num));
}

curandStatus_t curandGenerateUniformDouble(curandGenerator_t generator,
                                           double *outputPtr, size_t num) {

  TX_RAND_FORWARD(curandGenerateUniformDouble, generator, outputPtr, num);
  return run(generator, request(OutputKind::UniformDouble, outputPtr, num));
}

curandStatus_t curandGenerateNormal(curandGenerator_t generator,
                                    float *outputPtr, size_t n, float mean,
                                    float stddev) {

  TX_RAND_FORWARD(curandGenerateNormal, generator, outputPtr, n, mean, stddev);
  return run(generator,
             request(OutputKind::Normal, outputPtr, n, mean, stddev));
}

curandStatus_t curandGenerateNormalDouble(curandGenerator_t generator,
                                          double *outputPtr, size_t n,
                                          double mean, double stddev) {

  TX_RAND_FORWARD(curandGenerateNormalDouble, generator, outputPtr, n, mean,
                  stddev);
  return run(generator,
             request(OutputKind::NormalDouble, outputPtr, n, mean, stddev));
}

curandStatus_t curandGenerateLogNormal(curandGenerator_t generator,
                                       float *outputPtr, size_t n, float mean,
                                       float stddev) {

  TX_RAND_FORWARD(curandGenerateLogNormal, generator, outputPtr, n, mean,
                  stddev);
  return run(generator,
             request(OutputKind::LogNormal, outputPtr, n, mean, stddev));
}

curandStatus_t curandGenerateLogNormalDouble(curandGenerator_t generator,
                                             double *outputPtr, size_t n,
                                             double mean, double stddev) {

  TX_RAND_FORWARD(curandGenerateLogNormalDouble, generator, outputPtr, n, mean,
                  stddev);
  return run(generator,
             request(OutputKind::LogNormalDouble, outputPtr, n, mean, stddev));
}

curandStatus_t curandGeneratePoisson(curandGenerator_t generator,
                                     unsigned int *outputPtr, size_t n,
                                     double lambda) {

  TX_RAND_FORWARD(curandGeneratePoisson, generator, outputPtr, n, lambda);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  if (!isValidLambda(lambda))
    return CURAND_STATUS_OUT_OF_RANGE;
  return run(generator, request(OutputKind::Poisson, outputPtr, n, lambda));
}

curandStatus_t curandGeneratePoissonMethod(curandGenerator_t generator,
                                           unsigned int *outputPtr, size_t n,
                                           double lambda,
                                           curandMethod_t method) {

  TX_RAND_FORWARD(curandGeneratePoissonMethod, generator, outputPtr, n, lambda,
                  method);
  if (method != CURAND_CHOOSE_BEST && method != CURAND_POISSON)
    return CURAND_STATUS_OUT_OF_RANGE;
  return curandGeneratePoisson(generator, outputPtr, n, lambda);
}

curandStatus_t
curandCreatePoissonDistribution(double lambda,
                                curandDiscreteDistribution_t *distribution) {
  if (!distribution || !isValidLambda(lambda))
    return CURAND_STATUS_OUT_OF_RANGE;
  auto *D = new (std::nothrow) curandDiscreteDistribution_st;
  if (!D)
    return CURAND_STATUS_ALLOCATION_FAILED;
  buildPoisson(*D, lambda);
  *distribution = D;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t
curandDestroyDistribution(curandDiscreteDistribution_t distribution) {
  if (!distribution)
    return CURAND_STATUS_OUT_OF_RANGE;
  delete distribution;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGenerateSeeds(curandGenerator_t generator) {
  TX_RAND_FORWARD(curandGenerateSeeds, generator);
  if (!generator)
    return CURAND_STATUS_NOT_INITIALIZED;
  // The per-thread states are built on the first generation call, on the
  // generator's stream, where they cannot race with queued work. Sobol
  // generators keep no state but the offset.
  if (!isSobol(generator->Type))
    statesOf(generator);
  return CURAND_STATUS_SUCCESS;
}

//===--- Quasirandom constants -------------------------------------------===//

curandStatus_t
curandGetDirectionVectors32(curandDirectionVectors32_t *vectors[],
                            curandDirectionVectorSet_t set) {
  if (!vectors)
    return CURAND_STATUS_OUT_OF_RANGE;
  const curandDirectionVectors32_t *Table = sobolDirections32(set);
  if (!Table)
    return CURAND_STATUS_OUT_OF_RANGE;
  *vectors = const_cast<curandDirectionVectors32_t *>(Table);
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetScrambleConstants32(unsigned int **constants) {
  if (!constants)
    return CURAND_STATUS_OUT_OF_RANGE;
  *constants = const_cast<unsigned *>(sobolScrambleConstants32());
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t
curandGetDirectionVectors64(curandDirectionVectors64_t *vectors[],
                            curandDirectionVectorSet_t set) {
  if (!vectors)
    return CURAND_STATUS_OUT_OF_RANGE;
  const curandDirectionVectors64_t *Table = sobolDirections64(set);
  if (!Table)
    return CURAND_STATUS_OUT_OF_RANGE;
  *vectors = const_cast<curandDirectionVectors64_t *>(Table);
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetScrambleConstants64(unsigned long long **constants) {
  if (!constants)
    return CURAND_STATUS_OUT_OF_RANGE;
  *constants = const_cast<unsigned long long *>(sobolScrambleConstants64());
  return CURAND_STATUS_SUCCESS;
}
