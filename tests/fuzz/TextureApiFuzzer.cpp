//===- TextureApiFuzzer.cpp - Random texture, surface and array calls -----===//
//
// Part of Tongxin. Reads the input as a program of calls to the texture
// side of the runtime on the CPU device: CUDA arrays of random channel
// formats, extents and flags; texture objects over arrays, linear and
// pitched memory with random resource, texture and view descriptors;
// surface objects; descriptor queries; 2-D copies to, from and between
// arrays; and destroying objects twice. Arguments come from what the
// program made (live and freed arrays, device ranges, handles) and from bad
// values (null, huge extents and pitches, invalid enums). Every call must
// return a CUDA error code, and never crash or corrupt memory.
//
//===----------------------------------------------------------------------===//

#include "FuzzInput.h"

#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" const char *__asan_default_options() {
  // A huge allocation must be an error code, not an ASan abort.
  return "allocator_may_return_null=1";
}

namespace {

/// The input as the program's choices, with the extents and enum values
/// it asks for.
class Choices : public tx::fuzz::FuzzInput {
public:
  using FuzzInput::FuzzInput;
  /// An extent: small mostly, sometimes zero or huge. Huge is past any
  /// device's memory (a few GiB would be a real allocation, which the
  /// fuzzer's memory limit counts as a failure).
  size_t extent() {
    switch (byte() % 8) {
    case 0:
      return 0;
    case 1:
      return size_t(1) << (44 + byte() % 20);
    default:
      return byte() % 70;
    }
  }
  /// An enum value: a valid one mostly, sometimes anything.
  int enumValue(int Count) {
    uint8_t B = byte();
    return B < 224 ? B % Count : int(word());
  }
};

/// What the program has made so far.
struct World {
  std::vector<cudaArray_t> Arrays, FreedArrays;
  std::vector<void *> Buffers;
  std::vector<size_t> BufferSizes;
  std::vector<cudaTextureObject_t> Textures;
  std::vector<cudaSurfaceObject_t> Surfaces;
  std::vector<unsigned char> Host = std::vector<unsigned char>(1 << 16);
};

template <typename T> T pick(Choices &In, const std::vector<T> &From, T Else) {
  if (From.empty() || In.byte() % 8 == 0)
    return Else;
  return From[In.byte() % From.size()];
}

cudaChannelFormatDesc channelDesc(Choices &In) {
  static const int Bits[] = {0, 8, 16, 32, 64, 7};
  cudaChannelFormatDesc D;
  D.x = Bits[In.byte() % 6];
  D.y = In.byte() % 2 ? D.x : Bits[In.byte() % 6];
  D.z = In.byte() % 3 ? 0 : D.x;
  D.w = In.byte() % 3 ? 0 : D.z;
  D.f = cudaChannelFormatKind(In.enumValue(4));
  return D;
}

cudaArray_t anyArray(Choices &In, World &W) {
  if (!W.FreedArrays.empty() && In.byte() % 8 == 0)
    return W.FreedArrays[In.byte() % W.FreedArrays.size()];
  return pick<cudaArray_t>(In, W.Arrays, nullptr);
}

void *anyBuffer(Choices &In, World &W, size_t &Size) {
  if (W.Buffers.empty() || In.byte() % 8 == 0) {
    Size = In.extent();
    return nullptr;
  }
  size_t I = In.byte() % W.Buffers.size();
  size_t Offset = In.byte() % 4 == 0 ? In.byte() : 0;
  Size = In.byte() % 4 == 0 ? In.extent() : W.BufferSizes[I] - Offset;
  return static_cast<char *>(W.Buffers[I]) + Offset;
}

void createArray(Choices &In, World &W) {
  cudaChannelFormatDesc D = channelDesc(In);
  cudaArray_t A = nullptr;
  cudaError_t Err;
  unsigned Flags = In.byte() % 4 == 0 ? In.word() : In.byte() % 2 * 2;
  if (In.byte() % 2) {
    Err = cudaMallocArray(&A, &D, In.extent(), In.extent(), Flags);
  } else {
    cudaExtent E = make_cudaExtent(In.extent(), In.extent(), In.extent());
    Err = cudaMalloc3DArray(&A, &D, E, Flags);
  }
  if (Err == cudaSuccess && A)
    W.Arrays.push_back(A);
}

cudaResourceDesc resourceDesc(Choices &In, World &W) {
  cudaResourceDesc R;
  std::memset(&R, 0, sizeof(R));
  R.resType = cudaResourceType(In.enumValue(4));
  switch (R.resType) {
  case cudaResourceTypeArray:
    R.res.array.array = anyArray(In, W);
    break;
  case cudaResourceTypeLinear: {
    size_t Size;
    R.res.linear.devPtr = anyBuffer(In, W, Size);
    R.res.linear.desc = channelDesc(In);
    R.res.linear.sizeInBytes = Size;
    break;
  }
  case cudaResourceTypePitch2D: {
    size_t Size;
    R.res.pitch2D.devPtr = anyBuffer(In, W, Size);
    R.res.pitch2D.desc = channelDesc(In);
    R.res.pitch2D.width = In.extent();
    R.res.pitch2D.height = In.extent();
    R.res.pitch2D.pitchInBytes = In.byte() % 2 ? In.extent() * 32 : Size;
    break;
  }
  default:
    R.res.mipmap.mipmap = nullptr;
    break;
  }
  return R;
}

cudaTextureDesc textureDesc(Choices &In) {
  cudaTextureDesc T;
  std::memset(&T, 0, sizeof(T));
  for (auto &Mode : T.addressMode)
    Mode = cudaTextureAddressMode(In.enumValue(4));
  T.filterMode = cudaTextureFilterMode(In.enumValue(2));
  T.readMode = cudaTextureReadMode(In.enumValue(2));
  T.sRGB = In.byte() % 2;
  T.normalizedCoords = In.byte() % 2;
  T.maxAnisotropy = In.byte();
  T.mipmapFilterMode = cudaTextureFilterMode(In.enumValue(2));
  T.disableTrilinearOptimization = In.byte() % 2;
  T.seamlessCubemap = In.byte() % 2;
  return T;
}

void step(Choices &In, World &W) {
  switch (In.byte() % 12) {
  case 0:
  case 1:
    createArray(In, W);
    break;
  case 2: {
    size_t Size = In.byte() % 4 == 0 ? In.extent() : 64 + In.byte() * 64;
    void *P = nullptr;
    if (cudaMalloc(&P, Size) == cudaSuccess && P) {
      W.Buffers.push_back(P);
      W.BufferSizes.push_back(Size);
    }
    break;
  }
  case 3:
  case 4: {
    cudaResourceDesc R = resourceDesc(In, W);
    cudaTextureDesc T = textureDesc(In);
    cudaResourceViewDesc V;
    std::memset(&V, 0, sizeof(V));
    V.format = cudaResourceViewFormat(In.enumValue(35));
    V.width = In.extent();
    cudaTextureObject_t Tex = 0;
    const cudaResourceDesc *RP = In.byte() % 16 ? &R : nullptr;
    const cudaTextureDesc *TP = In.byte() % 16 ? &T : nullptr;
    const cudaResourceViewDesc *VP = In.byte() % 8 == 0 ? &V : nullptr;
    if (cudaCreateTextureObject(In.byte() % 16 ? &Tex : nullptr, RP, TP, VP) ==
        cudaSuccess)
      W.Textures.push_back(Tex);
    break;
  }
  case 5: {
    cudaResourceDesc R = resourceDesc(In, W);
    cudaSurfaceObject_t Surf = 0;
    if (cudaCreateSurfaceObject(&Surf, In.byte() % 16 ? &R : nullptr) ==
        cudaSuccess)
      W.Surfaces.push_back(Surf);
    break;
  }
  case 6: {
    cudaTextureObject_t Tex =
        pick<cudaTextureObject_t>(In, W.Textures, In.word());
    cudaResourceDesc R;
    cudaTextureDesc T;
    cudaResourceViewDesc V;
    cudaGetTextureObjectResourceDesc(In.byte() % 8 ? &R : nullptr, Tex);
    cudaGetTextureObjectTextureDesc(In.byte() % 8 ? &T : nullptr, Tex);
    cudaGetTextureObjectResourceViewDesc(In.byte() % 8 ? &V : nullptr, Tex);
    cudaSurfaceObject_t Surf =
        pick<cudaSurfaceObject_t>(In, W.Surfaces, In.word());
    cudaGetSurfaceObjectResourceDesc(In.byte() % 8 ? &R : nullptr, Surf);
    break;
  }
  case 7: {
    // Destroyed handles stay in the lists: later calls use them again.
    if (In.byte() % 2)
      cudaDestroyTextureObject(
          pick<cudaTextureObject_t>(In, W.Textures, In.word()));
    else
      cudaDestroySurfaceObject(
          pick<cudaSurfaceObject_t>(In, W.Surfaces, In.word()));
    break;
  }
  case 8: {
    cudaArray_t A = anyArray(In, W);
    cudaChannelFormatDesc D;
    cudaExtent E;
    unsigned Flags;
    cudaArrayGetInfo(In.byte() % 8 ? &D : nullptr, &E, &Flags, A);
    cudaGetChannelDesc(In.byte() % 8 ? &D : nullptr, A);
    break;
  }
  case 9: {
    // Host rows inside W.Host; array offsets and extents from the input.
    cudaArray_t A = anyArray(In, W);
    size_t WOff = In.extent(), HOff = In.extent();
    size_t Width = In.extent() * (1 + In.byte() % 8), Height = In.extent();
    size_t Pitch = Width + In.byte() % 16;
    if (Pitch * Height > W.Host.size()) {
      Height = Pitch ? W.Host.size() / Pitch : 0;
      if (Height == 0)
        Width = Pitch = 0;
    }
    auto Kind = cudaMemcpyKind(In.enumValue(5));
    if (In.byte() % 2)
      cudaMemcpy2DToArray(A, WOff, HOff, W.Host.data(), Pitch, Width, Height,
                          Kind);
    else
      cudaMemcpy2DFromArray(W.Host.data(), Pitch, A, WOff, HOff, Width, Height,
                            Kind);
    break;
  }
  case 10: {
    cudaArray_t Dst = anyArray(In, W), Src = anyArray(In, W);
    cudaMemcpy2DArrayToArray(Dst, In.extent(), In.extent(), Src, In.extent(),
                             In.extent(), In.extent(), In.extent(),
                             cudaMemcpyKind(In.enumValue(5)));
    break;
  }
  case 11: {
    if (W.Arrays.empty())
      break;
    size_t I = In.byte() % W.Arrays.size();
    cudaArray_t A = W.Arrays[I];
    if (cudaFreeArray(A) == cudaSuccess) {
      W.Arrays.erase(W.Arrays.begin() + I);
      W.FreedArrays.push_back(A);
    }
    cudaFreeArray(anyArray(In, W)); // Freed, null or live: an error code.
    break;
  }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Choices In(Data, Size);
  World W;
  for (int Call = 0; Call < 48 && !In.empty(); ++Call)
    step(In, W);
  for (cudaTextureObject_t Tex : W.Textures)
    cudaDestroyTextureObject(Tex);
  for (cudaSurfaceObject_t Surf : W.Surfaces)
    cudaDestroySurfaceObject(Surf);
  for (cudaArray_t A : W.Arrays)
    cudaFreeArray(A);
  for (void *P : W.Buffers)
    cudaFree(P);
  cudaGetLastError();
  return 0;
}
