//===- api/Memory.cpp - Copy and fill entry points
//-------------------------===//
//
// Part of Tongxin. Copies and fills (allocation is api/Allocation.cpp).
// Blocking copies and fills run on the calling thread after the work they
// must follow on the legacy default stream; the *Async variants are stream
// work.
//
// Devices of several backends share the process. Every allocation records
// its device, and a copy is performed by the device that owns memory the
// host cannot access (its copy() understands host pointers); a copy between
// two such devices is staged through host memory (a Route).
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"
#include "core/Arrays.h"

#include <cstring>
#include <memory>
#include <new>

using namespace tx;
using namespace tx::api;

//===--- Copy helpers -----------------------------------------------------===//

static bool validKind(cudaMemcpyKind Kind) {
  return Kind >= cudaMemcpyHostToHost && Kind <= cudaMemcpyDefault;
}

//===--- Routing between devices ------------------------------------------===//

/// The device whose memory holds Ptr if the host cannot access that memory;
/// null for host memory and host-accessible devices.
static DeviceSlot *farOwner(const void *Ptr) {
  Allocation A;
  if (!Ptr || !Context::get().allocations().find(Ptr, &A) ||
      A.Kind == AllocationKind::Registered)
    return nullptr;
  DeviceSlot *Slot = Context::get().slot(A.Device);
  if (!Slot || Slot->Device->info().HostAccessibleMemory)
    return nullptr;
  return Slot;
}

/// Device memory for the profile's transfer directions: cudaMalloc'd or
/// managed memory.
static bool isDeviceMemory(const void *Ptr) {
  Allocation A;
  return Context::get().allocations().find(Ptr, &A) &&
         (A.Kind == AllocationKind::Device ||
          A.Kind == AllocationKind::Managed);
}

/// Which way a copy goes, for the profile.
static profile::TransferKind transferKind(const void *To, const void *From) {
  bool ToDevice = isDeviceMemory(To), FromDevice = isDeviceMemory(From);
  if (ToDevice)
    return FromDevice ? profile::TransferKind::DeviceToDevice
                      : profile::TransferKind::HostToDevice;
  return FromDevice ? profile::TransferKind::DeviceToHost
                    : profile::TransferKind::HostToHost;
}

/// A copy as trace viewers name it (Nsight's words).
static const char *copyName(profile::TransferKind Kind) {
  switch (Kind) {
  case profile::TransferKind::HostToDevice:
    return "memcpy HtoD";
  case profile::TransferKind::DeviceToHost:
    return "memcpy DtoH";
  case profile::TransferKind::DeviceToDevice:
    return "memcpy DtoD";
  default:
    return "memcpy HtoH";
  }
}

/// Bytes staged through host memory at a time.
static constexpr size_t StagingBytes = size_t(4) << 20;

namespace {
/// Who performs a copy or fill: the device that owns memory the host cannot
/// reach, or -- when neither side is such memory -- the current device.
struct Route {
  hal::Device *Dst = nullptr; ///< Far owner of the destination, if any.
  hal::Device *Src = nullptr; ///< Far owner of the source, if any.
  hal::Device *Exec = nullptr;
  /// TONGXIN_PROFILE records this operation (decided at the API call).
  bool Profiled = profile::recording();

  Status copy(void *To, const void *From, size_t Bytes) const {
    if (!Bytes)
      return Status::ok();
    bool Traced = trace::enabled();
    profile::TransferKind Kind = Profiled || Traced
                                     ? transferKind(To, From)
                                     : profile::TransferKind::HostToHost;
    profile::TransferTimer Timer(Kind, Bytes, Profiled);
    trace::Span Span(trace::Kind::Copy, copyName(Kind));
    if (Span.active())
      Span.Args = "\"bytes\":" + std::to_string(Bytes);
    if (Dst && Src && Dst != Src)
      return staged(To, From, Bytes);
    hal::Device *By = Dst ? Dst : (Src ? Src : Exec);
    return By->copy(To, From, Bytes);
  }

