// 2-D CUDA arrays sampled with tex2D: a float array and a float4 array made
// with cudaMallocArray, filled with cudaMemcpy2DToArray from a padded host
// buffer, read back whole and as a sub-rectangle with cudaMemcpy2DFromArray,
// shape and format checked with cudaArrayGetInfo. Each array is sampled on a
// 64x64 grid of coordinates spanning [-1.5, 2.5] of the texture (far outside
// it on every side) with point and linear filtering, every address mode
// (clamp, border with the default and with non-zero colours, wrap and mirror
// with normalized coordinates, wrap/mirror falling back to clamp with
// unnormalized ones), different modes per axis, normalized and unnormalized
// coordinates. The host reference follows the CUDA Programming Guide's
// "Texture Fetching" appendix: x_B = x - 0.5, alpha = frac(x_B) with 8
// fractional bits. Coordinates are odd multiples of 1/1024 texel, so no
// sample lies on a texel edge or on a rounding tie of the weight.
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

static unsigned lcgState = 777u;
static unsigned lcg() { lcgState = lcgState * 1664525u + 1013904223u; return lcgState >> 8; }

__global__ void sample2D(cudaTextureObject_t t, const float *xs, const float *ys, int nx, int ny,
                         float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  if (i < nx && j < ny) out[j * nx + i] = tex2D<float>(t, xs[i], ys[j]);
}

__global__ void sample2D4(cudaTextureObject_t t, const float *xs, const float *ys, int nx, int ny,
                          float4 *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  if (i < nx && j < ny) out[j * nx + i] = tex2D<float4>(t, xs[i], ys[j]);
}

struct Cfg {
  cudaTextureFilterMode filter;
  cudaTextureAddressMode ax, ay;
  int normalized;
  float border[4];
  const char *name;
};

// ---- host reference ------------------------------------------------------

// The texel indices (and weights) one coordinate selects along an axis of N
// texels; border[k] marks a tap that reads the border colour.
static void axisTaps(float coord, int N, cudaTextureAddressMode mode, bool normalized, bool linear,
                     int idx[2], bool border[2], double w[2]) {
  if (!normalized && (mode == cudaAddressModeWrap || mode == cudaAddressModeMirror))
    mode = cudaAddressModeClamp;
  double x = coord;
  if (normalized) {
    double u = coord;
    if (mode == cudaAddressModeWrap) {
      u -= floor(u);
    } else if (mode == cudaAddressModeMirror) {
      double f = floor(u);
      u -= f;
      if ((long long)f & 1) u = 1.0 - u;
    }
    x = u * N;
  }
  int taps[2];
  if (!linear) {
    taps[0] = taps[1] = (int)floor(x);
    w[0] = 1.0; w[1] = 0.0;
  } else {
    double xb = x - 0.5;
    double f = floor(xb);
    double a = floor((xb - f) * 256.0 + 0.5) / 256.0;   // 9-bit weight, 8 fraction bits
    taps[0] = (int)f; taps[1] = (int)f + 1;
    w[0] = 1.0 - a; w[1] = a;
  }
  for (int k = 0; k < 2; ++k) {
    int i = taps[k];
    border[k] = false;
    if (mode == cudaAddressModeBorder) {
      if (i < 0 || i >= N) border[k] = true;
    } else if (mode == cudaAddressModeWrap && linear) {
      i %= N;
      if (i < 0) i += N;
    } else {
      i = i < 0 ? 0 : (i > N - 1 ? N - 1 : i);
    }
    idx[k] = i;
  }
}

// Component c of a tex2D fetch from an nc-component W x H float image.
static double ref2D(const float *img, int W, int H, int nc, int c, const Cfg &cfg, float u, float v) {
  bool linear = cfg.filter == cudaFilterModeLinear;
  int ix[2], iy[2];
  bool bx[2], by[2];
  double wx[2], wy[2];
  axisTaps(u, W, cfg.ax, cfg.normalized != 0, linear, ix, bx, wx);
  axisTaps(v, H, cfg.ay, cfg.normalized != 0, linear, iy, by, wy);
  double r = 0.0;
  for (int b = 0; b < 2; ++b)
    for (int a = 0; a < 2; ++a) {
      double w = wx[a] * wy[b];
      if (w == 0.0) continue;
      double val = (bx[a] || by[b]) ? (double)cfg.border[c] : (double)img[(iy[b] * W + ix[a]) * nc + c];
      r += w * val;
    }
  return r;
}

