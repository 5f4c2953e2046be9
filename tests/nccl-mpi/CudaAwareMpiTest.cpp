//===- CudaAwareMpiTest.cpp - MPI calls on device pointers ----------------===//
//
// Part of Tongxin. Device pointers passed straight to MPI's point-to-point
// and collective calls, blocking and non-blocking, linked with
// libtongxin_mpi: on the CPU device MPI reads them itself, on a device whose
// memory the host cannot address (the nccl-mpi-2-processes-private-memory
// run) each goes through a host copy, which a non-blocking call's request
// keeps until a wait or test completes it. The data only ever moves by
// cudaMemcpy here, so the same test runs on both.
//
//===----------------------------------------------------------------------===//

#include "cuda_runtime_api.h"

#include <gtest/gtest.h>
#include <mpi.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

int worldRank() {
  int Rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &Rank);
  return Rank;
}

int worldSize() {
  int Size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &Size);
  return Size;
}

/// Device memory holding Values; freed with the object.
class DeviceInts {
public:
  explicit DeviceInts(const std::vector<int> &Values) : Count(Values.size()) {
    EXPECT_EQ(cudaMalloc(reinterpret_cast<void **>(&Ptr),
                         std::max<size_t>(Count, 1) * sizeof(int)),
              cudaSuccess);
    EXPECT_EQ(cudaMemcpy(Ptr, Values.data(), Count * sizeof(int),
                         cudaMemcpyHostToDevice),
              cudaSuccess);
  }
  ~DeviceInts() { cudaFree(Ptr); }
  std::vector<int> read() const {
    std::vector<int> Values(Count);
    EXPECT_EQ(cudaMemcpy(Values.data(), Ptr, Count * sizeof(int),
                         cudaMemcpyDeviceToHost),
              cudaSuccess);
    return Values;
  }
  int *Ptr = nullptr;
  size_t Count;
};

/// Rank R's N values.
std::vector<int> valuesOf(int R, int N) {
  std::vector<int> Values(size_t(N), 0);
  for (int I = 0; I < N; ++I)
    Values[size_t(I)] = 1000 * R + I;
  return Values;
}

/// Element-wise sum of every rank's Count values.
std::vector<int> sumOfRanks(int N, int Count) {
  std::vector<int> Sum(size_t(Count), 0);
  for (int R = 0; R < N; ++R)
    for (int I = 0; I < Count; ++I)
      Sum[size_t(I)] += valuesOf(R, Count)[size_t(I)];
  return Sum;
}

/// Every rank's Count values, rank after rank.
std::vector<int> allRanks(int N, int Count) {
  std::vector<int> All;
  for (int R = 0; R < N; ++R) {
    std::vector<int> V = valuesOf(R, Count);
    All.insert(All.end(), V.begin(), V.end());
  }
  return All;
}

/// Rank Me's block of a reduce-scatter of every rank's Block * N values.
std::vector<int> reducedBlock(int Me, int N, int Block) {
  std::vector<int> Sum = sumOfRanks(N, Block * N);
  return std::vector<int>(Sum.begin() + long(Me) * Block,
                          Sum.begin() + long(Me + 1) * Block);
}

bool devicePrivate() {
  cudaDeviceProp Prop;
  return cudaGetDeviceProperties(&Prop, 0) == cudaSuccess && !Prop.integrated;
}