  Status fill(void *To, int Value, size_t Bytes) const {
    if (!Bytes)
      return Status::ok();
    profile::TransferTimer Timer(profile::TransferKind::Fill, Bytes, Profiled);
    trace::Span Span(trace::Kind::Fill, "memset");
    if (Span.active())
      Span.Args = "\"bytes\":" + std::to_string(Bytes) +
                  ",\"value\":" + std::to_string(Value & 0xff);
    return (Dst ? Dst : Exec)->fill(To, Value, Bytes);
  }

private:
  /// Device to device across backends: through a bounce buffer.
  Status staged(void *To, const void *From, size_t Bytes) const {
    size_t Chunk = Bytes < StagingBytes ? Bytes : StagingBytes;
    std::unique_ptr<char[]> Buffer(new (std::nothrow) char[Chunk]);
    if (!Buffer)
      return Status(StatusCode::OutOfMemory);
    for (size_t Done = 0; Done < Bytes; Done += Chunk) {
      size_t N = Bytes - Done < Chunk ? Bytes - Done : Chunk;
      Status St =
          Src->copy(Buffer.get(), static_cast<const char *>(From) + Done, N);
      if (St.isOk())
        St = Dst->copy(static_cast<char *>(To) + Done, Buffer.get(), N);
      if (!St.isOk())
        return St;
    }
    return Status::ok();
  }
};

/// A route plus the devices whose legacy-stream work a blocking operation
/// must follow.
struct Plan {
  Route R;
  DeviceSlot *Slots[3] = {nullptr, nullptr, nullptr};

  void waitForDevices() const {
    for (int I = 0; I < 3; ++I) {
      bool Seen = false;
      for (int J = 0; J < I; ++J)
        Seen |= Slots[J] == Slots[I];
      if (Slots[I] && !Seen)
        waitAll(Slots[I]->Streams->legacyDependencies());
    }
  }
};
} // namespace

/// Routes an operation between DstOwner's and SrcOwner's memory (null: not
/// far device memory), run by Current otherwise.
static Plan planFor(DeviceSlot *Current, DeviceSlot *DstOwner,
                    DeviceSlot *SrcOwner) {
  Plan P;
  P.R.Exec = Current->Device.get();
  P.R.Dst = DstOwner ? DstOwner->Device.get() : nullptr;
  P.R.Src = SrcOwner ? SrcOwner->Device.get() : nullptr;
  P.Slots[0] = Current;
  P.Slots[1] = DstOwner;
  P.Slots[2] = SrcOwner;
  return P;
}

static Plan planFor(DeviceSlot *Current, const void *Dst, const void *Src) {
  return planFor(Current, farOwner(Dst), farOwner(Src));
}

//===--- Copy and fill operations -----------------------------------------===//

namespace {
/// A strided copy: Height rows of Width bytes.
struct Copy2D {
  char *Dst;
  size_t DPitch;
  const char *Src;
  size_t SPitch;
  size_t Width;
  size_t Height;

  const void *dst() const { return Dst; }
  const void *src() const { return Src; }

  Status run(const Route &R) const {
    if (DPitch == Width && SPitch == Width)
      return R.copy(Dst, Src, Width * Height);
    for (size_t Row = 0; Row < Height; ++Row)
      if (Status St = R.copy(Dst + Row * DPitch, Src + Row * SPitch, Width);
          !St.isOk())
        return St;
    return Status::ok();
  }
};

/// A strided fill: Height rows of Width bytes.
struct Fill2D {
  char *Dst;
  size_t Pitch;
  int Value;
  size_t Width;
  size_t Height;

  const void *dst() const { return Dst; }
  const void *src() const { return nullptr; }

  Status run(const Route &R) const {
    if (Pitch == Width)
      return R.fill(Dst, Value, Width * Height);
    for (size_t Row = 0; Row < Height; ++Row)
      if (Status St = R.fill(Dst + Row * Pitch, Value, Width); !St.isOk())
        return St;
    return Status::ok();
  }
};
} // namespace

