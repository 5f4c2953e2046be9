// CUDA-aware MPI: device pointers passed straight to MPI calls, as with an
// MPI built against CUDA. On Tongxin's CPU device, device memory is host
// memory, so any MPI (here Open MPI) reads and writes it directly; on a
// device whose memory the host cannot address, libtongxin_mpi copies it
// through host memory for each call (docs/nccl.md). Build:
//   txcc -O2 cuda_aware_mpi.cu -o cuda_aware_mpi $(mpicxx --showme:compile) \
//        -ltongxin_mpi $(mpicxx --showme:link)
//   mpirun -np 4 ./cuda_aware_mpi
// Each rank fills a device buffer with a kernel, passes it around a ring
// with MPI_Sendrecv and the other way round with MPI_Isend/MPI_Irecv (the
// request holds the host copy, if any, until MPI_Waitall), sums the ring
// with MPI_Allreduce in place, and checks all three with kernels on the
// device.
#include <mpi.h>

#include <cstdio>

__global__ void fill(int *Data, int N, int Rank) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    Data[I] = Rank * 100000 + I;
}

// Counts elements that are not what rank From's fill wrote.
__global__ void countWrong(const int *Data, int N, int From, int *Wrong) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N && Data[I] != From * 100000 + I)
    atomicAdd(Wrong, 1);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int Rank, Size;
  MPI_Comm_rank(MPI_COMM_WORLD, &Rank);
  MPI_Comm_size(MPI_COMM_WORLD, &Size);
  const int N = 1 << 16;
  int *Mine, *FromLeft, *FromRight, *Wrong, *Sum;
  cudaMalloc(&Mine, N * sizeof(int));
  cudaMalloc(&FromLeft, N * sizeof(int));
  cudaMalloc(&FromRight, N * sizeof(int));
  cudaMallocManaged(&Wrong, sizeof(int));
  cudaMalloc(&Sum, sizeof(int));
  *Wrong = 0;
  fill<<<(N + 255) / 256, 256>>>(Mine, N, Rank);
  cudaDeviceSynchronize(); // MPI reads the buffer after the kernel wrote it.

  int Right = (Rank + 1) % Size, Left = (Rank + Size - 1) % Size;
  MPI_Sendrecv(Mine, N, MPI_INT, Right, 0, FromLeft, N, MPI_INT, Left, 0,
               MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  countWrong<<<(N + 255) / 256, 256>>>(FromLeft, N, Left, Wrong);
  cudaDeviceSynchronize();

  // The other way round, non-blocking: the exchange runs while the ranks
  // are free to do other work, and the data is there after the wait.
  MPI_Request Requests[2];
  MPI_Irecv(FromRight, N, MPI_INT, Right, 1, MPI_COMM_WORLD, &Requests[0]);
  MPI_Isend(Mine, N, MPI_INT, Left, 1, MPI_COMM_WORLD, &Requests[1]);
  MPI_Waitall(2, Requests, MPI_STATUSES_IGNORE);
  countWrong<<<(N + 255) / 256, 256>>>(FromRight, N, Right, Wrong);
  cudaDeviceSynchronize();

  int One = 1;
  cudaMemcpy(Sum, &One, sizeof(int), cudaMemcpyHostToDevice);
  MPI_Allreduce(MPI_IN_PLACE, Sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  int Ranks = 0;
  cudaMemcpy(&Ranks, Sum, sizeof(int), cudaMemcpyDeviceToHost);

  int Ok = *Wrong == 0 && Ranks == Size, AllOk = 0;
  MPI_Allreduce(&Ok, &AllOk, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (Rank == 0)
    std::printf("%d ranks: rings of device buffers (blocking and "
                "non-blocking) and in-place all-reduce of a device value: "
                "%s\n",
                Size, AllOk ? "PASSED" : "FAILED");
  cudaFree(Mine);
  cudaFree(FromLeft);
  cudaFree(FromRight);
  cudaFree(Wrong);
  cudaFree(Sum);
  MPI_Finalize();
  return AllOk ? 0 : 1;
}
