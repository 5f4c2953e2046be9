//===- TextureTest.cpp - CUDA arrays, texture and surface object tests ----===//
//
// Part of Tongxin. The host side: arrays and their copies, the descriptors
// texture and surface objects place in device memory, and the error codes.
// Sampling itself runs in device code and is tested by the texture_* and
// surface_* programs of the CUDA corpus.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include "tongxin/texture_abi.h"

#include <cstring>
#include <vector>

using namespace txtest;

namespace {
class TextureTest : public RuntimeTest {};

cudaResourceDesc arrayResource(cudaArray_t A) {
  cudaResourceDesc R;
  std::memset(&R, 0, sizeof(R));
  R.resType = cudaResourceTypeArray;
  R.res.array.array = A;
  return R;
}

cudaTextureDesc pointClamp() {
  cudaTextureDesc T;
  std::memset(&T, 0, sizeof(T));
  T.addressMode[0] = T.addressMode[1] = T.addressMode[2] = cudaAddressModeClamp;
  T.filterMode = cudaFilterModePoint;
  T.readMode = cudaReadModeElementType;
  return T;
}

const TxTextureDescriptor &descriptorOf(unsigned long long Handle) {
  // The CPU device's memory is the host's: the descriptor is readable.
  return *reinterpret_cast<const TxTextureDescriptor *>(Handle);
}
} // namespace

TEST_F(TextureTest, ChannelDescriptors) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<uchar4>();
  EXPECT_EQ(D.x, 8);
  EXPECT_EQ(D.w, 8);
  EXPECT_EQ(D.f, cudaChannelFormatKindUnsigned);
  D = cudaCreateChannelDesc<float2>();
  EXPECT_EQ(D.x, 32);
  EXPECT_EQ(D.y, 32);
  EXPECT_EQ(D.z, 0);
  EXPECT_EQ(D.f, cudaChannelFormatKindFloat);
  D = cudaCreateChannelDesc<short>();
  EXPECT_EQ(D.x, 16);
  EXPECT_EQ(D.y, 0);
  EXPECT_EQ(D.f, cudaChannelFormatKindSigned);
  D = cudaCreateChannelDescHalf4();
  EXPECT_EQ(D.z, 16);
  EXPECT_EQ(D.f, cudaChannelFormatKindFloat);
  D = cudaCreateChannelDesc<long long>();
  EXPECT_EQ(D.f, cudaChannelFormatKindNone);
}

TEST_F(TextureTest, ArrayAllocationAndInfo) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<float4>();
  cudaArray_t A = nullptr;
  ASSERT_EQ(cudaMallocArray(&A, &D, 33, 7, cudaArraySurfaceLoadStore),
            cudaSuccess);
  cudaChannelFormatDesc Got;
  cudaExtent Extent;
  unsigned Flags = 0;
  ASSERT_EQ(cudaArrayGetInfo(&Got, &Extent, &Flags, A), cudaSuccess);
  EXPECT_EQ(Got.x, 32);
  EXPECT_EQ(Got.w, 32);
  EXPECT_EQ(Extent.width, 33u);
  EXPECT_EQ(Extent.height, 7u);
  EXPECT_EQ(Extent.depth, 0u);
  EXPECT_EQ(Flags, unsigned(cudaArraySurfaceLoadStore));
  ASSERT_EQ(cudaGetChannelDesc(&Got, A), cudaSuccess);
  EXPECT_EQ(Got.f, cudaChannelFormatKindFloat);
  EXPECT_EQ(cudaFreeArray(A), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(A), cudaErrorInvalidValue) << "double free";
  EXPECT_EQ(cudaArrayGetInfo(&Got, &Extent, &Flags, A), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(nullptr), cudaSuccess);

  cudaArray_t Layered = nullptr;
  ASSERT_EQ(cudaMalloc3DArray(&Layered, &D, make_cudaExtent(8, 0, 5),
                              cudaArrayLayered),
            cudaSuccess)
      << "1-D layered";
  EXPECT_EQ(cudaFreeArray(Layered), cudaSuccess);
}

