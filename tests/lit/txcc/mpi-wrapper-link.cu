// Linking through an MPI compiler wrapper (-ccbin mpicxx) adds
// libtongxin_mpi (CUDA-aware MPI on device memory the host cannot address)
// before the wrapper's own libraries; linking with txcc's own compiler
// does not. The library is built where MPI is installed.
// REQUIRES: tongxin-mpi
// RUN: %txcc --tongxin-cpu-only --dryrun -ccbin %S/Inputs/fake-openmpi/mpicxx %s -o %t 2>&1 | %FileCheck %s --check-prefix=WRAPPER
// WRAPPER: fake-openmpi/mpicxx {{.*}}-ltongxin_mpi
// RUN: %txcc --tongxin-cpu-only --dryrun %s -o %t 2>&1 | %FileCheck %s --check-prefix=OWN
// OWN-NOT: -ltongxin_mpi

int main() { return 0; }
