// A CUDA graph built node by node: cudaGraphCreate, a memset node, two
// kernel nodes, a 1-D memcpy node, an empty join node and a host node,
// wired with dependencies; cudaGraphGetNodes/GetEdges and node types;
// instantiate and launch; cudaGraphExecKernelNodeSetParams with a new
// argument, then relaunch; cudaGraphClone keeps the original parameters.
#include <cstdio>
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
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: line %d: %s\n", __LINE__, #cond); return 1; } \
  } while (0)

__global__ void axpb(const int *x, int *y, int n, int a, int b) {  // y += a*x + b
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += a * x[i] + b;
}
__global__ void iota(int *x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = i % 1000;
}
static void CUDART_CB countRuns(void *p) { ++*static_cast<int *>(p); }

static size_t edgeCount(cudaGraph_t g) {
  size_t num = 0;
#if CUDART_VERSION >= 13000
  if (cudaGraphGetEdges(g, nullptr, nullptr, nullptr, &num) != cudaSuccess) return ~(size_t)0;
#else
  if (cudaGraphGetEdges(g, nullptr, nullptr, &num) != cudaSuccess) return ~(size_t)0;
#endif
  return num;
}

int main() {
  const int n = 4096;
  int *x, *y, *out, runs = 0;
  CHECK(cudaMalloc(&x, n * sizeof(int)));
  CHECK(cudaMalloc(&y, n * sizeof(int)));
  CHECK(cudaMallocManaged(&out, n * sizeof(int)));
  cudaGraph_t g;
  CHECK(cudaGraphCreate(&g, 0));

  cudaMemsetParams ms = {};
  ms.dst = y; ms.value = 0; ms.elementSize = sizeof(int); ms.width = n; ms.height = 1; ms.pitch = 0;
  cudaGraphNode_t memsetNode, iotaNode, axpbNode, copyNode, joinNode, hostNode;
  CHECK(cudaGraphAddMemsetNode(&memsetNode, g, nullptr, 0, &ms));

  int nArg = n, aArg = 3, bArg = -7;
  void *iotaArgs[] = {&x, &nArg};
  cudaKernelNodeParams kp = {};
  kp.func = (void *)iota; kp.gridDim = dim3(n / 256); kp.blockDim = dim3(256);
  kp.sharedMemBytes = 0; kp.kernelParams = iotaArgs; kp.extra = nullptr;
  CHECK(cudaGraphAddKernelNode(&iotaNode, g, nullptr, 0, &kp));  // a root, parallel to the memset

  void *axpbArgs[] = {&x, &y, &nArg, &aArg, &bArg};
  cudaKernelNodeParams kp2 = kp;
  kp2.func = (void *)axpb; kp2.kernelParams = axpbArgs;
  cudaGraphNode_t axpbDeps[] = {memsetNode, iotaNode};
  CHECK(cudaGraphAddKernelNode(&axpbNode, g, axpbDeps, 2, &kp2));
  aArg = 1000; bArg = 1000;  // parameters were copied when the node was added

  CHECK(cudaGraphAddMemcpyNode1D(&copyNode, g, &axpbNode, 1, out, y, n * sizeof(int), cudaMemcpyDeviceToDevice));
  CHECK(cudaGraphAddEmptyNode(&joinNode, g, &copyNode, 1));
  cudaHostNodeParams hp = {countRuns, &runs};
  CHECK(cudaGraphAddHostNode(&hostNode, g, &joinNode, 1, &hp));

  size_t numNodes = 0;
  CHECK(cudaGraphGetNodes(g, nullptr, &numNodes));
  EXPECT(numNodes == 6);
  cudaGraphNode_t nodes[6];
  CHECK(cudaGraphGetNodes(g, nodes, &numNodes));
  int kernels = 0;
  for (size_t k = 0; k < numNodes; ++k) {
    cudaGraphNodeType t;
    CHECK(cudaGraphNodeGetType(nodes[k], &t));
    kernels += t == cudaGraphNodeTypeKernel;
  }
  EXPECT(kernels == 2);
  EXPECT(edgeCount(g) == 5);  // memset->axpb, iota->axpb, axpb->copy, copy->join, join->host
  cudaGraphNodeType t;
  CHECK(cudaGraphNodeGetType(joinNode, &t));
  EXPECT(t == cudaGraphNodeTypeEmpty);

  cudaGraph_t clone;
  CHECK(cudaGraphClone(&clone, g));
  size_t cloneNodes = 0;
  CHECK(cudaGraphGetNodes(clone, nullptr, &cloneNodes));
  EXPECT(cloneNodes == 6 && edgeCount(clone) == 5);

  cudaStream_t s;
  CHECK(cudaStreamCreate(&s));
  cudaGraphExec_t exec;
  CHECK(cudaGraphInstantiate(&exec, g, 0));
  CHECK(cudaGraphLaunch(exec, s));
  CHECK(cudaStreamSynchronize(s));
  for (int i = 0; i < n; ++i) EXPECT(out[i] == 3 * (i % 1000) - 7);
  EXPECT(runs == 1);

  // New arguments for the axpb kernel in the executable graph only.
  int a2 = -2, b2 = 5;
  void *newArgs[] = {&x, &y, &nArg, &a2, &b2};
  kp2.kernelParams = newArgs;
  CHECK(cudaGraphExecKernelNodeSetParams(exec, axpbNode, &kp2));
  CHECK(cudaGraphLaunch(exec, s));
  CHECK(cudaGraphLaunch(exec, s));  // the memset node resets y each time
  CHECK(cudaStreamSynchronize(s));
  for (int i = 0; i < n; ++i) EXPECT(out[i] == -2 * (i % 1000) + 5);
  EXPECT(runs == 3);

  // The clone was taken from the graph, which still has a = 3, b = -7.
  cudaGraphExec_t cloneExec;
  CHECK(cudaGraphInstantiate(&cloneExec, clone, 0));
  CHECK(cudaGraphLaunch(cloneExec, s));
  CHECK(cudaStreamSynchronize(s));
  for (int i = 0; i < n; ++i) EXPECT(out[i] == 3 * (i % 1000) - 7);
  EXPECT(runs == 4);

  CHECK(cudaGraphExecDestroy(cloneExec));
  CHECK(cudaGraphExecDestroy(exec));
  CHECK(cudaGraphDestroy(clone));
  CHECK(cudaGraphDestroy(g));
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(x)); CHECK(cudaFree(y)); CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
