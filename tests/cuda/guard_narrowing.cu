// Regions that start with `if (threadIdx.x < U)` between barriers: the CPU
// lowering runs only threads [0, U) of each row when the block is in step.
// Covers constant bounds in a 2-D block (a per-row tree reduction), bounds
// from a kernel argument (negative, zero, inside the block, past its end)
// in a block that is not a multiple of a warp, and a tree whose steps are
// computed at run time. Each result is checked against a host reference.
#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// 16x8 block: every row folds its 16 values into column 0.
__global__ void rowTrees(const int *in, int *out) {
  __shared__ int tile[8][16];
  int x = threadIdx.x, y = threadIdx.y;
  tile[y][x] = in[y * 16 + x];
  for (int s = 8; s > 0; s >>= 1) {
    __syncthreads();
    if (x < s)
      tile[y][x] += tile[y][x + s];
  }
  __syncthreads();
  out[y * 16 + x] = tile[y][x];
}

// Threads below k add one to their slot; k comes from the host.
__global__ void belowArgument(int *out, int k) {
  __shared__ int buf[128];
  int t = threadIdx.x;
  buf[t] = t * 3;
  __syncthreads();
  if (t < k)
    buf[t] += 1;
  __syncthreads();
  out[t] = buf[t];
}

// A tree over blockDim.x values, its steps known only at run time.
__global__ void runtimeTree(const int *in, int *out) {
  __shared__ int buf[128];
  unsigned t = threadIdx.x;
  buf[t] = in[t];
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s)
      buf[t] += buf[t + s];
    __syncthreads();
  }
  out[t] = buf[t];
}

int main() {
  std::vector<int> in(128), out(128);
  for (int i = 0; i < 128; ++i)
    in[i] = (i * 37) % 101 - 50;
  int *devIn, *devOut;
  CHECK(cudaMalloc(&devIn, 128 * sizeof(int)));
  CHECK(cudaMalloc(&devOut, 128 * sizeof(int)));
  CHECK(
      cudaMemcpy(devIn, in.data(), 128 * sizeof(int), cudaMemcpyHostToDevice));

  rowTrees<<<1, dim3(16, 8)>>>(devIn, devOut);
  CHECK(cudaMemcpy(out.data(), devOut, 128 * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int y = 0; y < 8; ++y) {
    std::vector<int> row(in.begin() + y * 16, in.begin() + y * 16 + 16);
    for (int s = 8; s > 0; s >>= 1)
      for (int x = 0; x < s; ++x)
        row[x] += row[x + s];
    for (int x = 0; x < 16; ++x)
      if (out[y * 16 + x] != row[x]) {
        printf("FAIL: rowTrees [%d][%d] = %d, want %d\n", y, x, out[y * 16 + x],
               row[x]);
        return 1;
      }
  }

  const int threads = 100;
  for (int k : {-3, 0, 5, 64, 100, 300}) {
    belowArgument<<<1, threads>>>(devOut, k);
    CHECK(cudaMemcpy(out.data(), devOut, threads * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int t = 0; t < threads; ++t) {
      int want = t * 3 + (t < k ? 1 : 0);
      if (out[t] != want) {
        printf("FAIL: belowArgument(k=%d) [%d] = %d, want %d\n", k, t, out[t],
               want);
        return 1;
      }
    }
  }

  for (int n : {128, 96, 37}) {
    runtimeTree<<<1, n>>>(devIn, devOut);
    CHECK(cudaMemcpy(out.data(), devOut, n * sizeof(int),
                     cudaMemcpyDeviceToHost));
    std::vector<int> want(in.begin(), in.begin() + n);
    for (int s = n / 2; s > 0; s >>= 1)
      for (int t = 0; t < s; ++t)
        want[t] += want[t + s];
    for (int t = 0; t < n; ++t)
      if (out[t] != want[t]) {
        printf("FAIL: runtimeTree(%d) [%d] = %d, want %d\n", n, t, out[t],
               want[t]);
        return 1;
      }
  }

  CHECK(cudaFree(devIn));
  CHECK(cudaFree(devOut));
  printf("PASS\n");
  return 0;
}
