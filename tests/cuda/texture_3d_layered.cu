// 3-D, layered and 1-D CUDA arrays:
// - a 12x10x7 float cudaMalloc3DArray filled with cudaMemcpy3D from a padded
//   host buffer (make_cudaPitchedPtr with row pitch and slice height larger
//   than the copy, make_cudaExtent), sampled with tex3D: point and trilinear
//   filtering, clamp, wrap (normalized), a mixed mirror/border/clamp set;
// - cudaMemcpy3D array -> host, array -> array (whole, and a sub-box with
//   srcPos/dstPos), and host -> array with a host srcPos (x in bytes);
// - a 2-D layered array (cudaArrayLayered) sampled with tex2DLayered
//   (bilinear, normalized coordinates, layer indices -1..L clamped);
// - a 1-D layered array (extent height 0) sampled with tex1DLayered (linear,
//   border colour, unnormalized);
// - a 1-D array (cudaMallocArray with no height) filled with
//   cudaMemcpy2DToArray and sampled with tex1D (linear wrap and mirror,
//   point clamp);
// - cudaMemcpy2DArrayToArray between 2-D arrays with byte offsets.
// Host reference as in the CUDA Programming Guide's "Texture Fetching"
// appendix (weights with 8 fractional bits); coordinates are odd multiples of
// 1/1024 texel.
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

static unsigned lcgState = 31337u;
static unsigned lcg() { lcgState = lcgState * 1664525u + 1013904223u; return lcgState >> 8; }
static float randValue() { return (float)((int)(lcg() % 2001) - 1000) / 512.0f; }

__global__ void sample3D(cudaTextureObject_t t, const float *xs, const float *ys, const float *zs,
                         int nx, int ny, int nz, float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  int k = blockIdx.z * blockDim.z + threadIdx.z;
  if (i < nx && j < ny && k < nz) out[(k * ny + j) * nx + i] = tex3D<float>(t, xs[i], ys[j], zs[k]);
}

__global__ void sample2DLayered(cudaTextureObject_t t, const float *xs, const float *ys, int nx, int ny,
                                int nl, int firstLayer, float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  int l = blockIdx.z;
  if (i < nx && j < ny && l < nl)
    out[(l * ny + j) * nx + i] = tex2DLayered<float>(t, xs[i], ys[j], firstLayer + l);
}

__global__ void sample1DLayered(cudaTextureObject_t t, const float *xs, int nx, int nl, int firstLayer,
                                float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int l = blockIdx.y * blockDim.y + threadIdx.y;
  if (i < nx && l < nl) out[l * nx + i] = tex1DLayered<float>(t, xs[i], firstLayer + l);
}

__global__ void sample1D(cudaTextureObject_t t, const float *xs, int n, float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = tex1D<float>(t, xs[i]);
}

struct Cfg {
  cudaTextureFilterMode filter;
  cudaTextureAddressMode a[3];
  int normalized;
  float border;
  const char *name;
};

// ---- host reference ------------------------------------------------------

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
    double a = floor((xb - f) * 256.0 + 0.5) / 256.0;
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

// Up to three axes: n[d] texels along axis d, stride[d] elements apart.
static double refFetch(const float *data, int dims, const int *n, const int *stride, const Cfg &c,
                       const float *coord) {
  bool linear = c.filter == cudaFilterModeLinear;
  int idx[3][2] = {{0, 0}, {0, 0}, {0, 0}};
  bool b[3][2] = {{false, false}, {false, false}, {false, false}};
  double w[3][2] = {{1, 0}, {1, 0}, {1, 0}};
  for (int d = 0; d < dims; ++d) axisTaps(coord[d], n[d], c.a[d], c.normalized != 0, linear, idx[d], b[d], w[d]);
  double r = 0.0;
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 2; ++i) {
        double wt = w[0][i] * w[1][j] * w[2][k];
        if (wt == 0.0) continue;
        bool bord = b[0][i] || b[1][j] || b[2][k];
        double v = bord ? (double)c.border
                        : (double)data[idx[0][i] * stride[0] + idx[1][j] * stride[1] + idx[2][k] * stride[2]];
        r += wt * v;
      }
  return r;
}