/// Runs Op now, after the work a blocking legacy-stream operation follows
/// on every device involved.
template <class Op>
static cudaError_t runPlanned(const Op &Operation, DeviceSlot *Slot,
                              const Plan &P) {
  if (cudaError_t Err = stickyError())
    return Err;
  if (cudaError_t Err = checkBlockingCall(Slot)) // During a stream capture.
    return Err;
  P.waitForDevices();
  // A blocking copy or fill is legacy-stream work, as a GPU shows it.
  trace::TrackScope Traced(Slot->Streams->trackOf(Slot->Streams->legacy()));
  Status St = Operation.run(P.R);
  flushDeviceOutput();
  if (!St.isOk())
    return St.code() == StatusCode::InvalidArgument ? cudaErrorInvalidValue
                                                    : toCuda(St);
  return stickyError();
}

template <class Op> static cudaError_t runBlocking(const Op &Operation) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  return runPlanned(Operation, Slot,
                    planFor(Slot, Operation.dst(), Operation.src()));
}

/// Queues Op on a stream of the current device.
template <class Op>
static cudaError_t runAsyncPlanned(const Op &Operation, DeviceSlot *Slot,
                                   const Plan &P, cudaStream_t Handle) {
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  Route R = P.R;
  // Like CUDA, a failed asynchronous copy has no one to report to here;
  // device faults in kernels are what make a context sticky.
  auto Run = [Operation, R] { (void)Operation.run(R); };
  if (Slot->Streams->runOnCaller(S, Run))
    return cudaSuccess;
  return toCuda(Slot->Streams->submit(S, {}, Run));
}

template <class Op>
static cudaError_t runAsync(const Op &Operation, cudaStream_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  return runAsyncPlanned(
      Operation, Slot, planFor(Slot, Operation.dst(), Operation.src()), Handle);
}

/// Checks the Height rows of Width bytes, Pitch apart, that a copy or fill
/// touches from Ptr: within one allocation of the runtime's (its size
/// rounded up to DeviceAlignment, the block it has), or in
/// memory the runtime does not know (the host's). A side that must be
/// device memory (MustBeDevice: the copy's kind says so) may not lie in
/// device memory freed lately.
static cudaError_t checkExtent(const void *Ptr, size_t Pitch, size_t Width,
                               size_t Height, bool MustBeDevice) {
  if (!Width || !Height)
    return cudaSuccess;
  if (Height > 1 && (Height - 1) > (SIZE_MAX - Width) / Pitch)
    return cudaErrorInvalidValue;
  size_t Extent = (Height - 1) * Pitch + Width;
  AllocationMap &Map = Context::get().allocations();
  Allocation A;
  if (!Map.find(Ptr, &A, DeviceAlignment))
    return MustBeDevice && Map.wasFreed(Ptr) ? cudaErrorInvalidValue
                                             : cudaSuccess;
  size_t Offset = reinterpret_cast<uintptr_t>(Ptr) - A.Base;
  return Extent <= A.reach(DeviceAlignment) - Offset ? cudaSuccess
                                                     : cudaErrorInvalidValue;
}

static cudaError_t checkCopy2D(const Copy2D &C, cudaMemcpyKind Kind) {
  if (!validKind(Kind))
    return cudaErrorInvalidMemcpyDirection;
  if (C.Width > C.DPitch || C.Width > C.SPitch)
    return cudaErrorInvalidPitchValue;
  if (C.Width && C.Height && (!C.Dst || !C.Src))
    return cudaErrorInvalidValue;
  // With cudaMemcpyDefault the sides are what the pointers are: a host
  // buffer may well reuse the address of freed device memory.
  bool HostDst = Kind == cudaMemcpyHostToHost ||
                 Kind == cudaMemcpyDeviceToHost || Kind == cudaMemcpyDefault;
  bool HostSrc = Kind == cudaMemcpyHostToHost ||
                 Kind == cudaMemcpyHostToDevice || Kind == cudaMemcpyDefault;
  if (cudaError_t Err =
          checkExtent(C.Dst, C.DPitch, C.Width, C.Height, !HostDst))
    return Err;
  return checkExtent(C.Src, C.SPitch, C.Width, C.Height, !HostSrc);
}

