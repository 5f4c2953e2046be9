//===- StagingTest.cpp - Collectives on memory the host cannot address ----===//
//
// Part of Tongxin. Device 0 is the CPU device, device 1 the CPU device with
// private memory (TONGXIN_DEVICES=cpu,cpu-private), which the runtime and
// the libraries treat as a GPU's memory: NCCL copies an operation's
// buffers into host memory before it and its results back after it, on the
// operation's stream. Ranks on device 1 alone, and a communicator of one
// rank per device (a CPU beside an accelerator), against serial references;
// in-place forms, a device-resident PreMulSum scalar, point-to-point calls
// in a group, and the refusals.
//
//===----------------------------------------------------------------------===//

#include "NcclTestSupport.h"

#include <array>

using namespace nccltest;

namespace {

constexpr int PrivateDevice = 1;

/// N ranks on the given devices, each with a stream of its device and
/// device buffers of its own.
class DeviceRanks {
public:
  explicit DeviceRanks(std::vector<int> Devices)
      : Devices(std::move(Devices)), Comms(this->Devices.size()),
        Streams(this->Devices.size()) {
    EXPECT_EQ(ncclCommInitAll(Comms.data(), int(this->Devices.size()),
                              this->Devices.data()),
              ncclSuccess)
        << ncclGetLastError(nullptr);
    for (size_t R = 0; R < Streams.size(); ++R) {
      EXPECT_EQ(cudaSetDevice(this->Devices[R]), cudaSuccess);
      EXPECT_EQ(cudaStreamCreate(&Streams[R]), cudaSuccess);
    }
    cudaSetDevice(0);
  }
  ~DeviceRanks() {
    for (size_t R = 0; R < Streams.size(); ++R) {
      cudaSetDevice(Devices[R]);
      EXPECT_EQ(cudaStreamSynchronize(Streams[R]), cudaSuccess);
      EXPECT_EQ(ncclCommDestroy(Comms[R]), ncclSuccess);
      cudaStreamDestroy(Streams[R]);
    }
    for (auto &[Ptr, Device] : Allocations) {
      cudaSetDevice(Device);
      cudaFree(Ptr);
    }
    cudaSetDevice(0);
  }
  int size() const { return int(Devices.size()); }

  /// Device memory of rank R holding Values (or Count copies of Fill).
  template <class T> T *buffer(int R, const std::vector<T> &Values) {
    cudaSetDevice(Devices[size_t(R)]);
    void *Ptr = nullptr;
    EXPECT_EQ(cudaMalloc(&Ptr, std::max<size_t>(1, Values.size()) * sizeof(T)),
              cudaSuccess);
    EXPECT_EQ(cudaMemcpy(Ptr, Values.data(), Values.size() * sizeof(T),
                         cudaMemcpyHostToDevice),
              cudaSuccess);
    Allocations.push_back({Ptr, Devices[size_t(R)]});
    cudaSetDevice(0);
    return static_cast<T *>(Ptr);
  }
  template <class T> std::vector<T> read(int R, const T *Ptr, size_t Count) {
    std::vector<T> Values(Count);
    cudaSetDevice(Devices[size_t(R)]);
    EXPECT_EQ(cudaMemcpy(Values.data(), Ptr, Count * sizeof(T),
                         cudaMemcpyDeviceToHost),
              cudaSuccess);
    cudaSetDevice(0);
    return Values;
  }

