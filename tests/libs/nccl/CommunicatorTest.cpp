//===- CommunicatorTest.cpp - Creating, splitting, querying, destroying ---===//
//
// Part of Tongxin. Communicators within one process: ncclCommInitAll,
// ncclCommInitRank from threads and from one thread inside a group,
// ncclCommSplit (colours, keys, NCCL_SPLIT_NOCOLOR), the queries,
// finalize/destroy/abort, and every error path of these calls.
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <thread>

using namespace nccltest;

namespace {

TEST(NcclVersion, MatchesTheHeader) {
  int Version = 0;
  ASSERT_EQ(ncclGetVersion(&Version), ncclSuccess);
  EXPECT_EQ(Version, NCCL_VERSION_CODE);
  EXPECT_EQ(NCCL_VERSION_CODE,
            NCCL_VERSION(NCCL_MAJOR, NCCL_MINOR, NCCL_PATCH));
  EXPECT_EQ(ncclGetVersion(nullptr), ncclInvalidArgument);
}

TEST(NcclErrors, EveryResultHasAString) {
  for (int R = 0; R <= int(ncclNumResults); ++R)
    EXPECT_STRNE(ncclGetErrorString(ncclResult_t(R)), "");
  EXPECT_STREQ(ncclGetErrorString(ncclSuccess), "no error");
}

TEST(NcclInitAll, QueriesAnswerPerRank) {
  LocalRanks Ranks(3);
  for (int R = 0; R < 3; ++R) {
    int Count = 0, Rank = -1, Device = -1;
    EXPECT_EQ(ncclCommCount(Ranks.comm(R), &Count), ncclSuccess);
    EXPECT_EQ(ncclCommUserRank(Ranks.comm(R), &Rank), ncclSuccess);
    EXPECT_EQ(ncclCommCuDevice(Ranks.comm(R), &Device), ncclSuccess);
    EXPECT_EQ(Count, 3);
    EXPECT_EQ(Rank, R);
    EXPECT_EQ(Device, 0);
    EXPECT_EQ(ncclCommCount(Ranks.comm(R), nullptr), ncclInvalidArgument);
  }
}

TEST(NcclInitAll, RejectsBadArguments) {
  ncclComm_t Comms[4];
  EXPECT_EQ(ncclCommInitAll(nullptr, 2, nullptr), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitAll(Comms, 0, nullptr), ncclInvalidArgument);
  int Bad[] = {0, 57};
  EXPECT_EQ(ncclCommInitAll(Comms, 2, Bad), ncclInvalidArgument);
  EXPECT_NE(std::string(ncclGetLastError(nullptr)).find("device 57"),
            std::string::npos);
  int Count = 0;
  cudaGetDeviceCount(&Count);
  // Without a devlist, one rank per existing device.
  EXPECT_EQ(ncclCommInitAll(Comms, Count + 1, nullptr), ncclInvalidArgument);
  ASSERT_EQ(ncclCommInitAll(Comms, Count, nullptr), ncclSuccess);
  for (int I = 0; I < Count; ++I)
    EXPECT_EQ(ncclCommDestroy(Comms[I]), ncclSuccess);
}

/// Ranks 0..N-1 of one id, each made on its own thread.
std::vector<ncclComm_t> initOnThreads(int N) {
  ncclUniqueId Id;
  EXPECT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  std::vector<ncclComm_t> Comms(size_t(N), nullptr);
  std::vector<std::thread> Threads;
  for (int R = 0; R < N; ++R)
    Threads.emplace_back([&, R] {
      EXPECT_EQ(ncclCommInitRank(&Comms[size_t(R)], N, Id, R), ncclSuccess);
    });
  for (std::thread &T : Threads)
    T.join();
  return Comms;
}

float allReduceOnce(const std::vector<ncclComm_t> &Comms) {
  int N = int(Comms.size());
  std::vector<float> Values(static_cast<size_t>(N));
  ncclGroupStart();
  for (int R = 0; R < N; ++R) {
    Values[size_t(R)] = float(R + 1);
    EXPECT_EQ(ncclAllReduce(&Values[size_t(R)], &Values[size_t(R)], 1,
                            ncclFloat, ncclSum, Comms[size_t(R)], nullptr),
              ncclSuccess);
  }
  EXPECT_EQ(ncclGroupEnd(), ncclSuccess);
  cudaDeviceSynchronize();
  for (int R = 1; R < N; ++R)
    EXPECT_EQ(Values[size_t(R)], Values[0]);
  return Values[0];
}

TEST(NcclInitRank, RanksOnThreadsFindEachOther) {
  std::vector<ncclComm_t> Comms = initOnThreads(4);
  // All four ranks share the legacy default stream: the group runs them
  // side by side.
  EXPECT_EQ(allReduceOnce(Comms), 10.0f);
  for (ncclComm_t C : Comms)
    EXPECT_EQ(ncclCommDestroy(C), ncclSuccess);
}

TEST(NcclInitRank, OneThreadInitialisesEveryRankInAGroup) {
  ncclUniqueId Id;
  ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  std::vector<ncclComm_t> Comms(3, nullptr);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 3; ++R)
    ASSERT_EQ(ncclCommInitRank(&Comms[size_t(R)], 3, Id, R), ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  EXPECT_EQ(allReduceOnce(Comms), 6.0f);
  for (ncclComm_t C : Comms)
    EXPECT_EQ(ncclCommDestroy(C), ncclSuccess);
}

TEST(NcclInitRank, ConfigIsCheckedAndHonoured) {
  ncclUniqueId Id;
  ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  ncclComm_t Comm = nullptr;
  ncclConfig_t Config = NCCL_CONFIG_INITIALIZER;
  Config.blocking = 0;
  ASSERT_EQ(ncclCommInitRankConfig(&Comm, 1, Id, 0, &Config), ncclSuccess);
  ncclResult_t Async = ncclInternalError;
  EXPECT_EQ(ncclCommGetAsyncError(Comm, &Async), ncclSuccess);
  EXPECT_EQ(Async, ncclSuccess);
  EXPECT_EQ(ncclCommDestroy(Comm), ncclSuccess);

  ncclConfig_t Garbage;
  std::memset(&Garbage, 0, sizeof(Garbage));
  EXPECT_EQ(ncclCommInitRankConfig(&Comm, 1, Id, 0, &Garbage),
            ncclInvalidArgument);
  Config.blocking = 7;
  EXPECT_EQ(ncclCommInitRankConfig(&Comm, 1, Id, 0, &Config),
            ncclInvalidArgument);
}

TEST(NcclInitRank, RejectsBadArguments) {
  ncclUniqueId Id;
  ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  ncclComm_t Comm;
  EXPECT_EQ(ncclGetUniqueId(nullptr), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitRank(nullptr, 2, Id, 0), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitRank(&Comm, 0, Id, 0), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitRank(&Comm, 2, Id, 2), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitRank(&Comm, 2, Id, -1), ncclInvalidArgument);
  EXPECT_EQ(ncclCommInitRank(&Comm, 1 << 20, Id, 0), ncclInvalidArgument);
  ncclUniqueId Garbage;
  std::memset(&Garbage, 0x42, sizeof(Garbage));
  EXPECT_EQ(ncclCommInitRank(&Comm, 1, Garbage, 0), ncclInvalidArgument);
  EXPECT_NE(std::string(ncclGetLastError(nullptr)).find("ncclGetUniqueId"),
            std::string::npos);
}

TEST(NcclInitRank, TwoRanksClaimingOneRankFail) {
  ncclUniqueId Id;
  ASSERT_EQ(ncclGetUniqueId(&Id), ncclSuccess);
  ncclComm_t A = nullptr, B = nullptr;
  ncclResult_t ResultA = ncclSuccess, ResultB = ncclSuccess;
  std::thread First([&] { ResultA = ncclCommInitRank(&A, 2, Id, 0); });
  std::thread Second([&] { ResultB = ncclCommInitRank(&B, 2, Id, 0); });
  First.join();
  Second.join();
  EXPECT_EQ(ResultA, ncclInvalidUsage);
  EXPECT_EQ(ResultB, ncclInvalidUsage);
}

TEST(NcclSplit, ColoursKeysAndNoColour) {
  LocalRanks Ranks(4);
  std::vector<ncclComm_t> Children(4, nullptr);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 4; ++R) {
    // Ranks 0 and 2 form one communicator in reverse order (keys); rank 1
    // takes part alone; rank 3 opts out.
    int Color = R == 3 ? NCCL_SPLIT_NOCOLOR : R % 2;
    ASSERT_EQ(
        ncclCommSplit(Ranks.comm(R), Color, -R, &Children[size_t(R)], nullptr),
        ncclSuccess);
  }
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  EXPECT_EQ(Children[3], nullptr);
  int Count = 0, Rank = -1;
  ncclCommCount(Children[0], &Count);
  EXPECT_EQ(Count, 2);
  ncclCommUserRank(Children[0], &Rank);
  EXPECT_EQ(Rank, 1);
  ncclCommUserRank(Children[2], &Rank);
  EXPECT_EQ(Rank, 0);
  ncclCommCount(Children[1], &Count);
  EXPECT_EQ(Count, 1);
  EXPECT_EQ(allReduceOnce({Children[0], Children[2]}), 3.0f);
  EXPECT_EQ(allReduceOnce({Children[1]}), 1.0f);
  // The parent still works after a split.
  std::vector<ncclComm_t> Parent;
  for (int R = 0; R < 4; ++R)
    Parent.push_back(Ranks.comm(R));
  EXPECT_EQ(allReduceOnce(Parent), 10.0f);
  for (int R = 0; R < 3; ++R)
    EXPECT_EQ(ncclCommDestroy(Children[size_t(R)]), ncclSuccess);
}

