// Texture channel formats: signed char, unsigned char, short, unsigned short,
// int, unsigned int, float and half, each with 1, 2 and 4 channels
// (cudaCreateChannelDesc<T>() for the C++ types, cudaCreateChannelDescHalf /
// Half2 / Half4, and once the C form cudaCreateChannelDesc(x, y, z, w, kind)),
// in 2-D CUDA arrays (and a few in 1-D arrays), read with point filtering at
// texel centres through tex2D / tex1D:
// - cudaReadModeElementType returns the stored element bit for bit (half
//   textures return float);
// - cudaReadModeNormalizedFloat on the 8- and 16-bit integer formats returns
//   v / (2^bits - 1) (unsigned) or max(v / (2^(bits-1) - 1), -1) (signed).
// cudaGetChannelDesc on each array returns the format it was made with. The
// host reference decodes the stored bytes from the channel descriptor alone.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

static unsigned lcgState = 99991u;
static unsigned lcg() { lcgState = lcgState * 1664525u + 1013904223u; return lcgState >> 8; }

template <class R>
__global__ void fetch2D(cudaTextureObject_t t, int w, int h, R *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) out[y * w + x] = tex2D<R>(t, x + 0.5f, y + 0.5f);
}

template <class R>
__global__ void fetch1D(cudaTextureObject_t t, int n, R *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  if (x < n) out[x] = tex1D<R>(t, x + 0.5f);
}

static int channels(const cudaChannelFormatDesc &d) {
  return (d.x > 0) + (d.y > 0) + (d.z > 0) + (d.w > 0);
}

static float halfToFloat(unsigned short h) {
  int s = h >> 15, e = (h >> 10) & 31, m = h & 1023;
  double v;
  if (e == 0) v = ldexp((double)m, -24);
  else if (e == 31) v = m ? NAN : INFINITY;
  else v = ldexp((double)(m + 1024), e - 25);
  return (float)(s ? -v : v);
}

// Component k (counting all channels of all texels) of the stored data.
static long long intComponent(const unsigned char *data, int k, const cudaChannelFormatDesc &d) {
  int bytes = d.x / 8;
  const unsigned char *p = data + (size_t)k * bytes;
  if (bytes == 1) return d.f == cudaChannelFormatKindSigned ? (long long)(signed char)p[0] : (long long)p[0];
  if (bytes == 2) {
    unsigned short v;
    memcpy(&v, p, 2);
    return d.f == cudaChannelFormatKindSigned ? (long long)(short)v : (long long)v;
  }
  unsigned int v;
  memcpy(&v, p, 4);
  return d.f == cudaChannelFormatKindSigned ? (long long)(int)v : (long long)v;
}

// Random component values, with the extremes of the type at the start.
static void fill(unsigned char *data, int count, const cudaChannelFormatDesc &d) {
  int bytes = d.x / 8;
  for (int k = 0; k < count; ++k) {
    unsigned char *p = data + (size_t)k * bytes;
    if (d.f == cudaChannelFormatKindFloat && bytes == 4) {
      float v = (float)((int)(lcg() % 200001) - 100000) / 128.0f;
      if (k == 1) v = -0.0f;
      memcpy(p, &v, 4);
    } else if (d.f == cudaChannelFormatKindFloat && bytes == 2) {
      // finite half: random sign, exponent 1..30, mantissa
      unsigned r = lcg();
      unsigned short h = (unsigned short)(((r & 1) << 15) | ((1 + (r >> 1) % 30) << 10) | ((r >> 6) & 1023));
      const unsigned short special[] = {0x0000, 0x8000, 0x3c00, 0xfbff, 0x7bff, 0x0400};
      if (k < 6) h = special[k];
      memcpy(p, &h, 2);
    } else {
      unsigned r = lcg() ^ (lcg() << 16);
      memcpy(p, &r, bytes);
      if (k < 4) {   // min, max, 0, -1 (or 0, max, 0, 1 for unsigned)
        bool sgn = d.f == cudaChannelFormatKindSigned;
        long long v = k == 0 ? (sgn ? -(1LL << (d.x - 1)) : 0)
                    : k == 1 ? (sgn ? (1LL << (d.x - 1)) - 1 : (1LL << d.x) - 1)
                    : k == 2 ? 0 : (sgn ? -1 : 1);
        unsigned long long u = (unsigned long long)v;
        memcpy(p, &u, bytes);   // little-endian low bytes
      }
    }
  }
}

