//===- CollectiveTest.cpp - Every collective, type and operator -----------===//
//
// Part of Tongxin. Ranks of one process (ncclCommInitAll over the CPU
// device): each collective against its serial reference, bit for bit, for
// every data type and reduction operator, 1 to 4 ranks, in place and out of
// place, counts that do not divide evenly and messages long enough to take
// several windows of the pipelined reduction.
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

using namespace nccltest;

namespace {

const ncclRedOp_t AllOps[] = {ncclSum, ncclProd, ncclMax, ncclMin, ncclAvg};

std::string describe(const TypeCase &T, ncclRedOp_t Op, int N, size_t Count,
                     bool InPlace) {
  return std::string(T.Name) + " op " + std::to_string(int(Op)) + ", " +
         std::to_string(N) + " ranks, " + std::to_string(Count) + " elements" +
         (InPlace ? ", in place" : "");
}

/// All-reduce of Count elements over N ranks, checked against the serial
/// reference.
void checkAllReduce(const TypeCase &T, ncclRedOp_t Op, int N, size_t Count,
                    bool InPlace) {
  LocalRanks Ranks(N);
  std::vector<std::vector<char>> Inputs, Outputs(static_cast<size_t>(N));
  for (int R = 0; R < N; ++R) {
    Inputs.push_back(inputOf(T, Count, R));
    Outputs[size_t(R)] =
        InPlace ? Inputs.back() : std::vector<char>(Count * T.Size, 0x5a);
  }
  std::vector<char> Expected = referenceReduce(T, Inputs, Count, Op);
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
    void *Out = Outputs[size_t(R)].data();
    const void *In = InPlace ? Out : Inputs[size_t(R)].data();
    return ncclAllReduce(In, Out, Count, T.Type, Op, Comm, S);
  });
  for (int R = 0; R < N; ++R)
    ASSERT_TRUE(Outputs[size_t(R)] == Expected)
        << describe(T, Op, N, Count, InPlace) << ": rank " << R;
}

TEST(NcclAllReduce, EveryTypeAndOperatorMatchesTheSerialReference) {
  for (const TypeCase &T : allTypes())
    for (ncclRedOp_t Op : AllOps)
      for (int N : {1, 2, 3, 4})
        checkAllReduce(T, Op, N, 1001, N == 3);
}

TEST(NcclAllReduce, LongMessagesSpanSeveralWindows) {
  // 512 KiB windows: 3 ranks x 1.5M floats is about four windows a chunk.
  checkAllReduce(typeCase(ncclFloat32), ncclSum, 3, 1500007, false);
  checkAllReduce(typeCase(ncclFloat16), ncclSum, 2, 1200001, true);
  checkAllReduce(typeCase(ncclFloat64), ncclMax, 4, 700003, true);
}

TEST(NcclAllReduce, FewerElementsThanRanksAndZero) {
  for (size_t Count : {size_t(0), size_t(1), size_t(2), size_t(3)})
    checkAllReduce(typeCase(ncclInt32), ncclSum, 4, Count, false);
}

TEST(NcclAllReduce, ResultsAreReproducibleRunToRun) {
  const TypeCase &T = typeCase(ncclFloat32);
  size_t Count = 100000;
  std::vector<char> First;
  for (int Run = 0; Run < 3; ++Run) {
    LocalRanks Ranks(3);
    std::vector<std::vector<char>> Data;
    for (int R = 0; R < 3; ++R)
      Data.push_back(inputOf(T, Count, R, 9));
    Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
      void *P = Data[size_t(R)].data();
      return ncclAllReduce(P, P, Count, T.Type, ncclSum, Comm, S);
    });
    if (Run == 0)
      First = Data[0];
    for (int R = 0; R < 3; ++R)
      ASSERT_TRUE(Data[size_t(R)] == First) << "run " << Run << " rank " << R;
  }
}

