// Surface objects over CUDA arrays made with cudaArraySurfaceLoadStore
// (cudaCreateSurfaceObject / cudaDestroySurfaceObject); x coordinates are in
// bytes:
// - 2-D float, uchar4 and int2 arrays written with surf2Dwrite, updated in
//   place with surf2Dread + surf2Dwrite, copied back with
//   cudaMemcpy2DFromArray;
// - boundary modes: cudaBoundaryModeZero reads outside the array return 0 and
//   writes there are ignored (also just past the end of a row);
//   cudaBoundaryModeClamp reads and writes go to the nearest edge element;
// - surf1Dread/surf1Dwrite on a 1-D int array, surf3Dread/surf3Dwrite on a
//   3-D float2 array, surf2DLayeredread/surf2DLayeredwrite on a layered
//   unsigned short array, copied back with cudaMemcpy2DFromArray / cudaMemcpy3D;
// - a surface and a texture object over the same array: one kernel writes
//   with surf2Dwrite, the next reads with tex2D (point and linear).
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

// ---- values written by the kernels (and recomputed on the host) ----
__host__ __device__ float fval(int x, int y) { return x * 0.5f + y * 100.0f + 0.25f; }
__host__ __device__ uchar4 uval(int x, int y) {
  return make_uchar4((unsigned char)x, (unsigned char)y, (unsigned char)(x + y), (unsigned char)(255 - x));
}
__host__ __device__ int2 ival(int x, int y) { return make_int2(x * 1000 + y, -(x + y * 7)); }

__global__ void fill2D(cudaSurfaceObject_t sF, cudaSurfaceObject_t sU, cudaSurfaceObject_t sI, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  surf2Dwrite(fval(x, y), sF, x * (int)sizeof(float), y);
  surf2Dwrite(uval(x, y), sU, x * (int)sizeof(uchar4), y);
  surf2Dwrite(ival(x, y), sI, x * (int)sizeof(int2), y);
}

__global__ void update2D(cudaSurfaceObject_t sF, cudaSurfaceObject_t sU, cudaSurfaceObject_t sI, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  float f = surf2Dread<float>(sF, x * 4, y);
  surf2Dwrite(f * 2.0f + 1.0f, sF, x * 4, y);
  uchar4 u;
  surf2Dread(&u, sU, x * 4, y);
  surf2Dwrite(make_uchar4(u.x + 1, u.y + 1, u.z + 1, u.w + 1), sU, x * 4, y);
  int2 i = surf2Dread<int2>(sI, x * 8, y);
  surf2Dwrite(make_int2(i.x + 1, i.y * 2), sI, x * 8, y);
}

// Element coordinates of the out-of-range accesses on the 40 x 21 arrays of
// main(); x is scaled to bytes. {40, 0} is just past the end of row 0.
struct Probe { int x, y; };
constexpr int N_ZERO_PROBES = 6;
constexpr int N_CLAMP_PROBES = 5;
__constant__ Probe zeroProbes[N_ZERO_PROBES] = {{40, 0}, {-1, 1}, {0, 21}, {3, -1}, {140, 30}, {-7, -2}};
__constant__ Probe clampProbes[N_CLAMP_PROBES] = {{-2, 2}, {43, 4}, {5, -3}, {6, 23}, {-1, -1}};

__global__ void boundaryWrites(cudaSurfaceObject_t sF, cudaSurfaceObject_t sU, cudaSurfaceObject_t sI) {
  for (int k = 0; k < N_ZERO_PROBES; ++k) {
    Probe p = zeroProbes[k];
    surf2Dwrite(1.0e9f, sF, p.x * 4, p.y, cudaBoundaryModeZero);
    surf2Dwrite(make_uchar4(7, 7, 7, 7), sU, p.x * 4, p.y, cudaBoundaryModeZero);
    surf2Dwrite(make_int2(-5, -5), sI, p.x * 8, p.y, cudaBoundaryModeZero);
  }
  for (int k = 0; k < N_CLAMP_PROBES; ++k) {
    Probe p = clampProbes[k];
    surf2Dwrite(-1000.0f - k, sF, p.x * 4, p.y, cudaBoundaryModeClamp);
    surf2Dwrite(make_uchar4(200 + k, 201 + k, 202 + k, 203 + k), sU, p.x * 4, p.y, cudaBoundaryModeClamp);
    surf2Dwrite(make_int2(-77 - k, 88 + k), sI, p.x * 8, p.y, cudaBoundaryModeClamp);
  }
}

