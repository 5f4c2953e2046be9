//===- RuntimeApiFuzzer.cpp - Random sequences of runtime API calls ------===//
//
// Part of Tongxin. Reads the input as a program of runtime API calls on the
// CPU device: allocations and frees, copies and memsets, streams, events,
// pinned memory and pointer queries, with arguments drawn from what the
// program made (live, freed and out-of-range device pointers, destroyed
// streams and events) and from bad values (null, huge sizes, invalid copy
// kinds and flags). Every call must return a CUDA error code and never
// crash, hang or corrupt memory. The harness itself only hands the runtime
// host memory it owns, as CUDA requires of a program; what a device pointer
// points at, the runtime must check.
//
//===----------------------------------------------------------------------===//

#include "FuzzInput.h"

#include <cuda_runtime.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

extern "C" const char *__asan_default_options() {
  // A huge cudaMalloc must be an error code, not an ASan abort.
  return "allocator_may_return_null=1";
}

namespace {

/// The input as the program's choices, with the sizes it asks for.
class Choices : public tx::fuzz::FuzzInput {
public:
  using FuzzInput::FuzzInput;
  /// A size: small mostly, sometimes zero, huge or just past a boundary.
  size_t size() {
    switch (byte() % 8) {
    case 0:
      return 0;
    case 1:
      return size_t(1) << (40 + byte() % 20);
    case 2:
      return SIZE_MAX - byte();
    default:
      return word() % 8192;
    }
  }
};

struct Allocation {
  char *Ptr;
  size_t Size;
  bool Live;
};

constexpr size_t HostBytes = 1 << 16;

class Program {
public:
  explicit Program(Choices &In) : In(In), Host(HostBytes) {}

  ~Program() {
    for (Allocation &A : Device)
      if (A.Live)
        cudaFree(A.Ptr);
    for (Allocation &A : Pinned)
      if (A.Live)
        cudaFreeHost(A.Ptr);
    for (auto &[S, Live] : Streams)
      if (Live)
        cudaStreamDestroy(S);
    for (auto &[E, Live] : Events)
      if (Live)
        cudaEventDestroy(E);
    cudaDeviceSynchronize();
    cudaGetLastError();
  }

  void step() {
    switch (In.byte() % 16) {
    case 0: {
      void *P = nullptr;
      size_t Size = In.size();
      if (check(cudaMalloc(&P, Size)) == cudaSuccess && P)
        Device.push_back({static_cast<char *>(P), Size, true});
      break;
    }
    case 1:
      if (Allocation *A = pick(Device)) {
        check(cudaFree(A->Ptr));
        A->Live = false;
      } else {
        check(cudaFree(reinterpret_cast<void *>(In.word() | 1)));
      }
      break;
    case 2:
    case 3:
      copy(/*Async=*/false);
      break;
    case 4:
      copy(/*Async=*/true);
      break;
    case 5: {
      auto [Ptr, Room] = devicePointer();
      check(cudaMemset(Ptr, In.byte(), sizeWithin(Room)));
      break;
    }
    case 6: {
      cudaStream_t S;
      unsigned Flags = In.byte() % 4; // 2 and 3 are invalid
      if (check(cudaStreamCreateWithFlags(&S, Flags)) == cudaSuccess)
        Streams.push_back({S, true});
      break;
    }
    case 7:
      if (!Streams.empty()) {
        auto &[S, Live] = Streams[In.byte() % Streams.size()];
        if (Live) {
          check(cudaStreamDestroy(S));
          Live = false;
        }
      }
      break;
    case 8:
      check(cudaStreamSynchronize(stream()));
      break;
    case 9: {
      cudaEvent_t E;
      if (check(cudaEventCreateWithFlags(&E, In.byte() % 8)) == cudaSuccess)
        Events.push_back({E, true});
      break;
    }
    case 10:
      if (cudaEvent_t E = event()) {
        switch (In.byte() % 4) {
        case 0:
          check(cudaEventRecord(E, stream()));
          break;
        case 1:
          check(cudaEventSynchronize(E));
          break;
        case 2: {
          float Ms;
          check(cudaEventElapsedTime(&Ms, E, event()));
          break;
        }
        default:
          check(cudaStreamWaitEvent(stream(), E, In.byte() % 2));
          break;
        }
      }
      break;
    case 11:
      if (!Events.empty()) {
        auto &[E, Live] = Events[In.byte() % Events.size()];
        if (Live) {
          check(cudaEventDestroy(E));
          Live = false;
        }
      }
      break;
    case 12: {
      void *P = nullptr;
      size_t Size = In.size();
      if (check(cudaMallocHost(&P, Size)) == cudaSuccess && P)
        Pinned.push_back({static_cast<char *>(P), Size, true});
      break;
    }
    case 13:
      if (Allocation *A = pick(Pinned)) {
        check(cudaFreeHost(A->Ptr));
        A->Live = false;
      }
      break;
    case 14: {
      cudaPointerAttributes Attributes;
      auto [Ptr, Room] = devicePointer();
      (void)Room;
      check(cudaPointerGetAttributes(&Attributes, Ptr));
      break;
    }
    default:
      check(In.byte() % 2 ? cudaDeviceSynchronize() : cudaGetLastError());
      break;
    }
  }

private:
  /// Every call returns a code of the API, never garbage.
  static cudaError_t check(cudaError_t Err) {
    if (Err < 0 || Err > cudaErrorApiFailureBase + 1000 ||
        !cudaGetErrorName(Err))
      __builtin_trap();
    return Err;
  }