static double gridCoord(double t) { return (2.0 * floor(t * 512.0) + 1.0) / 1024.0; }

// n coordinates from lo to hi (in units of the texture size N), as texel-space
// values (unnorm) and divided by N (norm).
static void makeCoords(int n, int N, double lo, double hi, float *unnorm, float *norm) {
  for (int s = 0; s < n; ++s) {
    double x = gridCoord((lo + (hi - lo) * s / (n - 1)) * N);
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
  for (int d = 0; d < 3; ++d) td.addressMode[d] = c.a[d];
  td.filterMode = c.filter;
  td.readMode = cudaReadModeElementType;
  td.normalizedCoords = c.normalized;
  for (int k = 0; k < 4; ++k) td.borderColor[k] = c.border;
  return cudaCreateTextureObject(t, &rd, &td, nullptr);
}

static bool matches(float got, double ref, bool exact) {
  return exact ? (double)got == ref : fabs(got - ref) <= 1e-5 * fmax(1.0, fabs(ref));
}

int main() {
  const cudaTextureFilterMode P = cudaFilterModePoint, L = cudaFilterModeLinear;
  const cudaTextureAddressMode CL = cudaAddressModeClamp, BO = cudaAddressModeBorder,
                               WR = cudaAddressModeWrap, MI = cudaAddressModeMirror;
  cudaChannelFormatDesc desc = cudaCreateChannelDesc<float>();
  float *dC;   // sample coordinates
  CHECK(cudaMalloc(&dC, 4096 * sizeof(float)));
  float *dOut;
  CHECK(cudaMalloc(&dOut, 8192 * sizeof(float)));
  float *out = (float *)malloc(8192 * sizeof(float));

  // ======== 3-D array ========
  const int W = 12, H = 10, D = 7, HP = W + 3, HS = H + 2;   // host row pitch, slice height
  float *vol = (float *)malloc(W * H * D * sizeof(float));
  for (int i = 0; i < W * H * D; ++i) vol[i] = randValue();
  float *padded = (float *)malloc(HP * HS * D * sizeof(float));
  for (int i = 0; i < HP * HS * D; ++i) padded[i] = 1.0e30f;
  for (int z = 0; z < D; ++z)
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) padded[(z * HS + y) * HP + x] = vol[(z * H + y) * W + x];
  cudaArray_t a3, b3;
  CHECK(cudaMalloc3DArray(&a3, &desc, make_cudaExtent(W, H, D)));
  CHECK(cudaMalloc3DArray(&b3, &desc, make_cudaExtent(W, H, D)));
  cudaMemcpy3DParms p;
  memset(&p, 0, sizeof(p));
  p.srcPtr = make_cudaPitchedPtr(padded, HP * sizeof(float), W, HS);
  p.dstArray = a3;
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  cudaExtent ext;
  CHECK(cudaArrayGetInfo(nullptr, &ext, nullptr, a3));
  if (ext.width != (size_t)W || ext.height != (size_t)H || ext.depth != (size_t)D) {
    printf("FAIL: 3-D array extent %zu x %zu x %zu\n", ext.width, ext.height, ext.depth);
    return 1;
  }

  // array -> host
  float *back = (float *)malloc(W * H * D * sizeof(float));
  memset(&p, 0, sizeof(p));
  p.srcArray = a3;
  p.dstPtr = make_cudaPitchedPtr(back, W * sizeof(float), W, H);
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  if (memcmp(back, vol, W * H * D * sizeof(float)) != 0) { printf("FAIL: 3-D array read back differs\n"); return 1; }

  // b3 <- -1 everywhere, then a 5x4x3 box of a3 from (2,1,1) to (6,5,3)
  float *minus = (float *)malloc(W * H * D * sizeof(float));
  for (int i = 0; i < W * H * D; ++i) minus[i] = -1.0f;
  memset(&p, 0, sizeof(p));
  p.srcPtr = make_cudaPitchedPtr(minus, W * sizeof(float), W, H);
  p.dstArray = b3;
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  memset(&p, 0, sizeof(p));
  p.srcArray = a3;
  p.srcPos = make_cudaPos(2, 1, 1);
  p.dstArray = b3;
  p.dstPos = make_cudaPos(6, 5, 3);
  p.extent = make_cudaExtent(5, 4, 3);
  p.kind = cudaMemcpyDeviceToDevice;
  CHECK(cudaMemcpy3D(&p));
  // host -> b3 at (0,0,0): a 4x3x2 box of vol from (3,2,1); srcPos.x is in bytes for a pointer
  memset(&p, 0, sizeof(p));
  p.srcPtr = make_cudaPitchedPtr(vol, W * sizeof(float), W, H);
  p.srcPos = make_cudaPos(3 * sizeof(float), 2, 1);
  p.dstArray = b3;
  p.extent = make_cudaExtent(4, 3, 2);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  memset(&p, 0, sizeof(p));
  p.srcArray = b3;
  p.dstPtr = make_cudaPitchedPtr(back, W * sizeof(float), W, H);
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  for (int z = 0; z < D; ++z)
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) {
        float e = -1.0f;
        if (x >= 6 && x < 11 && y >= 5 && y < 9 && z >= 3 && z < 6)
          e = vol[((z - 2) * H + (y - 4)) * W + (x - 4)];
        if (x < 4 && y < 3 && z < 2) e = vol[((z + 1) * H + (y + 2)) * W + (x + 3)];
        if (back[(z * H + y) * W + x] != e) {
          printf("FAIL: 3-D box copies: (%d,%d,%d) = %g expected %g\n", x, y, z, back[(z * H + y) * W + x], e);
          return 1;
        }
      }
  // whole array -> array
  memset(&p, 0, sizeof(p));
  p.srcArray = a3;
  p.dstArray = b3;
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyDeviceToDevice;
  CHECK(cudaMemcpy3D(&p));
  memset(&p, 0, sizeof(p));
  p.srcArray = b3;
  p.dstPtr = make_cudaPitchedPtr(back, W * sizeof(float), W, H);
  p.extent = make_cudaExtent(W, H, D);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  if (memcmp(back, vol, W * H * D * sizeof(float)) != 0) { printf("FAIL: 3-D array-to-array copy differs\n"); return 1; }

  // tex3D
  const int SX = 20, SY = 16, SZ = 12;
  float xU[SX], xN[SX], yU[SY], yN[SY], zU[SZ], zN[SZ];
  makeCoords(SX, W, -0.75, 1.75, xU, xN);
  makeCoords(SY, H, -0.75, 1.75, yU, yN);
  makeCoords(SZ, D, -0.75, 1.75, zU, zN);
  float *hc = (float *)malloc(4096 * sizeof(float));
  memcpy(hc, xU, sizeof(xU)); memcpy(hc + 32, xN, sizeof(xN));
  memcpy(hc + 64, yU, sizeof(yU)); memcpy(hc + 96, yN, sizeof(yN));
  memcpy(hc + 128, zU, sizeof(zU)); memcpy(hc + 160, zN, sizeof(zN));
  CHECK(cudaMemcpy(dC, hc, 192 * sizeof(float), cudaMemcpyHostToDevice));
  const Cfg cfg3[] = {
      {P, {CL, CL, CL}, 0, 0.0f, "tex3D point clamp"},
      {L, {CL, CL, CL}, 0, 0.0f, "tex3D linear clamp"},
      {P, {WR, WR, WR}, 1, 0.0f, "tex3D point wrap normalized"},
      {L, {WR, WR, WR}, 1, 0.0f, "tex3D linear wrap normalized"},
      {L, {MI, BO, CL}, 1, 1.5f, "tex3D linear mirror/border/clamp normalized"},
  };
  const int n3[3] = {W, H, D}, s3[3] = {1, W, W * H};
  for (int c = 0; c < (int)(sizeof(cfg3) / sizeof(cfg3[0])); ++c) {
    const Cfg &cfg = cfg3[c];
    cudaTextureObject_t tex;
    CHECK(makeTexture(a3, cfg, &tex));
    int o = cfg.normalized ? 32 : 0;
    dim3 block(8, 8, 4), grid((SX + 7) / 8, (SY + 7) / 8, (SZ + 3) / 4);
    sample3D<<<grid, block>>>(tex, dC + o, dC + 64 + o, dC + 128 + o, SX, SY, SZ, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out, dOut, SX * SY * SZ * sizeof(float), cudaMemcpyDeviceToHost));
    for (int k = 0; k < SZ; ++k)
      for (int j = 0; j < SY; ++j)
        for (int i = 0; i < SX; ++i) {
          float crd[3] = {hc[o + i], hc[64 + o + j], hc[128 + o + k]};
          double ref = refFetch(vol, 3, n3, s3, cfg, crd);
          float got = out[(k * SY + j) * SX + i];
          if (!matches(got, ref, cfg.filter == P)) {
            printf("FAIL: %s (%.9g,%.9g,%.9g) = %.9g expected %.9g\n", cfg.name, crd[0], crd[1], crd[2], got, ref);
            return 1;
          }
        }
    CHECK(cudaDestroyTextureObject(tex));
  }

  // ======== 2-D layered array ========
  const int LW = 16, LH = 9, NL = 5;
  float *lay = (float *)malloc(LW * LH * NL * sizeof(float));
  for (int i = 0; i < LW * LH * NL; ++i) lay[i] = randValue();
  cudaArray_t al;
  CHECK(cudaMalloc3DArray(&al, &desc, make_cudaExtent(LW, LH, NL), cudaArrayLayered));
  unsigned int flags = 0;
  CHECK(cudaArrayGetInfo(nullptr, &ext, &flags, al));
  if (!(flags & cudaArrayLayered) || ext.width != (size_t)LW || ext.height != (size_t)LH || ext.depth != (size_t)NL) {
    printf("FAIL: layered array info: flags %u extent %zu x %zu x %zu\n", flags, ext.width, ext.height, ext.depth);
    return 1;
  }
  memset(&p, 0, sizeof(p));
  p.srcPtr = make_cudaPitchedPtr(lay, LW * sizeof(float), LW, LH);
  p.dstArray = al;
  p.extent = make_cudaExtent(LW, LH, NL);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  const int LSX = 24, LSY = 16, LFIRST = -1, LCOUNT = NL + 2;   // layers -1 .. NL
  float lxU[LSX], lxN[LSX], lyU[LSY], lyN[LSY];
  makeCoords(LSX, LW, -0.5, 1.5, lxU, lxN);
  makeCoords(LSY, LH, -0.5, 1.5, lyU, lyN);
  CHECK(cudaMemcpy(dC, lxN, sizeof(lxN), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dC + 32, lyN, sizeof(lyN), cudaMemcpyHostToDevice));
  {
    const Cfg cfg = {L, {CL, CL, CL}, 1, 0.0f, "tex2DLayered linear clamp normalized"};
    cudaTextureObject_t tex;
    CHECK(makeTexture(al, cfg, &tex));
    dim3 block(8, 16), grid((LSX + 7) / 8, (LSY + 15) / 16, LCOUNT);
    sample2DLayered<<<grid, block>>>(tex, dC, dC + 32, LSX, LSY, LCOUNT, LFIRST, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out, dOut, LSX * LSY * LCOUNT * sizeof(float), cudaMemcpyDeviceToHost));
    const int n2[2] = {LW, LH}, s2[2] = {1, LW};
    for (int l = 0; l < LCOUNT; ++l) {
      int layer = LFIRST + l;
      layer = layer < 0 ? 0 : (layer > NL - 1 ? NL - 1 : layer);
      const float *plane = lay + layer * LW * LH;
      for (int j = 0; j < LSY; ++j)
        for (int i = 0; i < LSX; ++i) {
          float crd[2] = {lxN[i], lyN[j]};
          int nn[3] = {n2[0], n2[1], 1}, ss[3] = {s2[0], s2[1], 0};
          double ref = refFetch(plane, 2, nn, ss, cfg, crd);
          float got = out[(l * LSY + j) * LSX + i];
          if (!matches(got, ref, false)) {
            printf("FAIL: %s (%.9g,%.9g) layer %d = %.9g expected %.9g\n", cfg.name, crd[0], crd[1],
                   LFIRST + l, got, ref);
            return 1;
          }
        }
    }
    CHECK(cudaDestroyTextureObject(tex));
  }

  // ======== 1-D layered array ========
  const int OW = 33, OL = 4;
  float *lay1 = (float *)malloc(OW * OL * sizeof(float));
  for (int i = 0; i < OW * OL; ++i) lay1[i] = randValue();
  cudaArray_t al1;
  CHECK(cudaMalloc3DArray(&al1, &desc, make_cudaExtent(OW, 0, OL), cudaArrayLayered));
  memset(&p, 0, sizeof(p));
  p.srcPtr = make_cudaPitchedPtr(lay1, OW * sizeof(float), OW, 1);
  p.dstArray = al1;
  p.extent = make_cudaExtent(OW, 1, OL);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  const int OSX = 80, OFIRST = -1, OCOUNT = OL + 2;
  float oxU[OSX], oxN[OSX];
  makeCoords(OSX, OW, -0.1, 1.1, oxU, oxN);
  CHECK(cudaMemcpy(dC, oxU, sizeof(oxU), cudaMemcpyHostToDevice));
  {
    const Cfg cfg = {L, {BO, CL, CL}, 0, 0.25f, "tex1DLayered linear border 0.25"};
    cudaTextureObject_t tex;
    CHECK(makeTexture(al1, cfg, &tex));
    dim3 block(32, 3), grid((OSX + 31) / 32, (OCOUNT + 2) / 3);
    sample1DLayered<<<grid, block>>>(tex, dC, OSX, OCOUNT, OFIRST, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out, dOut, OSX * OCOUNT * sizeof(float), cudaMemcpyDeviceToHost));
    for (int l = 0; l < OCOUNT; ++l) {
      int layer = OFIRST + l;
      layer = layer < 0 ? 0 : (layer > OL - 1 ? OL - 1 : layer);
      for (int i = 0; i < OSX; ++i) {
        int nn[3] = {OW, 1, 1}, ss[3] = {1, 0, 0};
        double ref = refFetch(lay1 + layer * OW, 1, nn, ss, cfg, &oxU[i]);
        float got = out[l * OSX + i];
        if (!matches(got, ref, false)) {
          printf("FAIL: %s (%.9g) layer %d = %.9g expected %.9g\n", cfg.name, oxU[i], OFIRST + l, got, ref);
          return 1;
        }
      }
    }
    CHECK(cudaDestroyTextureObject(tex));
  }

  // ======== 1-D array ========
  const int N1 = 50, S1 = 256;
  float h1[N1];
  for (int i = 0; i < N1; ++i) h1[i] = randValue();
  cudaArray_t a1;
  CHECK(cudaMallocArray(&a1, &desc, N1));
  CHECK(cudaMemcpy2DToArray(a1, 0, 0, h1, N1 * sizeof(float), N1 * sizeof(float), 1, cudaMemcpyHostToDevice));
  CHECK(cudaArrayGetInfo(nullptr, &ext, nullptr, a1));
  if (ext.width != (size_t)N1 || ext.height != 0 || ext.depth != 0) {
    printf("FAIL: 1-D array extent %zu x %zu x %zu\n", ext.width, ext.height, ext.depth);
    return 1;
  }
  float x1U[S1], x1N[S1];
  makeCoords(S1, N1, -1.5, 2.5, x1U, x1N);
  CHECK(cudaMemcpy(dC, x1U, sizeof(x1U), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dC + S1, x1N, sizeof(x1N), cudaMemcpyHostToDevice));
  const Cfg cfg1[] = {
      {L, {WR, CL, CL}, 1, 0.0f, "tex1D linear wrap normalized"},
      {L, {MI, CL, CL}, 1, 0.0f, "tex1D linear mirror normalized"},
      {P, {CL, CL, CL}, 0, 0.0f, "tex1D point clamp"},
      {L, {CL, CL, CL}, 0, 0.0f, "tex1D linear clamp"},
  };
  for (int c = 0; c < (int)(sizeof(cfg1) / sizeof(cfg1[0])); ++c) {
    const Cfg &cfg = cfg1[c];
    cudaTextureObject_t tex;
    CHECK(makeTexture(a1, cfg, &tex));
    const float *xs = cfg.normalized ? x1N : x1U;
    sample1D<<<(S1 + 63) / 64, 64>>>(tex, dC + (cfg.normalized ? S1 : 0), S1, dOut);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out, dOut, S1 * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < S1; ++i) {
      int nn[3] = {N1, 1, 1}, ss[3] = {1, 0, 0};
      double ref = refFetch(h1, 1, nn, ss, cfg, &xs[i]);
      if (!matches(out[i], ref, cfg.filter == P)) {
        printf("FAIL: %s (%.9g) = %.9g expected %.9g\n", cfg.name, xs[i], out[i], ref);
        return 1;
      }
    }
    CHECK(cudaDestroyTextureObject(tex));
  }

  // ======== cudaMemcpy2DArrayToArray ========
  const int CW = 20, CH = 12;
  float *hsrc = (float *)malloc(CW * CH * sizeof(float)), *hdst = (float *)malloc(CW * CH * sizeof(float));
  for (int i = 0; i < CW * CH; ++i) { hsrc[i] = randValue(); hdst[i] = 100.0f + i; }
  cudaArray_t c2, d2;
  CHECK(cudaMallocArray(&c2, &desc, CW, CH));
  CHECK(cudaMallocArray(&d2, &desc, CW, CH));
  CHECK(cudaMemcpy2DToArray(c2, 0, 0, hsrc, CW * sizeof(float), CW * sizeof(float), CH, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy2DToArray(d2, 0, 0, hdst, CW * sizeof(float), CW * sizeof(float), CH, cudaMemcpyHostToDevice));
  // 10 x 6 block from (2,1) of c2 to (4,3) of d2; offsets and width in bytes
  CHECK(cudaMemcpy2DArrayToArray(d2, 4 * sizeof(float), 3, c2, 2 * sizeof(float), 1, 10 * sizeof(float), 6,
                                 cudaMemcpyDeviceToDevice));
  float *r2 = (float *)malloc(CW * CH * sizeof(float));
  CHECK(cudaMemcpy2DFromArray(r2, CW * sizeof(float), d2, 0, 0, CW * sizeof(float), CH, cudaMemcpyDeviceToHost));
  for (int y = 0; y < CH; ++y)
    for (int x = 0; x < CW; ++x) {
      float e = hdst[y * CW + x];
      if (x >= 4 && x < 14 && y >= 3 && y < 9) e = hsrc[(y - 2) * CW + (x - 2)];
      if (r2[y * CW + x] != e) {
        printf("FAIL: cudaMemcpy2DArrayToArray (%d,%d) = %g expected %g\n", x, y, r2[y * CW + x], e);
        return 1;
      }
    }

  CHECK(cudaFreeArray(a3)); CHECK(cudaFreeArray(b3)); CHECK(cudaFreeArray(al)); CHECK(cudaFreeArray(al1));
  CHECK(cudaFreeArray(a1)); CHECK(cudaFreeArray(c2)); CHECK(cudaFreeArray(d2));
  CHECK(cudaFree(dC)); CHECK(cudaFree(dOut));
  free(out); free(vol); free(padded); free(back); free(minus); free(hc); free(lay); free(lay1);
  free(hsrc); free(hdst); free(r2);
  printf("PASS\n");
  return 0;
}