// Makes a W x H (H == 0: 1-D) array of format d from the texels in host,
// reads every texel centre with a T -> R texture in the given read mode and
// compares with the reference. Returns 0 on success.
template <class T, class R>
static int runCase(const char *name, cudaChannelFormatDesc d, int W, int H, cudaTextureReadMode mode) {
  const int rows = H ? H : 1, n = W * rows, nc = channels(d);
  bool elementRead = mode == cudaReadModeElementType && !(d.f == cudaChannelFormatKindFloat && d.x == 16);
  if ((int)sizeof(T) != nc * d.x / 8 || sizeof(R) != (elementRead ? sizeof(T) : nc * sizeof(float))) {
    printf("FAIL: %s: host or result type size\n", name);
    return 1;
  }
  T *host = (T *)malloc(n * sizeof(T));
  fill((unsigned char *)host, n * nc, d);

  cudaArray_t a;
  CHECK(cudaMallocArray(&a, &d, W, H));
  cudaChannelFormatDesc got;
  CHECK(cudaGetChannelDesc(&got, a));
  if (got.x != d.x || got.y != d.y || got.z != d.z || got.w != d.w || got.f != d.f) {
    printf("FAIL: %s: cudaGetChannelDesc (%d,%d,%d,%d,%d)\n", name, got.x, got.y, got.z, got.w, (int)got.f);
    return 1;
  }
  CHECK(cudaMemcpy2DToArray(a, 0, 0, host, W * sizeof(T), W * sizeof(T), rows, cudaMemcpyHostToDevice));

  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeArray;
  rd.res.array.array = a;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModePoint;
  td.readMode = mode;
  td.normalizedCoords = 0;
  cudaTextureObject_t tex;
  CHECK(cudaCreateTextureObject(&tex, &rd, &td, nullptr));

  R *dOut;
  CHECK(cudaMalloc(&dOut, n * sizeof(R)));
  if (H) {
    dim3 block(8, 4), grid((W + 7) / 8, (H + 3) / 4);
    fetch2D<R><<<grid, block>>>(tex, W, H, dOut);
  } else {
    fetch1D<R><<<(W + 31) / 32, 32>>>(tex, W, dOut);
  }
  CHECK(cudaGetLastError());
  R *out = (R *)malloc(n * sizeof(R));
  CHECK(cudaMemcpy(out, dOut, n * sizeof(R), cudaMemcpyDeviceToHost));

  const unsigned char *raw = (const unsigned char *)host;
  bool isFloat = d.f == cudaChannelFormatKindFloat;
  if (elementRead) {
    // the element itself, bit for bit
    for (int i = 0; i < n; ++i)
      if (memcmp((const unsigned char *)out + i * sizeof(R), raw + i * sizeof(T), sizeof(T)) != 0) {
        printf("FAIL: %s: texel %d (%d,%d) differs from the stored element\n", name, i, i % W, i / W);
        return 1;
      }
  } else {
    const float *of = (const float *)out;
    for (int k = 0; k < n * nc; ++k) {
      double e;
      if (isFloat) {
        unsigned short h;
        memcpy(&h, raw + 2 * k, 2);
        e = halfToFloat(h);
      } else {
        long long v = intComponent(raw, k, d);
        if (d.f == cudaChannelFormatKindUnsigned) e = (double)v / (double)((1LL << d.x) - 1);
        else e = fmax((double)v / (double)((1LL << (d.x - 1)) - 1), -1.0);
      }
      bool ok = isFloat ? (double)of[k] == e : fabs(of[k] - e) <= 1e-6;
      if (!ok) {
        printf("FAIL: %s: texel %d component %d = %.9g expected %.9g\n", name, k / nc, k % nc, of[k], e);
        return 1;
      }
      if (!isFloat && (e == 1.0 || e == -1.0 || e == 0.0) && (double)of[k] != e) {
        printf("FAIL: %s: texel %d component %d = %.9g, expected exactly %g\n", name, k / nc, k % nc, of[k], e);
        return 1;
      }
    }
  }
  CHECK(cudaDestroyTextureObject(tex));
  CHECK(cudaFreeArray(a));
  CHECK(cudaFree(dOut));
  free(host);
  free(out);
  return 0;
}

