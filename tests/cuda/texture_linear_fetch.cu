// Texture objects over linear device memory (cudaResourceTypeLinear), read
// with tex1Dfetch: <float>, <int>, <uchar4> and <float2> element types;
// <float4> of uchar4 data and <float> of signed short data read as
// normalized floats (v / 255, max(v / 32767, -1)); the pointer-out overload
// tex1Dfetch(&v, tex, i); a texture over an aligned window in the middle of a
// larger buffer; indices outside [0, N) (-1, N, N + 5, far out) return zero.
// The descriptors are read back with cudaGetTextureObjectResourceDesc /
// cudaGetTextureObjectTextureDesc, and every object is destroyed.
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

static unsigned lcgState = 20240611u;
static unsigned lcg() { lcgState = lcgState * 1664525u + 1013904223u; return lcgState >> 8; }

struct Textures {
  cudaTextureObject_t f, i, u4, u4Norm, sNorm, f2;
};

__global__ void fetchAll(Textures t, const int *idx, int n, float *oF, float *oFPtr,
                         int *oI, uchar4 *oU4, float4 *oU4Norm, float *oSNorm, float2 *oF2) {
  int k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k >= n) return;
  int i = idx[k];
  oF[k] = tex1Dfetch<float>(t.f, i);
  float v;
  tex1Dfetch(&v, t.f, i);
  oFPtr[k] = v;
  oI[k] = tex1Dfetch<int>(t.i, i);
  oU4[k] = tex1Dfetch<uchar4>(t.u4, i);
  oU4Norm[k] = tex1Dfetch<float4>(t.u4Norm, i);
  oSNorm[k] = tex1Dfetch<float>(t.sNorm, i);
  oF2[k] = tex1Dfetch<float2>(t.f2, i);
}

static cudaTextureObject_t makeLinear(void *ptr, cudaChannelFormatDesc desc, size_t bytes,
                                      cudaTextureReadMode mode, cudaError_t *err) {
  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeLinear;
  rd.res.linear.devPtr = ptr;
  rd.res.linear.desc = desc;
  rd.res.linear.sizeInBytes = bytes;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.readMode = mode;
  td.filterMode = cudaFilterModePoint;
  td.normalizedCoords = 0;
  cudaTextureObject_t t = 0;
  *err = cudaCreateTextureObject(&t, &rd, &td, nullptr);
  return t;
}

