// cudaLaunchCooperativeKernel with the largest grid the occupancy API
// allows (blocks per SM x SMs): a multi-phase kernel with grid.sync()
// between phases (every block reads what other blocks wrote), a grid-wide
// reduction, and an iterative ping-pong stencil with grid.sync() in a loop;
// grid_group's rank and size queries on a 2-D grid; the device attribute
// and property; a grid one block too large -> cudaErrorCooperativeLaunchTooLarge
// with nothing run, and the device still usable afterwards.
#include <cooperative_groups.h>
#include <cstdio>
#include <vector>

namespace cg = cooperative_groups;

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int kThreads = 256, kIters = 20;

__global__ void phases(int *a, int *b, long long *partial, long long *result,
                       float *x, float *y, unsigned *info, int n) {
  cg::grid_group grid = cg::this_grid();
  cg::thread_block block = cg::this_thread_block();
  unsigned long long rank = grid.thread_rank();
  unsigned long long size = grid.size();
  // Queries.
  if (rank < n) {
    info[rank * 4 + 0] = (unsigned)grid.block_rank();
    info[rank * 4 + 1] = (unsigned)grid.num_blocks();
    info[rank * 4 + 2] = (unsigned)(grid.size() == grid.num_threads());
    info[rank * 4 + 3] = grid.is_valid();
  }
  // Phase 1: each thread writes its elements.
  for (unsigned long long i = rank; i < n; i += size)
    a[i] = (int)((i * 7919) % 1009);
  grid.sync();
  // Phase 2: read an element far away (another block's), write b.
  for (unsigned long long i = rank; i < n; i += size)
    b[i] = a[(i + n / 2 + 17) % n] - a[i];
  grid.sync();
  // Phase 3: per-block partial sums of b, then one grand total.
  __shared__ long long sums[kThreads];
  long long s = 0;
  for (unsigned long long i = rank; i < n; i += size)
    s += b[i] * (long long)(i % 5 + 1);
  sums[block.thread_rank()] = s;
  block.sync();
  for (unsigned w = block.size() / 2; w > 0; w /= 2) {
    if (block.thread_rank() < w)
      sums[block.thread_rank()] += sums[block.thread_rank() + w];
    block.sync();
  }
  if (block.thread_rank() == 0)
    partial[grid.block_rank()] = sums[0];
  grid.sync();
  if (rank == 0) {
    long long t = 0;
    for (unsigned long long k = 0; k < grid.num_blocks(); ++k)
      t += partial[k];
    *result = t;
  }
  // Phase 4: a 3-point stencil, kIters rounds, ping-pong through x and y.
  for (int it = 0; it < kIters; ++it) {
    float *src = (it & 1) ? y : x;
    float *dst = (it & 1) ? x : y;
    for (unsigned long long i = rank; i < n; i += size) {
      float l = src[i == 0 ? n - 1 : i - 1], r = src[i + 1 == n ? 0 : i + 1];
      dst[i] = (l + r) * 0.25f + src[i] * 0.5f;
    }
    cg::sync(grid);
  }
}

