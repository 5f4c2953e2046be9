// Box blur of an RGB image stored as uchar3 (interleaved 8-bit channels):
// 2-D grid, each thread averages a (2R+1)^2 neighbourhood clipped to the image
// with integer arithmetic, so the result is exact.
#include <cstdio>
#include <cstdlib>
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

__global__ void boxBlur(const uchar3 *in, uchar3 *out, int W, int H, int R) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= W || y >= H) return;
  int sr = 0, sg = 0, sb = 0, cnt = 0;
  for (int dy = -R; dy <= R; ++dy) {
    int yy = y + dy;
    if (yy < 0 || yy >= H) continue;
    for (int dx = -R; dx <= R; ++dx) {
      int xx = x + dx;
      if (xx < 0 || xx >= W) continue;
      uchar3 p = in[yy * W + xx];
      sr += p.x; sg += p.y; sb += p.z; ++cnt;
    }
  }
  out[y * W + x] = make_uchar3((unsigned char)((sr + cnt / 2) / cnt), (unsigned char)((sg + cnt / 2) / cnt),
                               (unsigned char)((sb + cnt / 2) / cnt));
}

int main() {
  const int W = 257, H = 131, R = 3;
  uchar3 *h = (uchar3 *)malloc(W * H * sizeof(uchar3)), *r = (uchar3 *)malloc(W * H * sizeof(uchar3));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      h[y * W + x] = make_uchar3((unsigned char)(x * 3 + y), (unsigned char)((x ^ y) * 7), (unsigned char)((x * y) % 251));
  uchar3 *din, *dout;
  CHECK(cudaMalloc(&din, W * H * sizeof(uchar3)));
  CHECK(cudaMalloc(&dout, W * H * sizeof(uchar3)));
  CHECK(cudaMemcpy(din, h, W * H * sizeof(uchar3), cudaMemcpyHostToDevice));
  dim3 block(32, 4), grid((W + 31) / 32, (H + 3) / 4);
  boxBlur<<<grid, block>>>(din, dout, W, H, R);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, W * H * sizeof(uchar3), cudaMemcpyDeviceToHost));
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      int sr = 0, sg = 0, sb = 0, cnt = 0;
      for (int yy = y - R; yy <= y + R; ++yy)
        for (int xx = x - R; xx <= x + R; ++xx)
          if (yy >= 0 && yy < H && xx >= 0 && xx < W) { sr += h[yy * W + xx].x; sg += h[yy * W + xx].y; sb += h[yy * W + xx].z; ++cnt; }
      uchar3 g = r[y * W + x];
      if (g.x != (sr + cnt / 2) / cnt || g.y != (sg + cnt / 2) / cnt || g.z != (sb + cnt / 2) / cnt) {
        printf("FAIL: pixel (%d,%d) = (%d,%d,%d)\n", x, y, g.x, g.y, g.z);
        return 1;
      }
    }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
