//===- tongxin/texture_abi.h - Texture/surface object descriptors -*- C -*-===//
//
// Part of Tongxin. Tongxin samples textures in software: a texture or
// surface object handle is the device address of one of these descriptors,
// written by cudaCreateTextureObject / cudaCreateSurfaceObject into the
// memory of the device that holds the resource, and read by the fetch
// functions in device_textures.h. Any backend whose device code can load
// from its own memory therefore supports textures without texture units.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TEXTURE_ABI_H
#define TONGXIN_TEXTURE_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TX_TEXTURE_MAGIC 0x54585458u /* "TXTX" */

/// How a channel's bits are stored.
enum TxChannelKind {
  TX_CHANNEL_SIGNED = 0,
  TX_CHANNEL_UNSIGNED = 1,
  TX_CHANNEL_FLOAT = 2, ///< 16-bit (half) or 32-bit.
};

/// Descriptor flags.
enum TxTextureFlags {
  TX_TEX_NORMALIZED_COORDS = 1u << 0,
  TX_TEX_LINEAR_FILTER = 1u << 1,
  TX_TEX_READ_NORMALIZED = 1u << 2, ///< 8/16-bit integers read as float.
  TX_TEX_SRGB = 1u << 3,
  TX_TEX_LINEAR_MEMORY = 1u << 4, ///< cudaResourceTypeLinear: tex1Dfetch.
  /// Fetches return floats: float data, or 8/16-bit integers read
  /// normalised. Decided once, when the object is created.
  TX_TEX_FLOAT_RESULT = 1u << 5,
};

/// Address modes, numbered as cudaTextureAddressMode.
enum TxAddressMode {
  TX_ADDRESS_WRAP = 0,
  TX_ADDRESS_CLAMP = 1,
  TX_ADDRESS_MIRROR = 2,
  TX_ADDRESS_BORDER = 3,
};

typedef struct TxTextureDescriptor {
  uint32_t Magic;
  uint32_t Flags;
  const char *Data; ///< First element, in the device's memory.
  /// Elements along x, y, z; 1 for a dimension the resource lacks.
  uint64_t Extent[3];
  uint64_t Layers;      ///< Layers of a layered array; 0 otherwise.
  uint64_t RowPitch;    ///< Bytes between rows.
  uint64_t SlicePitch;  ///< Bytes between depth slices or layers.
  uint32_t ElementSize; ///< Bytes per element.
  uint8_t Channels;     ///< 1, 2 or 4.
  uint8_t ChannelBits;  ///< 8, 16 or 32, equal for every channel.
  uint8_t ChannelKind;  ///< TxChannelKind.
  uint8_t AddressMode[3];
  float BorderColor[4];
} TxTextureDescriptor;

#ifdef __cplusplus
}
#endif

#endif // TONGXIN_TEXTURE_ABI_H
