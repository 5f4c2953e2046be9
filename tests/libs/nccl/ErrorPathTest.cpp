//===- ErrorPathTest.cpp - Bad arguments and mismatched ranks -------------===//
//
// Part of Tongxin. Every argument an operation checks gets its NCCL result
// code on the calling thread; ranks that disagree about an operation (its
// count or type) get ncclInvalidUsage from ncclCommGetAsyncError (a peer
// that stopped waiting because of it, ncclRemoteError), with the streams
// still completing, never memory corruption.
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <cstdint>

using namespace nccltest;

namespace {

TEST(NcclArguments, EveryOperationChecksItsArguments) {
  LocalRanks Ranks(2);
  ncclComm_t C = Ranks.comm(0);
  cudaStream_t S = Ranks.stream(0);
  float X[4] = {};
  auto BadType = ncclDataType_t(ncclNumTypes);
  EXPECT_EQ(ncclAllReduce(X, X, 4, BadType, ncclSum, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(X, X, 4, ncclFloat, ncclRedOp_t(77), C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(nullptr, X, 4, ncclFloat, ncclSum, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(X, nullptr, 4, ncclFloat, ncclSum, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(X, X, 4, ncclFloat, ncclSum, nullptr, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(X, X, 4, ncclFloat, ncclSum, C,
                          reinterpret_cast<cudaStream_t>(X)),
            ncclInvalidArgument);
  EXPECT_EQ(ncclReduce(X, X, 4, ncclFloat, ncclSum, 2, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclReduce(X, X, 4, ncclFloat, ncclSum, -1, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclBroadcast(X, X, 4, ncclFloat, 5, C, S), ncclInvalidArgument);
  EXPECT_EQ(ncclBroadcast(nullptr, X, 4, ncclFloat, 0, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllGather(X, nullptr, 2, ncclFloat, C, S), ncclInvalidArgument);
  EXPECT_EQ(ncclReduceScatter(X, nullptr, 2, ncclFloat, ncclSum, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclSend(X, 4, ncclFloat, 2, C, S), ncclInvalidArgument);
  EXPECT_EQ(ncclRecv(X, 4, ncclFloat, -1, C, S), ncclInvalidArgument);
  EXPECT_EQ(ncclSend(nullptr, 4, ncclFloat, 1, C, S), ncclInvalidArgument);
  // Counts whose buffers could not exist.
  EXPECT_EQ(ncclAllGather(X, X, SIZE_MAX / 4, ncclFloat, C, S),
            ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(X, X, SIZE_MAX / 2, ncclFloat, ncclSum, C, S),
            ncclInvalidArgument);
  // Zero elements need no buffer.
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t Stream) {
    return ncclAllReduce(nullptr, nullptr, 0, ncclFloat, ncclSum, Comm, Stream);
  });
}

TEST(NcclArguments, PreMulSumOperatorsBelongToTheirCommunicatorAndType) {
  LocalRanks Ranks(2);
  float Scalar = 2;
  ncclRedOp_t Op;
  EXPECT_EQ(ncclRedOpCreatePreMulSum(nullptr, &Scalar, ncclFloat,
                                     ncclScalarHostImmediate, Ranks.comm(0)),
            ncclInvalidArgument);
  EXPECT_EQ(ncclRedOpCreatePreMulSum(&Op, nullptr, ncclFloat,
                                     ncclScalarHostImmediate, Ranks.comm(0)),
            ncclInvalidArgument);
  EXPECT_EQ(ncclRedOpCreatePreMulSum(&Op, &Scalar, ncclFloat,
                                     ncclScalarResidence_t(9), Ranks.comm(0)),
            ncclInvalidArgument);
  ASSERT_EQ(ncclRedOpCreatePreMulSum(&Op, &Scalar, ncclFloat,
                                     ncclScalarHostImmediate, Ranks.comm(0)),
            ncclSuccess);
  EXPECT_GE(int(Op), int(ncclNumOps));
  double D[2] = {};
  EXPECT_EQ(
      ncclAllReduce(D, D, 2, ncclDouble, Op, Ranks.comm(0), Ranks.stream(0)),
      ncclInvalidArgument); // Created for float.
  float F[2] = {};
  EXPECT_EQ(
      ncclAllReduce(F, F, 2, ncclFloat, Op, Ranks.comm(1), Ranks.stream(1)),
      ncclInvalidArgument); // Another rank's operator.
  EXPECT_EQ(ncclRedOpDestroy(Op, Ranks.comm(1)), ncclInvalidArgument);
  EXPECT_EQ(ncclRedOpDestroy(Op, Ranks.comm(0)), ncclSuccess);
  EXPECT_EQ(ncclRedOpDestroy(Op, Ranks.comm(0)), ncclInvalidArgument);
  EXPECT_EQ(ncclRedOpDestroy(ncclSum, Ranks.comm(0)), ncclInvalidArgument);
}

/// Both ranks call all-reduce with different counts (or types): each
/// detects it, reports ncclInvalidUsage, and later calls fail fast.
void expectMismatchDetected(size_t CountA, ncclDataType_t TypeA, size_t CountB,
                            ncclDataType_t TypeB) {
  ncclComm_t Comms[2];
  int Devices[] = {0, 0};
  ASSERT_EQ(ncclCommInitAll(Comms, 2, Devices), ncclSuccess);
  cudaStream_t Streams[2];
  std::vector<double> A(CountA), B(CountB);
  ASSERT_EQ(cudaStreamCreate(&Streams[0]), cudaSuccess);
  ASSERT_EQ(cudaStreamCreate(&Streams[1]), cudaSuccess);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  ASSERT_EQ(ncclAllReduce(A.data(), A.data(), CountA, TypeA, ncclSum, Comms[0],
                          Streams[0]),
            ncclSuccess);
  ASSERT_EQ(ncclAllReduce(B.data(), B.data(), CountB, TypeB, ncclSum, Comms[1],
                          Streams[1]),
            ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  EXPECT_EQ(cudaStreamSynchronize(Streams[0]), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(Streams[1]), cudaSuccess);
  // The rank that saw the mismatch says so; its peer either saw it too or
  // stopped waiting because of it.
  ncclResult_t Async[2] = {ncclSuccess, ncclSuccess};
  for (int R = 0; R < 2; ++R) {
    EXPECT_EQ(ncclCommGetAsyncError(Comms[R], &Async[R]), ncclSuccess);
    EXPECT_TRUE(Async[R] == ncclInvalidUsage || Async[R] == ncclRemoteError)
        << "rank " << R << ": " << Async[R];
  }
  EXPECT_TRUE(Async[0] == ncclInvalidUsage || Async[1] == ncclInvalidUsage);
  EXPECT_EQ(ncclAllReduce(A.data(), A.data(), CountA, TypeA, ncclSum, Comms[0],
                          Streams[0]),
            Async[0]);
  for (int R = 0; R < 2; ++R) {
    EXPECT_EQ(ncclCommFinalize(Comms[R]), Async[R]);
    EXPECT_EQ(ncclCommDestroy(Comms[R]), ncclSuccess);
    cudaStreamDestroy(Streams[R]);
  }
}

TEST(NcclMismatch, DifferentCountsAreDetectedOnBothRanks) {
  ::testing::internal::CaptureStderr();
  expectMismatchDetected(100, ncclFloat, 200, ncclFloat);
  std::string Err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("NCCL WARN"), std::string::npos) << Err;
}

TEST(NcclMismatch, ThirdRankStopsWaitingForAFailedPeer) {
  // Rank 0 disagrees; ranks 1 and 2 agree with each other but wait for
  // rank 0's messages too: every stream still completes, every rank errs.
  ::testing::internal::CaptureStderr();
  LocalRanks Ranks(3);
  std::vector<std::vector<float>> Data = {std::vector<float>(100),
                                          std::vector<float>(200),
                                          std::vector<float>(200)};
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 3; ++R)
    ASSERT_EQ(ncclAllReduce(Data[size_t(R)].data(), Data[size_t(R)].data(),
                            Data[size_t(R)].size(), ncclFloat, ncclSum,
                            Ranks.comm(R), Ranks.stream(R)),
              ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  Ranks.synchronize();
  ::testing::internal::GetCapturedStderr();
  for (int R = 0; R < 3; ++R) {
    ncclResult_t Async = ncclSuccess;
    EXPECT_EQ(ncclCommGetAsyncError(Ranks.comm(R), &Async), ncclSuccess);
    EXPECT_TRUE(Async == ncclInvalidUsage || Async == ncclRemoteError)
        << "rank " << R << ": " << Async;
  }
}

TEST(NcclMismatch, DifferentTypesAreDetected) {
  ::testing::internal::CaptureStderr();
  expectMismatchDetected(64, ncclFloat, 64, ncclDouble);
  ::testing::internal::GetCapturedStderr();
}

} // namespace