__global__ void boundaryReads(cudaSurfaceObject_t sF, cudaSurfaceObject_t sU, cudaSurfaceObject_t sI,
                              float *oF, uchar4 *oU, int2 *oI) {
  int k = threadIdx.x;
  if (k < N_ZERO_PROBES) {
    Probe p = zeroProbes[k];
    oF[k] = surf2Dread<float>(sF, p.x * 4, p.y, cudaBoundaryModeZero);
    oU[k] = surf2Dread<uchar4>(sU, p.x * 4, p.y, cudaBoundaryModeZero);
    oI[k] = surf2Dread<int2>(sI, p.x * 8, p.y, cudaBoundaryModeZero);
  } else if (k < N_ZERO_PROBES + N_CLAMP_PROBES) {
    Probe p = clampProbes[k - N_ZERO_PROBES];
    // read one element further out than the write went
    int dx = p.x < 0 ? -3 : 0, dy = p.y < 0 ? -5 : 0;
    oF[k] = surf2Dread<float>(sF, (p.x + dx) * 4, p.y + dy, cudaBoundaryModeClamp);
    surf2Dread(&oU[k], sU, (p.x + dx) * 4, p.y + dy, cudaBoundaryModeClamp);
    oI[k] = surf2Dread<int2>(sI, (p.x + dx) * 8, p.y + dy, cudaBoundaryModeClamp);
  }
}

__global__ void surf1D(cudaSurfaceObject_t s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) surf1Dwrite(i * 3 - 7, s, i * 4);
}
__global__ void surf1DUpdate(cudaSurfaceObject_t s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) surf1Dwrite(surf1Dread<int>(s, i * 4) * 5, s, i * 4);
}

__global__ void surf3D(cudaSurfaceObject_t s, int w, int h, int d) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  if (x < w && y < h && z < d) surf3Dwrite(make_float2(x + 0.5f * y, -(float)z), s, x * 8, y, z);
}
__global__ void surf3DRead(cudaSurfaceObject_t s, int w, int h, int d, float2 *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  if (x < w && y < h && z < d) out[(z * h + y) * w + x] = surf3Dread<float2>(s, x * 8, y, z);
}

__global__ void surfLayered(cudaSurfaceObject_t s, int w, int h, int layers) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int l = blockIdx.z;
  if (x < w && y < h && l < layers)
    surf2DLayeredwrite((unsigned short)(l * 10000 + y * 100 + x), s, x * 2, y, l);
}
__global__ void surfLayeredRead(cudaSurfaceObject_t s, int w, int h, int layers, unsigned short *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int l = blockIdx.z;
  if (x < w && y < h && l < layers)
    out[(l * h + y) * w + x] = (unsigned short)(surf2DLayeredread<unsigned short>(s, x * 2, y, l) + 1);
}

__global__ void writeViaSurface(cudaSurfaceObject_t s, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) surf2Dwrite((float)(x * x) - 3.0f * y, s, x * 4, y);
}
__global__ void readViaTexture(cudaTextureObject_t tp, cudaTextureObject_t tl, int w, int h, float *point,
                               float *lin) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) {
    point[y * w + x] = tex2D<float>(tp, x + 0.5f, y + 0.5f);
    lin[y * w + x] = tex2D<float>(tl, x + 1.0f, y + 0.5f);   // halfway between x and x + 1
  }
}

static cudaError_t makeSurface(cudaArray_t a, cudaSurfaceObject_t *s) {
  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeArray;
  rd.res.array.array = a;
  return cudaCreateSurfaceObject(s, &rd);
}

