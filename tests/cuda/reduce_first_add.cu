// Reductions whose threads first add two or three stretches of their
// block's input (in[base + t], in[base + t + blockDim.x], ...). On the CPU
// each stretch is read by a thread loop of its own (SplitBlockStreams puts
// an implicit barrier between them); the sums must not change. Sizes that
// end inside the first, second and third stretch of the last block, one
// element, and block sizes from 32 to 256 are checked against the host
// (reduceThree also with 96 threads: its block sum is serial, where the
// tree needs a power of two).
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr unsigned MaxBlock = 256;

// Two stretches, then a tree in shared memory.
__global__ void reduceTwo(const int *in, long long *out, int n) {
  __shared__ long long partial[MaxBlock];
  unsigned t = threadIdx.x;
  unsigned base = blockIdx.x * (blockDim.x * 2);
  long long sum = 0;
  if (base + t < unsigned(n))
    sum = in[base + t];
  if (base + t + blockDim.x < unsigned(n))
    sum += in[base + t + blockDim.x];
  partial[t] = sum;
  __syncthreads();
  for (unsigned stride = blockDim.x / 2; stride > 0; stride >>= 1) {
    if (t < stride)
      partial[t] += partial[t + stride];
    __syncthreads();
  }
  if (t == 0)
    out[blockIdx.x] = partial[0];
}

// Three stretches of floats (small integers: exact in any order), and the
// thread's index carried across the splits as well.
__global__ void reduceThree(const float *in, float *out, int *owner, int n) {
  __shared__ float partial[MaxBlock];
  unsigned t = threadIdx.x;
  unsigned base = blockIdx.x * (blockDim.x * 3);
  unsigned first = base + t;
  float sum = first < unsigned(n) ? in[first] : 0.0f;
  if (first + blockDim.x < unsigned(n))
    sum += in[first + blockDim.x];
  if (first + 2 * blockDim.x < unsigned(n))
    sum += in[first + 2 * blockDim.x];
  partial[t] = sum;
  __syncthreads();
  if (t == 0) {
    float total = 0.0f;
    for (unsigned k = 0; k < blockDim.x; ++k)
      total += partial[k];
    out[blockIdx.x] = total;
    owner[blockIdx.x] = int(first);
  }
}

static int checkTwo(int n, unsigned block) {
  std::vector<int> h(n);
  long long want = 0;
  for (int i = 0; i < n; ++i) {
    h[i] = int((i * 2654435761u) >> 22) - 512;
    want += h[i];
  }
  unsigned blocks = (n + 2 * block - 1) / (2 * block);
  int *in;
  long long *out;
  CHECK(cudaMalloc(&in, n * sizeof(int)));
  CHECK(cudaMalloc(&out, blocks * sizeof(long long)));
  CHECK(cudaMemcpy(in, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  reduceTwo<<<blocks, block>>>(in, out, n);
  CHECK(cudaGetLastError());
  std::vector<long long> got(blocks);
  CHECK(cudaMemcpy(got.data(), out, blocks * sizeof(long long),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(in));
  CHECK(cudaFree(out));
  long long total = 0;
  for (unsigned b = 0; b < blocks; ++b) {
    long long part = 0;
    for (unsigned i = b * 2 * block; i < (b + 1) * 2 * block && int(i) < n; ++i)
      part += h[i];
    if (got[b] != part) {
      printf("FAIL: two stretches, n=%d block=%u: block %u sums %lld, "
             "expected %lld\n",
             n, block, b, got[b], part);
      return 1;
    }
    total += got[b];
  }
  if (total != want) {
    printf("FAIL: two stretches, n=%d: total %lld, expected %lld\n", n, total,
           want);
    return 1;
  }
  return 0;
}

static int checkThree(int n, unsigned block) {
  std::vector<float> h(n);
  for (int i = 0; i < n; ++i)
    h[i] = float(int(i % 13) - 6);
  unsigned blocks = (n + 3 * block - 1) / (3 * block);
  float *in, *out;
  int *owner;
  CHECK(cudaMalloc(&in, n * sizeof(float)));
  CHECK(cudaMalloc(&out, blocks * sizeof(float)));
  CHECK(cudaMalloc(&owner, blocks * sizeof(int)));
  CHECK(cudaMemcpy(in, h.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  reduceThree<<<blocks, block>>>(in, out, owner, n);
  CHECK(cudaGetLastError());
  std::vector<float> got(blocks);
  std::vector<int> owners(blocks);
  CHECK(cudaMemcpy(got.data(), out, blocks * sizeof(float),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(owners.data(), owner, blocks * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(in));
  CHECK(cudaFree(out));
  CHECK(cudaFree(owner));
  for (unsigned b = 0; b < blocks; ++b) {
    float part = 0.0f;
    for (unsigned i = b * 3 * block; i < (b + 1) * 3 * block && int(i) < n; ++i)
      part += h[i];
    if (got[b] != part || owners[b] != int(b * 3 * block)) {
      printf("FAIL: three stretches, n=%d block=%u: block %u sums %g "
             "(thread 0 at %d), expected %g (at %u)\n",
             n, block, b, got[b], owners[b], part, b * 3 * block);
      return 1;
    }
  }
  return 0;
}

int main() {
  const unsigned blocks[] = {32, 64, 128, 256}; // powers of two: the tree
  for (unsigned block : blocks) {
    // Ends in the first and in the second stretch of the last block.
    const int sizes[] = {
        1,     int(block) - 1, int(block) + 7, 2 * int(block), (1 << 20) + 3,
        100000};
    for (int n : sizes)
      if (checkTwo(n, block))
        return 1;
    const int sizes3[] = {1, int(block) + 1, 2 * int(block) + 5,
                          3 * int(block) * 5 + 2, 77777};
    for (int n : sizes3)
      if (checkThree(n, block))
        return 1;
  }
  if (checkThree(3 * 96 * 4 + 50, 96) || checkThree(95, 96))
    return 1;
  printf("PASS\n");
  return 0;
}