TEST(NcclReduce, EveryRootAndOperator) {
  for (ncclDataType_t Type : {ncclFloat32, ncclInt64, ncclBfloat16})
    for (ncclRedOp_t Op : AllOps)
      for (int Root = 0; Root < 3; ++Root) {
        const TypeCase &T = typeCase(Type);
        size_t Count = 777;
        LocalRanks Ranks(3);
        std::vector<std::vector<char>> Inputs, Outputs;
        for (int R = 0; R < 3; ++R) {
          Inputs.push_back(inputOf(T, Count, R));
          Outputs.emplace_back(Count * T.Size, 0);
        }
        std::vector<char> Expected = referenceReduce(T, Inputs, Count, Op);
        Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
          return ncclReduce(Inputs[size_t(R)].data(), Outputs[size_t(R)].data(),
                            Count, Type, Op, Root, Comm, S);
        });
        EXPECT_TRUE(Outputs[size_t(Root)] == Expected)
            << T.Name << " op " << Op << " root " << Root;
      }
}

TEST(NcclBroadcast, EveryRootInAndOutOfPlace) {
  const TypeCase &T = typeCase(ncclUint8);
  for (int N : {1, 2, 4})
    for (int Root = 0; Root < N; ++Root)
      for (bool InPlace : {false, true}) {
        size_t Count = 4099;
        LocalRanks Ranks(N);
        std::vector<std::vector<char>> Send, Recv;
        for (int R = 0; R < N; ++R) {
          Send.push_back(inputOf(T, Count, R));
          Recv.emplace_back(Count, 0);
        }
        std::vector<char> Expected = Send[size_t(Root)];
        Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
          if (InPlace)
            return ncclBcast(Send[size_t(R)].data(), Count, T.Type, Root, Comm,
                             S);
          return ncclBroadcast(Send[size_t(R)].data(), Recv[size_t(R)].data(),
                               Count, T.Type, Root, Comm, S);
        });
        for (int R = 0; R < N; ++R)
          EXPECT_TRUE((InPlace ? Send : Recv)[size_t(R)] == Expected)
              << N << " ranks, root " << Root << ", rank " << R;
      }
}

TEST(NcclAllGather, InAndOutOfPlace) {
  const TypeCase &T = typeCase(ncclFloat64);
  for (int N : {1, 2, 3, 4})
    for (bool InPlace : {false, true}) {
      size_t Count = 513;
      LocalRanks Ranks(N);
      std::vector<std::vector<char>> Send, Recv;
      std::vector<char> Expected;
      for (int R = 0; R < N; ++R) {
        Send.push_back(inputOf(T, Count, R));
        Expected.insert(Expected.end(), Send.back().begin(), Send.back().end());
        Recv.emplace_back(Count * T.Size * size_t(N), 0);
        if (InPlace)
          std::memcpy(Recv.back().data() + size_t(R) * Count * T.Size,
                      Send.back().data(), Count * T.Size);
      }
      Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
        char *Out = Recv[size_t(R)].data();
        const void *In =
            InPlace ? Out + size_t(R) * Count * T.Size : Send[size_t(R)].data();
        return ncclAllGather(In, Out, Count, T.Type, Comm, S);
      });
      for (int R = 0; R < N; ++R)
        EXPECT_TRUE(Recv[size_t(R)] == Expected) << N << " ranks, rank " << R;
    }
}

TEST(NcclReduceScatter, EveryOperatorInAndOutOfPlace) {
  for (ncclDataType_t Type : {ncclFloat32, ncclInt8, ncclFloat8e4m3})
    for (ncclRedOp_t Op : AllOps)
      for (bool InPlace : {false, true}) {
        const TypeCase &T = typeCase(Type);
        int N = 3;
        size_t RecvCount = 1003, Total = RecvCount * size_t(N);
        LocalRanks Ranks(N);
        std::vector<std::vector<char>> Send, Recv;
        for (int R = 0; R < N; ++R) {
          Send.push_back(inputOf(T, Total, R));
          Recv.emplace_back(RecvCount * T.Size, 0);
        }
        std::vector<char> Full = referenceReduce(T, Send, Total, Op);
        Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
          char *In = Send[size_t(R)].data();
          void *Out = InPlace ? In + size_t(R) * RecvCount * T.Size
                              : Recv[size_t(R)].data();
          return ncclReduceScatter(In, Out, RecvCount, Type, Op, Comm, S);
        });
        for (int R = 0; R < N; ++R) {
          const char *Got =
              InPlace ? Send[size_t(R)].data() + size_t(R) * RecvCount * T.Size
                      : Recv[size_t(R)].data();
          EXPECT_EQ(std::memcmp(Got,
                                Full.data() + size_t(R) * RecvCount * T.Size,
                                RecvCount * T.Size),
                    0)
              << T.Name << " op " << Op << (InPlace ? " in place" : "")
              << " rank " << R;
        }
      }
}

