//===- MpiRanksTest.cpp - NCCL ranks in several MPI processes -------------===//
//
// Part of Tongxin. Run under mpirun with 2 and 4 processes (ctest label
// "mpi"). Every process runs the same tests; each checks its own results
// against the serial reference, computed from every rank's input (which
// is a function of the rank). The id travels by MPI_Bcast, and in one test
// by a file; one test puts two ranks in each process (threads).
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sched.h>
#include <thread>
#include <unistd.h>

using namespace nccltest;

namespace {

int WorldRank = 0, WorldSize = 1;

const ncclRedOp_t AllOps[] = {ncclSum, ncclProd, ncclMax, ncclMin, ncclAvg};

/// One rank per process, over MPI_COMM_WORLD.
class WorldComm {
public:
  WorldComm() {
    ncclUniqueId Id;
    if (WorldRank == 0)
      EXPECT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
    MPI_Bcast(&Id, sizeof(Id), MPI_BYTE, 0, MPI_COMM_WORLD);
    EXPECT_EQ(ncclCommInitRank(&Comm, WorldSize, Id, WorldRank), ncclSuccess)
        << ncclGetLastError(nullptr);
    EXPECT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  }
  ~WorldComm() {
    EXPECT_EQ(ncclCommDestroy(Comm), ncclSuccess);
    cudaStreamDestroy(Stream);
  }
  /// Waits for the stream and checks the communicator has no error.
  void finish() {
    EXPECT_EQ(cudaStreamSynchronize(Stream), cudaSuccess);
    ncclResult_t Async = ncclInternalError;
    EXPECT_EQ(ncclCommGetAsyncError(Comm, &Async), ncclSuccess);
    EXPECT_EQ(Async, ncclSuccess) << ncclGetLastError(Comm);
  }
  ncclComm_t Comm = nullptr;
  cudaStream_t Stream = nullptr;
};

std::vector<std::vector<char>> everyInput(const TypeCase &T, size_t Count,
                                          int N, unsigned Seed = 1) {
  std::vector<std::vector<char>> Inputs;
  for (int R = 0; R < N; ++R)
    Inputs.push_back(inputOf(T, Count, R, Seed));
  return Inputs;
}

TEST(MpiNccl, AllReduceEveryTypeAndOperator) {
  WorldComm W;
  for (const TypeCase &T : allTypes())
    for (ncclRedOp_t Op : AllOps)
      for (bool InPlace : {false, true}) {
        size_t Count = 1001;
        auto Inputs = everyInput(T, Count, WorldSize);
        std::vector<char> Expected = referenceReduce(T, Inputs, Count, Op);
        std::vector<char> Out(Count * T.Size, 0x33);
        std::vector<char> &In = Inputs[size_t(WorldRank)];
        void *Target = InPlace ? In.data() : Out.data();
        ASSERT_EQ(ncclAllReduce(In.data(), Target, Count, T.Type, Op, W.Comm,
                                W.Stream),
                  ncclSuccess);
        W.finish();
        EXPECT_EQ(std::memcmp(Target, Expected.data(), Expected.size()), 0)
            << T.Name << " op " << Op << (InPlace ? " in place" : "");
      }
}

TEST(MpiNccl, LongAllReduceAcrossWindowsAndStreamOrder) {
  WorldComm W;
  const TypeCase &T = typeCase(ncclFloat32);
  size_t Count = 3000017;
  auto Inputs = everyInput(T, Count, WorldSize, 5);
  std::vector<char> Expected = referenceReduce(T, Inputs, Count, ncclSum);
  void *Device = nullptr;
  ASSERT_EQ(cudaMalloc(&Device, Count * T.Size), cudaSuccess);
  std::vector<char> Back(Count * T.Size);
  cudaMemcpyAsync(Device, Inputs[size_t(WorldRank)].data(), Count * T.Size,
                  cudaMemcpyHostToDevice, W.Stream);
  ASSERT_EQ(ncclAllReduce(Device, Device, Count, ncclFloat, ncclSum, W.Comm,
                          W.Stream),
            ncclSuccess);
  cudaMemcpyAsync(Back.data(), Device, Count * T.Size, cudaMemcpyDeviceToHost,
                  W.Stream);
  W.finish();
  EXPECT_TRUE(Back == Expected);
  cudaFree(Device);
}

TEST(MpiNccl, MediumReductionsInEveryForm) {
  // Up to 1 MiB: started on the calling thread, in two phases and several
  // rounds, finished by the stream's thread when a peer is late.
  WorldComm W;
  for (ncclDataType_t Type : {ncclFloat32, ncclFloat16})
    for (ncclRedOp_t Op : {ncclSum, ncclAvg})
      for (size_t Count : {size_t(20000), size_t(100003), size_t(262144)}) {
        const TypeCase &T = typeCase(Type);
        if (Count * T.Size > (size_t(1) << 20))
          continue;
        auto Inputs = everyInput(T, Count, WorldSize, unsigned(Count));
        std::vector<char> Expected = referenceReduce(T, Inputs, Count, Op);
        std::vector<char> &In = Inputs[size_t(WorldRank)];
        ASSERT_EQ(ncclAllReduce(In.data(), In.data(), Count, Type, Op, W.Comm,
                                W.Stream),
                  ncclSuccess);
        std::vector<char> Root(Count * T.Size);
        auto Again = everyInput(T, Count, WorldSize, unsigned(Count));
        ASSERT_EQ(ncclReduce(Again[size_t(WorldRank)].data(), Root.data(),
                             Count, Type, Op, WorldSize - 1, W.Comm, W.Stream),
                  ncclSuccess);
        W.finish();
        EXPECT_TRUE(In == Expected)
            << T.Name << " op " << Op << " count " << Count;
        if (WorldRank == WorldSize - 1)
          EXPECT_TRUE(Root == Expected)
              << "reduce " << T.Name << " op " << Op << " count " << Count;
      }
}

TEST(MpiNccl, ReduceBroadcastEveryRoot) {
  WorldComm W;
  const TypeCase &T = typeCase(ncclBfloat16);
  size_t Count = 999;
  auto Inputs = everyInput(T, Count, WorldSize);
  for (int Root = 0; Root < WorldSize; ++Root) {
    std::vector<char> Expected = referenceReduce(T, Inputs, Count, ncclMax);
    std::vector<char> Out(Count * T.Size);
    ASSERT_EQ(ncclReduce(Inputs[size_t(WorldRank)].data(), Out.data(), Count,
                         T.Type, ncclMax, Root, W.Comm, W.Stream),
              ncclSuccess);
    W.finish();
    if (WorldRank == Root)
      EXPECT_TRUE(Out == Expected) << "reduce, root " << Root;
    std::vector<char> Data = WorldRank == Root ? Inputs[size_t(Root)]
                                               : std::vector<char>(Out.size());
    ASSERT_EQ(ncclBcast(Data.data(), Count, T.Type, Root, W.Comm, W.Stream),
              ncclSuccess);
    W.finish();
    EXPECT_TRUE(Data == Inputs[size_t(Root)]) << "broadcast, root " << Root;
  }
}

TEST(MpiNccl, AllGatherAndReduceScatter) {
  WorldComm W;
  const TypeCase &T = typeCase(ncclInt64);
  size_t Count = 1234;
  auto Inputs = everyInput(T, Count * size_t(WorldSize), WorldSize);
  std::vector<char> Gathered(Count * T.Size * size_t(WorldSize));
  ASSERT_EQ(ncclAllGather(Inputs[size_t(WorldRank)].data(), Gathered.data(),
                          Count, T.Type, W.Comm, W.Stream),
            ncclSuccess);
  W.finish();
  for (int R = 0; R < WorldSize; ++R)
    EXPECT_EQ(std::memcmp(Gathered.data() + size_t(R) * Count * T.Size,
                          Inputs[size_t(R)].data(), Count * T.Size),
              0);
  std::vector<char> Full =
      referenceReduce(T, Inputs, Count * size_t(WorldSize), ncclSum);
  std::vector<char> Mine(Count * T.Size);
  ASSERT_EQ(ncclReduceScatter(Inputs[size_t(WorldRank)].data(), Mine.data(),
                              Count, T.Type, ncclSum, W.Comm, W.Stream),
            ncclSuccess);
  W.finish();
  EXPECT_EQ(std::memcmp(Mine.data(),
                        Full.data() + size_t(WorldRank) * Count * T.Size,
                        Count * T.Size),
            0);
}

TEST(MpiNccl, SendRecvRingInAGroupAndPreMulSum) {
  WorldComm W;
  int N = WorldSize, R = WorldRank;
  std::vector<int> Mine(5000), Left(5000, -1);
  for (size_t I = 0; I < Mine.size(); ++I)
    Mine[I] = R * 1000000 + int(I);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  ASSERT_EQ(ncclSend(Mine.data(), Mine.size(), ncclInt32, (R + 1) % N, W.Comm,
                     W.Stream),
            ncclSuccess);
  ASSERT_EQ(ncclRecv(Left.data(), Left.size(), ncclInt32, (R + N - 1) % N,
                     W.Comm, W.Stream),
            ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  W.finish();
  for (size_t I = 0; I < Left.size(); ++I)
    ASSERT_EQ(Left[I], ((R + N - 1) % N) * 1000000 + int(I));

  const TypeCase &T = typeCase(ncclFloat16);
  size_t Count = 777;
  auto Inputs = everyInput(T, Count, N);
  std::vector<std::vector<char>> Scaled;
  for (int Q = 0; Q < N; ++Q) {
    std::vector<char> Scalar = inputOf(T, 1, Q + 50);
    Scaled.emplace_back(Count * T.Size);
    T.Scale(Scaled.back().data(), Inputs[size_t(Q)].data(), Count,
            Scalar.data());
  }
  std::vector<char> Scalar = inputOf(T, 1, R + 50);
  ncclRedOp_t Op;
  ASSERT_EQ(ncclRedOpCreatePreMulSum(&Op, Scalar.data(), T.Type,
                                     ncclScalarHostImmediate, W.Comm),
            ncclSuccess);
  std::vector<char> Out(Count * T.Size);
  ASSERT_EQ(ncclAllReduce(Inputs[size_t(R)].data(), Out.data(), Count, T.Type,
                          Op, W.Comm, W.Stream),
            ncclSuccess);
  W.finish();
  EXPECT_TRUE(Out == referenceReduce(T, Scaled, Count, ncclSum));
  EXPECT_EQ(ncclRedOpDestroy(Op, W.Comm), ncclSuccess);
}

TEST(MpiNccl, SplitEvenAndOddProcesses) {
  WorldComm W;
  ncclComm_t Half = nullptr;
  ASSERT_EQ(ncclCommSplit(W.Comm, WorldRank % 2, WorldRank, &Half, nullptr),
            ncclSuccess);
  int Count = 0, Rank = -1;
  ncclCommCount(Half, &Count);
  ncclCommUserRank(Half, &Rank);
  EXPECT_EQ(Count, (WorldSize + 1 - WorldRank % 2) / 2);
  EXPECT_EQ(Rank, WorldRank / 2);
  double Value = WorldRank, Expected = 0;
  for (int Q = WorldRank % 2; Q < WorldSize; Q += 2)
    Expected += Q;
  ASSERT_EQ(
      ncclAllReduce(&Value, &Value, 1, ncclDouble, ncclSum, Half, W.Stream),
      ncclSuccess);
  W.finish();
  EXPECT_EQ(Value, Expected);
  EXPECT_EQ(ncclCommDestroy(Half), ncclSuccess);
}

TEST(MpiNccl, IdPassedThroughAFile) {
  char Path[] = "/tmp/tongxin-nccl-id-XXXXXX";
  if (WorldRank == 0) {
    int Fd = mkstemp(Path);
    ASSERT_GE(Fd, 0);
    close(Fd);
    ncclUniqueId Id;
    ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
    std::ofstream(Path, std::ios::binary)
        .write(Id.internal, NCCL_UNIQUE_ID_BYTES);
  }
  // Only the file's name travels by MPI; the id itself by the file.
  MPI_Bcast(Path, sizeof(Path), MPI_CHAR, 0, MPI_COMM_WORLD);
  ncclUniqueId Id;
  std::ifstream(Path, std::ios::binary).read(Id.internal, NCCL_UNIQUE_ID_BYTES);
  ncclComm_t Comm = nullptr;
  ASSERT_EQ(ncclCommInitRank(&Comm, WorldSize, Id, WorldSize - 1 - WorldRank),
            ncclSuccess);
  MPI_Barrier(MPI_COMM_WORLD);
  if (WorldRank == 0)
    std::remove(Path);
  int Value = 1 << WorldRank;
  ASSERT_EQ(ncclAllReduce(&Value, &Value, 1, ncclInt, ncclSum, Comm, nullptr),
            ncclSuccess);
  cudaStreamSynchronize(nullptr);
  EXPECT_EQ(Value, (1 << WorldSize) - 1);
  EXPECT_EQ(ncclCommDestroy(Comm), ncclSuccess);
}

TEST(MpiNccl, TwoRanksInEveryProcess) {
  ncclUniqueId Id;
  if (WorldRank == 0)
    ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  MPI_Bcast(&Id, sizeof(Id), MPI_BYTE, 0, MPI_COMM_WORLD);
  int N = 2 * WorldSize;
  const TypeCase &T = typeCase(ncclFloat32);
  size_t Count = 100003;
  auto Inputs = everyInput(T, Count, N);
  std::vector<char> Expected = referenceReduce(T, Inputs, Count, ncclSum);
  ncclComm_t Comms[2] = {nullptr, nullptr};
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int L = 0; L < 2; ++L)
    ASSERT_EQ(ncclCommInitRank(&Comms[L], N, Id, 2 * WorldRank + L),
              ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess) << ncclGetLastError(nullptr);
  cudaStream_t Streams[2];
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int L = 0; L < 2; ++L) {
    cudaStreamCreate(&Streams[L]);
    char *Data = Inputs[size_t(2 * WorldRank + L)].data();
    ASSERT_EQ(
        ncclAllReduce(Data, Data, Count, T.Type, ncclSum, Comms[L], Streams[L]),
        ncclSuccess);
  }
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  for (int L = 0; L < 2; ++L) {
    EXPECT_EQ(cudaStreamSynchronize(Streams[L]), cudaSuccess);
    EXPECT_TRUE(Inputs[size_t(2 * WorldRank + L)] == Expected) << "local " << L;
    EXPECT_EQ(ncclCommDestroy(Comms[L]), ncclSuccess);
    cudaStreamDestroy(Streams[L]);
  }
}

