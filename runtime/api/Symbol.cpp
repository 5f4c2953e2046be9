//===- api/Symbol.cpp - Device variable entry points ----------------------===//
//
// Part of Tongxin. A "symbol" is the host shadow of a __device__ or
// __constant__ variable, registered by __cudaRegisterVar; it resolves, on
// the current device, to the storage its backend knows under that name (the
// CPU module's variable, a GPU module's global).
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

using namespace tx;
using namespace tx::api;

static cudaError_t resolveSymbol(const void *Symbol, char **Address,
                                 size_t *Size) {
  if (!Symbol)
    return cudaErrorInvalidSymbol;
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  void *A = nullptr;
  if (Registry::get().findVar(Symbol, Slot->Device.get(), &A, Size) !=
      LookupResult::Found)
    return cudaErrorInvalidSymbol;
  *Address = static_cast<char *>(A);
  return cudaSuccess;
}

/// Validates a symbol copy and returns the device address of the range.
static cudaError_t symbolRange(const void *Symbol, size_t Count, size_t Offset,
                               char **Address) {
  size_t Size = 0;
  if (cudaError_t Err = resolveSymbol(Symbol, Address, &Size))
    return Err;
  if (Offset > Size || Count > Size - Offset)
    return cudaErrorInvalidValue;
  *Address += Offset;
  return cudaSuccess;
}

static bool validToSymbolKind(cudaMemcpyKind Kind) {
  return Kind == cudaMemcpyHostToDevice || Kind == cudaMemcpyDeviceToDevice ||
         Kind == cudaMemcpyDefault;
}

static bool validFromSymbolKind(cudaMemcpyKind Kind) {
  return Kind == cudaMemcpyDeviceToHost || Kind == cudaMemcpyDeviceToDevice ||
         Kind == cudaMemcpyDefault;
}

cudaError_t cudaMemcpyToSymbol(const void *Symbol, const void *Src,
                               size_t Count, size_t Offset,
                               cudaMemcpyKind Kind) {
  if (!validToSymbolKind(Kind))
    return report(cudaErrorInvalidMemcpyDirection);
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return report(Err);
  return cudaMemcpy(Address, Src, Count, Kind);
}

cudaError_t cudaMemcpyFromSymbol(void *Dst, const void *Symbol, size_t Count,
                                 size_t Offset, cudaMemcpyKind Kind) {
  if (!validFromSymbolKind(Kind))
    return report(cudaErrorInvalidMemcpyDirection);
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return report(Err);
  return cudaMemcpy(Dst, Address, Count, Kind);
}

cudaError_t cudaMemcpyToSymbolAsync(const void *Symbol, const void *Src,
                                    size_t Count, size_t Offset,
                                    cudaMemcpyKind Kind, cudaStream_t Stream) {
  if (!validToSymbolKind(Kind))
    return report(cudaErrorInvalidMemcpyDirection);
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return report(Err);
  return cudaMemcpyAsync(Address, Src, Count, Kind, Stream);
}

cudaError_t cudaMemcpyFromSymbolAsync(void *Dst, const void *Symbol,
                                      size_t Count, size_t Offset,
                                      cudaMemcpyKind Kind,
                                      cudaStream_t Stream) {
  if (!validFromSymbolKind(Kind))
    return report(cudaErrorInvalidMemcpyDirection);
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return report(Err);
  return cudaMemcpyAsync(Dst, Address, Count, Kind, Stream);
}

cudaError_t cudaGetSymbolAddress(void **DevPtr, const void *Symbol) {
  if (!DevPtr)
    return report(cudaErrorInvalidValue);
  char *Address;
  size_t Size;
  if (cudaError_t Err = resolveSymbol(Symbol, &Address, &Size))
    return report(Err);
  *DevPtr = Address;
  return cudaSuccess;
}

cudaError_t cudaGetSymbolSize(size_t *Size, const void *Symbol) {
  if (!Size)
    return report(cudaErrorInvalidValue);
  char *Address;
  size_t Bytes;
  if (cudaError_t Err = resolveSymbol(Symbol, &Address, &Bytes))
    return report(Err);
  *Size = Bytes;
  return cudaSuccess;
}