int main() {
  // ======== 2-D float / uchar4 / int2 ========
  const int W = 40, H = 21;
  cudaChannelFormatDesc dF = cudaCreateChannelDesc<float>(), dU = cudaCreateChannelDesc<uchar4>(),
                        dI = cudaCreateChannelDesc<int2>();
  cudaArray_t aF, aU, aI;
  CHECK(cudaMallocArray(&aF, &dF, W, H, cudaArraySurfaceLoadStore));
  CHECK(cudaMallocArray(&aU, &dU, W, H, cudaArraySurfaceLoadStore));
  CHECK(cudaMallocArray(&aI, &dI, W, H, cudaArraySurfaceLoadStore));
  unsigned int flags = 0;
  CHECK(cudaArrayGetInfo(nullptr, nullptr, &flags, aF));
  if (!(flags & cudaArraySurfaceLoadStore)) { printf("FAIL: array flags %u lack cudaArraySurfaceLoadStore\n", flags); return 1; }
  cudaSurfaceObject_t sF, sU, sI;
  CHECK(makeSurface(aF, &sF));
  CHECK(makeSurface(aU, &sU));
  CHECK(makeSurface(aI, &sI));
  cudaResourceDesc rdBack;
  memset(&rdBack, 0, sizeof(rdBack));
  CHECK(cudaGetSurfaceObjectResourceDesc(&rdBack, sU));
  if (rdBack.resType != cudaResourceTypeArray || rdBack.res.array.array != aU) {
    printf("FAIL: cudaGetSurfaceObjectResourceDesc\n");
    return 1;
  }

  dim3 block(16, 8), grid((W + 15) / 16, (H + 7) / 8);
  fill2D<<<grid, block>>>(sF, sU, sI, W, H);
  CHECK(cudaGetLastError());
  float *hF = (float *)malloc(W * H * sizeof(float));
  uchar4 *hU = (uchar4 *)malloc(W * H * sizeof(uchar4));
  int2 *hI = (int2 *)malloc(W * H * sizeof(int2));
  float *eF = (float *)malloc(W * H * sizeof(float));
  uchar4 *eU = (uchar4 *)malloc(W * H * sizeof(uchar4));
  int2 *eI = (int2 *)malloc(W * H * sizeof(int2));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) { eF[y * W + x] = fval(x, y); eU[y * W + x] = uval(x, y); eI[y * W + x] = ival(x, y); }

  // checks the three arrays against eF / eU / eI
