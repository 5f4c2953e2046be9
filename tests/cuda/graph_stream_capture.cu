// An iterative solver step captured once into a CUDA graph and launched
// many times. One step of a 1-D diffusion with a time-dependent source:
//   stream s1: diffuse u -> tmp
//   fork to s2 (event): reset the residual (cudaMemsetAsync), compute the
//     source from a device-side step counter, bump the counter
//   join back into s1 (event): u = tmp + f, sum of squares of u into the
//     residual (shared-memory reduction + atomicAdd), copy the residual to
//     pinned host memory, and a host function that appends it to a history.
// The graph is launched ITERS times; u and the residual history are
// checked against the same computation on the host.
#include <cmath>
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

constexpr int N = 4096;
constexpr int ITERS = 200;
constexpr int BLOCK = 256;
constexpr float ALPHA = 0.2f;

__global__ void diffuse(const float *u, float *tmp, int n, float alpha) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  if (i == 0 || i == n - 1) { tmp[i] = u[i]; return; }
  tmp[i] = u[i] + alpha * (u[i - 1] - 2.0f * u[i] + u[i + 1]);
}

__global__ void source(float *f, int n, const int *step) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) f[i] = 0.001f * cosf(0.02f * i + 0.1f * (float)(*step));
}

__global__ void bump(int *step) { *step += 1; }

__global__ void addSource(const float *tmp, const float *f, float *u, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) u[i] = tmp[i] + f[i];
}

__global__ void sumSquares(const float *u, float *sum, int n) {
  __shared__ float part[BLOCK];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  part[threadIdx.x] = i < n ? u[i] * u[i] : 0.0f;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(sum, part[0]);
}

struct History {
  const float *pinnedSum;
  std::vector<float> values;
};

static void CUDART_CB recordResidual(void *p) {
  History *h = static_cast<History *>(p);
  h->values.push_back(*h->pinnedSum);  // The copy before it has completed.
}

static bool close(double got, double want, double rel) {
  return std::fabs(got - want) <= rel * std::fmax(1.0, std::fabs(want));
}

