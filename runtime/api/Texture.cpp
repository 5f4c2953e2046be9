//===- api/Texture.cpp - Texture and surface objects
//-----------------------===//
//
// Part of Tongxin. A texture or surface object is a TxTextureDescriptor
// (tongxin/texture_abi.h) in the memory of the device that holds the
// resource; the handle is its device address, and device code samples
// through it in software. The descriptions the caller gave are kept on the
// host for the cudaGet*ObjectResourceDesc queries.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "core/Arrays.h"

#include "tongxin/texture_abi.h"

#include <cstring>
#include <map>
#include <mutex>

using namespace tx;
using namespace tx::api;

/// cudaDeviceProp::textureAlignment and texturePitchAlignment.
static constexpr uintptr_t TextureAlignment = 512;
static constexpr size_t TexturePitchAlignment = 32;

namespace {
struct ObjectRecord {
  bool Surface = false;
  int Device = 0;
  cudaResourceDesc Resource;
  cudaTextureDesc Texture;
};

/// Live texture and surface objects by handle.
class ObjectTable {
public:
  void insert(unsigned long long Handle, const ObjectRecord &R) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Objects[Handle] = R;
  }
  bool find(unsigned long long Handle, bool Surface, ObjectRecord *Out) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = lookup(Handle, Surface);
    if (It == Objects.end())
      return false;
    *Out = It->second;
    return true;
  }
  bool erase(unsigned long long Handle, bool Surface, ObjectRecord *Out) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = lookup(Handle, Surface);
    if (It == Objects.end())
      return false;
    *Out = It->second;
    Objects.erase(It);
    return true;
  }

private:
  using Iterator = std::map<unsigned long long, ObjectRecord>::iterator;
  /// The live object Handle names, if it is of the asked kind.
  Iterator lookup(unsigned long long Handle, bool Surface) {
    auto It = Objects.find(Handle);
    return It != Objects.end() && It->second.Surface == Surface ? It
                                                                : Objects.end();
  }

  std::mutex Mutex;
  std::map<unsigned long long, ObjectRecord> Objects;
};

ObjectTable &liveObjects() {
  static ObjectTable Table;
  return Table;
}
} // namespace

//===--- Resources --------------------------------------------------------===//

static void describeLayout(const ChannelLayout &L, TxTextureDescriptor *D) {
  D->ElementSize = static_cast<uint32_t>(L.elementSize());
  D->Channels = static_cast<uint8_t>(L.Channels);
  D->ChannelBits = static_cast<uint8_t>(L.Bits);
  D->ChannelKind =
      L.Kind == cudaChannelFormatKindFloat
          ? TX_CHANNEL_FLOAT
          : (L.Kind == cudaChannelFormatKindSigned ? TX_CHANNEL_SIGNED
                                                   : TX_CHANNEL_UNSIGNED);
}

static void describeArray(const cudaArray &A, TxTextureDescriptor *D) {
  describeLayout(A.Layout, D);
  D->Data = A.Data;
  D->Extent[0] = A.Extent.width;
  D->Extent[1] = A.rows();
  D->Extent[2] = A.layered() ? 1 : A.slices();
  D->Layers = A.layered() ? A.slices() : 0;
  D->RowPitch = A.rowBytes();
  D->SlicePitch = A.sliceBytes();
}

/// The device whose memory holds Ptr: its allocation's, else the current.
static int owningDevice(const void *Ptr) {
  Allocation A;
  if (Context::get().allocations().find(Ptr, &A) &&
      A.Kind != AllocationKind::Registered)
    return A.Device;
  return Context::get().currentOrdinal();
}

static cudaError_t describeLinear(const cudaResourceDesc &R,
                                  TxTextureDescriptor *D, int *Device) {
  ChannelLayout L;
  if (cudaError_t Err = describeChannels(R.res.linear.desc, &L))
    return Err;
  const void *Ptr = R.res.linear.devPtr;
  if (!Ptr || reinterpret_cast<uintptr_t>(Ptr) % TextureAlignment ||
      R.res.linear.sizeInBytes < L.elementSize() ||
      R.res.linear.sizeInBytes / L.elementSize() > limits::LinearElements)
    return cudaErrorInvalidValue;
  describeLayout(L, D);
  D->Data = static_cast<const char *>(Ptr);
  D->Extent[0] = R.res.linear.sizeInBytes / L.elementSize();
  D->RowPitch = D->SlicePitch = R.res.linear.sizeInBytes;
  D->Flags |= TX_TEX_LINEAR_MEMORY;
  *Device = owningDevice(Ptr);
  return cudaSuccess;
}