  /// Calls Call(rank, comm, stream) for each rank inside one group, waits
  /// for the streams and checks that no rank failed.
  void
  run(const std::function<ncclResult_t(int, ncclComm_t, cudaStream_t)> &Call) {
    ASSERT_EQ(ncclGroupStart(), ncclSuccess);
    for (int R = 0; R < size(); ++R)
      EXPECT_EQ(Call(R, Comms[size_t(R)], Streams[size_t(R)]), ncclSuccess)
          << "rank " << R << ": " << ncclGetLastError(nullptr);
    ASSERT_EQ(ncclGroupEnd(), ncclSuccess) << ncclGetLastError(nullptr);
    for (int R = 0; R < size(); ++R) {
      cudaSetDevice(Devices[size_t(R)]);
      EXPECT_EQ(cudaStreamSynchronize(Streams[size_t(R)]), cudaSuccess);
      ncclResult_t Async = ncclInternalError;
      EXPECT_EQ(ncclCommGetAsyncError(Comms[size_t(R)], &Async), ncclSuccess);
      EXPECT_EQ(Async, ncclSuccess) << "rank " << R;
    }
    cudaSetDevice(0);
  }
  ncclComm_t comm(int R) const { return Comms[size_t(R)]; }
  cudaStream_t stream(int R) const { return Streams[size_t(R)]; }

private:
  std::vector<int> Devices;
  std::vector<ncclComm_t> Comms;
  std::vector<cudaStream_t> Streams;
  std::vector<std::pair<void *, int>> Allocations;
};

/// Rank R's input: Count floats, exact in float whatever the order of sums.
std::vector<float> inputOfRank(int R, size_t Count) {
  std::vector<float> Values(Count);
  for (size_t I = 0; I < Count; ++I)
    Values[I] = float((I * 7 + size_t(R) * 13) % 61) - 30.0f;
  return Values;
}

/// The layouts tested: both ranks on the private device, and one rank on
/// each device.
const std::array<std::vector<int>, 2> Layouts = {std::vector<int>{1, 1},
                                                 std::vector<int>{0, 1}};

TEST(NcclStaging, TheTestSeesAPrivateMemoryDevice) {
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  ASSERT_EQ(Count, 2);
  cudaDeviceProp Prop;
  ASSERT_EQ(cudaGetDeviceProperties(&Prop, PrivateDevice), cudaSuccess);
  EXPECT_EQ(Prop.integrated, 0);
  EXPECT_EQ(Prop.pageableMemoryAccess, 0);
}

TEST(NcclStaging, AllReduceOutOfPlaceAndInPlace) {
  for (const std::vector<int> &Devices : Layouts)
    for (bool InPlace : {false, true}) {
      DeviceRanks Ranks(Devices);
      const size_t Count = 100003; // several windows of the pipeline
      std::vector<float> Want(Count, 0.0f);
      std::vector<float *> In, Out;
      for (int R = 0; R < Ranks.size(); ++R) {
        std::vector<float> Values = inputOfRank(R, Count);
        for (size_t I = 0; I < Count; ++I)
          Want[I] += Values[I];
        In.push_back(Ranks.buffer(R, Values));
        Out.push_back(InPlace ? In.back()
                              : Ranks.buffer(R, std::vector<float>(Count, 7)));
      }
      Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
        return ncclAllReduce(In[size_t(R)], Out[size_t(R)], Count, ncclFloat,
                             ncclSum, Comm, S);
      });
      for (int R = 0; R < Ranks.size(); ++R)
        EXPECT_EQ(Ranks.read(R, Out[size_t(R)], Count), Want)
            << "devices " << Devices[0] << "," << Devices[1] << " rank " << R
            << (InPlace ? " in place" : "");
    }
}

