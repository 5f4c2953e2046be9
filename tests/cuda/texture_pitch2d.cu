// Texture objects over pitched device memory (cudaResourceTypePitch2D):
// an RGBA uchar4 image in cudaMallocPitch memory, read as normalized floats
// with bilinear filtering and clamp addressing, downscaled 100x75 -> 37x29;
// a ushort image read through a window narrower and shorter than its
// allocation (width/height smaller than pitch/rows), upscaled 2x with a
// border band outside the image, normalized coordinates and linear
// filtering, and the same window read with point filtering as element type
// (tex2D<unsigned short>) at clamped out-of-range texel centres. Host
// reference: x_B = x - 0.5, alpha = frac(x_B) with 8 fractional bits, taps
// clamped to the image; coordinates are odd multiples of 1/1024 texel.
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

static unsigned lcgState = 4242u;
static unsigned lcg() { lcgState = lcgState * 1664525u + 1013904223u; return lcgState >> 8; }

// Output pixel (ox, oy) samples the source at ((ox * step + step / 2 + 1 + 2 * (ox & 1)) / 1024):
// exact in float, an odd multiple of 1/1024, and (both steps used below being
// multiples of 8) alternately a quarter step above and below a multiple of 1/256 after
// x - 0.5, so the 8-bit filter weight is rounded down and up.
__global__ void downscale(cudaTextureObject_t t, int ow, int oh, int stepX, int stepY, float4 *out) {
  int ox = blockIdx.x * blockDim.x + threadIdx.x;
  int oy = blockIdx.y * blockDim.y + threadIdx.y;
  if (ox >= ow || oy >= oh) return;
  float x = (float)(ox * stepX + stepX / 2 + 1 + 2 * (ox & 1)) * (1.0f / 1024.0f);
  float y = (float)(oy * stepY + stepY / 2 + 1 + 2 * (oy & 1)) * (1.0f / 1024.0f);
  out[oy * ow + ox] = tex2D<float4>(t, x, y);
}

__global__ void upscale(cudaTextureObject_t t, const float *us, const float *vs, int ow, int oh,
                        float *out) {
  int ox = blockIdx.x * blockDim.x + threadIdx.x;
  int oy = blockIdx.y * blockDim.y + threadIdx.y;
  if (ox < ow && oy < oh) out[oy * ow + ox] = tex2D<float>(t, us[ox], vs[oy]);
}

__global__ void pointRead(cudaTextureObject_t t, int nx, int ny, int lo, unsigned short *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  if (i < nx && j < ny) out[j * nx + i] = tex2D<unsigned short>(t, (i + lo) + 0.5f, (j + lo) + 0.5f);
}

// Taps and weights along one axis with clamp addressing.
static void clampTaps(double x, int N, bool linear, int idx[2], double w[2]) {
  int t0, t1;
  if (linear) {
    double xb = x - 0.5, f = floor(xb);
    double a = floor((xb - f) * 256.0 + 0.5) / 256.0;
    t0 = (int)f; t1 = t0 + 1;
    w[0] = 1.0 - a; w[1] = a;
  } else {
    t0 = t1 = (int)floor(x);
    w[0] = 1.0; w[1] = 0.0;
  }
  idx[0] = t0 < 0 ? 0 : (t0 > N - 1 ? N - 1 : t0);
  idx[1] = t1 < 0 ? 0 : (t1 > N - 1 ? N - 1 : t1);
}

// Near t (texels): (4k + 1) / 1024 for even s, (4k + 3) / 1024 for odd s, so
// the filter weight frac(x - 0.5) * 256 ends in .25 or .75 (rounded down / up).
static double gridCoord(double t, int s) { return (4.0 * floor(t * 256.0) + 1.0 + 2.0 * (s & 1)) / 1024.0; }