TEST(NcclPreMulSum, HostAndDeviceScalarsPerRank) {
  for (ncclDataType_t Type : {ncclFloat32, ncclFloat16, ncclInt32})
    for (ncclScalarResidence_t Where :
         {ncclScalarHostImmediate, ncclScalarDevice}) {
      const TypeCase &T = typeCase(Type);
      int N = 3;
      size_t Count = 2001;
      LocalRanks Ranks(N);
      std::vector<std::vector<char>> Inputs, Scaled, Outputs;
      std::vector<std::vector<char>> Scalars;
      std::vector<ncclRedOp_t> Ops(static_cast<size_t>(N));
      for (int R = 0; R < N; ++R) {
        Inputs.push_back(inputOf(T, Count, R));
        Scalars.push_back(inputOf(T, 1, R + 100));
        Scaled.emplace_back(Count * T.Size);
        T.Scale(Scaled.back().data(), Inputs.back().data(), Count,
                Scalars.back().data());
        Outputs.emplace_back(Count * T.Size);
        ASSERT_EQ(ncclRedOpCreatePreMulSum(&Ops[size_t(R)],
                                           Scalars.back().data(), Type, Where,
                                           Ranks.comm(R)),
                  ncclSuccess);
      }
      std::vector<char> Expected = referenceReduce(T, Scaled, Count, ncclSum);
      Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
        return ncclAllReduce(Inputs[size_t(R)].data(),
                             Outputs[size_t(R)].data(), Count, Type,
                             Ops[size_t(R)], Comm, S);
      });
      for (int R = 0; R < N; ++R) {
        EXPECT_TRUE(Outputs[size_t(R)] == Expected)
            << T.Name << (Where == ncclScalarDevice ? " device" : " host")
            << " rank " << R;
        EXPECT_EQ(ncclRedOpDestroy(Ops[size_t(R)], Ranks.comm(R)), ncclSuccess);
      }
    }
}

TEST(NcclSendRecv, RingAndSelfInOneGroup) {
  int N = 4;
  size_t Count = 3001;
  LocalRanks Ranks(N);
  std::vector<std::vector<int>> Send, FromLeft, FromSelf;
  for (int R = 0; R < N; ++R) {
    Send.emplace_back(Count);
    for (size_t I = 0; I < Count; ++I)
      Send.back()[I] = R * 100000 + int(I);
    FromLeft.emplace_back(Count, -1);
    FromSelf.emplace_back(Count, -1);
  }
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
    ncclResult_t Result = ncclSuccess;
    auto Check = [&](ncclResult_t X) {
      if (Result == ncclSuccess)
        Result = X;
    };
    Check(ncclSend(Send[size_t(R)].data(), Count, ncclInt32, (R + 1) % N, Comm,
                   S));
    Check(ncclRecv(FromLeft[size_t(R)].data(), Count, ncclInt32,
                   (R + N - 1) % N, Comm, S));
    Check(ncclSend(Send[size_t(R)].data(), Count, ncclInt32, R, Comm, S));
    Check(ncclRecv(FromSelf[size_t(R)].data(), Count, ncclInt32, R, Comm, S));
    return Result;
  });
  for (int R = 0; R < N; ++R) {
    EXPECT_EQ(FromLeft[size_t(R)], Send[size_t((R + N - 1) % N)]);
    EXPECT_EQ(FromSelf[size_t(R)], Send[size_t(R)]);
  }
}