int main() {
  int dev = 0, coop = 0, sms = 0, perSm = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&coop, cudaDevAttrCooperativeLaunch, dev));
  CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev));
  cudaDeviceProp prop;
  CHECK(cudaGetDeviceProperties(&prop, dev));
  if (coop != 1 || prop.cooperativeLaunch != 1) {
    printf("FAIL: cooperative launch not reported (attr %d, prop %d)\n", coop,
           prop.cooperativeLaunch);
    return 1;
  }
  CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, phases, kThreads, 0));
  int blocks = perSm * sms;
  if (blocks < 1) {
    printf("FAIL: occupancy gives %d blocks\n", blocks);
    return 1;
  }
  // A 2-D grid of exactly that many blocks, when it factors.
  dim3 grid(blocks % 2 == 0 ? blocks / 2 : blocks, blocks % 2 == 0 ? 2 : 1);
  int n = blocks * kThreads * 3 + 5;
  int *a, *b;
  long long *partial, *result;
  float *x, *y;
  unsigned *info;
  CHECK(cudaMalloc(&a, n * sizeof(int)));
  CHECK(cudaMalloc(&b, n * sizeof(int)));
  CHECK(cudaMalloc(&partial, blocks * sizeof(long long)));
  CHECK(cudaMalloc(&result, sizeof(long long)));
  CHECK(cudaMalloc(&x, n * sizeof(float)));
  CHECK(cudaMalloc(&y, n * sizeof(float)));
  CHECK(cudaMalloc(&info, n * 4 * sizeof(unsigned)));
  std::vector<float> hx(n);
  for (int i = 0; i < n; ++i)
    hx[i] = float(i % 64); // small integers: the stencil stays exact enough
  CHECK(cudaMemcpy(x, hx.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(result, 0, sizeof(long long)));
  void *args[] = {&a, &b, &partial, &result, &x, &y, &info, &n};
  CHECK(cudaLaunchCooperativeKernel((const void *)phases, grid, dim3(kThreads),
                                    args, 0, 0));
  CHECK(cudaDeviceSynchronize());

  // Host reference.
  std::vector<int> ha(n), hb(n);
  for (int i = 0; i < n; ++i)
    ha[i] = (int)(((unsigned long long)i * 7919) % 1009);
  long long want = 0;
  for (int i = 0; i < n; ++i) {
    hb[i] = ha[(i + n / 2 + 17) % n] - ha[i];
    want += hb[i] * (long long)(i % 5 + 1);
  }
  std::vector<float> p = hx, q(n);
  for (int it = 0; it < kIters; ++it) {
    for (int i = 0; i < n; ++i)
      q[i] = (p[i == 0 ? n - 1 : i - 1] + p[i + 1 == n ? 0 : i + 1]) * 0.25f +
             p[i] * 0.5f;
    p.swap(q);
  }
  int failures = 0;
  std::vector<int> gb(n);
  long long got = 0;
  std::vector<float> gx(n);
  std::vector<unsigned> gi(n * 4);
  CHECK(cudaMemcpy(gb.data(), b, n * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&got, result, sizeof(long long), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(gx.data(), kIters % 2 ? y : x, n * sizeof(float),
                   cudaMemcpyDeviceToHost));
  // Only the grid's threads wrote their four fields.
  CHECK(cudaMemcpy(gi.data(), info, blocks * kThreads * 4 * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    if (gb[i] != hb[i] && failures++ < 10)
      printf("FAIL: b[%d] = %d expected %d\n", i, gb[i], hb[i]);
    if (gx[i] != p[i] && failures++ < 10)
      printf("FAIL: stencil[%d] = %f expected %f\n", i, gx[i], p[i]);
  }
  if (got != want && failures++ < 10)
    printf("FAIL: grid sum %lld expected %lld\n", got, want);
  for (int r = 0; r < blocks * kThreads; ++r) {
    unsigned want4[4] = {(unsigned)(r / kThreads), (unsigned)blocks, 1, 1};
    for (int f = 0; f < 4; ++f)
      if (gi[r * 4 + f] != want4[f] && failures++ < 10)
        printf("FAIL: thread %d info %d = %u expected %u\n", r, f,
               gi[r * 4 + f], want4[f]);
  }

  // One block more than can be resident: refused, nothing runs.
  CHECK(cudaMemset(result, 0x7f, sizeof(long long)));
  cudaError_t e = cudaLaunchCooperativeKernel((const void *)phases,
                                              dim3(blocks + 1), dim3(kThreads),
                                              args, 0, 0);
  if (e != cudaErrorCooperativeLaunchTooLarge) {
    printf("FAIL: too-large grid gave %s\n", cudaGetErrorString(e));
    return 1;
  }
  if (cudaGetLastError() != cudaErrorCooperativeLaunchTooLarge ||
      cudaGetLastError() != cudaSuccess) {
    printf("FAIL: last error not reported once\n");
    return 1;
  }
  CHECK(cudaDeviceSynchronize());
  long long untouched = 0;
  CHECK(cudaMemcpy(&untouched, result, sizeof(long long), cudaMemcpyDeviceToHost));
  if (untouched != 0x7f7f7f7f7f7f7f7fLL) {
    printf("FAIL: the refused launch ran\n");
    return 1;
  }
  // A smaller cooperative grid through the typed overload still works.
  CHECK(cudaMemset(result, 0, sizeof(long long)));
  CHECK(cudaLaunchCooperativeKernel(phases, dim3(1), dim3(kThreads), args, 0, 0));
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(&got, result, sizeof(long long), cudaMemcpyDeviceToHost));
  if (got != want && failures++ < 10)
    printf("FAIL: one-block grid sum %lld expected %lld\n", got, want);

  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS (%d blocks of %d threads co-resident)\n", blocks, kThreads);
  return 0;
}
