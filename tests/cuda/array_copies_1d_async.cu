// The CUDA array copies not exercised elsewhere: the 1-D forms
// cudaMemcpyToArray / cudaMemcpyFromArray / cudaMemcpyArrayToArray (deprecated
// in CUDA 12 but still part of the API; a run of bytes continues into the
// following rows) and the stream-ordered *Async forms, checked through a
// kernel that reads every element back with tex2D point sampling and
// against a host model of the array.
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

const int W = 37, H = 11;

__global__ void readBack(cudaTextureObject_t tex, int *out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < W && y < H) out[y * W + x] = tex2D<int>(tex, x + 0.5f, y + 0.5f);
}

static int compare(const int *got, const int *want, const char *what) {
  for (int i = 0; i < W * H; ++i)
    if (got[i] != want[i]) {
      printf("FAIL: %s: element (%d, %d) = %d expected %d\n", what, i % W, i / W,
             got[i], want[i]);
      return 1;
    }
  return 0;
}

int main() {
  static int model[W * H], other[W * H], got[W * H];
  unsigned seed = 2024u;
  for (int i = 0; i < W * H; ++i) {
    seed = seed * 1664525u + 1013904223u;
    model[i] = (int)(seed >> 9) - (1 << 21);
  }
  cudaChannelFormatDesc desc = cudaCreateChannelDesc<int>();
  cudaArray_t a, b;
  CHECK(cudaMallocArray(&a, &desc, W, H));
  CHECK(cudaMallocArray(&b, &desc, W, H));
  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));

  // Whole array with the 1-D form, then a run that starts mid-row 3 and
  // runs on into rows 4 and 5.
  CHECK(cudaMemcpyToArray(a, 0, 0, model, sizeof(model), cudaMemcpyHostToDevice));
  int run[2 * W];
  for (int i = 0; i < 2 * W; ++i) run[i] = -1000 - i;
  const int start = 3 * W + 5;
  CHECK(cudaMemcpyToArray(a, 5 * sizeof(int), 3, run, sizeof(run), cudaMemcpyHostToDevice));
  memcpy(model + start, run, sizeof(run));

  // Stream-ordered: a 1-D run into row 8 and a 2-D window (4 x 3 at column
  // 20, row 1) from a padded host buffer.
  int *pinned;
  CHECK(cudaMallocHost(&pinned, 64 * sizeof(int)));
  for (int i = 0; i < 64; ++i) pinned[i] = 7 * i + 3;
  CHECK(cudaMemcpyToArrayAsync(a, 0, 8, pinned, 10 * sizeof(int), cudaMemcpyHostToDevice,
                               stream));
  for (int i = 0; i < 10; ++i) model[8 * W + i] = pinned[i];
  const int pitchInts = 16;
  CHECK(cudaMemcpy2DToArrayAsync(a, 20 * sizeof(int), 1, pinned, pitchInts * sizeof(int),
                                 4 * sizeof(int), 3, cudaMemcpyHostToDevice, stream));
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) model[(1 + r) * W + 20 + c] = pinned[r * pitchInts + c];
  CHECK(cudaStreamSynchronize(stream));

  // Array to array (1-D form, the whole array), then read both back.
  CHECK(cudaMemcpyArrayToArray(b, 0, 0, a, 0, 0, sizeof(model)));
  CHECK(cudaMemcpyFromArray(got, a, 0, 0, sizeof(got), cudaMemcpyDeviceToHost));
  if (compare(got, model, "cudaMemcpyFromArray")) return 1;
  memset(other, 0, sizeof(other));
  CHECK(cudaMemcpyFromArrayAsync(other, b, 0, 0, sizeof(other), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  if (compare(other, model, "cudaMemcpyFromArrayAsync of the copy")) return 1;

  // A window back with the 2-D async form: 6 x 2 at column 30, row 9.
  int window[2][8];
  memset(window, 0, sizeof(window));
  CHECK(cudaMemcpy2DFromArrayAsync(window, sizeof(window[0]), b, 30 * sizeof(int), 9,
                                   6 * sizeof(int), 2, cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 6; ++c)
      if (window[r][c] != model[(9 + r) * W + 30 + c]) {
        printf("FAIL: window (%d, %d) = %d expected %d\n", c, r, window[r][c],
               model[(9 + r) * W + 30 + c]);
        return 1;
      }

  // What a kernel sees through a texture over the copy.
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = b;
  cudaTextureDesc td = {};
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModePoint;
  td.readMode = cudaReadModeElementType;
  cudaTextureObject_t tex;
  CHECK(cudaCreateTextureObject(&tex, &res, &td, nullptr));
  int *dOut;
  CHECK(cudaMalloc(&dOut, sizeof(got)));
  dim3 block(16, 4), grid((W + 15) / 16, (H + 3) / 4);
  readBack<<<grid, block, 0, stream>>>(tex, dOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpyAsync(got, dOut, sizeof(got), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  if (compare(got, model, "tex2D read of the copied array")) return 1;

  CHECK(cudaDestroyTextureObject(tex));
  CHECK(cudaFree(dOut));
  CHECK(cudaFreeHost(pinned));
  CHECK(cudaStreamDestroy(stream));
  CHECK(cudaFreeArray(a));
  CHECK(cudaFreeArray(b));
  printf("PASS\n");
  return 0;
}
