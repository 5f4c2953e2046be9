// A stand-in <mpi.h> for mpi-wrapper.cu.
#define FAKE_MPI_H_FOUND FAKE_MPI_FLAVOUR