TEST(NcclSplit, TwoSplitsOfOneParentInAGroupRunInOrder) {
  LocalRanks Ranks(2);
  std::vector<ncclComm_t> First(2), Second(2);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 2; ++R) {
    ASSERT_EQ(ncclCommSplit(Ranks.comm(R), 0, R, &First[size_t(R)], nullptr),
              ncclSuccess);
    // Reversed ranks in the second.
    ASSERT_EQ(ncclCommSplit(Ranks.comm(R), 0, -R, &Second[size_t(R)], nullptr),
              ncclSuccess);
  }
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  for (int R = 0; R < 2; ++R) {
    int Rank = -1;
    ncclCommUserRank(First[size_t(R)], &Rank);
    EXPECT_EQ(Rank, R);
    ncclCommUserRank(Second[size_t(R)], &Rank);
    EXPECT_EQ(Rank, 1 - R);
  }
  EXPECT_EQ(allReduceOnce(First), 3.0f);
  EXPECT_EQ(allReduceOnce(Second), 3.0f);
  for (int R = 0; R < 2; ++R) {
    EXPECT_EQ(ncclCommDestroy(First[size_t(R)]), ncclSuccess);
    EXPECT_EQ(ncclCommDestroy(Second[size_t(R)]), ncclSuccess);
  }
}

