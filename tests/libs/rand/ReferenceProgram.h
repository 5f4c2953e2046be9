//===- tests/libs/rand/ReferenceProgram.h - Running NVIDIA's generator ----===//
//
// Part of Tongxin. The cuRAND tests compare with NVIDIA's host generator
// through a separate program (CurandReference.cpp, built against NVIDIA's
// toolkit where one is installed; CURAND_REFERENCE is its path). It prints
// one value a line as hex bits.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_RAND_REFERENCEPROGRAM_H
#define TONGXIN_TESTS_LIBS_RAND_REFERENCEPROGRAM_H

#ifdef CURAND_REFERENCE

#include <cstdio>
#include <vector>

/// The reference program's output for Arguments (see CurandReference.cpp's
/// usage); empty if it could not run.
inline std::vector<unsigned long long> runReference(const char *Arguments) {
  char Command[512];
  std::snprintf(Command, sizeof(Command), "'%s' %s", CURAND_REFERENCE,
                Arguments);
  std::vector<unsigned long long> Bits;
  FILE *Pipe = popen(Command, "r");
  if (!Pipe)
    return Bits;
  unsigned long long B;
  while (std::fscanf(Pipe, "%llx", &B) == 1)
    Bits.push_back(B);
  pclose(Pipe);
  return Bits;
}

/// NVIDIA's library runs here (a GPU is not needed, the library is): one
/// value of generator Rng comes back.
inline bool referenceRunsFor(int Rng) {
  char Arguments[64];
  std::snprintf(Arguments, sizeof(Arguments), "%d 0 0 0 0 u32 1", Rng);
  return runReference(Arguments).size() == 1;
}

#endif // CURAND_REFERENCE

#endif // TONGXIN_TESTS_LIBS_RAND_REFERENCEPROGRAM_H
