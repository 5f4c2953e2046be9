// __managed__ variables of several shapes: a global array (a histogram
// filled by a kernel and read directly by the host), a struct with
// nested arrays (simulation state stepped by a kernel, inspected and
// edited by the host), a file-static managed variable, and a managed
// variable with a non-zero initialiser.
#include <cmath>
#include <cstdio>
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

constexpr int kBins = 64, kBodies = 32;
struct SimState {
  float pos[kBodies], vel[kBodies];
  int step;
  double energy;
};

__managed__ unsigned int histogram[kBins];
__managed__ SimState state = {{0.0f}, {0.0f}, 0, 0.0};
static __managed__ int launches = 100;  // file-local
__managed__ float weights[4] = {0.5f, 1.0f, 2.0f, 4.0f};

__global__ void histo(const unsigned char *data, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&histogram[data[i] % kBins], 1u);
  if (i == 0) atomicAdd(&launches, 1);
}

__global__ void stepBodies(float dt) {
  int b = threadIdx.x;
  state.vel[b] -= dt * state.pos[b] * weights[b % 4];  // springs of different stiffness
  state.pos[b] += dt * state.vel[b];
  __syncthreads();
  if (b == 0) {
    ++state.step;
    atomicAdd(&launches, 1);
  }
}

int main() {
  const int n = 50000;
  unsigned char *data;
  CUDA_CHECK(cudaMallocManaged(&data, n));
  for (int i = 0; i < n; ++i) data[i] = (unsigned char)((i * 131) ^ (i >> 3));
  histo<<<(n + 255) / 256, 256>>>(data, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());
  unsigned ref[kBins] = {0}, total = 0;
  for (int i = 0; i < n; ++i) ref[data[i] % kBins]++;
  for (int b = 0; b < kBins; ++b) {
    total += histogram[b];  // host reads the managed array in place
    if (histogram[b] != ref[b]) { printf("FAIL: bin %d = %u expected %u\n", b, histogram[b], ref[b]); return 1; }
  }
  if (total != (unsigned)n) { printf("FAIL: histogram total %u\n", total); return 1; }

  for (int b = 0; b < kBodies; ++b) state.pos[b] = 1.0f + 0.125f * b;  // host initialises the struct
  weights[3] = 8.0f;                                                    // and edits an array element
  float pos[kBodies], vel[kBodies] = {0.0f};
  for (int b = 0; b < kBodies; ++b) pos[b] = state.pos[b];
  const float dt = 0.0625f;
  for (int s = 0; s < 20; ++s) {
    stepBodies<<<1, kBodies>>>(dt);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaDeviceSynchronize());
    state.energy += 1.0;  // host-side bookkeeping between steps
    for (int b = 0; b < kBodies; ++b) {
      vel[b] -= dt * pos[b] * weights[b % 4];
      pos[b] += dt * vel[b];
    }
  }
  for (int b = 0; b < kBodies; ++b)
    if (fabsf(state.pos[b] - pos[b]) > 1e-5f * (1.0f + fabsf(pos[b])) ||
        fabsf(state.vel[b] - vel[b]) > 1e-5f * (1.0f + fabsf(vel[b]))) {  // fma contraction may differ
      printf("FAIL: body %d: %g %g expected %g %g\n", b, state.pos[b], state.vel[b], pos[b], vel[b]);
      return 1;
    }
  if (state.step != 20 || state.energy != 20.0 || launches != 121) {
    printf("FAIL: step %d energy %g launches %d\n", state.step, state.energy, launches);
    return 1;
  }
  CUDA_CHECK(cudaFree(data));
  printf("PASS\n");
  return 0;
}