TEST(NcclStreams, OperationsRunInStreamOrderAfterEarlierWork) {
  // Each rank copies its input in, all-reduces and copies out on its
  // stream with no synchronisation in between.
  int N = 2;
  size_t Count = 50000;
  LocalRanks Ranks(N);
  std::vector<std::vector<float>> Host(static_cast<size_t>(N)),
      Result(static_cast<size_t>(N));
  std::vector<float *> Device(static_cast<size_t>(N));
  for (int R = 0; R < N; ++R) {
    Host[size_t(R)].assign(Count, float(R + 1));
    Result[size_t(R)].assign(Count, 0.0f);
    ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&Device[size_t(R)]),
                         Count * sizeof(float)),
              cudaSuccess);
  }
  // Outside a group: each call is enqueued at once, between the copies.
  for (int R = 0; R < N; ++R) {
    cudaStream_t S = Ranks.stream(R);
    ASSERT_EQ(cudaMemcpyAsync(Device[size_t(R)], Host[size_t(R)].data(),
                              Count * sizeof(float), cudaMemcpyHostToDevice, S),
              cudaSuccess);
    ASSERT_EQ(ncclAllReduce(Device[size_t(R)], Device[size_t(R)], Count,
                            ncclFloat, ncclSum, Ranks.comm(R), S),
              ncclSuccess);
    ASSERT_EQ(cudaMemcpyAsync(Result[size_t(R)].data(), Device[size_t(R)],
                              Count * sizeof(float), cudaMemcpyDeviceToHost, S),
              cudaSuccess);
  }
  Ranks.synchronize();
  for (int R = 0; R < N; ++R) {
    EXPECT_EQ(Result[size_t(R)], std::vector<float>(Count, 3.0f));
    cudaFree(Device[size_t(R)]);
  }
}

} // namespace

namespace {

TEST(NcclGraphs, CapturedOperationsRunAtEveryLaunch) {
  int N = 2;
  size_t Count = 1000;
  LocalRanks Ranks(N);
  std::vector<std::vector<float>> Data(static_cast<size_t>(N),
                                       std::vector<float>(Count));
  std::vector<cudaGraphExec_t> Execs(static_cast<size_t>(N));
  for (int R = 0; R < N; ++R) {
    cudaStream_t S = Ranks.stream(R);
    ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeRelaxed),
              cudaSuccess);
    ASSERT_EQ(ncclAllReduce(Data[size_t(R)].data(), Data[size_t(R)].data(),
                            Count, ncclFloat, ncclSum, Ranks.comm(R), S),
              ncclSuccess);
    cudaGraph_t Graph;
    ASSERT_EQ(cudaStreamEndCapture(S, &Graph), cudaSuccess);
    ASSERT_EQ(cudaGraphInstantiate(&Execs[size_t(R)], Graph, 0), cudaSuccess);
    cudaGraphDestroy(Graph);
  }
  for (int Launch = 1; Launch <= 3; ++Launch) {
    for (int R = 0; R < N; ++R)
      std::fill(Data[size_t(R)].begin(), Data[size_t(R)].end(),
                float(Launch * (R + 1)));
    for (int R = 0; R < N; ++R)
      ASSERT_EQ(cudaGraphLaunch(Execs[size_t(R)], Ranks.stream(R)),
                cudaSuccess);
    Ranks.synchronize();
    for (int R = 0; R < N; ++R)
      EXPECT_EQ(Data[size_t(R)], std::vector<float>(Count, 3.0f * Launch))
          << "launch " << Launch;
  }
  for (cudaGraphExec_t E : Execs)
    cudaGraphExecDestroy(E);
  // ~LocalRanks destroys the communicators: nothing is left in flight.
}