static Copy2D linear(void *Dst, const void *Src, size_t Count) {
  return Copy2D{static_cast<char *>(Dst),
                Count,
                static_cast<const char *>(Src),
                Count,
                Count,
                1};
}

//===--- Copies -----------------------------------------------------------===//

cudaError_t cudaMemcpy(void *Dst, const void *Src, size_t Count,
                       cudaMemcpyKind Kind) {
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runBlocking(C));
}

cudaError_t cudaMemcpyAsync(void *Dst, const void *Src, size_t Count,
                            cudaMemcpyKind Kind, cudaStream_t Stream) {
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  if (auto Captured = captureCopy1D(Stream, Dst, Src, Count, Kind))
    return report(*Captured);
  return report(runAsync(C, Stream));
}

cudaError_t cudaMemcpy2D(void *Dst, size_t DPitch, const void *Src,
                         size_t SPitch, size_t Width, size_t Height,
                         cudaMemcpyKind Kind) {
  Copy2D C{static_cast<char *>(Dst),
           DPitch,
           static_cast<const char *>(Src),
           SPitch,
           Width,
           Height};
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runBlocking(C));
}

cudaError_t cudaMemcpy2DAsync(void *Dst, size_t DPitch, const void *Src,
                              size_t SPitch, size_t Width, size_t Height,
                              cudaMemcpyKind Kind, cudaStream_t Stream) {
  Copy2D C{static_cast<char *>(Dst),
           DPitch,
           static_cast<const char *>(Src),
           SPitch,
           Width,
           Height};
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  if (auto Captured =
          captureCopy2D(Stream, Dst, DPitch, Src, SPitch, Width, Height, Kind))
    return report(*Captured);
  return report(runAsync(C, Stream));
}

namespace {
/// A pitched-pointer to pitched-pointer box copy.
struct Copy3D {
  cudaMemcpy3DParms P;

  const void *dst() const { return P.dstPtr.ptr; }
  const void *src() const { return P.srcPtr.ptr; }

  Status run(const Route &R) const {
    const cudaPitchedPtr &S = P.srcPtr, &D = P.dstPtr;
    for (size_t Z = 0; Z < P.extent.depth; ++Z) {
      for (size_t Y = 0; Y < P.extent.height; ++Y) {
        const char *From =
            static_cast<const char *>(S.ptr) +
            ((P.srcPos.z + Z) * S.ysize + P.srcPos.y + Y) * S.pitch +
            P.srcPos.x;
        char *To = static_cast<char *>(D.ptr) +
                   ((P.dstPos.z + Z) * D.ysize + P.dstPos.y + Y) * D.pitch +
                   P.dstPos.x;
        if (Status St = R.copy(To, From, P.extent.width); !St.isOk())
          return St;
      }
    }
    return Status::ok();
  }
};
} // namespace

/// Rewrites an array endpoint of a 3-D copy as a pitched pointer over the
/// array's packed layout, with its x position in bytes.
static cudaError_t arrayEndpoint(const cudaArray *A, const cudaPos &Pos,
                                 const cudaExtent &Extent, size_t Element,
                                 cudaPitchedPtr *Ptr, cudaPos *BytePos) {
  if (Pos.x > A->Extent.width || Extent.width > A->Extent.width - Pos.x ||
      Pos.y > A->rows() || Extent.height > A->rows() - Pos.y ||
      Pos.z > A->slices() || Extent.depth > A->slices() - Pos.z)
    return cudaErrorInvalidValue;
  if (A->elementSize() != Element)
    return cudaErrorInvalidValue; // Arrays of different formats.
  *Ptr = make_cudaPitchedPtr(A->Data, A->rowBytes(), A->rowBytes(), A->rows());
  *BytePos = make_cudaPos(Pos.x * Element, Pos.y, Pos.z);
  return cudaSuccess;
}

