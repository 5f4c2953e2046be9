//===- core/Arrays.cpp - CUDA arrays and channel layouts
//-------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "core/Arrays.h"

using namespace tx;

cudaError_t tx::describeChannels(const cudaChannelFormatDesc &Desc,
                                 ChannelLayout *Out) {
  if (Desc.f > cudaChannelFormatKindFloat)
    return Desc.f >= cudaChannelFormatKindNV12 &&
                   Desc.f <= cudaChannelFormatKindUnsignedNormalized1010102
               ? cudaErrorNotSupported
               : cudaErrorInvalidChannelDescriptor;
  if (Desc.f < cudaChannelFormatKindSigned)
    return cudaErrorInvalidChannelDescriptor;
  const int Bits[4] = {Desc.x, Desc.y, Desc.z, Desc.w};
  unsigned Channels = 0;
  while (Channels < 4 && Bits[Channels] != 0)
    ++Channels;
  for (unsigned C = Channels; C < 4; ++C)
    if (Bits[C] != 0)
      return cudaErrorInvalidChannelDescriptor; // A gap between channels.
  for (unsigned C = 1; C < Channels; ++C)
    if (Bits[C] != Bits[0])
      return cudaErrorInvalidChannelDescriptor;
  if (Channels == 0 || Channels == 3)
    return cudaErrorInvalidChannelDescriptor;
  bool Float = Desc.f == cudaChannelFormatKindFloat;
  bool Sized = Float ? (Bits[0] == 16 || Bits[0] == 32)
                     : (Bits[0] == 8 || Bits[0] == 16 || Bits[0] == 32);
  if (!Sized)
    return cudaErrorInvalidChannelDescriptor;
  Out->Channels = Channels;
  Out->Bits = static_cast<unsigned>(Bits[0]);
  Out->Kind = Desc.f;
  return cudaSuccess;
}

void ArrayTable::insert(cudaArray *A) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Live.insert(A);
}

bool ArrayTable::erase(cudaArray *A) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Live.erase(A) != 0;
}

cudaArray *ArrayTable::find(const void *A) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Live.count(A)
             ? const_cast<cudaArray *>(static_cast<const cudaArray *>(A))
             : nullptr;
}

ArrayTable &tx::liveArrays() {
  static ArrayTable Table;
  return Table;
}
