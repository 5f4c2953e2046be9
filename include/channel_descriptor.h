//===- channel_descriptor.h - cudaCreateChannelDesc<T>() --------*- C++ -*-===//
//
// Part of Tongxin. The channel layout of an element type, for
// cudaMallocArray and texture resources over linear memory.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CHANNEL_DESCRIPTOR_H
#define TONGXIN_CHANNEL_DESCRIPTOR_H

#include "cuda_runtime_api.h"

#ifdef __cplusplus

template <class T>
__inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc() {
  return cudaCreateChannelDesc(0, 0, 0, 0, cudaChannelFormatKindNone);
}

static __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDescHalf() {
  return cudaCreateChannelDesc(16, 0, 0, 0, cudaChannelFormatKindFloat);
}
static __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDescHalf1() {
  return cudaCreateChannelDesc(16, 0, 0, 0, cudaChannelFormatKindFloat);
}
static __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDescHalf2() {
  return cudaCreateChannelDesc(16, 16, 0, 0, cudaChannelFormatKindFloat);
}
static __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDescHalf4() {
  return cudaCreateChannelDesc(16, 16, 16, 16, cudaChannelFormatKindFloat);
}

/// One specialisation per scalar and 1-, 2-, 3- and 4-component vector.
#define __TX_CHANNEL_DESC(T, KIND, N)                                          \
  template <>                                                                  \
  __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc<T>() {       \
    int __e = (int)sizeof(T) / N * 8;                                          \
    return cudaCreateChannelDesc(__e, N > 1 ? __e : 0, N > 2 ? __e : 0,        \
                                 N > 3 ? __e : 0, KIND);                       \
  }
#define __TX_CHANNEL_DESCS(T, V, KIND)                                         \
  __TX_CHANNEL_DESC(T, KIND, 1)                                                \
  __TX_CHANNEL_DESC(V##1, KIND, 1)                                             \
  __TX_CHANNEL_DESC(V##2, KIND, 2)                                             \
  __TX_CHANNEL_DESC(V##3, KIND, 3)                                             \
  __TX_CHANNEL_DESC(V##4, KIND, 4)

// Plain char follows the target's signedness; char1..char4 hold signed
// char everywhere.
#if defined(__CHAR_UNSIGNED__)
__TX_CHANNEL_DESC(char, cudaChannelFormatKindUnsigned, 1)
#else
__TX_CHANNEL_DESC(char, cudaChannelFormatKindSigned, 1)
#endif
__TX_CHANNEL_DESC(char1, cudaChannelFormatKindSigned, 1)
__TX_CHANNEL_DESC(char2, cudaChannelFormatKindSigned, 2)
__TX_CHANNEL_DESC(char3, cudaChannelFormatKindSigned, 3)
__TX_CHANNEL_DESC(char4, cudaChannelFormatKindSigned, 4)
__TX_CHANNEL_DESC(signed char, cudaChannelFormatKindSigned, 1)
__TX_CHANNEL_DESCS(unsigned char, uchar, cudaChannelFormatKindUnsigned)
__TX_CHANNEL_DESCS(short, short, cudaChannelFormatKindSigned)
__TX_CHANNEL_DESCS(unsigned short, ushort, cudaChannelFormatKindUnsigned)
__TX_CHANNEL_DESCS(int, int, cudaChannelFormatKindSigned)
__TX_CHANNEL_DESCS(unsigned int, uint, cudaChannelFormatKindUnsigned)
__TX_CHANNEL_DESCS(float, float, cudaChannelFormatKindFloat)
#undef __TX_CHANNEL_DESCS
#undef __TX_CHANNEL_DESC

#endif // __cplusplus
#endif // TONGXIN_CHANNEL_DESCRIPTOR_H