TEST(NcclSplit, RejectsBadArguments) {
  LocalRanks Ranks(1);
  ncclComm_t Child;
  EXPECT_EQ(ncclCommSplit(Ranks.comm(0), -5, 0, &Child, nullptr),
            ncclInvalidArgument);
  EXPECT_EQ(ncclCommSplit(Ranks.comm(0), 0, 0, nullptr, nullptr),
            ncclInvalidArgument);
  EXPECT_EQ(ncclCommSplit(nullptr, 0, 0, &Child, nullptr), ncclInvalidArgument);
}

TEST(NcclDestroy, ADestroyedCommunicatorIsAnErrorNotACrash) {
  ncclComm_t Comms[1];
  int Device = 0;
  ASSERT_EQ(ncclCommInitAll(Comms, 1, &Device), ncclSuccess);
  ASSERT_EQ(ncclCommFinalize(Comms[0]), ncclSuccess);
  ASSERT_EQ(ncclCommDestroy(Comms[0]), ncclSuccess);
  float X = 1;
  int Count = 0;
  EXPECT_EQ(ncclCommCount(Comms[0], &Count), ncclInvalidArgument);
  EXPECT_EQ(ncclAllReduce(&X, &X, 1, ncclFloat, ncclSum, Comms[0], nullptr),
            ncclInvalidArgument);
  EXPECT_EQ(ncclCommDestroy(Comms[0]), ncclInvalidArgument);
  EXPECT_EQ(ncclCommDestroy(nullptr), ncclSuccess);
  ncclComm_t MadeUp = reinterpret_cast<ncclComm_t>(&X);
  EXPECT_EQ(ncclCommUserRank(MadeUp, &Count), ncclInvalidArgument);
}

