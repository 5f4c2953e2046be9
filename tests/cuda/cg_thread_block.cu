// cooperative_groups::thread_block on 1-D, 2-D and 3-D blocks: thread_rank,
// size/num_threads, group_index, thread_index, dim_threads/group_dim, a
// shared-memory exchange across block.sync() and cg::sync(block), and a
// block passed to a __device__ function as a generic thread_group.
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

constexpr int kFields = 12;

// Generic group: sync through the thread_group interface.
__device__ unsigned reverse_through(cg::thread_group g, unsigned *buf,
                                    unsigned v) {
  unsigned r = (unsigned)g.thread_rank();
  buf[r] = v;
  g.sync();
  unsigned out = buf[g.size() - 1 - r];
  g.sync();
  return out;
}

__global__ void block_info(unsigned *out) {
  __shared__ unsigned buf[1024];
  cg::thread_block b = cg::this_thread_block();
  unsigned rank = b.thread_rank();
  unsigned blockId = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
  unsigned *o = out + (blockId * b.size() + rank) * kFields;
  o[0] = rank;
  o[1] = b.size();
  o[2] = b.num_threads();
  dim3 gi = b.group_index();
  o[3] = gi.x + 100 * gi.y + 10000 * gi.z;
  dim3 ti = b.thread_index();
  o[4] = ti.x + 100 * ti.y + 10000 * ti.z;
  dim3 dt = b.dim_threads();
  dim3 gd = b.group_dim();
  o[5] = dt.x + 100 * dt.y + 10000 * dt.z;
  o[6] = gd.x + 100 * gd.y + 10000 * gd.z;
  // Neighbour exchange across block.sync().
  buf[rank] = rank * 3 + blockId;
  b.sync();
  o[7] = buf[(rank + 1) % b.size()];
  cg::sync(b);
  buf[rank] = rank * 5;
  cg::sync(b);
  o[8] = buf[b.size() - 1 - rank];
  b.sync();
  o[9] = reverse_through(b, buf, rank + 7);
  // Block-wide reduction in shared memory with b.sync() in a loop.
  buf[rank] = rank;
  b.sync();
  for (unsigned s = 1; s < b.size(); s <<= 1) {
    unsigned add = (rank % (2 * s) == 0 && rank + s < b.size()) ? buf[rank + s] : 0;
    b.sync();
    buf[rank] += add;
    b.sync();
  }
  o[10] = buf[0];
  o[11] = cg::this_thread_block().thread_rank() == threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
}

int run(dim3 grid, dim3 block) {
  unsigned threads = block.x * block.y * block.z;
  unsigned blocks = grid.x * grid.y * grid.z;
  size_t n = size_t(threads) * blocks * kFields;
  unsigned *d;
  CHECK(cudaMalloc(&d, n * sizeof(unsigned)));
  block_info<<<grid, block>>>(d);
  CHECK(cudaGetLastError());
  std::vector<unsigned> h(n);
  CHECK(cudaMemcpy(h.data(), d, n * sizeof(unsigned), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(d));
  int failures = 0;
  for (unsigned bz = 0; bz < grid.z; ++bz)
    for (unsigned by = 0; by < grid.y; ++by)
      for (unsigned bx = 0; bx < grid.x; ++bx)
        for (unsigned tz = 0; tz < block.z; ++tz)
          for (unsigned ty = 0; ty < block.y; ++ty)
            for (unsigned tx = 0; tx < block.x; ++tx) {
              unsigned blockId = bx + grid.x * (by + grid.y * bz);
              unsigned r = tx + block.x * (ty + block.y * tz);
              const unsigned *o = &h[(size_t(blockId) * threads + r) * kFields];
              unsigned want[kFields] = {
                  r, threads, threads, bx + 100 * by + 10000 * bz,
                  tx + 100 * ty + 10000 * tz,
                  block.x + 100 * block.y + 10000 * block.z,
                  block.x + 100 * block.y + 10000 * block.z,
                  ((r + 1) % threads) * 3 + blockId, (threads - 1 - r) * 5,
                  (threads - 1 - r) + 7, threads * (threads - 1) / 2, 1};
              for (int f = 0; f < kFields; ++f)
                if (o[f] != want[f] && failures++ < 10)
                  printf("FAIL: grid(%u,%u,%u) block(%u,%u,%u) b%u t%u field %d: got %u expected %u\n",
                         grid.x, grid.y, grid.z, block.x, block.y, block.z,
                         blockId, r, f, o[f], want[f]);
            }
  return failures;
}

int main() {
  int failures = 0;
  failures += run(dim3(3), dim3(64));
  failures += run(dim3(2), dim3(100));
  failures += run(dim3(2, 3), dim3(8, 5));
  failures += run(dim3(2, 1, 2), dim3(4, 3, 5));
  failures += run(dim3(1), dim3(1024));
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
