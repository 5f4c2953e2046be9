//===- CudaAwareMpiTest.cpp - MPI calls on device pointers ----------------===//
//
// Part of Tongxin. Device pointers passed straight to MPI's blocking
// point-to-point and collective calls, linked with libtongxin_mpi: on the
// CPU device MPI reads them itself, on a device whose memory the host
// cannot address (the nccl-mpi-2-processes-private-memory run) each goes
// through a host copy, and a non-blocking call on one is refused. The data
// only ever moves by cudaMemcpy here, so the same test runs on both.
//
//===----------------------------------------------------------------------===//

#include "cuda_runtime_api.h"

#include <gtest/gtest.h>
#include <mpi.h>

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
  MPI_Type_free(&Strided);
}

TEST(CudaAwareMpi, CollectivesOnDevicePointers) {
  const int Me = worldRank(), N = worldSize(), Count = 300;
  std::vector<int> Sum(Count, 0), Everyone;
  for (int R = 0; R < N; ++R) {
    std::vector<int> V = valuesOf(R, Count);
    for (int I = 0; I < Count; ++I)
      Sum[size_t(I)] += V[size_t(I)];
    Everyone.insert(Everyone.end(), V.begin(), V.end());
  }

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
  for (int I = 0; I < Block; ++I) {
    int Expected = 0;
    for (int R = 0; R < N; ++R)
      Expected += valuesOf(R, Block * N)[size_t(Me * Block + I)];
    ASSERT_EQ(Got[size_t(I)], Expected) << "MPI_Reduce_scatter_block " << I;
  }
}

TEST(CudaAwareMpi, NonBlockingCallsOnPrivateMemoryAreRefused) {
  if (!devicePrivate())
    GTEST_SKIP() << "device 0's memory is host memory: MPI takes it as is";
  DeviceInts Buf(std::vector<int>(16, 0));
  MPI_Request Request;
  EXPECT_EQ(MPI_Isend(Buf.Ptr, 16, MPI_INT, 0, 9, MPI_COMM_WORLD, &Request),
            MPI_ERR_BUFFER);
  EXPECT_EQ(MPI_Irecv(Buf.Ptr, 16, MPI_INT, 0, 9, MPI_COMM_WORLD, &Request),
            MPI_ERR_BUFFER);
}

} // namespace