/// Checks a 3-D copy and resolves its array endpoints; the extent's width
/// counts elements when an array takes part, bytes otherwise.
static cudaError_t prepareCopy3D(const cudaMemcpy3DParms *P,
                                 cudaMemcpy3DParms *Out) {
  if (!P)
    return cudaErrorInvalidValue;
  if (!validKind(P->kind))
    return cudaErrorInvalidMemcpyDirection;
  if ((P->srcArray && P->srcPtr.ptr) || (P->dstArray && P->dstPtr.ptr))
    return cudaErrorInvalidValue; // An endpoint is an array or a pointer.
  *Out = *P;
  cudaArray *Src = P->srcArray ? liveArrays().find(P->srcArray) : nullptr;
  cudaArray *Dst = P->dstArray ? liveArrays().find(P->dstArray) : nullptr;
  if ((P->srcArray && !Src) || (P->dstArray && !Dst))
    return cudaErrorInvalidValue;
  if (Src || Dst) {
    size_t Element = (Src ? Src : Dst)->elementSize();
    if (Src)
      if (cudaError_t Err = arrayEndpoint(Src, P->srcPos, P->extent, Element,
                                          &Out->srcPtr, &Out->srcPos))
        return Err;
    if (Dst)
      if (cudaError_t Err = arrayEndpoint(Dst, P->dstPos, P->extent, Element,
                                          &Out->dstPtr, &Out->dstPos))
        return Err;
    Out->srcArray = Out->dstArray = nullptr;
    Out->extent.width *= Element;
  }
  if (!Out->extent.width || !Out->extent.height || !Out->extent.depth)
    return cudaSuccess;
  if (!Out->srcPtr.ptr || !Out->dstPtr.ptr)
    return cudaErrorInvalidValue;
  // Compared so that no sum can wrap around.
  const cudaExtent &E = Out->extent;
  if (Out->srcPos.x > Out->srcPtr.pitch ||
      E.width > Out->srcPtr.pitch - Out->srcPos.x ||
      Out->dstPos.x > Out->dstPtr.pitch ||
      E.width > Out->dstPtr.pitch - Out->dstPos.x)
    return cudaErrorInvalidPitchValue;
  return cudaSuccess;
}

cudaError_t cudaMemcpy3D(const cudaMemcpy3DParms *Parms) {
  Copy3D C;
  if (cudaError_t Err = prepareCopy3D(Parms, &C.P))
    return report(Err);
  return report(runBlocking(C));
}

cudaError_t cudaMemcpy3DAsync(const cudaMemcpy3DParms *Parms,
                              cudaStream_t Stream) {
  Copy3D C;
  if (cudaError_t Err = prepareCopy3D(Parms, &C.P))
    return report(Err);
  if (auto Captured = captureCopy(Stream, *Parms))
    return report(*Captured);
  return report(runAsync(C, Stream));
}

//===--- Copies and fills for graph nodes ---------------------------------===//

cudaError_t api::prepareCopy(const cudaMemcpy3DParms *P,
                             cudaMemcpy3DParms *Out) {
  return prepareCopy3D(P, Out);
}

Status api::copyNow(const cudaMemcpy3DParms &Prepared, DeviceSlot *Current) {
  Copy3D C{Prepared};
  return C.run(planFor(Current, C.dst(), C.src()).R);
}

Status api::fillNow(void *Dst, size_t Pitch, int Value, size_t Width,
                    size_t Height, DeviceSlot *Current) {
  Fill2D F{static_cast<char *>(Dst), Pitch, Value, Width, Height};
  return F.run(planFor(Current, F.dst(), F.src()).R);
}

