//===- core/Arrays.h - CUDA arrays and channel layouts ----------*- C++ -*-===//
//
// Part of Tongxin. A CUDA array is device memory in a layout the runtime
// chooses: Tongxin packs elements row by row, rows slice by slice (a
// layered array's layers are its slices). Texture and surface objects and
// the array copies all read that layout from here.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_ARRAYS_H
#define TONGXIN_RUNTIME_CORE_ARRAYS_H

#include "driver_types.h"

#include <cstddef>
#include <mutex>
#include <unordered_set>

namespace tx {

/// Texture, surface and array limits, as on a current NVIDIA GPU: reported
/// by cudaGetDeviceProperties and enforced by the array and texture entry
/// points, so that code sized by the properties behaves as on the GPU.
namespace limits {
constexpr size_t Width1D = 131072;
constexpr size_t Width2D = 131072, Height2D = 65536;
constexpr size_t Extent3D = 16384;
constexpr size_t LayeredWidth = 32768, LayeredHeight = 32768, Layers = 2048;
constexpr size_t LinearElements = size_t(1) << 28;
constexpr size_t PitchWidth = 131072, PitchHeight = 65000;
constexpr size_t PitchBytes = 2097120;
} // namespace limits

/// An element format the texture unit emulation can read: 1, 2 or 4
/// channels of 8, 16 or 32 bits (16 or 32 for floats), all the same.
struct ChannelLayout {
  unsigned Channels = 0;
  unsigned Bits = 0;
  cudaChannelFormatKind Kind = cudaChannelFormatKindNone;
  size_t elementSize() const { return Channels * Bits / 8; }
};

/// Checks Desc and describes it; cudaErrorInvalidChannelDescriptor for a
/// malformed one, cudaErrorNotSupported for the block-compressed and
/// video formats.
cudaError_t describeChannels(const cudaChannelFormatDesc &Desc,
                             ChannelLayout *Out);

} // namespace tx

/// The object behind cudaArray_t.
struct cudaArray {
  cudaChannelFormatDesc Desc;
  cudaExtent Extent; ///< As allocated: height/depth 0 when absent.
  unsigned Flags;
  tx::ChannelLayout Layout;
  char *Data;
  int Device;

  size_t elementSize() const { return Layout.elementSize(); }
  size_t rows() const { return Extent.height ? Extent.height : 1; }
  size_t slices() const { return Extent.depth ? Extent.depth : 1; }
  size_t rowBytes() const { return Extent.width * elementSize(); }
  size_t sliceBytes() const { return rowBytes() * rows(); }
  size_t bytes() const { return sliceBytes() * slices(); }
  bool layered() const { return Flags & cudaArrayLayered; }
};

namespace tx {

/// The live arrays, so that a freed or forged handle is an error, not a
/// crash.
class ArrayTable {
public:
  void insert(cudaArray *A);
  bool erase(cudaArray *A);
  /// A if it is live, else null.
  cudaArray *find(const void *A);

private:
  std::mutex Mutex;
  std::unordered_set<const void *> Live;
};

ArrayTable &liveArrays();

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_ARRAYS_H
