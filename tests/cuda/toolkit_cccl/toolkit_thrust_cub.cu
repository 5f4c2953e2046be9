// The CUDA toolkit's own CCCL (Thrust, CUB and libcu++ of CUDA 12.8 or
// later, given with -I$CUDA_HOME/include/cccl in place of Debian's 1.17):
// thrust::sort, reduce and inclusive_scan of device vectors (a 64-bit scan
// over many tiles among them), a CUB block reduction in a kernel of our
// own, and a cuda::atomic_ref. Newer CCCL needs the E8M0 scale type of
// cuda_fp8.h, the pointer tests (__isGlobal, __isShared), PTX's bmsk and
// strong vector loads and stores. Each result is checked against a host
// reference. Skipped where no toolkit is installed.
#include <cub/block/block_reduce.cuh>
#include <cuda/atomic>
#include <thrust/device_vector.h>
#include <thrust/host_vector.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#ifndef CCCL_VERSION
#error "not the toolkit's CCCL"
#endif

__global__ void blockSums(const int *in, int *out, int *total) {
  using Reduce = cub::BlockReduce<int, 128>;
  __shared__ typename Reduce::TempStorage temp;
  int sum = Reduce(temp).Sum(in[blockIdx.x * 128 + threadIdx.x]);
  if (threadIdx.x == 0) {
    out[blockIdx.x] = sum;
    cuda::atomic_ref<int, cuda::thread_scope_device> ref(*total);
    ref.fetch_add(sum, cuda::std::memory_order_relaxed);
  }
}

int main() {
  const int n = 1 << 12;
  std::vector<int> host(n);
  for (int i = 0; i < n; ++i)
    host[i] = (i * 7919) % 1000 - 500;

  thrust::device_vector<int> keys(host.begin(), host.end());
  thrust::sort(keys.begin(), keys.end());
  thrust::host_vector<int> sorted = keys;
  long long sum = thrust::reduce(keys.begin(), keys.end(), 0ll);
  thrust::device_vector<int> scan(n);
  thrust::inclusive_scan(keys.begin(), keys.end(), scan.begin());
  thrust::host_vector<int> scanned = scan;

  std::vector<int> want = host;
  std::sort(want.begin(), want.end());
  long long wantSum = 0;
  for (int i = 0; i < n; ++i) {
    wantSum += want[i];
    if (sorted[i] != want[i] || scanned[i] != int(wantSum)) {
      printf("FAIL: [%d] sorted %d scanned %d, want %d and %lld\n", i,
             int(sorted[i]), int(scanned[i]), want[i], wantSum);
      return 1;
    }
  }
  if (sum != wantSum) {
    printf("FAIL: reduce %lld, want %lld\n", sum, wantSum);
    return 1;
  }

  // A 64-bit scan over many tiles: CUB's look-back publishes each tile's
  // status and 8-byte sum with one 16-byte strong store.
  const int wide = 1 << 18;
  thrust::device_vector<long long> big(wide);
  for (int i = 0; i < wide; i += 4099)
    big[i] = (long long)i << 20;
  thrust::inclusive_scan(big.begin(), big.end(), big.begin());
  thrust::host_vector<long long> bigScanned = big;
  long long running = 0;
  for (int i = 0; i < wide; ++i) {
    if (i % 4099 == 0)
      running += (long long)i << 20;
    if (bigScanned[i] != running) {
      printf("FAIL: 64-bit scan [%d] %lld, want %lld\n", i,
             (long long)bigScanned[i], running);
      return 1;
    }
  }

  thrust::device_vector<int> in(host.begin(), host.end());
  thrust::device_vector<int> blocks(n / 128), total(1, 0);
  blockSums<<<n / 128, 128>>>(thrust::raw_pointer_cast(in.data()),
                              thrust::raw_pointer_cast(blocks.data()),
                              thrust::raw_pointer_cast(total.data()));
  if (cudaDeviceSynchronize() != cudaSuccess) {
    printf("FAIL: blockSums\n");
    return 1;
  }
  for (int b = 0; b < n / 128; ++b) {
    int s = 0;
    for (int t = 0; t < 128; ++t)
      s += host[b * 128 + t];
    if (blocks[b] != s) {
      printf("FAIL: block %d sum %d, want %d\n", b, int(blocks[b]), s);
      return 1;
    }
  }
  if (total[0] != int(wantSum)) {
    printf("FAIL: atomic total %d, want %lld\n", int(total[0]), wantSum);
    return 1;
  }
  printf("PASS (CCCL %d)\n", CCCL_VERSION);
  return 0;
}
