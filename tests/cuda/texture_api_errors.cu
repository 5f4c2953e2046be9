// Host-side errors of the texture, surface and array API, without crashing:
// cudaCreateTextureObject with a null object or resource pointer ->
// cudaErrorInvalidValue; a linear texture over a pointer that is not
// texture-aligned fails; cudaCreateSurfaceObject on an array made without
// cudaArraySurfaceLoadStore, with a null object pointer, or over linear memory
// fails (cudaErrorInvalidValue for the first two); cudaFreeArray(nullptr)
// succeeds; cudaMallocArray with a null format -> cudaErrorInvalidValue;
// cudaMemcpy2DToArray past the right or bottom edge of the array ->
// cudaErrorInvalidValue (and nothing is written); a failed call is the last
// error. Afterwards a texture made from the same objects works.
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

// The call must return exactly `expected`; the recorded error is cleared.
#define EXPECT_ERROR(call, expected)                                        \
  do {                                                                      \
    cudaError_t e_ = (call);                                                \
    if (e_ != (expected)) {                                                 \
      printf("FAIL: %s:%d: %s returned %s, expected %s\n", __FILE__,        \
             __LINE__, #call, cudaGetErrorName(e_), #expected);             \
      return 1;                                                             \
    }                                                                       \
    cudaGetLastError();                                                     \
  } while (0)

// The call must fail (with any error); the recorded error is cleared.
#define EXPECT_FAILURE(call)                                                \
  do {                                                                      \
    cudaError_t e_ = (call);                                                \
    if (e_ == cudaSuccess) {                                                \
      printf("FAIL: %s:%d: %s succeeded\n", __FILE__, __LINE__, #call);     \
      return 1;                                                             \
    }                                                                       \
    cudaGetLastError();                                                     \
  } while (0)

__global__ void readBack(cudaTextureObject_t t, int w, int h, float *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) out[y * w + x] = tex2D<float>(t, x + 0.5f, y + 0.5f);
}

int main() {
  const int W = 16, H = 8;
  float host[H][W];
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) host[y][x] = (float)(y * 100 + x);

  cudaChannelFormatDesc desc = cudaCreateChannelDesc<float>();
  cudaArray_t arr;   // no cudaArraySurfaceLoadStore
  CHECK(cudaMallocArray(&arr, &desc, W, H));
  CHECK(cudaMemcpy2DToArray(arr, 0, 0, host, W * sizeof(float), W * sizeof(float), H, cudaMemcpyHostToDevice));

  cudaResourceDesc rd;
  memset(&rd, 0, sizeof(rd));
  rd.resType = cudaResourceTypeArray;
  rd.res.array.array = arr;
  cudaTextureDesc td;
  memset(&td, 0, sizeof(td));
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModePoint;
  td.readMode = cudaReadModeElementType;

  // texture objects
  cudaTextureObject_t tex = 0;
  EXPECT_ERROR(cudaCreateTextureObject(nullptr, &rd, &td, nullptr), cudaErrorInvalidValue);
  EXPECT_ERROR(cudaCreateTextureObject(&tex, nullptr, &td, nullptr), cudaErrorInvalidValue);

  float *dLinear;
  CHECK(cudaMalloc(&dLinear, 4096));
  cudaResourceDesc rl;
  memset(&rl, 0, sizeof(rl));
  rl.resType = cudaResourceTypeLinear;
  rl.res.linear.devPtr = (char *)dLinear + 4;   // not texture-aligned
  rl.res.linear.desc = desc;
  rl.res.linear.sizeInBytes = 1024;
  EXPECT_FAILURE(cudaCreateTextureObject(&tex, &rl, &td, nullptr));

  // surface objects
  cudaSurfaceObject_t surf = 0;
  EXPECT_ERROR(cudaCreateSurfaceObject(&surf, &rd), cudaErrorInvalidValue);   // array lacks the flag
  cudaArray_t surfArr;
  CHECK(cudaMallocArray(&surfArr, &desc, W, H, cudaArraySurfaceLoadStore));
  cudaResourceDesc rs;
  memset(&rs, 0, sizeof(rs));
  rs.resType = cudaResourceTypeArray;
  rs.res.array.array = surfArr;
  EXPECT_ERROR(cudaCreateSurfaceObject(nullptr, &rs), cudaErrorInvalidValue);
  rl.res.linear.devPtr = dLinear;
  EXPECT_FAILURE(cudaCreateSurfaceObject(&surf, &rl));   // surfaces need an array
  CHECK(cudaCreateSurfaceObject(&surf, &rs));            // the valid one works
  CHECK(cudaDestroySurfaceObject(surf));

  // arrays
  CHECK(cudaFreeArray(nullptr));
  cudaArray_t bad = nullptr;
  EXPECT_ERROR(cudaMallocArray(&bad, nullptr, W, H), cudaErrorInvalidValue);

  float big[H + 1][W + 1];
  memset(big, 0, sizeof(big));
  // one column too many, starting at column 0; then from column 1
  EXPECT_ERROR(cudaMemcpy2DToArray(arr, 0, 0, big, sizeof(big[0]), (W + 1) * sizeof(float), H,
                                   cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_ERROR(cudaMemcpy2DToArray(arr, sizeof(float), 0, big, sizeof(big[0]), W * sizeof(float), H,
                                   cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  // one row too many; then starting at row 1
  EXPECT_ERROR(cudaMemcpy2DToArray(arr, 0, 0, big, sizeof(big[0]), W * sizeof(float), H + 1,
                                   cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_ERROR(cudaMemcpy2DToArray(arr, 0, 1, big, sizeof(big[0]), W * sizeof(float), H,
                                   cudaMemcpyHostToDevice), cudaErrorInvalidValue);

  // a failed call is recorded as the last error (and reading it clears it)
  cudaError_t e = cudaMallocArray(&bad, nullptr, W, H);
  if (e != cudaErrorInvalidValue || cudaGetLastError() != cudaErrorInvalidValue || cudaGetLastError() != cudaSuccess) {
    printf("FAIL: failed cudaMallocArray not recorded as the last error\n");
    return 1;
  }

  // everything still works, and the array was not touched by the failed copies
  CHECK(cudaCreateTextureObject(&tex, &rd, &td, nullptr));
  float *dOut;
  CHECK(cudaMalloc(&dOut, W * H * sizeof(float)));
  readBack<<<dim3(1, 2), dim3(W, 4)>>>(tex, W, H, dOut);
  CHECK(cudaGetLastError());
  float out[H][W];
  CHECK(cudaMemcpy(out, dOut, sizeof(out), cudaMemcpyDeviceToHost));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (out[y][x] != host[y][x]) { printf("FAIL: texel (%d,%d) = %g expected %g\n", x, y, out[y][x], host[y][x]); return 1; }

  CHECK(cudaDestroyTextureObject(tex));
  CHECK(cudaFreeArray(arr));
  CHECK(cudaFreeArray(surfArr));
  CHECK(cudaFree(dLinear));
  CHECK(cudaFree(dOut));
  printf("PASS\n");
  return 0;
}