static cudaError_t describePitch2D(const cudaResourceDesc &R,
                                   TxTextureDescriptor *D, int *Device) {
  ChannelLayout L;
  if (cudaError_t Err = describeChannels(R.res.pitch2D.desc, &L))
    return Err;
  const auto &P = R.res.pitch2D;
  if (!P.devPtr || reinterpret_cast<uintptr_t>(P.devPtr) % TextureAlignment ||
      P.pitchInBytes % TexturePitchAlignment || !P.width || !P.height ||
      P.width > P.pitchInBytes / L.elementSize() ||
      P.width > limits::PitchWidth || P.height > limits::PitchHeight ||
      P.pitchInBytes > limits::PitchBytes)
    return cudaErrorInvalidValue;
  describeLayout(L, D);
  D->Data = static_cast<const char *>(P.devPtr);
  D->Extent[0] = P.width;
  D->Extent[1] = P.height;
  D->RowPitch = P.pitchInBytes;
  D->SlicePitch = P.pitchInBytes * P.height;
  *Device = owningDevice(P.devPtr);
  return cudaSuccess;
}

/// Fills the resource half of a descriptor.
static cudaError_t describeResource(const cudaResourceDesc &R,
                                    TxTextureDescriptor *D, int *Device) {
  D->Extent[0] = D->Extent[1] = D->Extent[2] = 1;
  if (R.flags != 0)
    return cudaErrorInvalidValue;
  switch (R.resType) {
  case cudaResourceTypeArray: {
    cudaArray *A = liveArrays().find(R.res.array.array);
    if (!A)
      return cudaErrorInvalidValue;
    describeArray(*A, D);
    *Device = A->Device;
    return cudaSuccess;
  }
  case cudaResourceTypeMipmappedArray:
    return cudaErrorNotSupported; // No mipmapped arrays.
  case cudaResourceTypeLinear:
    return describeLinear(R, D, Device);
  case cudaResourceTypePitch2D:
    return describePitch2D(R, D, Device);
  }
  return cudaErrorInvalidValue;
}

//===--- Sampling state ---------------------------------------------------===//

static cudaError_t describeSampling(const cudaTextureDesc &T,
                                    TxTextureDescriptor *D) {
  // Linear memory is fetched by index: address and filter modes are
  // ignored (as documented), whatever their values.
  bool ByIndex = D->Flags & TX_TEX_LINEAR_MEMORY;
  for (int Axis = 0; Axis < 3 && !ByIndex; ++Axis) {
    if (T.addressMode[Axis] < cudaAddressModeWrap ||
        T.addressMode[Axis] > cudaAddressModeBorder)
      return cudaErrorInvalidValue;
    D->AddressMode[Axis] = static_cast<uint8_t>(T.addressMode[Axis]);
  }
  if ((!ByIndex && T.filterMode != cudaFilterModePoint &&
       T.filterMode != cudaFilterModeLinear) ||
      (T.readMode != cudaReadModeElementType &&
       T.readMode != cudaReadModeNormalizedFloat))
    return cudaErrorInvalidValue;
  if (T.readMode == cudaReadModeNormalizedFloat)
    D->Flags |= TX_TEX_READ_NORMALIZED;
  // 32-bit integers are never promoted (cudaCreateTextureObject's docs).
  bool PromotedIntegers =
      T.readMode == cudaReadModeNormalizedFloat && D->ChannelBits < 32;
  if (D->ChannelKind == TX_CHANNEL_FLOAT || PromotedIntegers)
    D->Flags |= TX_TEX_FLOAT_RESULT;
  if (T.normalizedCoords)
    D->Flags |= TX_TEX_NORMALIZED_COORDS;
  if (T.filterMode == cudaFilterModeLinear && !ByIndex) {
    if (!(D->Flags & TX_TEX_FLOAT_RESULT))
      return cudaErrorInvalidFilterSetting;
    D->Flags |= TX_TEX_LINEAR_FILTER;
  }
  // sRGB decoding applies to 8-bit unsigned data read as normalised floats.
  if (T.sRGB && D->ChannelKind == TX_CHANNEL_UNSIGNED && D->ChannelBits == 8 &&
      (D->Flags & TX_TEX_READ_NORMALIZED))
    D->Flags |= TX_TEX_SRGB;
  for (int C = 0; C < 4; ++C)
    D->BorderColor[C] = T.borderColor[C];
  return cudaSuccess;
}

//===--- Descriptor placement ---------------------------------------------===//

/// Copies D into Device's memory; its address becomes the handle.
static cudaError_t place(const TxTextureDescriptor &D, int Device,
                         unsigned long long *Handle) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  void *P = nullptr;
  Status St =
      Slot->Device->allocate(sizeof(D), alignof(TxTextureDescriptor), &P);
  if (!St.isOk())
    return St.code() == StatusCode::OutOfMemory ? cudaErrorMemoryAllocation
                                                : toCuda(St);
  St = Slot->Device->copy(P, &D, sizeof(D));
  if (!St.isOk()) {
    Slot->Device->release(P);
    return toCuda(St);
  }
  *Handle = reinterpret_cast<uintptr_t>(P);
  return cudaSuccess;
}

/// Frees a descriptor once the device's queued work, which may still
/// sample through it, is done.
static void unplace(unsigned long long Handle, int Device) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return;
  waitAll(Slot->Streams->allWork());
  Slot->Device->release(reinterpret_cast<void *>(Handle));
}

