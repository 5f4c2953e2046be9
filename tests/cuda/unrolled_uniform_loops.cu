// Uniform loops with a constant trip count that the CPU lowering unrolls by
// four before running each round for the whole block (ImplicitLoopBarriers):
// nearest-centroid assignment over 32 and 36 clusters (per-thread best
// distance and index carried across the loop, centroids in __shared__), a
// loop of 30 iterations (not unrolled), one after an early return of some
// threads, and one inside a branch on the thread index; the same assignment
// with its cluster loop unrolled by four in the source, over 8, 32 and 36
// clusters (8 and 9 rounds of four are too large to unroll whole inside the
// thread loop, so those loops are interchanged although their trip counts
// are small); blocks of 256, 96 and 33 threads. Each result is checked
// against a host model.
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

constexpr int Dims = 4;

// The nearest of K centroids to each point (ties: the lowest index); with
// ByFour, the cluster loop is unrolled by four by hand.
template <int K, bool ByFour = false>
__global__ void nearest(const float *points, const float *centroids,
                        int *assign, int n) {
  __shared__ float cent[K * Dims];
  for (int i = threadIdx.x; i < K * Dims; i += blockDim.x)
    cent[i] = centroids[i];
  __syncthreads();
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p >= n)
    return;
  float x[Dims];
  for (int d = 0; d < Dims; ++d)
    x[d] = points[p * Dims + d];
  float best = 3.4e38f;
  int bestK = -1;
  if constexpr (ByFour) {
    static_assert(K % 4 == 0, "four clusters a round");
    for (int k0 = 0; k0 < K; k0 += 4) {
#pragma unroll
      for (int u = 0; u < 4; ++u) {
        int k = k0 + u;
        float dist = 0.0f;
        for (int d = 0; d < Dims; ++d) {
          float diff = x[d] - cent[k * Dims + d];
          dist += diff * diff;
        }
        if (dist < best) {
          best = dist;
          bestK = k;
        }
      }
    }
  } else {
    for (int k = 0; k < K; ++k) {
      float dist = 0.0f;
      for (int d = 0; d < Dims; ++d) {
        float diff = x[d] - cent[k * Dims + d];
        dist += diff * diff;
      }
      if (dist < best) {
        best = dist;
        bestK = k;
      }
    }
  }
  assign[p] = bestK;
}

// Odd threads of each block sum 40 terms of their input; even threads
// write their index.
__global__ void oddSums(const int *in, int *out, int n) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= n)
    return;
  if (threadIdx.x & 1) {
    int sum = 0, v = in[t];
    for (int s = 0; s < 40; ++s)
      sum += (v + s) * (s & 3) - (v >> (s & 7));
    out[t] = sum;
  } else {
    out[t] = t;
  }
}

template <int K, bool ByFour = false>
static int checkNearest(int n, int block) {
  std::vector<float> points(n * Dims), centroids(K * Dims);
  for (int i = 0; i < n * Dims; ++i)
    points[i] = float((i * 37) % 101) * 0.25f;
  for (int i = 0; i < K * Dims; ++i)
    centroids[i] = float((i * 53) % 97) * 0.25f;
  float *dp, *dc;
  int *da;
  CHECK(cudaMalloc(&dp, n * Dims * sizeof(float)));
  CHECK(cudaMalloc(&dc, K * Dims * sizeof(float)));
  CHECK(cudaMalloc(&da, n * sizeof(int)));
  CHECK(cudaMemcpy(dp, points.data(), n * Dims * sizeof(float),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, centroids.data(), K * Dims * sizeof(float),
                   cudaMemcpyHostToDevice));
  if (block == 256)
    nearest<K, ByFour><<<(n + 255) / 256, 256>>>(dp, dc, da, n);
  else
    nearest<K, ByFour><<<(n + block - 1) / block, block>>>(dp, dc, da, n);
  CHECK(cudaGetLastError());
  std::vector<int> assign(n);
  CHECK(cudaMemcpy(assign.data(), da, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int p = 0; p < n; ++p) {
    float best = 3.4e38f;
    int bestK = -1;
    for (int k = 0; k < K; ++k) {
      // Quarter steps below 26: every sum is exact, contracted or not.
      float dist = 0.0f;
      for (int d = 0; d < Dims; ++d) {
        float diff = points[p * Dims + d] - centroids[k * Dims + d];
        dist += diff * diff;
      }
      if (dist < best) {
        best = dist;
        bestK = k;
      }
    }
    if (assign[p] != bestK) {
      printf("FAIL: nearest<%d, %d> n=%d block=%d: point %d -> %d, want %d\n",
             K, int(ByFour), n, block, p, assign[p], bestK);
      return 1;
    }
  }
  CHECK(cudaFree(dp));
  CHECK(cudaFree(dc));
  CHECK(cudaFree(da));
  return 0;
}

static int checkOddSums(int n, int block) {
  std::vector<int> in(n), out(n);
  for (int i = 0; i < n; ++i)
    in[i] = (i * 7919) % 1000 - 500;
  int *din, *dout;
  CHECK(cudaMalloc(&din, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(din, in.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  oddSums<<<(n + block - 1) / block, block>>>(din, dout, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.data(), dout, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < n; ++t) {
    int want = t;
    if ((t % block) & 1) {
      want = 0;
      for (int s = 0; s < 40; ++s)
        want += (in[t] + s) * (s & 3) - (in[t] >> (s & 7));
    }
    if (out[t] != want) {
      printf("FAIL: oddSums n=%d block=%d: out[%d] = %d, want %d\n", n, block,
             t, out[t], want);
      return 1;
    }
  }
  CHECK(cudaFree(din));
  CHECK(cudaFree(dout));
  return 0;
}

int main() {
  int status = 0;
  for (int n : {1, 100, 256, 1000}) {
    for (int block : {256, 96, 33}) {
      status |= checkNearest<32>(n, block);
      status |= checkNearest<36>(n, block);
      status |= checkNearest<30>(n, block);
      status |= checkNearest<32, true>(n, block);
      status |= checkNearest<36, true>(n, block);
      status |= checkNearest<8, true>(n, block);
      status |= checkOddSums(n, block);
    }
  }
  if (status)
    return 1;
  printf("PASS\n");
  return 0;
}