TEST_F(TextureTest, ArrayAllocationErrors) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<float>();
  cudaArray_t A = nullptr;
  EXPECT_EQ(cudaMallocArray(nullptr, &D, 4, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&A, nullptr, 4, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&A, &D, 0, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&A, &D, 4, 4, 0x100), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&A, &D, 4, 4, cudaArrayLayered),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&A, &D, 1 << 20, 1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMalloc3DArray(&A, &D, make_cudaExtent(4, 0, 4), 0),
            cudaErrorInvalidValue)
      << "depth without height";
  EXPECT_EQ(
      cudaMalloc3DArray(&A, &D, make_cudaExtent(4, 4, 4), cudaArrayCubemap),
      cudaErrorNotSupported);
  EXPECT_EQ(cudaMallocArray(&A, &D, 4, 4, cudaArraySparse),
            cudaErrorNotSupported);

  const cudaChannelFormatDesc Bad[] = {
      cudaCreateChannelDesc(32, 32, 32, 0, cudaChannelFormatKindFloat),
      cudaCreateChannelDesc(8, 16, 0, 0, cudaChannelFormatKindUnsigned),
      cudaCreateChannelDesc(8, 0, 8, 0, cudaChannelFormatKindSigned),
      cudaCreateChannelDesc(8, 0, 0, 0, cudaChannelFormatKindFloat),
      cudaCreateChannelDesc(24, 0, 0, 0, cudaChannelFormatKindSigned),
      cudaCreateChannelDesc(0, 0, 0, 0, cudaChannelFormatKindNone),
      cudaCreateChannelDesc(8, 0, 0, 0, static_cast<cudaChannelFormatKind>(99)),
  };
  for (const cudaChannelFormatDesc &B : Bad)
    EXPECT_EQ(cudaMallocArray(&A, &B, 4, 4), cudaErrorInvalidChannelDescriptor)
        << B.x << " " << B.y << " " << B.z << " " << B.w << " " << B.f;
  cudaChannelFormatDesc Compressed = cudaCreateChannelDesc(
      8, 8, 8, 8, cudaChannelFormatKindUnsignedNormalized8X4);
  EXPECT_EQ(cudaMallocArray(&A, &Compressed, 4, 4), cudaErrorNotSupported);
  EXPECT_EQ(cudaGetLastError(), cudaErrorNotSupported);
}