TEST(MpiNccl, MismatchedCountsAcrossProcessesAreDetected) {
  WorldComm W;
  ::testing::internal::CaptureStderr();
  // Rank 0 reduces more elements than the others.
  size_t Count = WorldRank == 0 ? 4000 : 2000;
  std::vector<float> Data(Count, 1.0f);
  ASSERT_EQ(ncclAllReduce(Data.data(), Data.data(), Count, ncclFloat, ncclSum,
                          W.Comm, W.Stream),
            ncclSuccess);
  EXPECT_EQ(cudaStreamSynchronize(W.Stream), cudaSuccess);
  ::testing::internal::GetCapturedStderr();
  ncclResult_t Async = ncclSuccess;
  EXPECT_EQ(ncclCommGetAsyncError(W.Comm, &Async), ncclSuccess);
  EXPECT_EQ(Async, ncclInvalidUsage);
  // Every process leaves the test together, whatever its peers did.
  MPI_Barrier(MPI_COMM_WORLD);
  ncclCommAbort(W.Comm);
  W.Comm = nullptr;
}

TEST(MpiNccl, RanksDisagreeingOnTheRankCountFailInsteadOfWaiting) {
  ncclUniqueId Id;
  if (WorldRank == 0)
    ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  MPI_Bcast(&Id, sizeof(Id), MPI_BYTE, 0, MPI_COMM_WORLD);
  // The creator says WorldSize ranks, the others one more: every process
  // gets an error, none waits forever.
  int N = WorldRank == 0 ? WorldSize : WorldSize + 1;
  ncclComm_t Comm = nullptr;
  EXPECT_EQ(ncclCommInitRank(&Comm, N, Id, WorldRank), ncclInvalidUsage)
      << ncclGetLastError(nullptr);
  EXPECT_EQ(Comm, nullptr);
  MPI_Barrier(MPI_COMM_WORLD);
}