int main() {
  const int NF = 1000, NI = 777, NU = 1000, NS = 999, NF2 = 500;
  int align = 0;
  CHECK(cudaDeviceGetAttribute(&align, cudaDevAttrTextureAlignment, 0));
  if (align <= 0) { printf("FAIL: texture alignment %d\n", align); return 1; }
  // The float texture is a window of NF elements starting OFF elements into a
  // buffer that has data on both sides of it.
  const int OFF = (align > 512 ? align : 512) / (int)sizeof(float);
  const int TOTALF = OFF + NF + 64;

  float *hF = (float *)malloc(TOTALF * sizeof(float));
  int *hI = (int *)malloc(NI * sizeof(int));
  uchar4 *hU = (uchar4 *)malloc(NU * sizeof(uchar4));
  short *hS = (short *)malloc(NS * sizeof(short));
  float2 *hF2 = (float2 *)malloc(NF2 * sizeof(float2));
  for (int i = 0; i < TOTALF; ++i) hF[i] = (float)((int)(lcg() % 20001) - 10000) / 64.0f + 0.5f;
  for (int i = 0; i < NI; ++i) hI[i] = ((int)lcg() - (1 << 23)) * 97;
  for (int i = 0; i < NU; ++i) {
    unsigned r = lcg();
    hU[i] = make_uchar4(r & 255, (r >> 8) & 255, (r >> 16) & 255, (i * 7) & 255);
  }
  for (int i = 0; i < NS; ++i) hS[i] = (short)((int)(lcg() & 0xffff) - 32768);
  hS[0] = -32768; hS[1] = -32767; hS[2] = 32767; hS[3] = 0; hS[4] = 1; hS[5] = -1;
  hU[0] = make_uchar4(0, 255, 1, 254);
  for (int i = 0; i < NF2; ++i) hF2[i] = make_float2((float)i * 0.25f, -(float)(lcg() % 1000));

  float *dF; int *dI; uchar4 *dU; short *dS; float2 *dF2;
  CHECK(cudaMalloc(&dF, TOTALF * sizeof(float)));
  CHECK(cudaMalloc(&dI, NI * sizeof(int)));
  CHECK(cudaMalloc(&dU, NU * sizeof(uchar4)));
  CHECK(cudaMalloc(&dS, NS * sizeof(short)));
  CHECK(cudaMalloc(&dF2, NF2 * sizeof(float2)));
  CHECK(cudaMemcpy(dF, hF, TOTALF * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dI, hI, NI * sizeof(int), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dU, hU, NU * sizeof(uchar4), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dS, hS, NS * sizeof(short), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dF2, hF2, NF2 * sizeof(float2), cudaMemcpyHostToDevice));

  Textures t;
  cudaError_t e;
  t.f = makeLinear(dF + OFF, cudaCreateChannelDesc<float>(), NF * sizeof(float), cudaReadModeElementType, &e);
  CHECK(e);
  t.i = makeLinear(dI, cudaCreateChannelDesc<int>(), NI * sizeof(int), cudaReadModeElementType, &e);
  CHECK(e);
  t.u4 = makeLinear(dU, cudaCreateChannelDesc<uchar4>(), NU * sizeof(uchar4), cudaReadModeElementType, &e);
  CHECK(e);
  t.u4Norm = makeLinear(dU, cudaCreateChannelDesc<uchar4>(), NU * sizeof(uchar4), cudaReadModeNormalizedFloat, &e);
  CHECK(e);
  t.sNorm = makeLinear(dS, cudaCreateChannelDesc<short>(), NS * sizeof(short), cudaReadModeNormalizedFloat, &e);
  CHECK(e);
  t.f2 = makeLinear(dF2, cudaCreateChannelDesc<float2>(), NF2 * sizeof(float2), cudaReadModeElementType, &e);
  CHECK(e);

  // Indices -3 .. 1006 in order, then a few far outside.
  const int extra[] = {-1000000, 1 << 30, NF2, NF2 + 5, NS, NI + 5, -2147483647 - 1};
  const int NEXTRA = (int)(sizeof(extra) / sizeof(extra[0]));
  const int N = 1010 + NEXTRA;
  int *hIdx = (int *)malloc(N * sizeof(int));
  for (int k = 0; k < 1010; ++k) hIdx[k] = k - 3;
  for (int k = 0; k < NEXTRA; ++k) hIdx[1010 + k] = extra[k];

  int *dIdx; float *oF, *oFPtr, *oSNorm; int *oI; uchar4 *oU4; float4 *oU4Norm; float2 *oF2;
  CHECK(cudaMalloc(&dIdx, N * sizeof(int)));
  CHECK(cudaMalloc(&oF, N * sizeof(float)));
  CHECK(cudaMalloc(&oFPtr, N * sizeof(float)));
  CHECK(cudaMalloc(&oI, N * sizeof(int)));
  CHECK(cudaMalloc(&oU4, N * sizeof(uchar4)));
  CHECK(cudaMalloc(&oU4Norm, N * sizeof(float4)));
  CHECK(cudaMalloc(&oSNorm, N * sizeof(float)));
  CHECK(cudaMalloc(&oF2, N * sizeof(float2)));
  CHECK(cudaMemcpy(dIdx, hIdx, N * sizeof(int), cudaMemcpyHostToDevice));

  fetchAll<<<(N + 99) / 100, 100>>>(t, dIdx, N, oF, oFPtr, oI, oU4, oU4Norm, oSNorm, oF2);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());

  float *rF = (float *)malloc(N * sizeof(float));
  float *rFPtr = (float *)malloc(N * sizeof(float));
  int *rI = (int *)malloc(N * sizeof(int));
  uchar4 *rU4 = (uchar4 *)malloc(N * sizeof(uchar4));
  float4 *rU4Norm = (float4 *)malloc(N * sizeof(float4));
  float *rSNorm = (float *)malloc(N * sizeof(float));
  float2 *rF2 = (float2 *)malloc(N * sizeof(float2));
  CHECK(cudaMemcpy(rF, oF, N * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rFPtr, oFPtr, N * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rI, oI, N * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rU4, oU4, N * sizeof(uchar4), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rU4Norm, oU4Norm, N * sizeof(float4), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rSNorm, oSNorm, N * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rF2, oF2, N * sizeof(float2), cudaMemcpyDeviceToHost));

  const float tol = 1e-6f;
  for (int k = 0; k < N; ++k) {
    int i = hIdx[k];
    float ef = (i >= 0 && i < NF) ? hF[OFF + i] : 0.0f;
    if (rF[k] != ef || rFPtr[k] != ef) {
      printf("FAIL: float fetch %d = %g / %g expected %g\n", i, rF[k], rFPtr[k], ef);
      return 1;
    }
    int ei = (i >= 0 && i < NI) ? hI[i] : 0;
    if (rI[k] != ei) { printf("FAIL: int fetch %d = %d expected %d\n", i, rI[k], ei); return 1; }
    uchar4 eu = (i >= 0 && i < NU) ? hU[i] : make_uchar4(0, 0, 0, 0);
    if (rU4[k].x != eu.x || rU4[k].y != eu.y || rU4[k].z != eu.z || rU4[k].w != eu.w) {
      printf("FAIL: uchar4 fetch %d = (%d,%d,%d,%d) expected (%d,%d,%d,%d)\n", i, rU4[k].x,
             rU4[k].y, rU4[k].z, rU4[k].w, eu.x, eu.y, eu.z, eu.w);
      return 1;
    }
    float en[4] = {eu.x / 255.0f, eu.y / 255.0f, eu.z / 255.0f, eu.w / 255.0f};
    float gn[4] = {rU4Norm[k].x, rU4Norm[k].y, rU4Norm[k].z, rU4Norm[k].w};
    for (int c = 0; c < 4; ++c)
      if (!(fabsf(gn[c] - en[c]) <= tol)) {
        printf("FAIL: uchar4 normalized fetch %d component %d = %.9g expected %.9g\n", i, c, gn[c], en[c]);
        return 1;
      }
    float es = 0.0f;
    if (i >= 0 && i < NS) es = fmaxf(hS[i] / 32767.0f, -1.0f);
    if (!(fabsf(rSNorm[k] - es) <= tol)) {
      printf("FAIL: short normalized fetch %d (%d) = %.9g expected %.9g\n", i,
             (i >= 0 && i < NS) ? hS[i] : 0, rSNorm[k], es);
      return 1;
    }
    float2 e2 = (i >= 0 && i < NF2) ? hF2[i] : make_float2(0.0f, 0.0f);
    if (rF2[k].x != e2.x || rF2[k].y != e2.y) {
      printf("FAIL: float2 fetch %d = (%g,%g) expected (%g,%g)\n", i, rF2[k].x, rF2[k].y, e2.x, e2.y);
      return 1;
    }
  }
  // The extreme normalized values are exact.
  if (rSNorm[3] != -1.0f || rSNorm[4] != -1.0f || rSNorm[5] != 1.0f || rSNorm[6] != 0.0f) {
    printf("FAIL: short normalized extremes %g %g %g %g\n", rSNorm[3], rSNorm[4], rSNorm[5], rSNorm[6]);
    return 1;
  }
  if (rU4Norm[3].x != 0.0f || rU4Norm[3].y != 1.0f) {
    printf("FAIL: uchar normalized extremes %g %g\n", rU4Norm[3].x, rU4Norm[3].y);
    return 1;
  }

  // Descriptors read back.
  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  CHECK(cudaGetTextureObjectResourceDesc(&rd, t.f));
  if (rd.resType != cudaResourceTypeLinear || rd.res.linear.devPtr != (void *)(dF + OFF) ||
      rd.res.linear.sizeInBytes != NF * sizeof(float) || rd.res.linear.desc.x != 32 ||
      rd.res.linear.desc.y != 0 || rd.res.linear.desc.z != 0 || rd.res.linear.desc.w != 0 ||
      rd.res.linear.desc.f != cudaChannelFormatKindFloat) {
    printf("FAIL: float texture resource descriptor read back wrong\n");
    return 1;
  }
  memset(&rd, 0, sizeof(rd));
  CHECK(cudaGetTextureObjectResourceDesc(&rd, t.u4Norm));
  if (rd.resType != cudaResourceTypeLinear || rd.res.linear.devPtr != (void *)dU ||
      rd.res.linear.sizeInBytes != NU * sizeof(uchar4) || rd.res.linear.desc.x != 8 ||
      rd.res.linear.desc.y != 8 || rd.res.linear.desc.z != 8 || rd.res.linear.desc.w != 8 ||
      rd.res.linear.desc.f != cudaChannelFormatKindUnsigned) {
    printf("FAIL: uchar4 texture resource descriptor read back wrong\n");
    return 1;
  }
  memset(&rd, 0, sizeof(rd));
  CHECK(cudaGetTextureObjectResourceDesc(&rd, t.sNorm));
  if (rd.res.linear.desc.x != 16 || rd.res.linear.desc.f != cudaChannelFormatKindSigned) {
    printf("FAIL: short texture resource descriptor read back wrong\n");
    return 1;
  }
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  CHECK(cudaGetTextureObjectTextureDesc(&td, t.u4Norm));
  if (td.readMode != cudaReadModeNormalizedFloat || td.normalizedCoords != 0 ||
      td.filterMode != cudaFilterModePoint) {
    printf("FAIL: normalized texture descriptor read back wrong\n");
    return 1;
  }
  memset(&td, 0, sizeof(td));
  CHECK(cudaGetTextureObjectTextureDesc(&td, t.u4));
  if (td.readMode != cudaReadModeElementType) {
    printf("FAIL: element-type texture descriptor read back wrong\n");
    return 1;
  }

  CHECK(cudaDestroyTextureObject(t.f));
  CHECK(cudaDestroyTextureObject(t.i));
  CHECK(cudaDestroyTextureObject(t.u4));
  CHECK(cudaDestroyTextureObject(t.u4Norm));
  CHECK(cudaDestroyTextureObject(t.sNorm));
  CHECK(cudaDestroyTextureObject(t.f2));
  CHECK(cudaFree(dF)); CHECK(cudaFree(dI)); CHECK(cudaFree(dU)); CHECK(cudaFree(dS)); CHECK(cudaFree(dF2));
  CHECK(cudaFree(dIdx)); CHECK(cudaFree(oF)); CHECK(cudaFree(oFPtr)); CHECK(cudaFree(oI));
  CHECK(cudaFree(oU4)); CHECK(cudaFree(oU4Norm)); CHECK(cudaFree(oSNorm)); CHECK(cudaFree(oF2));
  free(hF); free(hI); free(hU); free(hS); free(hF2); free(hIdx);
  free(rF); free(rFPtr); free(rI); free(rU4); free(rU4Norm); free(rSNorm); free(rF2);
  printf("PASS\n");
  return 0;
}