static cudaError_t checkPeers(int DstDevice, int SrcDevice) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return cudaErrorNoDevice;
  if (!Ctx.slot(DstDevice) || !Ctx.slot(SrcDevice))
    return cudaErrorInvalidDevice;
  return cudaSuccess;
}

/// A peer copy names both devices: route by them rather than by lookup.
static Plan peerPlan(DeviceSlot *Current, int DstDevice, int SrcDevice) {
  DeviceSlot *Dst = Context::get().slot(DstDevice);
  DeviceSlot *Src = Context::get().slot(SrcDevice);
  Plan P =
      planFor(Current, Dst->Device->info().HostAccessibleMemory ? nullptr : Dst,
              Src->Device->info().HostAccessibleMemory ? nullptr : Src);
  // Both devices' earlier legacy-stream work comes first.
  P.Slots[1] = Dst;
  P.Slots[2] = Src;
  return P;
}

cudaError_t cudaMemcpyPeer(void *Dst, int DstDevice, const void *Src,
                           int SrcDevice, size_t Count) {
  if (cudaError_t Err = checkPeers(DstDevice, SrcDevice))
    return report(Err);
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, cudaMemcpyDeviceToDevice))
    return report(Err);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  return report(runPlanned(C, Slot, peerPlan(Slot, DstDevice, SrcDevice)));
}

cudaError_t cudaMemcpyPeerAsync(void *Dst, int DstDevice, const void *Src,
                                int SrcDevice, size_t Count,
                                cudaStream_t Stream) {
  if (cudaError_t Err = checkPeers(DstDevice, SrcDevice))
    return report(Err);
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, cudaMemcpyDeviceToDevice))
    return report(Err);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  if (auto Captured = captureCopy1D(Stream, Dst, Src, Count, cudaMemcpyDefault))
    return report(*Captured);
  return report(
      runAsyncPlanned(C, Slot, peerPlan(Slot, DstDevice, SrcDevice), Stream));
}

/// A 3-D copy between two devices' memory, as a cudaMemcpy3D that names
/// both devices.
static cudaError_t preparePeerCopy3D(const cudaMemcpy3DPeerParms *P,
                                     cudaMemcpy3DParms *Out) {
  if (!P)
    return cudaErrorInvalidValue;
  if (cudaError_t Err = checkPeers(P->dstDevice, P->srcDevice))
    return Err;
  cudaMemcpy3DParms Parms = {};
  Parms.srcArray = P->srcArray;
  Parms.srcPos = P->srcPos;
  Parms.srcPtr = P->srcPtr;
  Parms.dstArray = P->dstArray;
  Parms.dstPos = P->dstPos;
  Parms.dstPtr = P->dstPtr;
  Parms.extent = P->extent;
  Parms.kind = cudaMemcpyDefault;
  return prepareCopy3D(&Parms, Out);
}

cudaError_t cudaMemcpy3DPeer(const cudaMemcpy3DPeerParms *Parms) {
  Copy3D C;
  if (cudaError_t Err = preparePeerCopy3D(Parms, &C.P))
    return report(Err);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  return report(
      runPlanned(C, Slot, peerPlan(Slot, Parms->dstDevice, Parms->srcDevice)));
}

cudaError_t cudaMemcpy3DPeerAsync(const cudaMemcpy3DPeerParms *Parms,
                                  cudaStream_t Stream) {
  Copy3D C;
  if (cudaError_t Err = preparePeerCopy3D(Parms, &C.P))
    return report(Err);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  if (auto Captured = captureCopy(Stream, C.P))
    return report(*Captured);
  return report(runAsyncPlanned(
      C, Slot, peerPlan(Slot, Parms->dstDevice, Parms->srcDevice), Stream));
}

//===--- Fills ------------------------------------------------------------===//