TEST_F(TextureTest, ArrayCopiesRoundTrip) {
  const int W = 13, H = 5;
  cudaChannelFormatDesc D = cudaCreateChannelDesc<int>();
  cudaArray_t A = nullptr, B = nullptr;
  ASSERT_EQ(cudaMallocArray(&A, &D, W, H), cudaSuccess);
  ASSERT_EQ(cudaMallocArray(&B, &D, W, H), cudaSuccess);
  std::vector<int> Src(W * H), Out(W * H, -1);
  for (int I = 0; I < W * H; ++I)
    Src[I] = I * 7 + 1;
  ASSERT_EQ(cudaMemcpy2DToArray(A, 0, 0, Src.data(), W * sizeof(int),
                                W * sizeof(int), H, cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy2DArrayToArray(B, 0, 0, A, 0, 0, W * sizeof(int), H),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy2DFromArray(Out.data(), W * sizeof(int), B, 0, 0,
                                  W * sizeof(int), H, cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(Out, Src);

  // A 3x2 window at element (4, 1) to the host, with a wider host pitch.
  int Window[2][8] = {};
  ASSERT_EQ(cudaMemcpy2DFromArray(Window, sizeof(Window[0]), A, 4 * sizeof(int),
                                  1, 3 * sizeof(int), 2,
                                  cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (int Y = 0; Y < 2; ++Y)
    for (int X = 0; X < 3; ++X)
      EXPECT_EQ(Window[Y][X], Src[(1 + Y) * W + 4 + X]);

  // The 1-D forms run on through the following rows.
  std::vector<int> Run(W + 3, 0);
  for (size_t I = 0; I < Run.size(); ++I)
    Run[I] = -int(I);
  ASSERT_EQ(cudaMemcpyToArray(A, 2 * sizeof(int), 1, Run.data(),
                              Run.size() * sizeof(int), cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyArrayToArray(B, 0, 0, A, 0, 0, W * H * sizeof(int)),
            cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaMemcpyFromArrayAsync(Out.data(), B, 0, 0, W * H * sizeof(int),
                                     cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  for (int I = 0; I < W * H; ++I) {
    int At = I - (W + 2);
    int Expected = At >= 0 && At < int(Run.size()) ? Run[At] : Src[I];
    ASSERT_EQ(Out[I], Expected) << "element " << I;
  }
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);

  // Outside the array.
  EXPECT_EQ(cudaMemcpy2DToArray(A, 4, 0, Src.data(), W * sizeof(int),
                                W * sizeof(int), 1, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy2DToArray(A, 0, 1, Src.data(), W * sizeof(int),
                                W * sizeof(int), H, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpyToArray(A, 0, H - 1, Src.data(), 2 * W * sizeof(int),
                              cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaMemcpy2DToArray(A, 0, 0, Src.data(), 4, 8, 1, cudaMemcpyHostToDevice),
      cudaErrorInvalidPitchValue);
  int NotAnArray = 0;
  EXPECT_EQ(cudaMemcpyToArray(reinterpret_cast<cudaArray_t>(&NotAnArray), 0, 0,
                              Src.data(), 4, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(A), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(B), cudaSuccess);
}

TEST_F(TextureTest, Memcpy3DWithArrays) {
  const size_t W = 6, H = 4, Depth = 3;
  cudaChannelFormatDesc D = cudaCreateChannelDesc<short2>();
  cudaArray_t A = nullptr, B = nullptr;
  ASSERT_EQ(cudaMalloc3DArray(&A, &D, make_cudaExtent(W, H, Depth)),
            cudaSuccess);
  ASSERT_EQ(cudaMalloc3DArray(&B, &D, make_cudaExtent(W, H, Depth)),
            cudaSuccess);
  std::vector<short2> Src(W * H * Depth), Out(W * H * Depth);
  for (size_t I = 0; I < Src.size(); ++I)
    Src[I] = make_short2(short(I), short(-int(I)));

  cudaMemcpy3DParms P;
  std::memset(&P, 0, sizeof(P));
  P.srcPtr = make_cudaPitchedPtr(Src.data(), W * sizeof(short2), W, H);
  P.dstArray = A;
  P.extent = make_cudaExtent(W, H, Depth);
  P.kind = cudaMemcpyHostToDevice;
  ASSERT_EQ(cudaMemcpy3D(&P), cudaSuccess);

  // Array to array: the box of 2x2x2 elements at (1, 1, 1) to (0, 0, 0).
  std::memset(&P, 0, sizeof(P));
  P.srcArray = A;
  P.srcPos = make_cudaPos(1, 1, 1);
  P.dstArray = B;
  P.extent = make_cudaExtent(2, 2, 2);
  P.kind = cudaMemcpyDeviceToDevice;
  ASSERT_EQ(cudaMemcpy3D(&P), cudaSuccess);

  std::memset(&P, 0, sizeof(P));
  P.srcArray = B;
  P.dstPtr = make_cudaPitchedPtr(Out.data(), W * sizeof(short2), W, H);
  P.extent = make_cudaExtent(2, 2, 2);
  P.kind = cudaMemcpyDeviceToHost;
  ASSERT_EQ(cudaMemcpy3DAsync(&P, 0), cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (size_t Z = 0; Z < 2; ++Z)
    for (size_t Y = 0; Y < 2; ++Y)
      for (size_t X = 0; X < 2; ++X) {
        short2 Got = Out[(Z * H + Y) * W + X];
        short2 Want = Src[((Z + 1) * H + Y + 1) * W + X + 1];
        EXPECT_EQ(Got.x, Want.x);
        EXPECT_EQ(Got.y, Want.y);
      }

  P.extent = make_cudaExtent(W + 1, 1, 1);
  EXPECT_EQ(cudaMemcpy3D(&P), cudaErrorInvalidValue) << "beyond the array";
  // A position near SIZE_MAX must not wrap around the pitch check.
  cudaMemcpy3DParms Wrap;
  std::memset(&Wrap, 0, sizeof(Wrap));
  Wrap.srcPtr = make_cudaPitchedPtr(Src.data(), 64, 16, 1);
  Wrap.srcPos = make_cudaPos(~size_t(0) - 1, 0, 0);
  Wrap.dstPtr = make_cudaPitchedPtr(Out.data(), 64, 16, 1);
  Wrap.extent = make_cudaExtent(4, 1, 1);
  Wrap.kind = cudaMemcpyHostToHost;
  EXPECT_EQ(cudaMemcpy3D(&Wrap), cudaErrorInvalidPitchValue);
  P.extent = make_cudaExtent(1, 1, 1);
  P.srcPtr = P.dstPtr;
  EXPECT_EQ(cudaMemcpy3D(&P), cudaErrorInvalidValue) << "array and pointer";
  EXPECT_EQ(cudaFreeArray(A), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(B), cudaSuccess);
}

TEST_F(TextureTest, TextureObjectDescriptor) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<uchar4>();
  cudaArray_t A = nullptr;
  ASSERT_EQ(
      cudaMalloc3DArray(&A, &D, make_cudaExtent(10, 6, 3), cudaArrayLayered),
      cudaSuccess);
  cudaResourceDesc R = arrayResource(A);
  cudaTextureDesc T = pointClamp();
  T.addressMode[0] = cudaAddressModeWrap;
  T.addressMode[1] = cudaAddressModeBorder;
  T.filterMode = cudaFilterModeLinear;
  T.readMode = cudaReadModeNormalizedFloat;
  T.normalizedCoords = 1;
  T.borderColor[3] = 0.5f;
  cudaTextureObject_t Tex = 0;
  ASSERT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr), cudaSuccess);
  ASSERT_NE(Tex, 0u);

  const TxTextureDescriptor &Desc = descriptorOf(Tex);
  EXPECT_EQ(Desc.Magic, TX_TEXTURE_MAGIC);
  EXPECT_EQ(Desc.Extent[0], 10u);
  EXPECT_EQ(Desc.Extent[1], 6u);
  EXPECT_EQ(Desc.Extent[2], 1u);
  EXPECT_EQ(Desc.Layers, 3u);
  EXPECT_EQ(Desc.ElementSize, 4u);
  EXPECT_EQ(Desc.RowPitch, 40u);
  EXPECT_EQ(Desc.SlicePitch, 240u);
  EXPECT_EQ(Desc.Channels, 4);
  EXPECT_EQ(Desc.ChannelBits, 8);
  EXPECT_EQ(Desc.ChannelKind, TX_CHANNEL_UNSIGNED);
  EXPECT_EQ(Desc.Flags,
            unsigned(TX_TEX_NORMALIZED_COORDS | TX_TEX_LINEAR_FILTER |
                     TX_TEX_READ_NORMALIZED | TX_TEX_FLOAT_RESULT));
  EXPECT_EQ(Desc.AddressMode[0], TX_ADDRESS_WRAP);
  EXPECT_EQ(Desc.AddressMode[1], TX_ADDRESS_BORDER);
  EXPECT_EQ(Desc.BorderColor[3], 0.5f);

  cudaResourceDesc GotR;
  cudaTextureDesc GotT;
  ASSERT_EQ(cudaGetTextureObjectResourceDesc(&GotR, Tex), cudaSuccess);
  EXPECT_EQ(GotR.resType, cudaResourceTypeArray);
  EXPECT_EQ(GotR.res.array.array, A);
  ASSERT_EQ(cudaGetTextureObjectTextureDesc(&GotT, Tex), cudaSuccess);
  EXPECT_EQ(GotT.filterMode, cudaFilterModeLinear);
  EXPECT_EQ(GotT.normalizedCoords, 1);

  EXPECT_EQ(cudaDestroySurfaceObject(Tex), cudaErrorInvalidValue)
      << "not a surface";
  EXPECT_EQ(cudaDestroyTextureObject(Tex), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(Tex), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetTextureObjectResourceDesc(&GotR, Tex),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(A), cudaSuccess);
}

TEST_F(TextureTest, LinearAndPitchResources) {
  float *Buffer = nullptr;
  ASSERT_EQ(cudaMalloc(&Buffer, 4096), cudaSuccess);
  cudaResourceDesc R;
  std::memset(&R, 0, sizeof(R));
  R.resType = cudaResourceTypeLinear;
  R.res.linear.devPtr = Buffer;
  R.res.linear.desc = cudaCreateChannelDesc<float2>();
  R.res.linear.sizeInBytes = 1000;
  cudaTextureDesc T = pointClamp();
  T.filterMode = cudaFilterModeLinear; // Ignored for linear memory.
  cudaTextureObject_t Tex = 0;
  ASSERT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr), cudaSuccess);
  EXPECT_EQ(descriptorOf(Tex).Extent[0], 125u);
  EXPECT_EQ(descriptorOf(Tex).Flags,
            unsigned(TX_TEX_LINEAR_MEMORY | TX_TEX_FLOAT_RESULT));
  EXPECT_EQ(cudaDestroyTextureObject(Tex), cudaSuccess);

  // Address and filter modes are ignored for linear memory, whatever
  // their values.
  T.addressMode[0] = static_cast<cudaTextureAddressMode>(42);
  T.filterMode = static_cast<cudaTextureFilterMode>(42);
  ASSERT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(Tex), cudaSuccess);
  T = pointClamp();

  R.res.linear.devPtr = Buffer + 1;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidValue)
      << "misaligned";

  std::memset(&R, 0, sizeof(R));
  R.resType = cudaResourceTypePitch2D;
  R.res.pitch2D.devPtr = Buffer;
  R.res.pitch2D.desc = cudaCreateChannelDesc<float>();
  R.res.pitch2D.width = 30;
  R.res.pitch2D.height = 8;
  R.res.pitch2D.pitchInBytes = 128;
  ASSERT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr), cudaSuccess);
  EXPECT_EQ(descriptorOf(Tex).RowPitch, 128u);
  EXPECT_EQ(descriptorOf(Tex).Extent[1], 8u);
  EXPECT_EQ(cudaDestroyTextureObject(Tex), cudaSuccess);
  R.res.pitch2D.pitchInBytes = 100;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidValue)
      << "pitch not a multiple of 32";
  R.res.pitch2D.pitchInBytes = 64;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidValue)
      << "row wider than the pitch";
  EXPECT_EQ(cudaFree(Buffer), cudaSuccess);
}

TEST_F(TextureTest, TextureObjectErrors) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<int>();
  cudaArray_t A = nullptr;
  ASSERT_EQ(cudaMallocArray(&A, &D, 8, 8), cudaSuccess);
  cudaResourceDesc R = arrayResource(A);
  cudaTextureDesc T = pointClamp();
  cudaTextureObject_t Tex = 0;
  EXPECT_EQ(cudaCreateTextureObject(nullptr, &R, &T, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateTextureObject(&Tex, nullptr, &T, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, nullptr, nullptr),
            cudaErrorInvalidValue);

  T.filterMode = cudaFilterModeLinear;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidFilterSetting)
      << "integers cannot be filtered";
  T.readMode = cudaReadModeNormalizedFloat;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidFilterSetting)
      << "32-bit integers stay integers";
  T = pointClamp();
  T.addressMode[1] = static_cast<cudaTextureAddressMode>(7);
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidValue);

  T = pointClamp();
  cudaResourceViewDesc View;
  std::memset(&View, 0, sizeof(View));
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, &View),
            cudaErrorNotSupported);
  cudaResourceDesc Mip;
  std::memset(&Mip, 0, sizeof(Mip));
  Mip.resType = cudaResourceTypeMipmappedArray;
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &Mip, &T, nullptr),
            cudaErrorNotSupported);
  cudaResourceDesc Stale = arrayResource(reinterpret_cast<cudaArray_t>(&T));
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &Stale, &T, nullptr),
            cudaErrorInvalidValue);
  R.flags = 1; // Must be zero.
  EXPECT_EQ(cudaCreateTextureObject(&Tex, &R, &T, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaDestroyTextureObject(12345), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(A), cudaSuccess);
}