TEST(MpiNccl, CudaAwareMpiTakesDevicePointers) {
  // CPU-device memory is host memory: MPI reads and writes it directly.
  double *Device = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&Device), 4 * sizeof(double)),
            cudaSuccess);
  for (int I = 0; I < 4; ++I)
    Device[I] = WorldRank + I;
  ASSERT_EQ(MPI_Allreduce(MPI_IN_PLACE, Device, 4, MPI_DOUBLE, MPI_SUM,
                          MPI_COMM_WORLD),
            MPI_SUCCESS);
  double Base = WorldSize * (WorldSize - 1) / 2.0;
  for (int I = 0; I < 4; ++I)
    EXPECT_EQ(Device[I], Base + I * WorldSize);
  cudaFree(Device);
}

// Each process's CPU device takes its share of the cores the launcher left
// it (docs/nccl.md): all of the ones it was bound to, else the machine
// divided among the ranks on it (at least one worker each).
TEST(MpiNccl, WorkersShareTheMachine) {
  if (std::getenv("TONGXIN_CPU_THREADS"))
    GTEST_SKIP() << "TONGXIN_CPU_THREADS sets the workers";
  const char *Local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  ASSERT_NE(Local, nullptr) << "not started by Open MPI's mpirun";
  cpu_set_t Allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof(Allowed), &Allowed), 0);
  const unsigned Usable = unsigned(CPU_COUNT(&Allowed));
  const unsigned Online = std::thread::hardware_concurrency();
  const unsigned LocalRanks = unsigned(std::atoi(Local));
  const unsigned Want = LocalRanks <= 1 || Usable < Online
                            ? Usable
                            : std::max(1u, Usable / LocalRanks);
  int Workers = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Workers, cudaDevAttrMultiProcessorCount, 0),
            cudaSuccess);
  EXPECT_EQ(unsigned(Workers), Want)
      << LocalRanks << " local ranks, " << Usable << " of " << Online
      << " hardware threads usable";
}

} // namespace

int main(int argc, char **argv) {
  int Provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &Provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &WorldRank);
  MPI_Comm_size(MPI_COMM_WORLD, &WorldSize);
  ::testing::InitGoogleTest(&argc, argv);
  int Failed = RUN_ALL_TESTS();
  int AnyFailed = 0;
  MPI_Allreduce(&Failed, &AnyFailed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (WorldRank == 0)
    std::printf("tongxin-nccl-mpi-tests: %d processes, %s\n", WorldSize,
                AnyFailed ? "FAILED" : "all passed");
  MPI_Finalize();
  return AnyFailed;
}
