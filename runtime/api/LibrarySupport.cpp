//===- api/LibrarySupport.cpp - Runtime services for libs/ ----------------===//
//
// Part of Tongxin. See tongxin/library_support.h.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "check/InitCheck.h"
#include "tongxin/library_support.h"

#include <cstdio>
#include <cstring>

using namespace tx;
using namespace tx::api;

static txLibraryDeviceKind kindOf(const hal::DeviceInfo &Info) {
  if (Info.HostAccessibleMemory)
    return txLibraryDeviceHost;
  if (std::strcmp(Info.Backend, "cuda") == 0)
    return txLibraryDeviceCuda;
  return txLibraryDeviceOther;
}

cudaError_t txLibraryStreamDevice(cudaStream_t Stream, int *Device,
                                  txLibraryDeviceKind *Kind) {
  if (!Device || !Kind)
    return cudaErrorInvalidValue;
  int Ordinal;
  if (cudaError_t Err = cudaStreamGetDevice(Stream, &Ordinal))
    return Err;
  DeviceSlot *Slot = Context::get().slot(Ordinal);
  if (!Slot)
    return cudaErrorInvalidDevice;
  *Device = Ordinal;
  *Kind = kindOf(Slot->Device->info());
  return cudaSuccess;
}

cudaError_t txLibraryDeviceKindOf(int Device, txLibraryDeviceKind *Kind) {
  if (!Kind)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  *Kind = kindOf(Slot->Device->info());
  return cudaSuccess;
}

unsigned txLibraryWorkerCount(int Device) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return 1;
  unsigned Count = Slot->Device->workerCount();
  return Count ? Count : 1;
}

cudaError_t txLibraryRunOnWorkers(int Device, size_t Count,
                                  void (*Body)(void *Context, size_t Index),
                                  void *BodyContext) {
  if (!Body)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  Status S = Slot->Device->runOnWorkers(
      Count, [Body, BodyContext](size_t I) { Body(BodyContext, I); });
  return toCuda(S);
}

cudaError_t txLibraryNativeStream(int Device, void **Native) {
  if (!Native)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  *Native = Slot->Device->callerNativeQueue();
  return *Native ? cudaSuccess : cudaErrorNotSupported;
}

cudaError_t txLibraryFinishNativeWork(int Device) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  return toCuda(Slot->Device->finishNativeWork());
}

cudaError_t txLibraryCaptureNative(int Device,
                                   int (*Call)(void *Context, void *Native),
                                   void *CallContext, int *Result,
                                   void **Graph) {
  if (!Call || !Result || !Graph)
    return cudaErrorInvalidValue;
  *Graph = nullptr;
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  Status S = Slot->Device->captureNativeWork(
      [&](void *Native) { return Call(CallContext, Native); }, Result, Graph);
  if (!S.isOk() && S.code() != StatusCode::Unsupported)
    std::fprintf(stderr, "tongxin: a library call could not be captured: %s\n",
                 S.message());
  return toCuda(S);
}

cudaError_t txLibraryRunNativeGraph(int Device, void *Graph) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot || !Graph)
    return cudaErrorInvalidValue;
  Status S = Slot->Device->runNativeGraph(Graph);
  // A fault of the graph's GPU work is a launch failure, sticky as a
  // kernel's is; a graph run where it cannot run is the caller's error.
  if (!S.isOk() && S.code() != StatusCode::Unsupported &&
      S.code() != StatusCode::InvalidArgument)
    Context::get().setSticky(S.code());
  return toCuda(S);
}

void txLibraryDestroyNativeGraph(int Device, void *Graph) {
  if (DeviceSlot *Slot = Context::get().slot(Device))
    Slot->Device->destroyNativeGraph(Graph);
}

namespace {
/// An item of a stream that a library's calling thread runs itself.
struct CallerItem {
  std::shared_ptr<Timeline> Line;
  uint64_t Ticket;
};
} // namespace

cudaError_t txLibraryBeginOnCaller(cudaStream_t Handle, void **Item) {
  if (!Item)
    return cudaErrorInvalidValue;
  *Item = nullptr;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  uint64_t Ticket = Slot->Streams->beginLibraryItemOnCaller(S);
  if (!Ticket)
    return cudaErrorNotReady;
  *Item = new CallerItem{S->Line, Ticket};
  return cudaSuccess;
}

void txLibraryEndOnCaller(void *Item) {
  auto *I = static_cast<CallerItem *>(Item);
  if (!I)
    return;
  txLibraryWroteDeviceMemory();
  I->Line->complete(I->Ticket);
  delete I;
}

void txLibraryWroteDeviceMemory(void) { check::initcheckLibraryWrote(); }