TEST(NcclAbort, UnblocksARankWhosePeerNeverCame) {
  ncclComm_t Comms[2];
  int Devices[] = {0, 0};
  ASSERT_EQ(ncclCommInitAll(Comms, 2, Devices), ncclSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  float X = 1;
  // Rank 1 never calls: rank 0 waits until the abort.
  ASSERT_EQ(ncclAllReduce(&X, &X, 1, ncclFloat, ncclSum, Comms[0], S),
            ncclSuccess);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(ncclCommAbort(Comms[0]), ncclSuccess);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(ncclCommDestroy(Comms[1]), ncclSuccess);
  cudaStreamDestroy(S);
}

TEST(NcclGroups, EndWithoutStartAndNesting) {
  EXPECT_EQ(ncclGroupEnd(), ncclInvalidUsage);
  LocalRanks Ranks(2);
  std::vector<float> Values = {1, 2};
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 2; ++R)
    ASSERT_EQ(ncclAllReduce(&Values[size_t(R)], &Values[size_t(R)], 1,
                            ncclFloat, ncclSum, Ranks.comm(R), Ranks.stream(R)),
              ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  Ranks.synchronize();
  EXPECT_EQ(Values[0], 1.0f); // Issued only at the outermost end.
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  Ranks.synchronize();
  EXPECT_EQ(Values[0], 3.0f);
  EXPECT_EQ(Values[1], 3.0f);
}

TEST(NcclGroups, AnArgumentErrorInsideFailsTheGroup) {
  LocalRanks Ranks(1);
  float X = 1;
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  EXPECT_EQ(ncclAllReduce(&X, &X, 1, ncclDataType_t(99), ncclSum, Ranks.comm(0),
                          Ranks.stream(0)),
            ncclInvalidArgument);
  EXPECT_EQ(ncclGroupEnd(), ncclInvalidArgument);
}

TEST(NcclRegister, HandlesComeBackAndAreChecked) {
  LocalRanks Ranks(1);
  std::vector<char> Buffer(64);
  void *Handle = nullptr;
  EXPECT_EQ(ncclCommRegister(Ranks.comm(0), Buffer.data(), 64, &Handle),
            ncclSuccess);
  EXPECT_NE(Handle, nullptr);
  EXPECT_EQ(ncclCommDeregister(Ranks.comm(0), Handle), ncclSuccess);
  EXPECT_EQ(ncclCommRegister(Ranks.comm(0), Buffer.data(), 64, nullptr),
            ncclInvalidArgument);
  EXPECT_EQ(ncclCommDeregister(Ranks.comm(0), nullptr), ncclInvalidArgument);
  void *Memory = nullptr;
  ASSERT_EQ(ncclMemAlloc(&Memory, 4096), ncclSuccess);
  EXPECT_EQ(ncclMemFree(Memory), ncclSuccess);
  EXPECT_EQ(ncclMemAlloc(nullptr, 16), ncclInvalidArgument);
}

} // namespace