static cudaError_t checkFill(const Fill2D &F) {
  if (F.Width > F.Pitch)
    return cudaErrorInvalidPitchValue;
  if (F.Width && F.Height && !F.Dst)
    return cudaErrorInvalidValue;
  return checkExtent(F.Dst, F.Pitch, F.Width, F.Height, /*MustBeDevice=*/true);
}

cudaError_t cudaMemset(void *DevPtr, int Value, size_t Count) {
  Fill2D F{static_cast<char *>(DevPtr), Count, Value, Count, 1};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runBlocking(F));
}

cudaError_t cudaMemsetAsync(void *DevPtr, int Value, size_t Count,
                            cudaStream_t Stream) {
  Fill2D F{static_cast<char *>(DevPtr), Count, Value, Count, 1};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  if (auto Captured = captureFill(Stream, DevPtr, Count, Value, Count, 1))
    return report(*Captured);
  return report(runAsync(F, Stream));
}

cudaError_t cudaMemset2D(void *DevPtr, size_t Pitch, int Value, size_t Width,
                         size_t Height) {
  Fill2D F{static_cast<char *>(DevPtr), Pitch, Value, Width, Height};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runBlocking(F));
}

cudaError_t cudaMemset2DAsync(void *DevPtr, size_t Pitch, int Value,
                              size_t Width, size_t Height,
                              cudaStream_t Stream) {
  Fill2D F{static_cast<char *>(DevPtr), Pitch, Value, Width, Height};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  if (auto Captured = captureFill(Stream, DevPtr, Pitch, Value, Width, Height))
    return report(*Captured);
  return report(runAsync(F, Stream));
}

namespace {
/// A fill of a box in pitched memory: Depth slices of Height rows of Width
/// bytes, each slice SliceRows rows after the previous one.
struct Fill3D {
  char *Dst;
  size_t Pitch;
  size_t SliceRows;
  int Value;
  size_t Width;
  size_t Height;
  size_t Depth;

  const void *dst() const { return Dst; }
  const void *src() const { return nullptr; }

  Status run(const Route &R) const {
    for (size_t Z = 0; Z < Depth; ++Z) {
      Fill2D Slice{Dst + Z * SliceRows * Pitch, Pitch, Value, Width, Height};
      if (Status St = Slice.run(R); !St.isOk())
        return St;
    }
    return Status::ok();
  }
};
} // namespace

/// Checks a 3-D fill; an empty extent fills nothing (Depth 0).
static cudaError_t prepareFill3D(const cudaPitchedPtr &P, int Value,
                                 const cudaExtent &E, Fill3D *Out) {
  if (E.width > P.pitch)
    return cudaErrorInvalidPitchValue;
  // Each slice is ysize rows apart.
  *Out = Fill3D{static_cast<char *>(P.ptr),
                P.pitch,
                P.ysize ? P.ysize : E.height,
                Value,
                E.width,
                E.height,
                E.depth};
  if (!E.width || !E.height || !E.depth)
    Out->Depth = 0;
  else if (!P.ptr)
    return cudaErrorInvalidValue;
  return cudaSuccess;
}

cudaError_t cudaMemset3D(cudaPitchedPtr PitchedDevPtr, int Value,
                         cudaExtent Extent) {
  Fill3D F;
  if (cudaError_t Err = prepareFill3D(PitchedDevPtr, Value, Extent, &F))
    return report(Err);
  if (!F.Depth)
    return cudaSuccess;
  return report(runBlocking(F));
}

cudaError_t cudaMemset3DAsync(cudaPitchedPtr PitchedDevPtr, int Value,
                              cudaExtent Extent, cudaStream_t Stream) {
  Fill3D F;
  if (cudaError_t Err = prepareFill3D(PitchedDevPtr, Value, Extent, &F))
    return report(Err);
  if (auto Captured = captureFill3D(Stream, PitchedDevPtr, Value, Extent))
    return report(*Captured);
  return report(runAsync(F, Stream));
}