// An odd multiple of 1/1024 near t (texel units).
static double gridCoord(double t) { return (2.0 * floor(t * 512.0) + 1.0) / 1024.0; }

static void makeCoords(int n, int N, float *unnorm, float *norm) {
  for (int s = 0; s < n; ++s) {
    double x = gridCoord((-1.5 + 4.0 * s / (n - 1)) * N);
    unnorm[s] = (float)x;
    norm[s] = (float)(x / N);
  }
}

static cudaError_t makeTexture(cudaArray_t a, const Cfg &c, cudaTextureObject_t *t) {
  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeArray;
  rd.res.array.array = a;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = c.ax;
  td.addressMode[1] = c.ay;
  td.addressMode[2] = cudaAddressModeClamp;
  td.filterMode = c.filter;
  td.readMode = cudaReadModeElementType;
  td.normalizedCoords = c.normalized;
  for (int k = 0; k < 4; ++k) td.borderColor[k] = c.border[k];
  return cudaCreateTextureObject(t, &rd, &td, nullptr);
}

int main() {
  const int W = 24, H = 13, PADW = W + 5;
  const int W4 = 11, H4 = 7;
  const int S = 64;   // samples per axis

  // ---- float array: fill, read back, info ----
  float *img = (float *)malloc(W * H * sizeof(float));
  float *padded = (float *)malloc(PADW * H * sizeof(float));
  for (int i = 0; i < W * H; ++i) img[i] = (float)((int)(lcg() % 2001) - 1000) / 1024.0f;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < PADW; ++x) padded[y * PADW + x] = x < W ? img[y * W + x] : 1.0e30f;

  cudaChannelFormatDesc desc = cudaCreateChannelDesc<float>();
  cudaArray_t arr;
  CHECK(cudaMallocArray(&arr, &desc, W, H));
  CHECK(cudaMemcpy2DToArray(arr, 0, 0, padded, PADW * sizeof(float), W * sizeof(float), H,
                            cudaMemcpyHostToDevice));
  cudaChannelFormatDesc gotDesc;
  cudaExtent ext;
  unsigned int flags = 12345;
  CHECK(cudaArrayGetInfo(&gotDesc, &ext, &flags, arr));
  if (gotDesc.x != 32 || gotDesc.y != 0 || gotDesc.z != 0 || gotDesc.w != 0 ||
      gotDesc.f != cudaChannelFormatKindFloat) {
    printf("FAIL: cudaArrayGetInfo format (%d,%d,%d,%d,%d)\n", gotDesc.x, gotDesc.y, gotDesc.z,
           gotDesc.w, (int)gotDesc.f);
    return 1;
  }
  if (ext.width != (size_t)W || ext.height != (size_t)H || ext.depth != 0) {
    printf("FAIL: cudaArrayGetInfo extent %zu x %zu x %zu\n", ext.width, ext.height, ext.depth);
    return 1;
  }
  if (flags & (cudaArraySurfaceLoadStore | cudaArrayLayered)) {
    printf("FAIL: cudaArrayGetInfo flags %u\n", flags);
    return 1;
  }
  float *back = (float *)malloc(W * H * sizeof(float));
  CHECK(cudaMemcpy2DFromArray(back, W * sizeof(float), arr, 0, 0, W * sizeof(float), H,
                              cudaMemcpyDeviceToHost));
  if (memcmp(back, img, W * H * sizeof(float)) != 0) { printf("FAIL: array read back differs\n"); return 1; }
  // a 5 x 4 sub-rectangle from column 3 (byte offset 12), row 2
  float sub[4][5];
  CHECK(cudaMemcpy2DFromArray(sub, 5 * sizeof(float), arr, 3 * sizeof(float), 2, 5 * sizeof(float), 4,
                              cudaMemcpyDeviceToHost));
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 5; ++x)
      if (sub[y][x] != img[(2 + y) * W + 3 + x]) { printf("FAIL: sub-rectangle (%d,%d)\n", x, y); return 1; }

  // ---- float4 array ----
  float *img4 = (float *)malloc(W4 * H4 * 4 * sizeof(float));
  for (int i = 0; i < W4 * H4 * 4; ++i) img4[i] = (float)((int)(lcg() % 4001) - 2000) / 256.0f;
  cudaChannelFormatDesc desc4 = cudaCreateChannelDesc<float4>();
  cudaArray_t arr4;
  CHECK(cudaMallocArray(&arr4, &desc4, W4, H4));
  CHECK(cudaMemcpy2DToArray(arr4, 0, 0, img4, W4 * sizeof(float4), W4 * sizeof(float4), H4,
                            cudaMemcpyHostToDevice));
  CHECK(cudaArrayGetInfo(&gotDesc, &ext, nullptr, arr4));
  if (gotDesc.x != 32 || gotDesc.y != 32 || gotDesc.z != 32 || gotDesc.w != 32 ||
      gotDesc.f != cudaChannelFormatKindFloat || ext.width != (size_t)W4 || ext.height != (size_t)H4) {
    printf("FAIL: cudaArrayGetInfo of the float4 array\n");
    return 1;
  }

  // ---- sample coordinates ----
  float hxU[S], hxN[S], hyU[S], hyN[S], hx4U[S], hx4N[S], hy4U[S], hy4N[S];
  makeCoords(S, W, hxU, hxN);
  makeCoords(S, H, hyU, hyN);
  makeCoords(S, W4, hx4U, hx4N);
  makeCoords(S, H4, hy4U, hy4N);
  float *dCoords;
  CHECK(cudaMalloc(&dCoords, 8 * S * sizeof(float)));
  float *hostCoords[8] = {hxU, hxN, hyU, hyN, hx4U, hx4N, hy4U, hy4N};
  for (int k = 0; k < 8; ++k)
    CHECK(cudaMemcpy(dCoords + k * S, hostCoords[k], S * sizeof(float), cudaMemcpyHostToDevice));
  const float *dxU = dCoords, *dxN = dCoords + S, *dyU = dCoords + 2 * S, *dyN = dCoords + 3 * S;
  const float *dx4U = dCoords + 4 * S, *dx4N = dCoords + 5 * S, *dy4U = dCoords + 6 * S,
              *dy4N = dCoords + 7 * S;

  float *dOut;
  float4 *dOut4;
  CHECK(cudaMalloc(&dOut, S * S * sizeof(float)));
  CHECK(cudaMalloc(&dOut4, S * S * sizeof(float4)));
  float *out = (float *)malloc(S * S * sizeof(float));
  float4 *out4 = (float4 *)malloc(S * S * sizeof(float4));
  dim3 block(16, 12), grid((S + 15) / 16, (S + 11) / 12);

  const cudaTextureFilterMode P = cudaFilterModePoint, L = cudaFilterModeLinear;
  const cudaTextureAddressMode CL = cudaAddressModeClamp, BO = cudaAddressModeBorder,
                               WR = cudaAddressModeWrap, MI = cudaAddressModeMirror;
  const Cfg cfgs[] = {
      {P, CL, CL, 0, {0, 0, 0, 0}, "point clamp"},
      {L, CL, CL, 0, {0, 0, 0, 0}, "linear clamp"},
      {P, BO, BO, 0, {0.75f, 0.75f, 0.75f, 0.75f}, "point border 0.75"},
      {L, BO, BO, 0, {0, 0, 0, 0}, "linear border (default colour)"},
      {P, CL, CL, 1, {0, 0, 0, 0}, "point clamp normalized"},
      {L, CL, CL, 1, {0, 0, 0, 0}, "linear clamp normalized"},
      {L, BO, BO, 1, {-2.5f, -2.5f, -2.5f, -2.5f}, "linear border -2.5 normalized"},
      {P, WR, WR, 1, {0, 0, 0, 0}, "point wrap normalized"},
      {L, WR, WR, 1, {0, 0, 0, 0}, "linear wrap normalized"},
      {P, MI, MI, 1, {0, 0, 0, 0}, "point mirror normalized"},
      {L, MI, MI, 1, {0, 0, 0, 0}, "linear mirror normalized"},
      {L, WR, CL, 1, {0, 0, 0, 0}, "linear wrap x / clamp y normalized"},
      {L, MI, BO, 1, {0.5f, 0.5f, 0.5f, 0.5f}, "linear mirror x / border y normalized"},
      {P, BO, WR, 1, {3.0f, 3.0f, 3.0f, 3.0f}, "point border x / wrap y normalized"},
      {P, WR, MI, 0, {0, 0, 0, 0}, "point wrap/mirror unnormalized (= clamp)"},
      {L, MI, WR, 0, {0, 0, 0, 0}, "linear mirror/wrap unnormalized (= clamp)"},
  };
  const int NCFG = (int)(sizeof(cfgs) / sizeof(cfgs[0]));
  for (int c = 0; c < NCFG; ++c) {
    const Cfg &cfg = cfgs[c];
    cudaTextureObject_t tex;
    CHECK(makeTexture(arr, cfg, &tex));
    sample2D<<<grid, block>>>(tex, cfg.normalized ? dxN : dxU, cfg.normalized ? dyN : dyU, S, S, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out, dOut, S * S * sizeof(float), cudaMemcpyDeviceToHost));
    const float *xs = cfg.normalized ? hxN : hxU, *ys = cfg.normalized ? hyN : hyU;
    for (int j = 0; j < S; ++j)
      for (int i = 0; i < S; ++i) {
        double ref = ref2D(img, W, H, 1, 0, cfg, xs[i], ys[j]);
        float got = out[j * S + i];
        bool ok = cfg.filter == P ? (double)got == ref : fabs(got - ref) <= 1e-5 * fmax(1.0, fabs(ref));
        if (!ok) {
          printf("FAIL: %s: tex2D(%.9g, %.9g) = %.9g expected %.9g\n", cfg.name, xs[i], ys[j], got, ref);
          return 1;
        }
      }
    CHECK(cudaDestroyTextureObject(tex));
  }

  const Cfg cfgs4[] = {
      {L, CL, CL, 1, {0, 0, 0, 0}, "float4 linear clamp normalized"},
      {L, BO, BO, 0, {1.0f, 2.0f, -3.0f, 0.5f}, "float4 linear border (1,2,-3,0.5)"},
      {P, WR, WR, 1, {0, 0, 0, 0}, "float4 point wrap normalized"},
      {L, MI, MI, 1, {0, 0, 0, 0}, "float4 linear mirror normalized"},
  };
  for (int c = 0; c < (int)(sizeof(cfgs4) / sizeof(cfgs4[0])); ++c) {
    const Cfg &cfg = cfgs4[c];
    cudaTextureObject_t tex;
    CHECK(makeTexture(arr4, cfg, &tex));
    sample2D4<<<grid, block>>>(tex, cfg.normalized ? dx4N : dx4U, cfg.normalized ? dy4N : dy4U, S, S, dOut4);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out4, dOut4, S * S * sizeof(float4), cudaMemcpyDeviceToHost));
    const float *xs = cfg.normalized ? hx4N : hx4U, *ys = cfg.normalized ? hy4N : hy4U;
    for (int j = 0; j < S; ++j)
      for (int i = 0; i < S; ++i) {
        float got[4] = {out4[j * S + i].x, out4[j * S + i].y, out4[j * S + i].z, out4[j * S + i].w};
        for (int k = 0; k < 4; ++k) {
          double ref = ref2D(img4, W4, H4, 4, k, cfg, xs[i], ys[j]);
          bool ok = cfg.filter == P ? (double)got[k] == ref
                                    : fabs(got[k] - ref) <= 1e-5 * fmax(1.0, fabs(ref));
          if (!ok) {
            printf("FAIL: %s: tex2D(%.9g, %.9g).%c = %.9g expected %.9g\n", cfg.name, xs[i], ys[j],
                   "xyzw"[k], got[k], ref);
            return 1;
          }
        }
      }
    CHECK(cudaDestroyTextureObject(tex));
  }

  CHECK(cudaFreeArray(arr));
  CHECK(cudaFreeArray(arr4));
  CHECK(cudaFree(dCoords));
  CHECK(cudaFree(dOut));
  CHECK(cudaFree(dOut4));
  free(img); free(padded); free(back); free(img4); free(out); free(out4);
  printf("PASS\n");
  return 0;
}