TEST(NcclStaging, AllGatherAndReduceScatterInPlace) {
  for (const std::vector<int> &Devices : Layouts) {
    DeviceRanks Ranks(Devices);
    const int N = Ranks.size();
    const size_t Count = 1001;
    // All-gather in place: rank R's part already sits at R * Count.
    std::vector<float> Gathered;
    std::vector<float *> Whole;
    for (int R = 0; R < N; ++R) {
      std::vector<float> Part = inputOfRank(R, Count);
      Gathered.insert(Gathered.end(), Part.begin(), Part.end());
    }
    for (int R = 0; R < N; ++R) {
      std::vector<float> Mine(Count * size_t(N), -1.0f);
      std::copy(Gathered.begin() + long(size_t(R) * Count),
                Gathered.begin() + long(size_t(R + 1) * Count),
                Mine.begin() + long(size_t(R) * Count));
      Whole.push_back(Ranks.buffer(R, Mine));
    }
    Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
      float *Recv = Whole[size_t(R)];
      return ncclAllGather(Recv + size_t(R) * Count, Recv, Count, ncclFloat,
                           Comm, S);
    });
    for (int R = 0; R < N; ++R)
      EXPECT_EQ(Ranks.read(R, Whole[size_t(R)], Count * size_t(N)), Gathered)
          << "all-gather, rank " << R;

    // Reduce-scatter in place: rank R's result lands at R * Count of its
    // own send buffer.
    std::vector<float> Sum(Count * size_t(N), 0.0f);
    std::vector<float *> Send;
    for (int R = 0; R < N; ++R) {
      std::vector<float> Values = inputOfRank(R + 5, Count * size_t(N));
      for (size_t I = 0; I < Values.size(); ++I)
        Sum[I] += Values[I];
      Send.push_back(Ranks.buffer(R, Values));
    }
    Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
      float *Buf = Send[size_t(R)];
      return ncclReduceScatter(Buf, Buf + size_t(R) * Count, Count, ncclFloat,
                               ncclSum, Comm, S);
    });
    for (int R = 0; R < N; ++R) {
      std::vector<float> Got =
          Ranks.read(R, Send[size_t(R)] + size_t(R) * Count, Count);
      std::vector<float> Want(Sum.begin() + long(size_t(R) * Count),
                              Sum.begin() + long(size_t(R + 1) * Count));
      EXPECT_EQ(Got, Want) << "reduce-scatter, rank " << R;
    }
  }
}

TEST(NcclStaging, RootedCollectivesTouchOnlyTheBuffersTheyUse) {
  for (const std::vector<int> &Devices : Layouts)
    for (int Root : {0, 1}) {
      DeviceRanks Ranks(Devices);
      const size_t Count = 513;
      // ncclBcast: one buffer, read on the root, written on the others.
      std::vector<float *> Buf;
      for (int R = 0; R < 2; ++R)
        Buf.push_back(Ranks.buffer(R, inputOfRank(R, Count)));
      Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
        return ncclBcast(Buf[size_t(R)], Count, ncclFloat, Root, Comm, S);
      });
      for (int R = 0; R < 2; ++R)
        EXPECT_EQ(Ranks.read(R, Buf[size_t(R)], Count),
                  inputOfRank(Root, Count))
            << "broadcast from " << Root << ", rank " << R;

      // ncclReduce: the other rank passes no receive buffer at all, and its
      // send buffer stays as it was.
      std::vector<float *> Send;
      std::vector<float> Want(Count, 0.0f);
      for (int R = 0; R < 2; ++R) {
        std::vector<float> Values = inputOfRank(R + 3, Count);
        for (size_t I = 0; I < Count; ++I)
          Want[I] += Values[I];
        Send.push_back(Ranks.buffer(R, Values));
      }
      float *Result = Ranks.buffer(Root, std::vector<float>(Count, 0.0f));
      Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
        return ncclReduce(Send[size_t(R)], R == Root ? Result : nullptr, Count,
                          ncclFloat, ncclSum, Root, Comm, S);
      });
      EXPECT_EQ(Ranks.read(Root, Result, Count), Want) << "reduce to " << Root;
      EXPECT_EQ(Ranks.read(1 - Root, Send[size_t(1 - Root)], Count),
                inputOfRank(1 - Root + 3, Count));
    }
}

TEST(NcclStaging, PreMulSumWithTheScalarInDeviceMemory) {
  DeviceRanks Ranks({0, 1});
  const size_t Count = 300;
  std::vector<float *> Data;
  std::vector<float> Want(Count, 0.0f);
  std::vector<ncclRedOp_t> Ops(2);
  for (int R = 0; R < 2; ++R) {
    std::vector<float> Values = inputOfRank(R, Count);
    for (size_t I = 0; I < Count; ++I)
      Want[I] += 0.5f * Values[I];
    Data.push_back(Ranks.buffer(R, Values));
    float *Scalar = Ranks.buffer(R, std::vector<float>{0.5f});
    ASSERT_EQ(ncclRedOpCreatePreMulSum(&Ops[size_t(R)], Scalar, ncclFloat,
                                       ncclScalarDevice, Ranks.comm(R)),
              ncclSuccess);
  }
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
    return ncclAllReduce(Data[size_t(R)], Data[size_t(R)], Count, ncclFloat,
                         Ops[size_t(R)], Comm, S);
  });
  for (int R = 0; R < 2; ++R) {
    EXPECT_EQ(Ranks.read(R, Data[size_t(R)], Count), Want) << "rank " << R;
    EXPECT_EQ(ncclRedOpDestroy(Ops[size_t(R)], Ranks.comm(R)), ncclSuccess);
  }
}