#define COMPARE_2D(what)                                                                              \
  do {                                                                                                \
    CHECK(cudaMemcpy2DFromArray(hF, W * sizeof(float), aF, 0, 0, W * sizeof(float), H, cudaMemcpyDeviceToHost)); \
    CHECK(cudaMemcpy2DFromArray(hU, W * sizeof(uchar4), aU, 0, 0, W * sizeof(uchar4), H, cudaMemcpyDeviceToHost)); \
    CHECK(cudaMemcpy2DFromArray(hI, W * sizeof(int2), aI, 0, 0, W * sizeof(int2), H, cudaMemcpyDeviceToHost)); \
    for (int i = 0; i < W * H; ++i) {                                                                 \
      if (hF[i] != eF[i]) { printf("FAIL: %s: float (%d,%d) = %g expected %g\n", what, i % W, i / W, hF[i], eF[i]); return 1; } \
      if (memcmp(&hU[i], &eU[i], sizeof(uchar4)) != 0) { printf("FAIL: %s: uchar4 (%d,%d)\n", what, i % W, i / W); return 1; } \
      if (hI[i].x != eI[i].x || hI[i].y != eI[i].y) { printf("FAIL: %s: int2 (%d,%d) = (%d,%d) expected (%d,%d)\n", what, i % W, i / W, hI[i].x, hI[i].y, eI[i].x, eI[i].y); return 1; } \
    }                                                                                                 \
  } while (0)

  COMPARE_2D("surf2Dwrite");
  update2D<<<grid, block>>>(sF, sU, sI, W, H);
  CHECK(cudaGetLastError());
  for (int i = 0; i < W * H; ++i) {
    eF[i] = eF[i] * 2.0f + 1.0f;
    eU[i] = make_uchar4(eU[i].x + 1, eU[i].y + 1, eU[i].z + 1, eU[i].w + 1);
    eI[i] = make_int2(eI[i].x + 1, eI[i].y * 2);
  }
  COMPARE_2D("surf2Dread + surf2Dwrite");

  // boundary modes
  boundaryWrites<<<1, 1>>>(sF, sU, sI);
  CHECK(cudaGetLastError());
  const Probe clampHost[N_CLAMP_PROBES] = {{-2, 2}, {43, 4}, {5, -3}, {6, 23}, {-1, -1}};
  for (int k = 0; k < N_CLAMP_PROBES; ++k) {
    int x = clampHost[k].x < 0 ? 0 : (clampHost[k].x > W - 1 ? W - 1 : clampHost[k].x);
    int y = clampHost[k].y < 0 ? 0 : (clampHost[k].y > H - 1 ? H - 1 : clampHost[k].y);
    eF[y * W + x] = -1000.0f - k;
    eU[y * W + x] = make_uchar4(200 + k, 201 + k, 202 + k, 203 + k);
    eI[y * W + x] = make_int2(-77 - k, 88 + k);
  }
  COMPARE_2D("boundary-mode writes (zero: ignored, clamp: edge element)");
  float *doF; uchar4 *doU; int2 *doI;
  CHECK(cudaMalloc(&doF, 16 * sizeof(float)));
  CHECK(cudaMalloc(&doU, 16 * sizeof(uchar4)));
  CHECK(cudaMalloc(&doI, 16 * sizeof(int2)));
  boundaryReads<<<1, 16>>>(sF, sU, sI, doF, doU, doI);
  CHECK(cudaGetLastError());
  // Only the probes' threads wrote their results: copy those back.
  const int Probes = N_ZERO_PROBES + N_CLAMP_PROBES;
  float oF[16]; uchar4 oU[16]; int2 oI[16];
  CHECK(cudaMemcpy(oF, doF, Probes * sizeof(*oF), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(oU, doU, Probes * sizeof(*oU), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(oI, doI, Probes * sizeof(*oI), cudaMemcpyDeviceToHost));
  for (int k = 0; k < N_ZERO_PROBES; ++k)
    if (oF[k] != 0.0f || oU[k].x || oU[k].y || oU[k].z || oU[k].w || oI[k].x || oI[k].y) {
      printf("FAIL: cudaBoundaryModeZero read %d not zero (%g)\n", k, oF[k]);
      return 1;
    }
  for (int k = 0; k < N_CLAMP_PROBES; ++k) {
    int x = clampHost[k].x < 0 ? 0 : (clampHost[k].x > W - 1 ? W - 1 : clampHost[k].x);
    int y = clampHost[k].y < 0 ? 0 : (clampHost[k].y > H - 1 ? H - 1 : clampHost[k].y);
    int j = N_ZERO_PROBES + k, e = y * W + x;
    if (oF[j] != eF[e] || memcmp(&oU[j], &eU[e], sizeof(uchar4)) != 0 || oI[j].x != eI[e].x || oI[j].y != eI[e].y) {
      printf("FAIL: cudaBoundaryModeClamp read %d: %g expected %g (element %d,%d)\n", k, oF[j], eF[e], x, y);
      return 1;
    }
  }

  // ======== 1-D int ========
  const int N1 = 100;
  cudaChannelFormatDesc dInt = cudaCreateChannelDesc<int>();
  cudaArray_t a1;
  CHECK(cudaMallocArray(&a1, &dInt, N1, 0, cudaArraySurfaceLoadStore));
  cudaSurfaceObject_t s1;
  CHECK(makeSurface(a1, &s1));
  surf1D<<<(N1 + 47) / 48, 48>>>(s1, N1);
  CHECK(cudaGetLastError());
  surf1DUpdate<<<(N1 + 47) / 48, 48>>>(s1, N1);
  CHECK(cudaGetLastError());
  int h1[N1];
  CHECK(cudaMemcpy2DFromArray(h1, N1 * sizeof(int), a1, 0, 0, N1 * sizeof(int), 1, cudaMemcpyDeviceToHost));
  for (int i = 0; i < N1; ++i)
    if (h1[i] != (i * 3 - 7) * 5) { printf("FAIL: surf1D element %d = %d expected %d\n", i, h1[i], (i * 3 - 7) * 5); return 1; }

  // ======== 3-D float2 ========
  const int W3 = 9, H3 = 7, D3 = 5;
  cudaChannelFormatDesc dF2 = cudaCreateChannelDesc<float2>();
  cudaArray_t a3;
  CHECK(cudaMalloc3DArray(&a3, &dF2, make_cudaExtent(W3, H3, D3), cudaArraySurfaceLoadStore));
  cudaSurfaceObject_t s3;
  CHECK(makeSurface(a3, &s3));
  dim3 block3(4, 4, 4), grid3((W3 + 3) / 4, (H3 + 3) / 4, (D3 + 3) / 4);
  surf3D<<<grid3, block3>>>(s3, W3, H3, D3);
  CHECK(cudaGetLastError());
  float2 *h3 = (float2 *)malloc(W3 * H3 * D3 * sizeof(float2));
  cudaMemcpy3DParms p;
  memset(&p, 0, sizeof(p));
  p.srcArray = a3;
  p.dstPtr = make_cudaPitchedPtr(h3, W3 * sizeof(float2), W3, H3);
  p.extent = make_cudaExtent(W3, H3, D3);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  float2 *d3out;
  CHECK(cudaMalloc(&d3out, W3 * H3 * D3 * sizeof(float2)));
  surf3DRead<<<grid3, block3>>>(s3, W3, H3, D3, d3out);
  CHECK(cudaGetLastError());
  float2 *h3r = (float2 *)malloc(W3 * H3 * D3 * sizeof(float2));
  CHECK(cudaMemcpy(h3r, d3out, W3 * H3 * D3 * sizeof(float2), cudaMemcpyDeviceToHost));
  for (int z = 0; z < D3; ++z)
    for (int y = 0; y < H3; ++y)
      for (int x = 0; x < W3; ++x) {
        int i = (z * H3 + y) * W3 + x;
        float ex = x + 0.5f * y, ey = -(float)z;
        if (h3[i].x != ex || h3[i].y != ey || h3r[i].x != ex || h3r[i].y != ey) {
          printf("FAIL: surf3D (%d,%d,%d) = (%g,%g) / read (%g,%g) expected (%g,%g)\n", x, y, z, h3[i].x,
                 h3[i].y, h3r[i].x, h3r[i].y, ex, ey);
          return 1;
        }
      }

  // ======== 2-D layered unsigned short ========
  const int WL = 10, HL = 6, NL = 3;
  cudaChannelFormatDesc dUs = cudaCreateChannelDesc<unsigned short>();
  cudaArray_t aL;
  CHECK(cudaMalloc3DArray(&aL, &dUs, make_cudaExtent(WL, HL, NL), cudaArrayLayered | cudaArraySurfaceLoadStore));
  cudaSurfaceObject_t sL;
  CHECK(makeSurface(aL, &sL));
  dim3 blockL(8, 4), gridL((WL + 7) / 8, (HL + 3) / 4, NL);
  surfLayered<<<gridL, blockL>>>(sL, WL, HL, NL);
  CHECK(cudaGetLastError());
  unsigned short hL[NL * HL * WL], hLr[NL * HL * WL];
  memset(&p, 0, sizeof(p));
  p.srcArray = aL;
  p.dstPtr = make_cudaPitchedPtr(hL, WL * sizeof(unsigned short), WL, HL);
  p.extent = make_cudaExtent(WL, HL, NL);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  unsigned short *dLout;
  CHECK(cudaMalloc(&dLout, sizeof(hLr)));
  surfLayeredRead<<<gridL, blockL>>>(sL, WL, HL, NL, dLout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(hLr, dLout, sizeof(hLr), cudaMemcpyDeviceToHost));
  for (int l = 0; l < NL; ++l)
    for (int y = 0; y < HL; ++y)
      for (int x = 0; x < WL; ++x) {
        int i = (l * HL + y) * WL + x;
        unsigned short e = (unsigned short)(l * 10000 + y * 100 + x);
        if (hL[i] != e || hLr[i] != (unsigned short)(e + 1)) {
          printf("FAIL: surf2DLayered (%d,%d) layer %d = %u / read %u expected %u\n", x, y, l, hL[i], hLr[i], e);
          return 1;
        }
      }

  // ======== surface write, texture read ========
  const int WT = 33, HT = 17;
  cudaArray_t aT;
  CHECK(cudaMallocArray(&aT, &dF, WT, HT, cudaArraySurfaceLoadStore));
  cudaSurfaceObject_t sT;
  CHECK(makeSurface(aT, &sT));
  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeArray;
  rd.res.array.array = aT;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModePoint;
  td.readMode = cudaReadModeElementType;
  cudaTextureObject_t tPoint, tLinear;
  CHECK(cudaCreateTextureObject(&tPoint, &rd, &td, nullptr));
  td.filterMode = cudaFilterModeLinear;
  CHECK(cudaCreateTextureObject(&tLinear, &rd, &td, nullptr));
  dim3 blockT(16, 16), gridT((WT + 15) / 16, (HT + 15) / 16);
  writeViaSurface<<<gridT, blockT>>>(sT, WT, HT);
  CHECK(cudaGetLastError());
  float *dPoint, *dLin;
  CHECK(cudaMalloc(&dPoint, WT * HT * sizeof(float)));
  CHECK(cudaMalloc(&dLin, WT * HT * sizeof(float)));
  readViaTexture<<<gridT, blockT>>>(tPoint, tLinear, WT, HT, dPoint, dLin);
  CHECK(cudaGetLastError());
  float *hP = (float *)malloc(WT * HT * sizeof(float)), *hLin = (float *)malloc(WT * HT * sizeof(float));
  CHECK(cudaMemcpy(hP, dPoint, WT * HT * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hLin, dLin, WT * HT * sizeof(float), cudaMemcpyDeviceToHost));
  for (int y = 0; y < HT; ++y)
    for (int x = 0; x < WT; ++x) {
      float v0 = (float)(x * x) - 3.0f * y;
      int x1 = x + 1 < WT ? x + 1 : WT - 1;   // clamp
      float v1 = (float)(x1 * x1) - 3.0f * y;
      double el = 0.5 * v0 + 0.5 * v1;
      if (hP[y * WT + x] != v0) { printf("FAIL: tex2D point after surf2Dwrite (%d,%d) = %g expected %g\n", x, y, hP[y * WT + x], v0); return 1; }
      if (fabs(hLin[y * WT + x] - el) > 1e-5 * fmax(1.0, fabs(el))) {
        printf("FAIL: tex2D linear after surf2Dwrite (%d,%d) = %g expected %g\n", x, y, hLin[y * WT + x], el);
        return 1;
      }
    }

  CHECK(cudaDestroyTextureObject(tPoint));
  CHECK(cudaDestroyTextureObject(tLinear));
  CHECK(cudaDestroySurfaceObject(sF)); CHECK(cudaDestroySurfaceObject(sU)); CHECK(cudaDestroySurfaceObject(sI));
  CHECK(cudaDestroySurfaceObject(s1)); CHECK(cudaDestroySurfaceObject(s3)); CHECK(cudaDestroySurfaceObject(sL));
  CHECK(cudaDestroySurfaceObject(sT));
  CHECK(cudaFreeArray(aF)); CHECK(cudaFreeArray(aU)); CHECK(cudaFreeArray(aI)); CHECK(cudaFreeArray(a1));
  CHECK(cudaFreeArray(a3)); CHECK(cudaFreeArray(aL)); CHECK(cudaFreeArray(aT));
  CHECK(cudaFree(doF)); CHECK(cudaFree(doU)); CHECK(cudaFree(doI)); CHECK(cudaFree(d3out));
  CHECK(cudaFree(dLout)); CHECK(cudaFree(dPoint)); CHECK(cudaFree(dLin));
  free(hF); free(hU); free(hI); free(eF); free(eU); free(eI); free(h3); free(h3r); free(hP); free(hLin);
  printf("PASS\n");
  return 0;
}