TEST_F(TextureTest, SurfaceObjects) {
  cudaChannelFormatDesc D = cudaCreateChannelDesc<float>();
  cudaArray_t Plain = nullptr, Writable = nullptr;
  ASSERT_EQ(cudaMallocArray(&Plain, &D, 16, 4), cudaSuccess);
  ASSERT_EQ(cudaMallocArray(&Writable, &D, 16, 4, cudaArraySurfaceLoadStore),
            cudaSuccess);
  cudaSurfaceObject_t Surf = 0;
  cudaResourceDesc R = arrayResource(Plain);
  EXPECT_EQ(cudaCreateSurfaceObject(&Surf, &R), cudaErrorInvalidValue)
      << "array without cudaArraySurfaceLoadStore";
  R = arrayResource(Writable);
  EXPECT_EQ(cudaCreateSurfaceObject(nullptr, &R), cudaErrorInvalidValue);
  ASSERT_EQ(cudaCreateSurfaceObject(&Surf, &R), cudaSuccess);
  EXPECT_EQ(descriptorOf(Surf).RowPitch, 64u);
  cudaResourceDesc Got;
  ASSERT_EQ(cudaGetSurfaceObjectResourceDesc(&Got, Surf), cudaSuccess);
  EXPECT_EQ(Got.res.array.array, Writable);
  EXPECT_EQ(cudaDestroyTextureObject(Surf), cudaErrorInvalidValue)
      << "not a texture";
  EXPECT_EQ(cudaDestroySurfaceObject(Surf), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(Plain), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(Writable), cudaSuccess);
}