int main() {
  std::vector<float> u0(N);
  for (int i = 0; i < N; ++i) u0[i] = sinf(0.01f * i);

  float *u, *tmp, *f, *sum, *pinnedSum;
  int *step;
  CHECK(cudaMalloc(&u, N * sizeof(float)));
  CHECK(cudaMalloc(&tmp, N * sizeof(float)));
  CHECK(cudaMalloc(&f, N * sizeof(float)));
  CHECK(cudaMalloc(&sum, sizeof(float)));
  CHECK(cudaMalloc(&step, sizeof(int)));
  CHECK(cudaMallocHost(&pinnedSum, sizeof(float)));
  CHECK(cudaMemcpy(u, u0.data(), N * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(step, 0, sizeof(int)));

  cudaStream_t s1, s2;
  CHECK(cudaStreamCreateWithFlags(&s1, cudaStreamNonBlocking));
  CHECK(cudaStreamCreateWithFlags(&s2, cudaStreamNonBlocking));
  cudaEvent_t forkEv, joinEv;
  CHECK(cudaEventCreateWithFlags(&forkEv, cudaEventDisableTiming));
  CHECK(cudaEventCreateWithFlags(&joinEv, cudaEventDisableTiming));
  History history{pinnedSum, {}};
  const int grid = (N + BLOCK - 1) / BLOCK;

  // Capture one step.
  CHECK(cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal));
  diffuse<<<grid, BLOCK, 0, s1>>>(u, tmp, N, ALPHA);
  CHECK(cudaGetLastError());
  CHECK(cudaEventRecord(forkEv, s1));
  CHECK(cudaStreamWaitEvent(s2, forkEv, 0));
  cudaStreamCaptureStatus status;
  CHECK(cudaStreamIsCapturing(s2, &status));
  if (status != cudaStreamCaptureStatusActive) {
    printf("FAIL: the forked stream is not capturing\n");
    return 1;
  }
  CHECK(cudaMemsetAsync(sum, 0, sizeof(float), s2));
  source<<<grid, BLOCK, 0, s2>>>(f, N, step);
  bump<<<1, 1, 0, s2>>>(step);
  CHECK(cudaEventRecord(joinEv, s2));
  CHECK(cudaStreamWaitEvent(s1, joinEv, 0));
  addSource<<<grid, BLOCK, 0, s1>>>(tmp, f, u, N);
  sumSquares<<<grid, BLOCK, 0, s1>>>(u, sum, N);
  CHECK(cudaMemcpyAsync(pinnedSum, sum, sizeof(float), cudaMemcpyDeviceToHost,
                        s1));
  CHECK(cudaLaunchHostFunc(s1, recordResidual, &history));
  unsigned long long captureId = 0;
  size_t numDeps = 0;
#if CUDART_VERSION >= 13000  // CUDA 13 added the edge data to the plain name
  CHECK(cudaStreamGetCaptureInfo(s1, &status, &captureId, nullptr, nullptr,
                                 nullptr, &numDeps));
#else
  CHECK(cudaStreamGetCaptureInfo(s1, &status, &captureId, nullptr, nullptr,
                                 &numDeps));
#endif
  if (status != cudaStreamCaptureStatusActive || captureId == 0 ||
      numDeps != 1) {
    printf("FAIL: capture info: status %d id %llu deps %zu\n", (int)status,
           captureId, numDeps);
    return 1;
  }
  cudaGraph_t graph;
  CHECK(cudaStreamEndCapture(s1, &graph));

  size_t numNodes = 0;
  CHECK(cudaGraphGetNodes(graph, nullptr, &numNodes));
  if (numNodes != 8) {
    printf("FAIL: %zu nodes captured, expected 8\n", numNodes);
    return 1;
  }
  if (!history.values.empty()) {
    printf("FAIL: captured work ran during the capture\n");
    return 1;
  }

  cudaGraphExec_t exec;
  CHECK(cudaGraphInstantiate(&exec, graph, 0));
  for (int it = 0; it < ITERS; ++it) CHECK(cudaGraphLaunch(exec, s1));
  CHECK(cudaStreamSynchronize(s1));
  std::vector<float> got(N);
  CHECK(cudaMemcpy(got.data(), u, N * sizeof(float), cudaMemcpyDeviceToHost));
  int stepsTaken = 0;
  CHECK(cudaMemcpy(&stepsTaken, step, sizeof(int), cudaMemcpyDeviceToHost));

  // The same steps on the host.
  std::vector<float> hu(u0), htmp(N), hf(N);
  std::vector<double> hres;
  for (int it = 0; it < ITERS; ++it) {
    for (int i = 0; i < N; ++i)
      htmp[i] = (i == 0 || i == N - 1)
                    ? hu[i]
                    : hu[i] + ALPHA * (hu[i - 1] - 2.0f * hu[i] + hu[i + 1]);
    for (int i = 0; i < N; ++i) hf[i] = 0.001f * cosf(0.02f * i + 0.1f * it);
    double s = 0;
    for (int i = 0; i < N; ++i) {
      hu[i] = htmp[i] + hf[i];
      s += (double)hu[i] * hu[i];
    }
    hres.push_back(s);
  }

  if (stepsTaken != ITERS) {
    printf("FAIL: the step counter is %d, expected %d\n", stepsTaken, ITERS);
    return 1;
  }
  for (int i = 0; i < N; ++i) {
    if (!close(got[i], hu[i], 1e-4)) {
      printf("FAIL: u[%d] = %.7f, expected %.7f\n", i, got[i], hu[i]);
      return 1;
    }
  }
  if ((int)history.values.size() != ITERS) {
    printf("FAIL: %zu residuals recorded, expected %d\n",
           history.values.size(), ITERS);
    return 1;
  }
  for (int it = 0; it < ITERS; ++it) {
    if (!close(history.values[it], hres[it], 1e-3)) {
      printf("FAIL: residual %d = %.4f, expected %.4f\n", it,
             history.values[it], hres[it]);
      return 1;
    }
  }

  CHECK(cudaGraphExecDestroy(exec));
  CHECK(cudaGraphDestroy(graph));
  CHECK(cudaEventDestroy(forkEv));
  CHECK(cudaEventDestroy(joinEv));
  CHECK(cudaStreamDestroy(s1));
  CHECK(cudaStreamDestroy(s2));
  CHECK(cudaFreeHost(pinnedSum));
  CHECK(cudaFree(u));
  CHECK(cudaFree(tmp));
  CHECK(cudaFree(f));
  CHECK(cudaFree(sum));
  CHECK(cudaFree(step));
  printf("PASS\n");
  return 0;
}
