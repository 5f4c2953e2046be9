// The other fetch forms of texture objects without mipmaps: tex*Lod and
// tex*Grad read level 0 whatever the level or gradients, the sparse forms
// (bool *isResident) report resident texels, and the pointer forms store
// what the value forms return. Checked against a host bilinear reference on
// a 2D, a 3D and a 2D layered float texture; plus surf1DLayeredread/write
// on a 1D layered array.
#include <cmath>
#include <cstdio>
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

const int W = 9, H = 7, D = 5, L = 3, N = 64;
const int FORMS = 12;

__global__ void sampleForms(cudaTextureObject_t t2, cudaTextureObject_t t3,
                            cudaTextureObject_t tl, const float4 *coords,
                            float *out, int *resident) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= N) return;
  float4 c = coords[i];
  float *o = out + i * FORMS;
  bool r0 = false, r1 = false, r2 = false, r3 = false;
  o[0] = tex2D<float>(t2, c.x, c.y);
  o[1] = tex2DLod<float>(t2, c.x, c.y, 3.5f);
  o[2] = tex2DGrad<float>(t2, c.x, c.y, make_float2(4, 0), make_float2(0, 4));
  o[3] = tex2D<float>(t2, c.x, c.y, &r0);
  tex2DLod(&o[4], t2, c.x, c.y, 1.0f);
  o[5] = tex3D<float>(t3, c.x, c.y, c.z);
  o[6] = tex3DLod<float>(t3, c.x, c.y, c.z, 2.0f);
  o[7] = tex3DGrad<float>(t3, c.x, c.y, c.z, make_float4(1, 1, 1, 0),
                          make_float4(2, 2, 2, 0));
  o[8] = tex2DLayered<float>(tl, c.x, c.y, (int)c.w);
  o[9] = tex2DLayeredLod<float>(tl, c.x, c.y, (int)c.w, 5.0f, &r1);
  tex2DLayeredGrad(&o[10], tl, c.x, c.y, (int)c.w, make_float2(3, 0),
                   make_float2(0, 3));
  o[11] = tex3D<float>(t3, c.x, c.y, c.z, &r2);
  tex2DLayered(&o[11], tl, c.x, c.y, (int)c.w, &r3);
  resident[i] = r0 && r1 && r2 && r3;
}

__global__ void scaleLayers(cudaSurfaceObject_t s, int width, int layers) {
  int x = threadIdx.x, layer = blockIdx.x;
  if (x >= width || layer >= layers) return;
  float v = surf1DLayeredread<float>(s, x * 4, layer);
  surf1DLayeredwrite(v * (layer + 2), s, x * 4, layer);
}

static float texel(const float *data, int w, int h, int x, int y, int z) {
  x = x < 0 ? 0 : (x >= w ? w - 1 : x); // clamp addressing
  y = y < 0 ? 0 : (y >= h ? h - 1 : y);
  return data[(z * h + y) * w + x];
}

// Bilinear filtering with 8-bit weights, the documented GPU precision.
static double weight(double frac) { return std::floor(frac * 256 + 0.5) / 256; }

static double bilinear(const float *data, int w, int h, int z, double x, double y) {
  double xb = x - 0.5, yb = y - 0.5;
  int i = (int)std::floor(xb), j = (int)std::floor(yb);
  double a = weight(xb - i), b = weight(yb - j);
  return (1 - a) * (1 - b) * texel(data, w, h, i, j, z) + a * (1 - b) * texel(data, w, h, i + 1, j, z) +
         (1 - a) * b * texel(data, w, h, i, j + 1, z) + a * b * texel(data, w, h, i + 1, j + 1, z);
}

static double trilinear(const float *data, double x, double y, double z) {
  double zb = z - 0.5;
  int k = (int)std::floor(zb);
  double g = weight(zb - k);
  int k0 = k < 0 ? 0 : (k >= D ? D - 1 : k), k1 = k + 1 >= D ? D - 1 : (k + 1 < 0 ? 0 : k + 1);
  return (1 - g) * bilinear(data, W, H, k0, x, y) + g * bilinear(data, W, H, k1, x, y);
}

static bool close(double got, double want) {
  return std::fabs(got - want) <= 1e-5 * (1 + std::fabs(want));
}

static cudaTextureObject_t makeTexture(cudaArray_t a) {
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = a;
  cudaTextureDesc td = {};
  td.addressMode[0] = td.addressMode[1] = td.addressMode[2] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModeLinear;
  td.readMode = cudaReadModeElementType;
  cudaTextureObject_t t = 0;
  if (cudaCreateTextureObject(&t, &res, &td, nullptr) != cudaSuccess) return 0;
  return t;
}

static cudaError_t fill3D(cudaArray_t a, const float *host, int depth) {
  cudaMemcpy3DParms p = {};
  p.srcPtr = make_cudaPitchedPtr((void *)host, W * sizeof(float), W, H);
  p.dstArray = a;
  p.extent = make_cudaExtent(W, H, depth);
  p.kind = cudaMemcpyHostToDevice;
  return cudaMemcpy3D(&p);
}