static cudaError_t createObject(unsigned long long *Out,
                                const cudaResourceDesc *Res,
                                const cudaTextureDesc *Tex, bool Surface) {
  if (!Out || !Res || (!Surface && !Tex))
    return cudaErrorInvalidValue;
  if (cudaError_t Err = stickyError())
    return Err;
  TxTextureDescriptor D;
  std::memset(&D, 0, sizeof(D));
  D.Magic = TX_TEXTURE_MAGIC;
  int Device = 0;
  if (cudaError_t Err = describeResource(*Res, &D, &Device))
    return Err;
  if (Surface) {
    cudaArray *A = Res->resType == cudaResourceTypeArray
                       ? liveArrays().find(Res->res.array.array)
                       : nullptr;
    if (!A || !(A->Flags & cudaArraySurfaceLoadStore))
      return cudaErrorInvalidValue;
  } else if (cudaError_t Err = describeSampling(*Tex, &D)) {
    return Err;
  }
  if (cudaError_t Err = place(D, Device, Out))
    return Err;
  ObjectRecord R;
  R.Surface = Surface;
  R.Device = Device;
  R.Resource = *Res;
  std::memset(&R.Texture, 0, sizeof(R.Texture));
  if (Tex)
    R.Texture = *Tex;
  liveObjects().insert(*Out, R);
  return cudaSuccess;
}

static cudaError_t destroyObject(unsigned long long Handle, bool Surface) {
  ObjectRecord R;
  if (!liveObjects().erase(Handle, Surface, &R))
    return cudaErrorInvalidValue;
  unplace(Handle, R.Device);
  return cudaSuccess;
}

//===--- Entry points -----------------------------------------------------===//

// tx-api: partial: mipmapped arrays and resource views return
// cudaErrorNotSupported
cudaError_t cudaCreateTextureObject(cudaTextureObject_t *TexObject,
                                    const cudaResourceDesc *ResDesc,
                                    const cudaTextureDesc *TexDesc,
                                    const cudaResourceViewDesc *ResViewDesc) {
  if (ResViewDesc)
    return report(ResDesc && (ResDesc->resType == cudaResourceTypeLinear ||
                              ResDesc->resType == cudaResourceTypePitch2D)
                      ? cudaErrorInvalidValue // Views are for arrays only.
                      : cudaErrorNotSupported);
  return report(createObject(TexObject, ResDesc, TexDesc, false));
}

cudaError_t cudaDestroyTextureObject(cudaTextureObject_t TexObject) {
  return report(destroyObject(TexObject, false));
}

cudaError_t cudaGetTextureObjectResourceDesc(cudaResourceDesc *ResDesc,
                                             cudaTextureObject_t TexObject) {
  ObjectRecord R;
  if (!ResDesc || !liveObjects().find(TexObject, false, &R))
    return report(cudaErrorInvalidValue);
  *ResDesc = R.Resource;
  return cudaSuccess;
}

cudaError_t cudaGetTextureObjectTextureDesc(cudaTextureDesc *TexDesc,
                                            cudaTextureObject_t TexObject) {
  ObjectRecord R;
  if (!TexDesc || !liveObjects().find(TexObject, false, &R))
    return report(cudaErrorInvalidValue);
  *TexDesc = R.Texture;
  return cudaSuccess;
}

cudaError_t
cudaGetTextureObjectResourceViewDesc(cudaResourceViewDesc *ResViewDesc,
                                     cudaTextureObject_t TexObject) {
  ObjectRecord R;
  if (!ResViewDesc || !liveObjects().find(TexObject, false, &R))
    return report(cudaErrorInvalidValue);
  // Objects are created without a view (cudaCreateTextureObject refuses
  // one): the description is empty.
  std::memset(ResViewDesc, 0, sizeof(*ResViewDesc));
  return cudaSuccess;
}

cudaError_t cudaCreateSurfaceObject(cudaSurfaceObject_t *SurfObject,
                                    const cudaResourceDesc *ResDesc) {
  return report(createObject(SurfObject, ResDesc, nullptr, true));
}

cudaError_t cudaDestroySurfaceObject(cudaSurfaceObject_t SurfObject) {
  return report(destroyObject(SurfObject, true));
}

cudaError_t cudaGetSurfaceObjectResourceDesc(cudaResourceDesc *ResDesc,
                                             cudaSurfaceObject_t SurfObject) {
  ObjectRecord R;
  if (!ResDesc || !liveObjects().find(SurfObject, true, &R))
    return report(cudaErrorInvalidValue);
  *ResDesc = R.Resource;
  return cudaSuccess;
}

cudaError_t
cudaDeviceGetTexture1DLinearMaxWidth(size_t *MaxWidthInElements,
                                     const cudaChannelFormatDesc *FmtDesc,
                                     int Device) {
  if (!MaxWidthInElements || !FmtDesc)
    return report(cudaErrorInvalidValue);
  if (!Context::get().slot(Device))
    return report(Context::get().deviceCount() ? cudaErrorInvalidDevice
                                               : cudaErrorNoDevice);
  ChannelLayout L;
  if (cudaError_t Err = describeChannels(*FmtDesc, &L))
    return report(Err);
  *MaxWidthInElements = limits::LinearElements;
  return cudaSuccess;
}
