//===- FatBinaryFuzzer.cpp - The fat binary and registration data ---------===//
//
// Part of Tongxin. Reads the input as what a translation unit's host object
// hands the runtime at start-up: a fat binary (tongxin/abi.h: header, image
// headers, payloads; a 4-byte length first), then names (NUL-terminated,
// each followed by a size and a flag byte) for __cudaRegisterFunction,
// __cudaRegisterVar and __cudaRegisterManagedVar in turn. The
// runtime must register it, answer launches, attribute queries and symbol
// copies of what it registered with CUDA error codes, and unregister it,
// without reading past the blob's TotalBytes, crashing or leaking. The
// blob's TotalBytes is the compiler's to write: the harness sets it to the
// bytes it really passes, so every other field is the input's.
//
//===----------------------------------------------------------------------===//

#include "FuzzInput.h"

#include "tongxin/abi.h"

#include <cuda_runtime.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr int32_t WrapperMagic = 0x466243b1;
/// The first bytes of the input are the blob (at most this many).
constexpr size_t MaxBlobBytes = 4096;

/// Host stubs and shadows the registration names refer to.
char FunctionStubs[4];
char VariableShadows[4][64];
void *ManagedSlot;

/// The blob: the input's first bytes, in 8-byte aligned memory at least
/// as large as the header, with TotalBytes telling how many are real.
std::vector<uint64_t> blobFrom(const uint8_t *Data, size_t Bytes) {
  size_t Words = (std::max(Bytes, sizeof(TxFatBinary)) + 7) / 8;
  std::vector<uint64_t> Blob(Words, 0);
  std::memcpy(Blob.data(), Data, Bytes);
  uint64_t Total = Bytes;
  std::memcpy(reinterpret_cast<char *>(Blob.data()) +
                  offsetof(TxFatBinary, TotalBytes),
              &Total, sizeof(Total));
  return Blob;
}

/// Uses what Handle registered under the stubs and shadows: each call
/// returns an error code or succeeds.
void exercise(tx::fuzz::FuzzInput &In) {
  for (const char &Stub : FunctionStubs) {
    cudaFuncAttributes Attr;
    (void)cudaFuncGetAttributes(&Attr, &Stub);
    int *Out = nullptr;
    void *Args[] = {&Out, &Out, &Out, &Out};
    if (In.byte() % 4 == 0)
      (void)cudaLaunchKernel(&Stub, dim3(1), dim3(1 + In.byte() % 4), Args, 0,
                             0);
  }
  for (auto &Shadow : VariableShadows) {
    char Host[64] = {};
    size_t Bytes = In.byte() % 80;
    (void)cudaMemcpyToSymbol(Shadow, Host, std::min<size_t>(Bytes, 64));
    (void)cudaMemcpyFromSymbol(Host, Shadow, std::min<size_t>(Bytes, 64));
    void *Address;
    (void)cudaGetSymbolAddress(&Address, Shadow);
  }
  (void)cudaDeviceSynchronize();
  (void)cudaGetLastError();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  tx::fuzz::FuzzInput In(Data, Size);
  size_t BlobBytes =
      std::min<size_t>(In.word() % (MaxBlobBytes + 1), In.remaining());
  std::vector<uint64_t> Blob = blobFrom(In.take(BlobBytes), BlobBytes);
  TxFatBinaryWrapper Wrapper = {In.byte() % 8 ? WrapperMagic : 0, 1,
                                Blob.data(), nullptr};
  void **Handle = __cudaRegisterFatBinary(&Wrapper);
  // Then up to 12 registrations: a name (text up to a NUL) and two bytes
  // for the variables' size and kind.
  std::vector<std::string> Names;
  for (int I = 0; I < 12 && In.remaining(); ++I) {
    Names.push_back(In.text(48));
    char *Name = Names.back().data();
    size_t Bytes = In.byte() % 80;
    int Constant = In.byte() % 2;
    switch (I % 3) {
    case 0:
      __cudaRegisterFunction(Handle, &FunctionStubs[I / 3 % 4], Name, Name, -1,
                             nullptr, nullptr, nullptr, nullptr, nullptr);
      break;
    case 1:
      __cudaRegisterVar(Handle, VariableShadows[I / 3 % 4], Name, Name, 0,
                        Bytes, Constant, 0);
      break;
    default:
      __cudaRegisterManagedVar(Handle, &ManagedSlot, Name, Name, 0, Bytes, 0,
                               0);
      break;
    }
  }
  __cudaRegisterFatBinaryEnd(Handle);
  exercise(In);
  __cudaUnregisterFatBinary(Handle);
  return 0;
}