  Allocation *pick(std::vector<Allocation> &From) {
    if (From.empty())
      return nullptr;
    Allocation &A = From[In.byte() % From.size()];
    return A.Live ? &A : nullptr;
  }

  /// A device pointer and the bytes the harness knows lie behind it (0 for
  /// a freed or null pointer: the runtime must check those).
  std::pair<char *, size_t> devicePointer() {
    if (Device.empty() || In.byte() % 8 == 0)
      return {nullptr, 0};
    // Not past the end: an address beyond every allocation is host memory
    // to the runtime (the CPU device reads pageable memory, as a GPU with
    // cudaDevAttrPageableMemoryAccess does), which the harness may not
    // hand it.
    Allocation &A = Device[In.byte() % Device.size()];
    size_t Offset = A.Size ? In.word() % A.Size : 0;
    return {A.Ptr + Offset, A.Live ? A.Size - Offset : 0};
  }

  /// Host memory the harness owns: its buffer or a live pinned block.
  std::pair<char *, size_t> hostPointer() {
    if (Allocation *A = pick(Pinned))
      return {A->Ptr, A->Size};
    size_t Offset = In.word() % HostBytes;
    return {Host.data() + Offset, HostBytes - Offset};
  }

  /// Within Room mostly; past it (or any size at all) sometimes.
  size_t sizeWithin(size_t Room) {
    return In.byte() % 4 ? (Room ? In.word() % (Room + 1) : 0) : In.size();
  }

  void copy(bool Async) {
    uint8_t Kind = In.byte() % 7; // 5 and 6 are not copy kinds
    std::pair<char *, size_t> Dst, Src;
    bool HostDst =
        Kind == cudaMemcpyHostToHost || Kind == cudaMemcpyDeviceToHost;
    bool HostSrc =
        Kind == cudaMemcpyHostToHost || Kind == cudaMemcpyHostToDevice;
    Dst = HostDst ? hostPointer() : devicePointer();
    Src = HostSrc ? hostPointer() : devicePointer();
    size_t Room = std::min(Dst.second, Src.second);
    // The host side is never overrun: CUDA cannot check host memory.
    size_t Size = sizeWithin(Room);
    if ((HostDst && Size > Dst.second) || (HostSrc && Size > Src.second))
      Size = Room;
    // cudaMemcpyDefault works out the sides from the pointers, so it only
    // gets pointers that are what they seem.
    if (Kind == cudaMemcpyDefault && (!Dst.second || !Src.second))
      return;
    auto K = static_cast<cudaMemcpyKind>(Kind);
    if (Async)
      check(cudaMemcpyAsync(Dst.first, Src.first, Size, K, stream()));
    else
      check(cudaMemcpy(Dst.first, Src.first, Size, K));
  }

  cudaStream_t stream() {
    uint8_t B = In.byte();
    if (Streams.empty() || B % 4 == 0)
      return B % 8 == 0 ? cudaStreamPerThread : nullptr;
    // Destroyed ones too: the runtime must know its handles.
    return Streams[B % Streams.size()].first;
  }

  cudaEvent_t event() {
    if (Events.empty())
      return nullptr;
    return Events[In.byte() % Events.size()].first;
  }

  Choices &In;
  std::vector<char> Host;
  std::vector<Allocation> Device, Pinned;
  std::vector<std::pair<cudaStream_t, bool>> Streams;
  std::vector<std::pair<cudaEvent_t, bool>> Events;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Choices In(Data, Size);
  Program P(In);
  for (int Step = 0; Step < 64 && !In.empty(); ++Step)
    P.step();
  return 0;
}