int main() {
  const int W = 7, H = 5, W1 = 13;
  const cudaTextureReadMode E = cudaReadModeElementType, NF = cudaReadModeNormalizedFloat;
  int bad = 0;
  // 8-bit signed
  bad |= runCase<signed char, signed char>("char", cudaCreateChannelDesc<signed char>(), W, H, E);
  bad |= runCase<char2, char2>("char2", cudaCreateChannelDesc<char2>(), W, H, E);
  bad |= runCase<char4, char4>("char4", cudaCreateChannelDesc<char4>(), W, H, E);
  bad |= runCase<signed char, float>("char normalized", cudaCreateChannelDesc<signed char>(), W, H, NF);
  bad |= runCase<char2, float2>("char2 normalized", cudaCreateChannelDesc<char2>(), W, H, NF);
  bad |= runCase<char4, float4>("char4 normalized", cudaCreateChannelDesc<char4>(), W, H, NF);
  // 8-bit unsigned
  bad |= runCase<unsigned char, unsigned char>("uchar", cudaCreateChannelDesc<unsigned char>(), W, H, E);
  bad |= runCase<uchar2, uchar2>("uchar2", cudaCreateChannelDesc<uchar2>(), W, H, E);
  bad |= runCase<uchar4, uchar4>("uchar4", cudaCreateChannelDesc<uchar4>(), W, H, E);
  bad |= runCase<unsigned char, float>("uchar normalized", cudaCreateChannelDesc<unsigned char>(), W, H, NF);
  bad |= runCase<uchar2, float2>("uchar2 normalized", cudaCreateChannelDesc<uchar2>(), W, H, NF);
  bad |= runCase<uchar4, float4>("uchar4 normalized", cudaCreateChannelDesc<uchar4>(), W, H, NF);
  // 16-bit signed
  bad |= runCase<short, short>("short", cudaCreateChannelDesc<short>(), W, H, E);
  bad |= runCase<short2, short2>("short2", cudaCreateChannelDesc<short2>(), W, H, E);
  bad |= runCase<short4, short4>("short4", cudaCreateChannelDesc<short4>(), W, H, E);
  bad |= runCase<short, float>("short normalized", cudaCreateChannelDesc<short>(), W, H, NF);
  bad |= runCase<short2, float2>("short2 normalized", cudaCreateChannelDesc<short2>(), W, H, NF);
  bad |= runCase<short4, float4>("short4 normalized", cudaCreateChannelDesc<short4>(), W, H, NF);
  // 16-bit unsigned (the 2-channel one through the C form of cudaCreateChannelDesc)
  bad |= runCase<unsigned short, unsigned short>("ushort", cudaCreateChannelDesc<unsigned short>(), W, H, E);
  bad |= runCase<ushort2, ushort2>("ushort2", cudaCreateChannelDesc(16, 16, 0, 0, cudaChannelFormatKindUnsigned), W, H, E);
  bad |= runCase<ushort4, ushort4>("ushort4", cudaCreateChannelDesc<ushort4>(), W, H, E);
  bad |= runCase<unsigned short, float>("ushort normalized", cudaCreateChannelDesc<unsigned short>(), W, H, NF);
  bad |= runCase<ushort2, float2>("ushort2 normalized", cudaCreateChannelDesc<ushort2>(), W, H, NF);
  bad |= runCase<ushort4, float4>("ushort4 normalized", cudaCreateChannelDesc<ushort4>(), W, H, NF);
  // 32-bit integers and floats: element type only
  bad |= runCase<int, int>("int", cudaCreateChannelDesc<int>(), W, H, E);
  bad |= runCase<int2, int2>("int2", cudaCreateChannelDesc<int2>(), W, H, E);
  bad |= runCase<int4, int4>("int4", cudaCreateChannelDesc<int4>(), W, H, E);
  bad |= runCase<unsigned int, unsigned int>("uint", cudaCreateChannelDesc<unsigned int>(), W, H, E);
  bad |= runCase<uint2, uint2>("uint2", cudaCreateChannelDesc<uint2>(), W, H, E);
  bad |= runCase<uint4, uint4>("uint4", cudaCreateChannelDesc<uint4>(), W, H, E);
  bad |= runCase<float, float>("float", cudaCreateChannelDesc<float>(), W, H, E);
  bad |= runCase<float2, float2>("float2", cudaCreateChannelDesc<float2>(), W, H, E);
  bad |= runCase<float4, float4>("float4", cudaCreateChannelDesc<float4>(), W, H, E);
  // half: stored as 16-bit patterns, read as float
  bad |= runCase<unsigned short, float>("half", cudaCreateChannelDescHalf(), W, H, E);
  bad |= runCase<ushort2, float2>("half2", cudaCreateChannelDescHalf2(), W, H, E);
  bad |= runCase<ushort4, float4>("half4", cudaCreateChannelDescHalf4(), W, H, E);
  // a few through 1-D arrays and tex1D
  bad |= runCase<uchar4, float4>("1-D uchar4 normalized", cudaCreateChannelDesc<uchar4>(), W1, 0, NF);
  bad |= runCase<short2, short2>("1-D short2", cudaCreateChannelDesc<short2>(), W1, 0, E);
  bad |= runCase<ushort4, float4>("1-D half4", cudaCreateChannelDescHalf4(), W1, 0, E);
  bad |= runCase<float, float>("1-D float", cudaCreateChannelDesc<float>(), W1, 0, E);
  bad |= runCase<signed char, float>("1-D char normalized", cudaCreateChannelDesc<signed char>(), W1, 0, NF);
  if (bad) return 1;
  printf("PASS\n");
  return 0;
}