TEST(NcclGroups, OneRanksOperationsOnSeveralStreams) {
  int N = 2;
  size_t Count = 100000; // Large enough to need both sides at once.
  LocalRanks Ranks(N);
  std::vector<cudaStream_t> Second(static_cast<size_t>(N));
  std::vector<std::vector<int>> Send, Recv;
  for (int R = 0; R < N; ++R) {
    ASSERT_EQ(cudaStreamCreate(&Second[size_t(R)]), cudaSuccess);
    Send.emplace_back(Count, R + 7);
    Recv.emplace_back(Count, -1);
  }
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < N; ++R) {
    ASSERT_EQ(ncclSend(Send[size_t(R)].data(), Count, ncclInt32, 1 - R,
                       Ranks.comm(R), Ranks.stream(R)),
              ncclSuccess);
    ASSERT_EQ(ncclRecv(Recv[size_t(R)].data(), Count, ncclInt32, 1 - R,
                       Ranks.comm(R), Second[size_t(R)]),
              ncclSuccess);
  }
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  // The receive's own stream is ordered after the group's work.
  for (int R = 0; R < N; ++R) {
    EXPECT_EQ(cudaStreamSynchronize(Second[size_t(R)]), cudaSuccess);
    EXPECT_EQ(Recv[size_t(R)], std::vector<int>(Count, (1 - R) + 7));
    cudaStreamDestroy(Second[size_t(R)]);
  }
}

void waitForGate(void *Gate) {
  while (!static_cast<std::atomic<int> *>(Gate)->load())
    std::this_thread::yield();
}

TEST(NcclStreams, ARanksOperationsRunInTheOrderTheyWereIssued) {
  // Rank 0 issues A on a stream held back by earlier work, then B on a
  // free one; rank 1 issues both on free streams. Every rank still runs A
  // first (their counts differ: an exchange out of order would fail).
  int N = 2;
  LocalRanks Ranks(N);
  std::vector<cudaStream_t> Other(static_cast<size_t>(N));
  for (cudaStream_t &S : Other)
    ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  std::atomic<int> Gate{0};
  ASSERT_EQ(cudaLaunchHostFunc(Ranks.stream(0), waitForGate, &Gate),
            cudaSuccess);
  std::vector<std::vector<double>> A(2, std::vector<double>(300, 1.0)),
      B(2, std::vector<double>(500, 2.0));
  for (int R = 0; R < N; ++R) {
    ASSERT_EQ(ncclAllReduce(A[size_t(R)].data(), A[size_t(R)].data(), 300,
                            ncclDouble, ncclSum, Ranks.comm(R),
                            Ranks.stream(R)),
              ncclSuccess);
    ASSERT_EQ(ncclAllReduce(B[size_t(R)].data(), B[size_t(R)].data(), 500,
                            ncclDouble, ncclSum, Ranks.comm(R),
                            Other[size_t(R)]),
              ncclSuccess);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Gate.store(1);
  for (int R = 0; R < N; ++R) {
    EXPECT_EQ(cudaStreamSynchronize(Other[size_t(R)]), cudaSuccess);
    EXPECT_EQ(cudaStreamSynchronize(Ranks.stream(R)), cudaSuccess);
    EXPECT_EQ(A[size_t(R)], std::vector<double>(300, 2.0));
    EXPECT_EQ(B[size_t(R)], std::vector<double>(500, 4.0));
    ncclResult_t Async = ncclInternalError;
    ncclCommGetAsyncError(Ranks.comm(R), &Async);
    EXPECT_EQ(Async, ncclSuccess);
    cudaStreamDestroy(Other[size_t(R)]);
  }
}

TEST(NcclAllReduce, AverageOfHalvesDoesNotOverflow) {
  // 4 x 30000 overflows half (65504); each input times 1/4 first does not.
  int N = 4;
  LocalRanks Ranks(N);
  std::vector<std::vector<__half>> Data(
      static_cast<size_t>(N), std::vector<__half>(64, __float2half(30000.0f)));
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
    return ncclAllReduce(Data[size_t(R)].data(), Data[size_t(R)].data(), 64,
                         ncclHalf, ncclAvg, Comm, S);
  });
  for (int R = 0; R < N; ++R)
    EXPECT_EQ(__half2float(Data[size_t(R)][0]), 30000.0f);
}

} // namespace
