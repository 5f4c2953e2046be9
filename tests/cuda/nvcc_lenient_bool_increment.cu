// Level-synchronous BFS whose kernel raises its "something changed" flag
// with `changed++` on a bool, an idiom of old C code (incrementing a bool
// sets it to true). C++17 removed bool increment; nvcc accepts it in device
// code with a warning, and so must txcc. Host reference: a queue BFS.
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

// CSR graph; dist[v] = -1 until visited.
__global__ void bfsLevel(const int *rowStart, const int *cols, int *dist, int level, int n, int *anyChanged) {
  int v = blockIdx.x * blockDim.x + threadIdx.x;
  if (v >= n || dist[v] != level) return;
  bool changed = false;
  for (int e = rowStart[v]; e < rowStart[v + 1]; ++e) {
    int w = cols[e];
    if (atomicCAS(&dist[w], -1, level + 1) == -1) changed++;
  }
  if (changed) *anyChanged = 1;
}

int main() {
  const int n = 2000;
  std::vector<int> rowStart(n + 1), cols;
  for (int v = 0; v < n; ++v) {  // a sparse pseudo-random graph with a ring for connectivity
    rowStart[v] = (int)cols.size();
    cols.push_back((v + 1) % n);
    for (int k = 0; k < v % 3; ++k) cols.push_back((int)((v * 7919u + k * 104729u) % n));
  }
  rowStart[n] = (int)cols.size();
  int *dRow, *dCols, *dDist, *dChanged;
  CUDA_CHECK(cudaMalloc(&dRow, (n + 1) * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dCols, cols.size() * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dDist, n * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dChanged, sizeof(int)));
  CUDA_CHECK(cudaMemcpy(dRow, rowStart.data(), (n + 1) * sizeof(int), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dCols, cols.data(), cols.size() * sizeof(int), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemset(dDist, 0xff, n * sizeof(int)));  // -1 everywhere
  CUDA_CHECK(cudaMemset(dDist, 0, sizeof(int)));         // source: vertex 0
  int level = 0, changed = 1;
  while (changed) {
    CUDA_CHECK(cudaMemset(dChanged, 0, sizeof(int)));
    bfsLevel<<<(n + 255) / 256, 256>>>(dRow, dCols, dDist, level, n, dChanged);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(&changed, dChanged, sizeof(int), cudaMemcpyDeviceToHost));
    ++level;
  }
  std::vector<int> dist(n), ref(n, -1), queue(1, 0);
  CUDA_CHECK(cudaMemcpy(dist.data(), dDist, n * sizeof(int), cudaMemcpyDeviceToHost));
  ref[0] = 0;
  for (size_t q = 0; q < queue.size(); ++q)
    for (int e = rowStart[queue[q]]; e < rowStart[queue[q] + 1]; ++e)
      if (ref[cols[e]] < 0) { ref[cols[e]] = ref[queue[q]] + 1; queue.push_back(cols[e]); }
  for (int v = 0; v < n; ++v)
    if (dist[v] != ref[v]) { printf("FAIL: dist[%d] = %d expected %d\n", v, dist[v], ref[v]); return 1; }
  printf("levels: %d\n", level - 1);
  CUDA_CHECK(cudaFree(dRow)); CUDA_CHECK(cudaFree(dCols)); CUDA_CHECK(cudaFree(dDist)); CUDA_CHECK(cudaFree(dChanged));
  printf("PASS\n");
  return 0;
}
