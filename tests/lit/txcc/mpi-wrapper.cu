// -ccbin naming an MPI compiler wrapper (nvcc users' `nvcc -ccbin mpicxx`):
// txcc asks the wrapper for MPI's include directories and macros (Open
// MPI's --showme:compile, MPICH's -compile_info) and gives them to the
// .cu file's compiles too, so <mpi.h> is found.
// RUN: %txcc --tongxin-cpu-only -ccbin %S/Inputs/fake-openmpi/mpicxx -E %s | %FileCheck %s --check-prefix=OPENMPI
// RUN: %txcc --tongxin-cpu-only -ccbin %S/Inputs/fake-mpich/mpicxx -E %s | %FileCheck %s --check-prefix=MPICH
// Without the wrapper, no MPI:
// RUN: %not %txcc --tongxin-cpu-only -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=NONE

#include <mpi.h>
// NONE: 'mpi.h' file not found

int flavour = FAKE_MPI_H_FOUND;
// OPENMPI: int flavour = 1;
// MPICH: int flavour = 2;