TEST(CudaAwareMpi, PointToPointOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 1000;
  // A ring with MPI_Sendrecv.
  DeviceInts Out(valuesOf(Me, Count)), In(std::vector<int>(Count, -1));
  ASSERT_EQ(MPI_Sendrecv(Out.Ptr, Count, MPI_INT, (Me + 1) % N, 7, In.Ptr,
                         Count, MPI_INT, (Me + N - 1) % N, 7, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE),
            MPI_SUCCESS);
  EXPECT_EQ(In.read(), valuesOf((Me + N - 1) % N, Count));
  // MPI_Send and MPI_Recv between the first two ranks, with a strided type
  // (every other int of 7): only the type's elements arrive.
  MPI_Datatype Strided;
  ASSERT_EQ(MPI_Type_vector(4, 1, 2, MPI_INT, &Strided), MPI_SUCCESS);
  ASSERT_EQ(MPI_Type_commit(&Strided), MPI_SUCCESS);
  DeviceInts Sparse(valuesOf(Me, 7)), Dense(std::vector<int>(4, -1));
  if (Me == 0)
    EXPECT_EQ(MPI_Send(Sparse.Ptr, 1, Strided, 1, 8, MPI_COMM_WORLD),
              MPI_SUCCESS);
  if (Me == 1) {
    EXPECT_EQ(MPI_Recv(Dense.Ptr, 4, MPI_INT, 0, 8, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              MPI_SUCCESS);
    EXPECT_EQ(Dense.read(), (std::vector<int>{0, 2, 4, 6}));
  }
  // The other way: received into a strided type, the holes keep their
  // values; a shorter message leaves the rest of the buffer alone.
  DeviceInts Holes(std::vector<int>(7, -5));
  if (Me == 0)
    EXPECT_EQ(MPI_Send(Sparse.Ptr, 3, MPI_INT, 1, 9, MPI_COMM_WORLD),
              MPI_SUCCESS);
  if (Me == 1) {
    EXPECT_EQ(MPI_Recv(Holes.Ptr, 1, Strided, 0, 9, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              MPI_SUCCESS);
    EXPECT_EQ(Holes.read(), (std::vector<int>{0, -5, 1, -5, 2, -5, -5}));
  }
  MPI_Type_free(&Strided);
}

TEST(CudaAwareMpi, OtherSendModesOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 64;
  const int Next = (Me + 1) % N, Prev = (Me + N - 1) % N;
  DeviceInts Out(valuesOf(Me, Count));
  std::vector<char> Attached(
      size_t(4 * (Count * sizeof(int) + MPI_BSEND_OVERHEAD)));
  ASSERT_EQ(MPI_Buffer_attach(Attached.data(), int(Attached.size())),
            MPI_SUCCESS);
  // Each mode once round the ring; the receive is posted first (a ready
  // send needs it), and everyone has posted it before anyone sends.
  int Tag = 20;
  for (const char *Mode : {"Ssend", "Bsend", "Rsend", "Ibsend", "Irsend"}) {
    DeviceInts In(std::vector<int>(Count, -1));
    MPI_Request Receive, Send = MPI_REQUEST_NULL;
    ASSERT_EQ(
        MPI_Irecv(In.Ptr, Count, MPI_INT, Prev, Tag, MPI_COMM_WORLD, &Receive),
        MPI_SUCCESS);
    ASSERT_EQ(MPI_Barrier(MPI_COMM_WORLD), MPI_SUCCESS);
    std::string M = Mode;
    int Sent =
        M == "Ssend"
            ? MPI_Ssend(Out.Ptr, Count, MPI_INT, Next, Tag, MPI_COMM_WORLD)
        : M == "Bsend"
            ? MPI_Bsend(Out.Ptr, Count, MPI_INT, Next, Tag, MPI_COMM_WORLD)
        : M == "Rsend"
            ? MPI_Rsend(Out.Ptr, Count, MPI_INT, Next, Tag, MPI_COMM_WORLD)
        : M == "Ibsend" ? MPI_Ibsend(Out.Ptr, Count, MPI_INT, Next, Tag,
                                     MPI_COMM_WORLD, &Send)
                        : MPI_Irsend(Out.Ptr, Count, MPI_INT, Next, Tag,
                                     MPI_COMM_WORLD, &Send);
    ASSERT_EQ(Sent, MPI_SUCCESS) << Mode;
    ASSERT_EQ(MPI_Wait(&Send, MPI_STATUS_IGNORE), MPI_SUCCESS) << Mode;
    ASSERT_EQ(MPI_Wait(&Receive, MPI_STATUS_IGNORE), MPI_SUCCESS) << Mode;
    EXPECT_EQ(In.read(), valuesOf(Prev, Count)) << Mode;
    ++Tag;
  }
  void *Detached = nullptr;
  int Size = 0;
  ASSERT_EQ(MPI_Buffer_detach(&Detached, &Size), MPI_SUCCESS);
}

TEST(CudaAwareMpi, CollectivesOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 300;
  const std::vector<int> Sum = sumOfRanks(N, Count),
                         Everyone = allRanks(N, Count);

  DeviceInts Bcast(Me == 1 ? valuesOf(1, Count) : std::vector<int>(Count, 0));
  ASSERT_EQ(MPI_Bcast(Bcast.Ptr, Count, MPI_INT, 1, MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(Bcast.read(), valuesOf(1, Count)) << "MPI_Bcast";

  DeviceInts Mine(valuesOf(Me, Count)), Reduced(std::vector<int>(Count, 0));
  ASSERT_EQ(MPI_Reduce(Mine.Ptr, Reduced.Ptr, Count, MPI_INT, MPI_SUM, 0,
                       MPI_COMM_WORLD),
            MPI_SUCCESS);
  if (Me == 0)
    EXPECT_EQ(Reduced.read(), Sum) << "MPI_Reduce";

  DeviceInts InPlace(valuesOf(Me, Count));
  ASSERT_EQ(MPI_Allreduce(MPI_IN_PLACE, InPlace.Ptr, Count, MPI_INT, MPI_SUM,
                          MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(InPlace.read(), Sum) << "MPI_Allreduce in place";

  // All-gather in place: this rank's part is already in its slot.
  std::vector<int> Slots(size_t(Count) * size_t(N), -1);
  std::copy_n(valuesOf(Me, Count).begin(), Count,
              Slots.begin() + long(size_t(Me) * size_t(Count)));
  DeviceInts Gathered(Slots);
  ASSERT_EQ(MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, Gathered.Ptr,
                          Count, MPI_INT, MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(Gathered.read(), Everyone) << "MPI_Allgather in place";

  DeviceInts AtRoot(std::vector<int>(size_t(Count) * size_t(N), -1));
  ASSERT_EQ(MPI_Gather(Mine.Ptr, Count, MPI_INT, AtRoot.Ptr, Count, MPI_INT,
                       N - 1, MPI_COMM_WORLD),
            MPI_SUCCESS);
  if (Me == N - 1)
    EXPECT_EQ(AtRoot.read(), Everyone) << "MPI_Gather";

  DeviceInts All(Everyone), Part(std::vector<int>(Count, -1));
  ASSERT_EQ(MPI_Scatter(All.Ptr, Count, MPI_INT, Part.Ptr, Count, MPI_INT, 0,
                        MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(Part.read(), valuesOf(Me, Count)) << "MPI_Scatter";

  // All-to-all: block B of rank R's input goes to rank B's slot R.
  std::vector<int> Blocks, Want;
  for (int B = 0; B < N; ++B)
    Blocks.push_back(100 * Me + B);
  for (int R = 0; R < N; ++R)
    Want.push_back(100 * R + Me);
  DeviceInts Send(Blocks), Recv(std::vector<int>(size_t(N), -1));
  ASSERT_EQ(
      MPI_Alltoall(Send.Ptr, 1, MPI_INT, Recv.Ptr, 1, MPI_INT, MPI_COMM_WORLD),
      MPI_SUCCESS);
  EXPECT_EQ(Recv.read(), Want) << "MPI_Alltoall";

  // Reduce-scatter in place: the buffer holds every rank's blocks on the
  // way in (rank R's input here: its own values, N blocks of Count / N).
  const int Block = Count / N;
  DeviceInts Scattered(valuesOf(Me, Block * N));
  ASSERT_EQ(MPI_Reduce_scatter_block(MPI_IN_PLACE, Scattered.Ptr, Block,
                                     MPI_INT, MPI_SUM, MPI_COMM_WORLD),
            MPI_SUCCESS);
  std::vector<int> Got = Scattered.read();
  Got.resize(size_t(Block)); // In place, the result is the first block.
  EXPECT_EQ(Got, reducedBlock(Me, N, Block)) << "MPI_Reduce_scatter_block";
}

TEST(CudaAwareMpi, NonBlockingPointToPointOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 500;
  const int Next = (Me + 1) % N, Prev = (Me + N - 1) % N;
  // A ring twice over: completed by MPI_Waitall, then one by one with
  // MPI_Test polling and MPI_Waitany.
  DeviceInts Out(valuesOf(Me, Count)), In(std::vector<int>(Count, -1));
  MPI_Request Requests[2];
  ASSERT_EQ(
      MPI_Irecv(In.Ptr, Count, MPI_INT, Prev, 3, MPI_COMM_WORLD, &Requests[0]),
      MPI_SUCCESS);
  ASSERT_EQ(
      MPI_Isend(Out.Ptr, Count, MPI_INT, Next, 3, MPI_COMM_WORLD, &Requests[1]),
      MPI_SUCCESS);
  MPI_Status Statuses[2];
  ASSERT_EQ(MPI_Waitall(2, Requests, Statuses), MPI_SUCCESS);
  EXPECT_EQ(Requests[0], MPI_REQUEST_NULL);
  EXPECT_EQ(Statuses[0].MPI_SOURCE, Prev);
  EXPECT_EQ(In.read(), valuesOf(Prev, Count)) << "MPI_Irecv + MPI_Waitall";

  DeviceInts Again(std::vector<int>(Count, -1));
  ASSERT_EQ(MPI_Irecv(Again.Ptr, Count, MPI_INT, Prev, 4, MPI_COMM_WORLD,
                      &Requests[0]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Issend(Out.Ptr, Count, MPI_INT, Next, 4, MPI_COMM_WORLD,
                       &Requests[1]),
            MPI_SUCCESS);
  int Index = -1;
  ASSERT_EQ(MPI_Waitany(2, Requests, &Index, MPI_STATUS_IGNORE), MPI_SUCCESS);
  ASSERT_TRUE(Index == 0 || Index == 1);
  int Flag = 0;
  while (!Flag)
    ASSERT_EQ(MPI_Test(&Requests[1 - Index], &Flag, MPI_STATUS_IGNORE),
              MPI_SUCCESS);
  EXPECT_EQ(Again.read(), valuesOf(Prev, Count)) << "MPI_Waitany + MPI_Test";

  // Several receives completed a few at a time by MPI_Waitsome, each of a
  // part of one device buffer.
  const int Parts = 4, Part = Count / Parts;
  DeviceInts Pieces(std::vector<int>(Count, -1));
  MPI_Request Receives[Parts], Sends[Parts];
  for (int P = 0; P < Parts; ++P)
    ASSERT_EQ(MPI_Irecv(Pieces.Ptr + P * Part, Part, MPI_INT, Prev, 10 + P,
                        MPI_COMM_WORLD, &Receives[P]),
              MPI_SUCCESS);
  for (int P = Parts - 1; P >= 0; --P)
    ASSERT_EQ(MPI_Isend(Out.Ptr + P * Part, Part, MPI_INT, Next, 10 + P,
                        MPI_COMM_WORLD, &Sends[P]),
              MPI_SUCCESS);
  int Left = Parts;
  while (Left > 0) {
    int Done = 0, Indices[Parts];
    ASSERT_EQ(
        MPI_Waitsome(Parts, Receives, &Done, Indices, MPI_STATUSES_IGNORE),
        MPI_SUCCESS);
    ASSERT_NE(Done, MPI_UNDEFINED);
    Left -= Done;
  }
  ASSERT_EQ(MPI_Waitall(Parts, Sends, MPI_STATUSES_IGNORE), MPI_SUCCESS);
  EXPECT_EQ(Pieces.read(), valuesOf(Prev, Count)) << "MPI_Waitsome";
}

TEST(CudaAwareMpi, NonBlockingCollectivesOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 200;
  const std::vector<int> Sum = sumOfRanks(N, Count),
                         Everyone = allRanks(N, Count);
  const int Block = Count / N;
  std::vector<int> Blocks, WantBlocks;
  for (int B = 0; B < N; ++B)
    Blocks.push_back(100 * Me + B);
  for (int R = 0; R < N; ++R)
    WantBlocks.push_back(100 * R + Me);

  // All in flight at once, completed together.
  DeviceInts Bcast(Me == 0 ? valuesOf(0, Count) : std::vector<int>(Count, 0));
  DeviceInts Mine(valuesOf(Me, Count)), Reduced(std::vector<int>(Count, 0));
  DeviceInts InPlace(valuesOf(Me, Count));
  DeviceInts Gathered(std::vector<int>(size_t(Count) * size_t(N), -1));
  DeviceInts AtRoot(std::vector<int>(size_t(Count) * size_t(N), -1));
  DeviceInts All(Everyone), Part(std::vector<int>(Count, -1));
  DeviceInts Send(Blocks), Recv(std::vector<int>(size_t(N), -1));
  DeviceInts Scattered(valuesOf(Me, Block * N));
  std::vector<MPI_Request> Requests(8, MPI_REQUEST_NULL);
  ASSERT_EQ(
      MPI_Ibcast(Bcast.Ptr, Count, MPI_INT, 0, MPI_COMM_WORLD, &Requests[0]),
      MPI_SUCCESS);
  ASSERT_EQ(MPI_Ireduce(Mine.Ptr, Reduced.Ptr, Count, MPI_INT, MPI_SUM, N - 1,
                        MPI_COMM_WORLD, &Requests[1]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Iallreduce(MPI_IN_PLACE, InPlace.Ptr, Count, MPI_INT, MPI_SUM,
                           MPI_COMM_WORLD, &Requests[2]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Iallgather(Mine.Ptr, Count, MPI_INT, Gathered.Ptr, Count,
                           MPI_INT, MPI_COMM_WORLD, &Requests[3]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Igather(Mine.Ptr, Count, MPI_INT, AtRoot.Ptr, Count, MPI_INT, 0,
                        MPI_COMM_WORLD, &Requests[4]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Iscatter(All.Ptr, Count, MPI_INT, Part.Ptr, Count, MPI_INT,
                         N - 1, MPI_COMM_WORLD, &Requests[5]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Ialltoall(Send.Ptr, 1, MPI_INT, Recv.Ptr, 1, MPI_INT,
                          MPI_COMM_WORLD, &Requests[6]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Ireduce_scatter_block(MPI_IN_PLACE, Scattered.Ptr, Block,
                                      MPI_INT, MPI_SUM, MPI_COMM_WORLD,
                                      &Requests[7]),
            MPI_SUCCESS);
  int Flag = 0;
  while (!Flag)
    ASSERT_EQ(MPI_Testall(int(Requests.size()), Requests.data(), &Flag,
                          MPI_STATUSES_IGNORE),
              MPI_SUCCESS);

  EXPECT_EQ(Bcast.read(), valuesOf(0, Count)) << "MPI_Ibcast";
  if (Me == N - 1)
    EXPECT_EQ(Reduced.read(), Sum) << "MPI_Ireduce";
  EXPECT_EQ(InPlace.read(), Sum) << "MPI_Iallreduce in place";
  EXPECT_EQ(Gathered.read(), Everyone) << "MPI_Iallgather";
  if (Me == 0)
    EXPECT_EQ(AtRoot.read(), Everyone) << "MPI_Igather";
  EXPECT_EQ(Part.read(), valuesOf(Me, Count)) << "MPI_Iscatter";
  EXPECT_EQ(Recv.read(), WantBlocks) << "MPI_Ialltoall";
  std::vector<int> Got = Scattered.read();
  Got.resize(size_t(Block)); // In place, the result is the first block.
  EXPECT_EQ(Got, reducedBlock(Me, N, Block)) << "MPI_Ireduce_scatter_block";
}

TEST(CudaAwareMpi, CancelledReceiveLeavesDeviceBufferAlone) {
  // Nothing is ever sent with this tag: the receive is cancelled, and the
  // device buffer keeps its values (no host copy is written back).
  DeviceInts Buf(valuesOf(7, 64));
  MPI_Request Request;
  ASSERT_EQ(MPI_Irecv(Buf.Ptr, 64, MPI_INT, MPI_ANY_SOURCE, 999, MPI_COMM_WORLD,
                      &Request),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Cancel(&Request), MPI_SUCCESS);
  MPI_Status Status;
  ASSERT_EQ(MPI_Wait(&Request, &Status), MPI_SUCCESS);
  int Cancelled = 0;
  ASSERT_EQ(MPI_Test_cancelled(&Status, &Cancelled), MPI_SUCCESS);
  EXPECT_TRUE(Cancelled);
  EXPECT_EQ(Buf.read(), valuesOf(7, 64));
}

TEST(CudaAwareMpi, DisplacementsBeforeAPrivateBufferAreRefused) {
  if (!devicePrivate())
    GTEST_SKIP() << "device 0's memory is host memory: MPI takes it as is";
  // No host copy from the buffer's start covers a block before it:
  // refused rather than handed a pointer MPI would fault on.
  DeviceInts Buf(std::vector<int>(16, 0));
  std::vector<int> Counts(size_t(worldSize()), 1),
      Displs(size_t(worldSize()), -1);
  std::vector<MPI_Datatype> Types(size_t(worldSize()), MPI_INT);
  EXPECT_EQ(MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, Buf.Ptr + 8,
                           Counts.data(), Displs.data(), MPI_INT,
                           MPI_COMM_WORLD),
            MPI_ERR_ARG);
  Displs.assign(size_t(worldSize()), -4); // bytes, for MPI_Alltoallw
  EXPECT_EQ(MPI_Alltoallw(Buf.Ptr, Counts.data(), Displs.data(), Types.data(),
                          Buf.Ptr + 8, Counts.data(), Displs.data(),
                          Types.data(), MPI_COMM_WORLD),
            MPI_ERR_ARG);
}

TEST(CudaAwareMpi, PersistentRequestsOnDevicePointers) {
  // A ring of persistent requests started three times, the device's send
  // buffer changed between rounds: each round sends what the device holds
  // at MPI_Start and receives into the device by the wait.
  const int Me = worldRank(), N = worldSize(), Count = 40;
  const int Next = (Me + 1) % N, Prev = (Me + N - 1) % N;
  DeviceInts Out(valuesOf(Me, Count)), In(std::vector<int>(Count, -1));
  MPI_Request Requests[2];
  ASSERT_EQ(MPI_Recv_init(In.Ptr, Count, MPI_INT, Prev, 31, MPI_COMM_WORLD,
                          &Requests[0]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Send_init(Out.Ptr, Count, MPI_INT, Next, 31, MPI_COMM_WORLD,
                          &Requests[1]),
            MPI_SUCCESS);
  for (int Round = 0; Round < 3; ++Round) {
    std::vector<int> Mine = valuesOf(Me + 10 * Round, Count);
    ASSERT_EQ(cudaMemcpy(Out.Ptr, Mine.data(), Count * sizeof(int),
                         cudaMemcpyHostToDevice),
              cudaSuccess);
    if (Round == 1) {
      // One at a time, completed by polling.
      ASSERT_EQ(MPI_Start(&Requests[0]), MPI_SUCCESS);
      ASSERT_EQ(MPI_Start(&Requests[1]), MPI_SUCCESS);
      int Done = 0;
      while (!Done)
        ASSERT_EQ(MPI_Testall(2, Requests, &Done, MPI_STATUSES_IGNORE),
                  MPI_SUCCESS);
    } else {
      ASSERT_EQ(MPI_Startall(2, Requests), MPI_SUCCESS);
      ASSERT_EQ(MPI_Waitall(2, Requests, MPI_STATUSES_IGNORE), MPI_SUCCESS);
    }
    EXPECT_EQ(In.read(), valuesOf(Prev + 10 * Round, Count))
        << "round " << Round;
  }
  // Waiting on an inactive request changes nothing on the device.
  ASSERT_EQ(cudaMemset(In.Ptr, 0, Count * sizeof(int)), cudaSuccess);
  ASSERT_EQ(MPI_Wait(&Requests[0], MPI_STATUS_IGNORE), MPI_SUCCESS);
  EXPECT_EQ(In.read(), std::vector<int>(Count, 0));
  EXPECT_EQ(MPI_Request_free(&Requests[0]), MPI_SUCCESS);
  EXPECT_EQ(MPI_Request_free(&Requests[1]), MPI_SUCCESS);
  EXPECT_EQ(Requests[0], MPI_REQUEST_NULL);
}

TEST(CudaAwareMpi, FreeingAStartedPersistentRequestIsRefused) {
  if (!devicePrivate())
    GTEST_SKIP() << "device 0's memory is host memory: MPI takes it as is";
  DeviceInts Buf(valuesOf(5, 8));
  MPI_Request Request;
  ASSERT_EQ(MPI_Recv_init(Buf.Ptr, 8, MPI_INT, MPI_ANY_SOURCE, 997,
                          MPI_COMM_WORLD, &Request),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Start(&Request), MPI_SUCCESS);
  EXPECT_EQ(MPI_Request_free(&Request), MPI_ERR_REQUEST);
  ASSERT_EQ(MPI_Cancel(&Request), MPI_SUCCESS);
  ASSERT_EQ(MPI_Wait(&Request, MPI_STATUS_IGNORE), MPI_SUCCESS);
  EXPECT_EQ(Buf.read(), valuesOf(5, 8)) << "a cancelled receive copies nothing";
  EXPECT_EQ(MPI_Request_free(&Request), MPI_SUCCESS);
}

/// Rank R's block of a per-rank-count collective: R + 1 values.
int countOf(int R) { return R + 1; }

/// Where rank R's block starts: blocks in reverse rank order with a gap of
/// two elements before each, so that gaps and order both matter.
int displOf(int R, int N) {
  int At = 0;
  for (int Q = N - 1; Q > R; --Q)
    At += countOf(Q) + 2;
  return At + 2;
}

/// A buffer of -1s with rank R's values V at R's block, for every R in
/// Ranks.
std::vector<int> blocksOf(int N, const std::vector<int> &Ranks,
                          std::vector<int> (*V)(int R, int N)) {
  std::vector<int> All(size_t(displOf(0, N) + countOf(0)), -1);
  for (int R : Ranks)
    std::copy_n(V(R, N).begin(), countOf(R), All.begin() + displOf(R, N));
  return All;
}

std::vector<int> blockValues(int R, int) { return valuesOf(R, countOf(R)); }

TEST(CudaAwareMpi, PerRankCountCollectivesOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Root = N - 1;
  std::vector<int> Counts, Displs, Everyone;
  for (int R = 0; R < N; ++R) {
    Counts.push_back(countOf(R));
    Displs.push_back(displOf(R, N));
    Everyone.push_back(R);
  }
  const std::vector<int> Gathered = blocksOf(N, Everyone, blockValues);
  DeviceInts Mine(valuesOf(Me, countOf(Me)));

  // Gatherv: the root's gaps keep their -1s.
  DeviceInts AtRoot(std::vector<int>(Gathered.size(), -1));
  ASSERT_EQ(MPI_Gatherv(Mine.Ptr, countOf(Me), MPI_INT, AtRoot.Ptr,
                        Counts.data(), Displs.data(), MPI_INT, Root,
                        MPI_COMM_WORLD),
            MPI_SUCCESS);
  if (Me == Root)
    EXPECT_EQ(AtRoot.read(), Gathered) << "MPI_Gatherv";

  // Allgatherv in place: this rank's block is already in the buffer.
  DeviceInts All(blocksOf(N, {Me}, blockValues));
  ASSERT_EQ(MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, All.Ptr,
                           Counts.data(), Displs.data(), MPI_INT,
                           MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(All.read(), Gathered) << "MPI_Allgatherv in place";

  // Scatterv from the gathered blocks, then its non-blocking form.
  DeviceInts Source(Gathered), Part(std::vector<int>(size_t(countOf(Me)), -1));
  ASSERT_EQ(MPI_Scatterv(Source.Ptr, Counts.data(), Displs.data(), MPI_INT,
                         Part.Ptr, countOf(Me), MPI_INT, Root, MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(Part.read(), valuesOf(Me, countOf(Me))) << "MPI_Scatterv";
  DeviceInts Part2(std::vector<int>(size_t(countOf(Me)), -1));
  MPI_Request Requests[3];
  ASSERT_EQ(MPI_Iscatterv(Source.Ptr, Counts.data(), Displs.data(), MPI_INT,
                          Part2.Ptr, countOf(Me), MPI_INT, 0, MPI_COMM_WORLD,
                          &Requests[0]),
            MPI_SUCCESS);

  // Alltoallv: rank Me sends R's block (value 100 * Me + R, R + 1 times)
  // and receives each sender's block at the sender's place.
  auto SendBlock = [&](int R, int) {
    return std::vector<int>(size_t(countOf(R)), 100 * Me + R);
  };
  std::vector<int> Out(size_t(displOf(0, N) + countOf(0)), -1);
  for (int R = 0; R < N; ++R)
    std::copy_n(SendBlock(R, N).begin(), countOf(R),
                Out.begin() + displOf(R, N));
  std::vector<int> RecvCounts(size_t(N), countOf(Me)), RecvDispls, In;
  for (int R = 0; R < N; ++R) {
    RecvDispls.push_back(R * (countOf(Me) + 1));
    for (int K = 0; K < countOf(Me); ++K)
      In.push_back(100 * R + Me);
    In.push_back(-1); // the gap after each block
  }
  DeviceInts SendV(Out), RecvV(std::vector<int>(In.size(), -1));
  ASSERT_EQ(MPI_Ialltoallv(SendV.Ptr, Counts.data(), Displs.data(), MPI_INT,
                           RecvV.Ptr, RecvCounts.data(), RecvDispls.data(),
                           MPI_INT, MPI_COMM_WORLD, &Requests[1]),
            MPI_SUCCESS);

  // Reduce-scatter: rank R gets the sum of everyone's R-th block.
  int Total = 0;
  for (int R = 0; R < N; ++R)
    Total += countOf(R);
  DeviceInts Input(valuesOf(Me, Total)),
      Reduced(std::vector<int>(size_t(countOf(Me)), -1));
  ASSERT_EQ(MPI_Ireduce_scatter(Input.Ptr, Reduced.Ptr, Counts.data(), MPI_INT,
                                MPI_SUM, MPI_COMM_WORLD, &Requests[2]),
            MPI_SUCCESS);
  ASSERT_EQ(MPI_Waitall(3, Requests, MPI_STATUSES_IGNORE), MPI_SUCCESS);
  EXPECT_EQ(Part2.read(), valuesOf(Me, countOf(Me))) << "MPI_Iscatterv";
  EXPECT_EQ(RecvV.read(), In) << "MPI_Ialltoallv";
  std::vector<int> Sum = sumOfRanks(N, Total);
  int First = 0;
  for (int R = 0; R < Me; ++R)
    First += countOf(R);
  EXPECT_EQ(Reduced.read(), std::vector<int>(Sum.begin() + First,
                                             Sum.begin() + First + countOf(Me)))
      << "MPI_Ireduce_scatter";

  // Alltoallw: the same exchange as the Alltoallv above, with byte
  // displacements and a datatype per rank (pairs of ints, counted as such).
  MPI_Datatype Pair;
  ASSERT_EQ(MPI_Type_contiguous(2, MPI_INT, &Pair), MPI_SUCCESS);
  ASSERT_EQ(MPI_Type_commit(&Pair), MPI_SUCCESS);
  std::vector<int> PairOut, PairIn, WCounts(size_t(N), 1), WSendDispls,
      WRecvDispls;
  std::vector<MPI_Datatype> Pairs(size_t(N), Pair);
  for (int R = 0; R < N; ++R) {
    WSendDispls.push_back(int(PairOut.size() * sizeof(int)) + 4);
    PairOut.insert(PairOut.end(), {-1, 10 * Me + R, 20 * Me + R});
    WRecvDispls.push_back(int(PairIn.size() * sizeof(int)));
    PairIn.insert(PairIn.end(), {10 * R + Me, 20 * R + Me, -1});
  }
  DeviceInts SendW(PairOut), RecvW(std::vector<int>(PairIn.size(), -1));
  ASSERT_EQ(MPI_Alltoallw(SendW.Ptr, WCounts.data(), WSendDispls.data(),
                          Pairs.data(), RecvW.Ptr, WCounts.data(),
                          WRecvDispls.data(), Pairs.data(), MPI_COMM_WORLD),
            MPI_SUCCESS);
  EXPECT_EQ(RecvW.read(), PairIn) << "MPI_Alltoallw";
  ASSERT_EQ(MPI_Type_free(&Pair), MPI_SUCCESS);

  // Reduce-scatter in place: the buffer holds the whole input first.
  DeviceInts InPlace(valuesOf(Me, Total));
  ASSERT_EQ(MPI_Reduce_scatter(MPI_IN_PLACE, InPlace.Ptr, Counts.data(),
                               MPI_INT, MPI_SUM, MPI_COMM_WORLD),
            MPI_SUCCESS);
  std::vector<int> Got = InPlace.read();
  Got.resize(size_t(countOf(Me)));
  EXPECT_EQ(Got, std::vector<int>(Sum.begin() + First,
                                  Sum.begin() + First + countOf(Me)))
      << "MPI_Reduce_scatter in place";
}

TEST(CudaAwareMpi, FreeingAStagedRequestIsRefused) {
  if (!devicePrivate())
    GTEST_SKIP() << "device 0's memory is host memory: MPI takes it as is";
  // Its host copy could never be released nor copied back: the request
  // stays, and waiting for it (after a cancel) still works.
  DeviceInts Buf(valuesOf(3, 16));
  MPI_Request Request;
  ASSERT_EQ(MPI_Irecv(Buf.Ptr, 16, MPI_INT, MPI_ANY_SOURCE, 998, MPI_COMM_WORLD,
                      &Request),
            MPI_SUCCESS);
  EXPECT_EQ(MPI_Request_free(&Request), MPI_ERR_REQUEST);
  ASSERT_NE(Request, MPI_REQUEST_NULL);
  ASSERT_EQ(MPI_Cancel(&Request), MPI_SUCCESS);
  ASSERT_EQ(MPI_Wait(&Request, MPI_STATUS_IGNORE), MPI_SUCCESS);
  EXPECT_EQ(Buf.read(), valuesOf(3, 16));
}

} // namespace