int main() {
  unsigned seed = 12345u;
  auto next = [&seed]() { seed = seed * 1664525u + 1013904223u; return seed >> 8; };
  static float vol[D * H * W], layers[L * H * W];
  for (int i = 0; i < D * H * W; ++i) vol[i] = (float)(next() % 1000) / 10.0f;
  for (int i = 0; i < L * H * W; ++i) layers[i] = (float)(next() % 1000) / 7.0f;

  cudaChannelFormatDesc fd = cudaCreateChannelDesc<float>();
  cudaArray_t a2, a3, al;
  CHECK(cudaMallocArray(&a2, &fd, W, H));
  CHECK(cudaMemcpy2DToArray(a2, 0, 0, vol, W * sizeof(float), W * sizeof(float), H,
                            cudaMemcpyHostToDevice));
  CHECK(cudaMalloc3DArray(&a3, &fd, make_cudaExtent(W, H, D)));
  CHECK(fill3D(a3, vol, D));
  CHECK(cudaMalloc3DArray(&al, &fd, make_cudaExtent(W, H, L), cudaArrayLayered));
  CHECK(fill3D(al, layers, L));
  cudaTextureObject_t t2 = makeTexture(a2), t3 = makeTexture(a3), tl = makeTexture(al);
  if (!t2 || !t3 || !tl) { printf("FAIL: cudaCreateTextureObject\n"); return 1; }

  // Coordinates are odd multiples of 1/1024 texel: no weight sits on a
  // rounding tie. Some fall outside the texture (clamped).
  float4 coords[N];
  for (int i = 0; i < N; ++i) {
    coords[i].x = (float)((int)(next() % (12 * 512)) * 2 + 1) / 1024.0f - 1.5f;
    coords[i].y = (float)((int)(next() % (10 * 512)) * 2 + 1) / 1024.0f - 1.5f;
    coords[i].z = (float)((int)(next() % (7 * 512)) * 2 + 1) / 1024.0f - 1.0f;
    coords[i].w = (float)(next() % L);
  }
  float4 *dCoords; float *dOut; int *dResident;
  CHECK(cudaMalloc(&dCoords, sizeof(coords)));
  CHECK(cudaMalloc(&dOut, N * FORMS * sizeof(float)));
  CHECK(cudaMalloc(&dResident, N * sizeof(int)));
  CHECK(cudaMemcpy(dCoords, coords, sizeof(coords), cudaMemcpyHostToDevice));
  sampleForms<<<(N + 47) / 48, 48>>>(t2, t3, tl, dCoords, dOut, dResident);
  CHECK(cudaGetLastError());
  static float out[N * FORMS];
  int resident[N];
  CHECK(cudaMemcpy(out, dOut, sizeof(out), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(resident, dResident, sizeof(resident), cudaMemcpyDeviceToHost));

  for (int i = 0; i < N; ++i) {
    const float *o = out + i * FORMS;
    float4 c = coords[i];
    double want2 = bilinear(vol, W, H, 0, c.x, c.y);
    double want3 = trilinear(vol, c.x, c.y, c.z);
    double wantL = bilinear(layers, W, H, (int)c.w, c.x, c.y);
    const double want[FORMS] = {want2, want2, want2, want2, want2, want3,
                                want3, want3, wantL, wantL, wantL, wantL};
    for (int f = 0; f < FORMS; ++f)
      if (!close(o[f], want[f])) {
        printf("FAIL: sample %d form %d at (%g, %g, %g, layer %d): %.7g expected %.7g\n",
               i, f, c.x, c.y, c.z, (int)c.w, o[f], want[f]);
        return 1;
      }
    if (!resident[i]) { printf("FAIL: sample %d not reported resident\n", i); return 1; }
  }

  // surf1DLayeredread/write: layer l of a 1D layered array scaled by l + 2.
  const int SW = 20, SL = 4;
  float line[SL * SW], back[SL * SW];
  for (int i = 0; i < SL * SW; ++i) line[i] = (float)(i * 3 % 17);
  cudaArray_t a1l;
  CHECK(cudaMalloc3DArray(&a1l, &fd, make_cudaExtent(SW, 0, SL),
                          cudaArrayLayered | cudaArraySurfaceLoadStore));
  cudaMemcpy3DParms p = {};
  p.srcPtr = make_cudaPitchedPtr(line, SW * sizeof(float), SW, 1);
  p.dstArray = a1l;
  p.extent = make_cudaExtent(SW, 1, SL);
  p.kind = cudaMemcpyHostToDevice;
  CHECK(cudaMemcpy3D(&p));
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = a1l;
  cudaSurfaceObject_t s;
  CHECK(cudaCreateSurfaceObject(&s, &res));
  scaleLayers<<<SL, 32>>>(s, SW, SL);
  CHECK(cudaGetLastError());
  p = cudaMemcpy3DParms{};
  p.srcArray = a1l;
  p.dstPtr = make_cudaPitchedPtr(back, SW * sizeof(float), SW, 1);
  p.extent = make_cudaExtent(SW, 1, SL);
  p.kind = cudaMemcpyDeviceToHost;
  CHECK(cudaMemcpy3D(&p));
  for (int l = 0; l < SL; ++l)
    for (int x = 0; x < SW; ++x)
      if (back[l * SW + x] != line[l * SW + x] * (l + 2)) {
        printf("FAIL: layer %d x %d = %g expected %g\n", l, x, back[l * SW + x],
               line[l * SW + x] * (l + 2));
        return 1;
      }

  CHECK(cudaDestroySurfaceObject(s));
  CHECK(cudaDestroyTextureObject(t2));
  CHECK(cudaDestroyTextureObject(t3));
  CHECK(cudaDestroyTextureObject(tl));
  CHECK(cudaFreeArray(a1l));
  CHECK(cudaFreeArray(a2));
  CHECK(cudaFreeArray(a3));
  CHECK(cudaFreeArray(al));
  CHECK(cudaFree(dCoords));
  CHECK(cudaFree(dOut));
  CHECK(cudaFree(dResident));
  printf("PASS\n");
  return 0;
}