int main() {
  int texAlign = 0, pitchAlign = 0;
  CHECK(cudaDeviceGetAttribute(&texAlign, cudaDevAttrTextureAlignment, 0));
  CHECK(cudaDeviceGetAttribute(&pitchAlign, cudaDevAttrTexturePitchAlignment, 0));

  // ---- RGBA downscale ----
  const int W = 100, H = 75, OW = 37, OH = 29;
  uchar4 *img = (uchar4 *)malloc(W * H * sizeof(uchar4));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      unsigned r = lcg();
      // a smooth gradient plus noise, with a few saturated pixels
      img[y * W + x] = make_uchar4((x * 255) / (W - 1), (y * 255) / (H - 1), r & 255,
                                   (x + y) % 17 == 0 ? 255 : (r >> 8) & 127);
    }
  uchar4 *dImg;
  size_t pitch = 0;
  CHECK(cudaMallocPitch((void **)&dImg, &pitch, W * sizeof(uchar4), H));
  if (pitchAlign > 0 && pitch % pitchAlign != 0) { printf("FAIL: pitch %zu not texture-aligned\n", pitch); return 1; }
  if (texAlign > 0 && (size_t)dImg % texAlign != 0) { printf("FAIL: cudaMallocPitch base not texture-aligned\n"); return 1; }
  CHECK(cudaMemcpy2D(dImg, pitch, img, W * sizeof(uchar4), W * sizeof(uchar4), H, cudaMemcpyHostToDevice));

  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypePitch2D;
  rd.res.pitch2D.devPtr = dImg;
  rd.res.pitch2D.desc = cudaCreateChannelDesc<uchar4>();
  rd.res.pitch2D.width = W;
  rd.res.pitch2D.height = H;
  rd.res.pitch2D.pitchInBytes = pitch;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = cudaAddressModeClamp;
  td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModeLinear;
  td.readMode = cudaReadModeNormalizedFloat;
  td.normalizedCoords = 0;
  cudaTextureObject_t texRGBA;
  CHECK(cudaCreateTextureObject(&texRGBA, &rd, &td, nullptr));

  cudaResourceDesc back;
  memset(&back, 0, sizeof(back));
  CHECK(cudaGetTextureObjectResourceDesc(&back, texRGBA));
  if (back.resType != cudaResourceTypePitch2D || back.res.pitch2D.devPtr != (void *)dImg ||
      back.res.pitch2D.width != (size_t)W || back.res.pitch2D.height != (size_t)H ||
      back.res.pitch2D.pitchInBytes != pitch || back.res.pitch2D.desc.x != 8 ||
      back.res.pitch2D.desc.w != 8 || back.res.pitch2D.desc.f != cudaChannelFormatKindUnsigned) {
    printf("FAIL: pitch2D resource descriptor read back wrong\n");
    return 1;
  }

  const int stepX = 2 * ((512 * W + OW / 2) / OW), stepY = 2 * ((512 * H + OH / 2) / OH);
  float4 *dSmall;
  CHECK(cudaMalloc(&dSmall, OW * OH * sizeof(float4)));
  dim3 block(16, 16), grid((OW + 15) / 16, (OH + 15) / 16);
  downscale<<<grid, block>>>(texRGBA, OW, OH, stepX, stepY, dSmall);
  CHECK(cudaGetLastError());
  float4 *small = (float4 *)malloc(OW * OH * sizeof(float4));
  CHECK(cudaMemcpy(small, dSmall, OW * OH * sizeof(float4), cudaMemcpyDeviceToHost));
  for (int oy = 0; oy < OH; ++oy)
    for (int ox = 0; ox < OW; ++ox) {
      double x = (ox * stepX + stepX / 2 + 1 + 2 * (ox & 1)) / 1024.0;
      double y = (oy * stepY + stepY / 2 + 1 + 2 * (oy & 1)) / 1024.0;
      int ix[2], iy[2];
      double wx[2], wy[2];
      clampTaps(x, W, true, ix, wx);
      clampTaps(y, H, true, iy, wy);
      float got[4] = {small[oy * OW + ox].x, small[oy * OW + ox].y, small[oy * OW + ox].z,
                      small[oy * OW + ox].w};
      for (int c = 0; c < 4; ++c) {
        double ref = 0.0;
        for (int b = 0; b < 2; ++b)
          for (int a = 0; a < 2; ++a) {
            uchar4 p = img[iy[b] * W + ix[a]];
            unsigned char v = c == 0 ? p.x : c == 1 ? p.y : c == 2 ? p.z : p.w;
            ref += wx[a] * wy[b] * (v / 255.0);
          }
        if (!(fabs(got[c] - ref) <= 1e-5)) {
          printf("FAIL: downscale (%d,%d).%c = %.9g expected %.9g\n", ox, oy, "xyzw"[c], got[c], ref);
          return 1;
        }
      }
    }

  // ---- ushort window: upscale with normalized coordinates, point reads ----
  const int AW = 50, AH = 40;   // allocation
  const int TW = 45, TH = 33;   // texture window
  unsigned short *us = (unsigned short *)malloc(AW * AH * sizeof(unsigned short));
  for (int y = 0; y < AH; ++y)
    for (int x = 0; x < AW; ++x)
      us[y * AW + x] = (x < TW && y < TH) ? (unsigned short)(lcg() & 0xffff) : (unsigned short)65535;
  us[0] = 0; us[1] = 65535;
  unsigned short *dUs;
  size_t upitch = 0;
  CHECK(cudaMallocPitch((void **)&dUs, &upitch, AW * sizeof(unsigned short), AH));
  CHECK(cudaMemcpy2D(dUs, upitch, us, AW * sizeof(unsigned short), AW * sizeof(unsigned short), AH,
                     cudaMemcpyHostToDevice));
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypePitch2D;
  rd.res.pitch2D.devPtr = dUs;
  rd.res.pitch2D.desc = cudaCreateChannelDesc<unsigned short>();
  rd.res.pitch2D.width = TW;
  rd.res.pitch2D.height = TH;
  rd.res.pitch2D.pitchInBytes = upitch;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = cudaAddressModeClamp;
  td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModeLinear;
  td.readMode = cudaReadModeNormalizedFloat;
  td.normalizedCoords = 1;
  cudaTextureObject_t texUp;
  CHECK(cudaCreateTextureObject(&texUp, &rd, &td, nullptr));
  td.filterMode = cudaFilterModePoint;
  td.readMode = cudaReadModeElementType;
  td.normalizedCoords = 0;
  cudaTextureObject_t texPoint;
  CHECK(cudaCreateTextureObject(&texPoint, &rd, &td, nullptr));

  // 2x upscale covering [-2, TW + 2) texels
  const int UW = 2 * TW + 8, UH = 2 * TH + 8;
  float *hu = (float *)malloc(UW * sizeof(float)), *hv = (float *)malloc(UH * sizeof(float));
  for (int o = 0; o < UW; ++o) hu[o] = (float)(gridCoord((o - 4 + 0.5) / 2.0, o) / TW);
  for (int o = 0; o < UH; ++o) hv[o] = (float)(gridCoord((o - 4 + 0.5) / 2.0, o) / TH);
  float *dUV, *dUp;
  CHECK(cudaMalloc(&dUV, (UW + UH) * sizeof(float)));
  CHECK(cudaMemcpy(dUV, hu, UW * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dUV + UW, hv, UH * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMalloc(&dUp, UW * UH * sizeof(float)));
  dim3 block2(32, 5), grid2((UW + 31) / 32, (UH + 4) / 5);
  upscale<<<grid2, block2>>>(texUp, dUV, dUV + UW, UW, UH, dUp);
  CHECK(cudaGetLastError());
  float *up = (float *)malloc(UW * UH * sizeof(float));
  CHECK(cudaMemcpy(up, dUp, UW * UH * sizeof(float), cudaMemcpyDeviceToHost));
  for (int oy = 0; oy < UH; ++oy)
    for (int ox = 0; ox < UW; ++ox) {
      int ix[2], iy[2];
      double wx[2], wy[2];
      clampTaps((double)hu[ox] * TW, TW, true, ix, wx);
      clampTaps((double)hv[oy] * TH, TH, true, iy, wy);
      double ref = 0.0;
      for (int b = 0; b < 2; ++b)
        for (int a = 0; a < 2; ++a) ref += wx[a] * wy[b] * (us[iy[b] * AW + ix[a]] / 65535.0);
      float got = up[oy * UW + ox];
      if (!(fabs(got - ref) <= 1e-5)) {
        printf("FAIL: upscale (%d,%d) at (%.9g,%.9g) = %.9g expected %.9g\n", ox, oy, hu[ox], hv[oy], got, ref);
        return 1;
      }
    }

  // point reads of texel centres from (-3,-3) to (TW+2, TH+2): clamped
  const int LO = -3, PX = TW + 6, PY = TH + 6;
  unsigned short *dPt;
  CHECK(cudaMalloc(&dPt, PX * PY * sizeof(unsigned short)));
  dim3 block3(16, 8), grid3((PX + 15) / 16, (PY + 7) / 8);
  pointRead<<<grid3, block3>>>(texPoint, PX, PY, LO, dPt);
  CHECK(cudaGetLastError());
  unsigned short *pt = (unsigned short *)malloc(PX * PY * sizeof(unsigned short));
  CHECK(cudaMemcpy(pt, dPt, PX * PY * sizeof(unsigned short), cudaMemcpyDeviceToHost));
  for (int j = 0; j < PY; ++j)
    for (int i = 0; i < PX; ++i) {
      int x = i + LO, y = j + LO;
      x = x < 0 ? 0 : (x > TW - 1 ? TW - 1 : x);
      y = y < 0 ? 0 : (y > TH - 1 ? TH - 1 : y);
      if (pt[j * PX + i] != us[y * AW + x]) {
        printf("FAIL: point read (%d,%d) = %u expected %u\n", i + LO, j + LO, pt[j * PX + i], us[y * AW + x]);
        return 1;
      }
    }

  CHECK(cudaDestroyTextureObject(texRGBA));
  CHECK(cudaDestroyTextureObject(texUp));
  CHECK(cudaDestroyTextureObject(texPoint));
  CHECK(cudaFree(dImg)); CHECK(cudaFree(dSmall)); CHECK(cudaFree(dUs));
  CHECK(cudaFree(dUV)); CHECK(cudaFree(dUp)); CHECK(cudaFree(dPt));
  free(img); free(small); free(us); free(hu); free(hv); free(up); free(pt);
  printf("PASS\n");
  return 0;
}
