//===- mpi/DeviceBuffers.cpp - MPI buffers in device memory ---------------===//
//
// Part of Tongxin. See DeviceBuffers.h.
//
//===----------------------------------------------------------------------===//

#include "DeviceBuffers.h"

#include "cuda_runtime_api.h"
#include "tongxin/library_support.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace tx {
namespace mpi {

namespace {

/// Which devices' memory the host cannot address, found once.
const std::vector<bool> &privateDevices() {
  static const std::vector<bool> Private = [] {
    std::vector<bool> Found;
    int Count = 0;
    if (cudaGetDeviceCount(&Count) != cudaSuccess) {
      cudaGetLastError(); // No device: nothing is private.
      return Found;
    }
    for (int D = 0; D < Count; ++D) {
      txLibraryDeviceKind Kind = txLibraryDeviceHost;
      Found.push_back(txLibraryDeviceKindOf(D, &Kind) == cudaSuccess &&
                      Kind != txLibraryDeviceHost);
    }
    return Found;
  }();
  return Private;
}

bool anyPrivateDevice() {
  for (bool Private : privateDevices())
    if (Private)
      return true;
  return false;
}

} // namespace

bool inPrivateDeviceMemory(const void *Ptr) {
  if (!Ptr || Ptr == MPI_IN_PLACE || !anyPrivateDevice())
    return false;
  cudaPointerAttributes Attributes;
  if (cudaPointerGetAttributes(&Attributes, Ptr) != cudaSuccess) {
    cudaGetLastError();
    return false;
  }
  const std::vector<bool> &Private = privateDevices();
  return Attributes.type == cudaMemoryTypeDevice && Attributes.device >= 0 &&
         size_t(Attributes.device) < Private.size() &&
         Private[size_t(Attributes.device)];
}

StagedBuffer::~StagedBuffer() { std::free(Host); }

void *StagedBuffer::prepare(const void *Buffer, int Count, MPI_Datatype Type,
                            Direction D, int *Error) {
  *Error = MPI_SUCCESS;
  if (Count <= 0 || !inPrivateDeviceMemory(Buffer))
    return const_cast<void *>(Buffer);
  // The bytes Count elements of Type span, holes included.
  MPI_Aint Lower = 0, Extent = 0, TrueLower = 0, TrueExtent = 0;
  if ((*Error = PMPI_Type_get_extent(Type, &Lower, &Extent)) != MPI_SUCCESS ||
      (*Error = PMPI_Type_get_true_extent(Type, &TrueLower, &TrueExtent)) !=
          MPI_SUCCESS)
    return nullptr;
  Dir = D;
  Bytes = size_t(Count - 1) * size_t(Extent) + size_t(TrueExtent);
  Device = static_cast<char *>(const_cast<void *>(Buffer)) + TrueLower;
  Host = static_cast<char *>(std::malloc(Bytes ? Bytes : 1));
  if (!Host) {
    *Error = MPI_ERR_NO_MEM;
    return nullptr;
  }
  // A receive buffer is copied in too: what MPI leaves alone (the holes
  // of a derived datatype, the tail past a shorter message) then goes back
  // to the device unchanged.
  if ((*Error = refresh()) != MPI_SUCCESS)
    return nullptr;
  // MPI reads from the buffer's address plus the type's true lower bound.
  return Host - TrueLower;
}

int StagedBuffer::refresh() {
  if (!Host ||
      cudaMemcpy(Host, Device, Bytes, cudaMemcpyDefault) == cudaSuccess)
    return MPI_SUCCESS;
  std::fprintf(stderr,
               "tongxin: cannot copy an MPI buffer out of device memory: %s\n",
               cudaGetErrorString(cudaGetLastError()));
  return MPI_ERR_BUFFER;
}

int StagedBuffer::finish(int Result) {
  if (!Host || Dir == Direction::In || Result != MPI_SUCCESS)
    return Result;
  if (cudaMemcpy(Device, Host, Bytes, cudaMemcpyDefault) != cudaSuccess) {
    std::fprintf(stderr,
                 "tongxin: cannot copy an MPI buffer back to device memory: "
                 "%s\n",
                 cudaGetErrorString(cudaGetLastError()));
    return MPI_ERR_BUFFER;
  }
  return Result;
}

} // namespace mpi
} // namespace tx