TEST(NcclStaging, SendAndReceiveBetweenTheDevices) {
  DeviceRanks Ranks({0, 1});
  const size_t Count = 70001;
  std::vector<float *> Out, In;
  for (int R = 0; R < 2; ++R) {
    Out.push_back(Ranks.buffer(R, inputOfRank(R + 11, Count)));
    In.push_back(Ranks.buffer(R, std::vector<float>(Count, 0.0f)));
  }
  // Both ranks send and receive in one group: a swap.
  Ranks.run([&](int R, ncclComm_t Comm, cudaStream_t S) {
    ncclResult_t Sent =
        ncclSend(Out[size_t(R)], Count, ncclFloat, 1 - R, Comm, S);
    if (Sent != ncclSuccess)
      return Sent;
    return ncclRecv(In[size_t(R)], Count, ncclFloat, 1 - R, Comm, S);
  });
  for (int R = 0; R < 2; ++R)
    EXPECT_EQ(Ranks.read(R, In[size_t(R)], Count),
              inputOfRank(1 - R + 11, Count))
        << "rank " << R;
}

TEST(NcclStaging, LaterWorkOnTheStreamSeesTheResult) {
  // Outside a group: the copy back is ordered before work queued after the
  // call (here a copy on the same stream), without a synchronisation.
  DeviceRanks Ranks({1, 1});
  const size_t Count = 4096;
  std::vector<float *> Data;
  for (int R = 0; R < 2; ++R)
    Data.push_back(Ranks.buffer(R, std::vector<float>(Count, float(R + 1))));
  std::vector<std::vector<float>> Got(2, std::vector<float>(Count));
  cudaSetDevice(PrivateDevice);
  ASSERT_EQ(ncclGroupStart(), ncclSuccess);
  for (int R = 0; R < 2; ++R)
    ASSERT_EQ(ncclAllReduce(Data[size_t(R)], Data[size_t(R)], Count, ncclFloat,
                            ncclSum, Ranks.comm(R), Ranks.stream(R)),
              ncclSuccess);
  ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
  for (int R = 0; R < 2; ++R)
    ASSERT_EQ(cudaMemcpyAsync(Got[size_t(R)].data(), Data[size_t(R)],
                              Count * sizeof(float), cudaMemcpyDeviceToHost,
                              Ranks.stream(R)),
              cudaSuccess);
  for (int R = 0; R < 2; ++R) {
    ASSERT_EQ(cudaStreamSynchronize(Ranks.stream(R)), cudaSuccess);
    EXPECT_EQ(Got[size_t(R)], std::vector<float>(Count, 3.0f)) << "rank " << R;
  }
  cudaSetDevice(0);
}

TEST(NcclStaging, CapturingAStagedCollectiveIsRefused) {
  // One rank: the refusal comes on the calling thread, before anything runs.
  ncclComm_t Comm = nullptr;
  int Device = PrivateDevice;
  ASSERT_EQ(ncclCommInitAll(&Comm, 1, &Device), ncclSuccess);
  ASSERT_EQ(cudaSetDevice(PrivateDevice), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  float *Buf = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&Buf), 64 * sizeof(float)),
            cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(ncclAllReduce(Buf, Buf, 64, ncclFloat, ncclSum, Comm, S),
            ncclInvalidUsage);
  EXPECT_NE(std::string(ncclGetLastError(Comm)).find("graph"),
            std::string::npos);
  cudaGraph_t Graph = nullptr;
  EXPECT_EQ(cudaStreamEndCapture(S, &Graph), cudaSuccess);
  if (Graph)
    cudaGraphDestroy(Graph);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaFree(Buf), cudaSuccess);
  EXPECT_EQ(ncclCommDestroy(Comm), ncclSuccess);
  cudaSetDevice(0);
}

} // namespace