TEST_F(TextureTest, LimitsMatchProperties) {
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  int Width = 0, Layers = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Width, cudaDevAttrMaxTexture2DWidth, 0),
            cudaSuccess);
  ASSERT_EQ(
      cudaDeviceGetAttribute(&Layers, cudaDevAttrMaxSurface2DLayeredLayers, 0),
      cudaSuccess);
  EXPECT_EQ(Width, P.maxTexture2D[0]);
  EXPECT_GT(Width, 0);
  EXPECT_EQ(Layers, P.maxSurface2DLayered[2]);
  cudaChannelFormatDesc D = cudaCreateChannelDesc<char>();
  cudaArray_t A = nullptr;
  EXPECT_EQ(cudaMallocArray(&A, &D, size_t(P.maxTexture2D[0]) + 1, 1),
            cudaErrorInvalidValue);
  size_t LinearWidth = 0;
  ASSERT_EQ(cudaDeviceGetTexture1DLinearMaxWidth(&LinearWidth, &D, 0),
            cudaSuccess);
  EXPECT_EQ(LinearWidth, size_t(P.maxTexture1DLinear));
  EXPECT_EQ(cudaDeviceGetTexture1DLinearMaxWidth(&LinearWidth, &D, 999),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetTexture1DLinearMaxWidth(nullptr, &D, 0),
            cudaErrorInvalidValue);
}
