// bench/libs/nccl/allreduce.cu: ncclAllReduce against MPI_Allreduce, in
// the same run, on the same ranks. Run under mpirun (see run.sh). For each
// message size (4 KiB to 256 MiB of floats) the two are timed in
// alternating batches; each batch's time is the slowest rank's. Prints per
// size and implementation:
//   RESULT name=allreduce_<bytes> impl=<nccl|mpi> ranks=N us=<time/op>
//          busbw=<GB/s> check=<ok|bad>
// busbw is nccl-tests' bus bandwidth: bytes / time * 2(N-1)/N.
// Build: txcc -O3 allreduce.cu $(mpicxx --showme:compile)
//        $(mpicxx --showme:link) -lnccl
#include <mpi.h>
#include <nccl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

static int Rank, Size;

static double now() { return MPI_Wtime(); }

// Seconds per operation of Op over Reps calls, the slowest rank's.
template <class Fn> static double timeBatch(int Reps, Fn Op) {
  MPI_Barrier(MPI_COMM_WORLD);
  double Start = now();
  for (int I = 0; I < Reps; ++I)
    Op();
  double Mine = (now() - Start) / Reps, Slowest = 0;
  MPI_Allreduce(&Mine, &Slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return Slowest;
}

int main(int argc, char **argv) {
  int Provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &Provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &Rank);
  MPI_Comm_size(MPI_COMM_WORLD, &Size);
  size_t MaxBytes = size_t(256) << 20;
  if (const char *Env = std::getenv("BENCH_MAX_BYTES"))
    MaxBytes = std::strtoull(Env, nullptr, 10);

  ncclUniqueId Id;
  if (Rank == 0)
    ncclGetUniqueId(&Id);
  MPI_Bcast(&Id, sizeof(Id), MPI_BYTE, 0, MPI_COMM_WORLD);
  ncclComm_t Comm;
  if (ncclCommInitRank(&Comm, Size, Id, Rank) != ncclSuccess) {
    std::fprintf(stderr, "ncclCommInitRank failed\n");
    return 1;
  }
  cudaStream_t Stream;
  cudaStreamCreate(&Stream);

  size_t MaxCount = MaxBytes / sizeof(float);
  float *DevSend, *DevRecv; // Tongxin CPU-device memory.
  cudaMalloc(&DevSend, MaxBytes);
  cudaMalloc(&DevRecv, MaxBytes);
  std::vector<float> HostSend(MaxCount), HostRecv(MaxCount);
  // Small integers: every sum order gives the same, exact result.
  for (size_t I = 0; I < MaxCount; ++I)
    HostSend[I] = float((I + size_t(Rank)) % 7);
  cudaMemcpy(DevSend, HostSend.data(), MaxBytes, cudaMemcpyHostToDevice);

  for (size_t Bytes = 4096; Bytes <= MaxBytes; Bytes *= 4) {
    size_t Count = Bytes / sizeof(float);
    // About 0.1 s of each per round on two cores, at least 2 calls.
    int Reps = int(
        std::max<size_t>(2, std::min<size_t>(1000, (size_t(100) << 20) / Bytes)));
    auto Nccl = [&] {
      ncclAllReduce(DevSend, DevRecv, Count, ncclFloat, ncclSum, Comm, Stream);
      cudaStreamSynchronize(Stream);
    };
    auto Mpi = [&] {
      MPI_Allreduce(HostSend.data(), HostRecv.data(), int(Count), MPI_FLOAT,
                    MPI_SUM, MPI_COMM_WORLD);
    };
    Nccl();
    Mpi();
    double BestNccl = 1e30, BestMpi = 1e30;
    for (int Round = 0; Round < 5; ++Round) {
      BestNccl = std::min(BestNccl, timeBatch(Reps, Nccl));
      BestMpi = std::min(BestMpi, timeBatch(Reps, Mpi));
    }
    // Check both results: element I sums (I + r) % 7 over the ranks.
    std::vector<float> Got(Count);
    cudaMemcpy(Got.data(), DevRecv, Bytes, cudaMemcpyDeviceToHost);
    bool NcclOk = true, MpiOk = true;
    for (size_t I = 0; I < Count; ++I) {
      float Want = 0;
      for (int R = 0; R < Size; ++R)
        Want += float((I + size_t(R)) % 7);
      NcclOk &= Got[I] == Want;
      MpiOk &= HostRecv[I] == Want;
    }
    double Factor = 2.0 * (Size - 1) / Size;
    if (Rank == 0) {
      std::printf("RESULT name=allreduce_%zu impl=nccl ranks=%d us=%.2f "
                  "busbw=%.3f check=%s\n",
                  Bytes, Size, BestNccl * 1e6, Bytes / BestNccl * Factor / 1e9,
                  NcclOk ? "ok" : "bad");
      std::printf("RESULT name=allreduce_%zu impl=mpi ranks=%d us=%.2f "
                  "busbw=%.3f check=%s\n",
                  Bytes, Size, BestMpi * 1e6, Bytes / BestMpi * Factor / 1e9,
                  MpiOk ? "ok" : "bad");
      std::fflush(stdout);
    }
  }
  cudaFree(DevSend);
  cudaFree(DevRecv);
  ncclCommDestroy(Comm);
  MPI_Finalize();
  return 0;
}
