//===- NcclTestSupport.h - Ranks in one process, and references -*- C++ -*-===//
//
// Part of Tongxin. LocalRanks makes an N-rank communicator within this
// process (ncclCommInitAll, every rank on the CPU device, each with its own
// stream) and issues one call per rank inside a group, as a program driving
// several devices from one thread does. TypeCase describes an
// ncclDataType_t for the tests: how to fill a buffer and the serial
// reference of each reduction, written with CUDA's own types and
// conversions (cuda_fp16.h, cuda_bf16.h, cuda_fp8.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_NCCL_NCCLTESTSUPPORT_H
#define TONGXIN_TESTS_LIBS_NCCL_NCCLTESTSUPPORT_H

#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "cuda_fp8.h"
#include "cuda_runtime_api.h"
#include "nccl.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace nccltest {

class LocalRanks {
public:
  explicit LocalRanks(int N) : N(N), Comms(size_t(N)), Streams(size_t(N)) {
    std::vector<int> Devices(size_t(N), 0);
    EXPECT_EQ(ncclCommInitAll(Comms.data(), N, Devices.data()), ncclSuccess);
    for (cudaStream_t &S : Streams)
      EXPECT_EQ(cudaStreamCreate(&S), cudaSuccess);
  }
  ~LocalRanks() {
    synchronize();
    for (int R = 0; R < N; ++R) {
      EXPECT_EQ(ncclCommDestroy(Comms[size_t(R)]), ncclSuccess);
      cudaStreamDestroy(Streams[size_t(R)]);
    }
  }
  /// Calls Call(rank, comm, stream) for every rank inside one group, then
  /// waits for the streams.
  void
  run(const std::function<ncclResult_t(int, ncclComm_t, cudaStream_t)> &Call) {
    ASSERT_EQ(ncclGroupStart(), ncclSuccess);
    for (int R = 0; R < N; ++R)
      EXPECT_EQ(Call(R, Comms[size_t(R)], Streams[size_t(R)]), ncclSuccess)
          << "rank " << R << ": " << ncclGetLastError(nullptr);
    ASSERT_EQ(ncclGroupEnd(), ncclSuccess);
    synchronize();
    for (int R = 0; R < N; ++R) {
      ncclResult_t Async = ncclInternalError;
      EXPECT_EQ(ncclCommGetAsyncError(Comms[size_t(R)], &Async), ncclSuccess);
      EXPECT_EQ(Async, ncclSuccess) << "rank " << R;
    }
  }
  void synchronize() {
    for (cudaStream_t S : Streams)
      EXPECT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  }
  ncclComm_t comm(int R) const { return Comms[size_t(R)]; }
  cudaStream_t stream(int R) const { return Streams[size_t(R)]; }
  const int N;

private:
  std::vector<ncclComm_t> Comms;
  std::vector<cudaStream_t> Streams;
};

/// An ncclDataType_t as the tests use it.
struct TypeCase {
  ncclDataType_t Type;
  const char *Name;
  size_t Size;
  /// Fills Count elements with values of rank Rank (seeded by Seed).
  std::function<void(void *, size_t Count, int Rank, unsigned Seed)> Fill;
  /// Acc[i] = Acc[i] op X[i], rounded to the type.
  std::function<void(void *Acc, const void *X, size_t Count, ncclRedOp_t)> Fold;
  /// Data[i] /= N.
  std::function<void(void *Data, size_t Count, int N)> Divide;
  /// Half, bfloat16, fp8, float or double.
  bool IsFloatingPoint;
  /// Value rounded to the type, stored at Out.
  std::function<void(void *Out, double Value)> Encode;
  /// Data[i] = In[i] * Scalar.
  std::function<void(void *Out, const void *In, size_t Count,
                     const void *Scalar)>
      Scale;
};

/// Every ncclDataType_t.
const std::vector<TypeCase> &allTypes();
const TypeCase &typeCase(ncclDataType_t Type);

/// The serial reference of a reduction over Inputs (one buffer per rank),
/// folded in rank order; Op may be ncclAvg (floating point: every input
/// times 1/N rounded to the type, then summed, as NCCL does; integers: the
/// sum divided by N).
std::vector<char> referenceReduce(const TypeCase &T,
                                  const std::vector<std::vector<char>> &Inputs,
                                  size_t Count, ncclRedOp_t Op);

/// Rank Rank's input of Count elements.
std::vector<char> inputOf(const TypeCase &T, size_t Count, int Rank,
                          unsigned Seed = 1);

} // namespace nccltest

#endif // TONGXIN_TESTS_LIBS_NCCL_NCCLTESTSUPPORT_H
