// A CUDA graph built node by node: a host-to-device copy, a memset, two
// kernels that depend on both, a child graph (kernel + copy back to the
// host) and a host node at the end. Checks the structure (cudaGraphGetNodes,
// cudaGraphGetEdges, root nodes, node types), launches it, changes a kernel
// node's parameters in the executable graph and relaunches, clones the
// graph, changes the clone's node (found with cudaGraphNodeFindInClone) and
// applies it with cudaGraphExecUpdate, and keeps a user object alive for as
// long as the graph needs it.
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
// CUDA 13 added the edge data to the plain names of the edge queries.
#if CUDART_VERSION >= 13000
#define EDGES(from, to, count) cudaGraphGetEdges(graph, from, to, nullptr, count)
#define DEPENDENTS(node, count)                                            \
  cudaGraphNodeGetDependentNodes(node, nullptr, nullptr, count)
#else
#define EDGES(from, to, count) cudaGraphGetEdges(graph, from, to, count)
#define DEPENDENTS(node, count) cudaGraphNodeGetDependentNodes(node, nullptr, count)
#endif
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) {                                                         \
      printf("FAIL: line %d: %s\n", __LINE__, #cond);                      \
      return 1;                                                            \
    }                                                                      \
  } while (0)

constexpr int N = 1000;

__global__ void scale(const int *x, int *y, int n, int a) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i];
}

__global__ void addInto(const int *x, int *z, int n, int b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) z[i] += x[i] + b;
}

__global__ void combine(const int *y, const int *z, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = y[i] - z[i];
}

static int hostCalls = 0;
static void CUDART_CB countCall(void *) { ++hostCalls; }

static int destroyed = 0;
static void CUDART_CB releaseResource(void *p) { destroyed += *(int *)p; }

/// out[i] = a*x[i] - (x[i] + b), with z zeroed first.
static bool check(const std::vector<int> &out, const std::vector<int> &x,
                  int a, int b) {
  for (int i = 0; i < N; ++i)
    if (out[i] != a * x[i] - (x[i] + b)) {
      printf("FAIL: out[%d] = %d, expected %d (a=%d b=%d)\n", i, out[i],
             a * x[i] - (x[i] + b), a, b);
      return false;
    }
  return true;
}

int main() {
  std::vector<int> x(N), out(N, -1);
  unsigned seed = 12345;
  for (int i = 0; i < N; ++i) {
    seed = seed * 1103515245u + 12345u;
    x[i] = (int)(seed >> 16) % 1000 - 500;
  }
  int *dx, *dy, *dz, *dout;
  CHECK(cudaMalloc(&dx, N * sizeof(int)));
  CHECK(cudaMalloc(&dy, N * sizeof(int)));
  CHECK(cudaMalloc(&dz, N * sizeof(int)));
  CHECK(cudaMalloc(&dout, N * sizeof(int)));

  cudaGraph_t graph;
  CHECK(cudaGraphCreate(&graph, 0));
  cudaGraphNode_t copyIn, clearZ, scaleNode, addNode, childNode, hostNode;
  CHECK(cudaGraphAddMemcpyNode1D(&copyIn, graph, nullptr, 0, dx, x.data(),
                                 N * sizeof(int), cudaMemcpyHostToDevice));
  cudaMemsetParams clear = {};
  clear.dst = dz;
  clear.value = 0;
  clear.elementSize = sizeof(int);
  clear.width = N;
  clear.height = 1;
  CHECK(cudaGraphAddMemsetNode(&clearZ, graph, nullptr, 0, &clear));

  const int threads = 128, blocks = (N + threads - 1) / threads;
  int n = N, a = 3, b = 7;
  void *scaleArgs[] = {&dx, &dy, &n, &a};
  cudaKernelNodeParams scaleParams = {};
  scaleParams.func = (void *)scale;
  scaleParams.gridDim = dim3(blocks);
  scaleParams.blockDim = dim3(threads);
  scaleParams.kernelParams = scaleArgs;
  CHECK(cudaGraphAddKernelNode(&scaleNode, graph, &copyIn, 1, &scaleParams));
  void *addArgs[] = {&dx, &dz, &n, &b};
  cudaKernelNodeParams addParams = scaleParams;
  addParams.func = (void *)addInto;
  addParams.kernelParams = addArgs;
  cudaGraphNode_t addDeps[] = {copyIn, clearZ};
  CHECK(cudaGraphAddKernelNode(&addNode, graph, addDeps, 2, &addParams));
  a = 100;  // The node copied the argument values when it was made.

  // The child graph: combine, then copy the result to the host.
  cudaGraph_t child;
  CHECK(cudaGraphCreate(&child, 0));
  void *combineArgs[] = {&dy, &dz, &dout, &n};
  cudaKernelNodeParams combineParams = scaleParams;
  combineParams.func = (void *)combine;
  combineParams.kernelParams = combineArgs;
  cudaGraphNode_t combineNode, copyOut;
  CHECK(cudaGraphAddKernelNode(&combineNode, child, nullptr, 0,
                               &combineParams));
  CHECK(cudaGraphAddMemcpyNode1D(&copyOut, child, &combineNode, 1, out.data(),
                                 dout, N * sizeof(int),
                                 cudaMemcpyDeviceToHost));
  cudaGraphNode_t childDeps[] = {scaleNode, addNode};
  CHECK(cudaGraphAddChildGraphNode(&childNode, graph, childDeps, 2, child));
  CHECK(cudaGraphDestroy(child));  // The node holds a clone.
  cudaHostNodeParams hostParams = {countCall, nullptr};
  CHECK(cudaGraphAddHostNode(&hostNode, graph, &childNode, 1, &hostParams));

  // The graph owns a user object until it and its executable graphs go.
  int weight = 1;
  cudaUserObject_t object;
  CHECK(cudaUserObjectCreate(&object, &weight, releaseResource, 1,
                             cudaUserObjectNoDestructorSync));
  CHECK(cudaGraphRetainUserObject(graph, object, 1, cudaGraphUserObjectMove));

  // Structure.
  size_t numNodes = 0, numEdges = 0, numRoots = 0;
  CHECK(cudaGraphGetNodes(graph, nullptr, &numNodes));
  CHECK(EDGES(nullptr, nullptr, &numEdges));
  CHECK(cudaGraphGetRootNodes(graph, nullptr, &numRoots));
  EXPECT(numNodes == 6 && numEdges == 6 && numRoots == 2);
  std::vector<cudaGraphNode_t> from(numEdges), to(numEdges);
  CHECK(EDGES(from.data(), to.data(), &numEdges));
  int edgesIntoChild = 0;
  for (size_t e = 0; e < numEdges; ++e)
    edgesIntoChild += to[e] == childNode;
  EXPECT(edgesIntoChild == 2);
  cudaGraphNodeType type;
  CHECK(cudaGraphNodeGetType(childNode, &type));
  EXPECT(type == cudaGraphNodeTypeGraph);
  CHECK(cudaGraphNodeGetType(clearZ, &type));
  EXPECT(type == cudaGraphNodeTypeMemset);
  size_t numDependents = 0;
  CHECK(DEPENDENTS(copyIn, &numDependents));
  EXPECT(numDependents == 2);

  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));
  cudaGraphExec_t exec;
  CHECK(cudaGraphInstantiate(&exec, graph, 0));
  CHECK(cudaGraphLaunch(exec, stream));
  CHECK(cudaStreamSynchronize(stream));
  if (!check(out, x, 3, 7)) return 1;
  EXPECT(hostCalls == 1);

  // New scale factor for the executable graph only.
  a = 5;
  CHECK(cudaGraphExecKernelNodeSetParams(exec, scaleNode, &scaleParams));
  CHECK(cudaGraphLaunch(exec, stream));
  CHECK(cudaStreamSynchronize(stream));
  if (!check(out, x, 5, 7)) return 1;

  // A clone with another offset, applied as a whole-graph update.
  cudaGraph_t clone;
  CHECK(cudaGraphClone(&clone, graph));
  cudaGraphNode_t clonedAdd;
  CHECK(cudaGraphNodeFindInClone(&clonedAdd, addNode, clone));
  b = -40;
  CHECK(cudaGraphKernelNodeSetParams(clonedAdd, &addParams));
  cudaGraphExecUpdateResultInfo info;
  CHECK(cudaGraphExecUpdate(exec, clone, &info));
  EXPECT(info.result == cudaGraphExecUpdateSuccess);
  // The update took the clone's scale node too: the original's, a = 3.
  for (int launch = 0; launch < 3; ++launch)
    CHECK(cudaGraphLaunch(exec, stream));
  CHECK(cudaStreamSynchronize(stream));
  if (!check(out, x, 3, -40)) return 1;
  EXPECT(hostCalls == 5);

  // A clone of another shape cannot update it.
  cudaGraphNode_t extra;
  CHECK(cudaGraphAddEmptyNode(&extra, clone, &hostNode, 0));
  EXPECT(cudaGraphExecUpdate(exec, clone, &info) ==
         cudaErrorGraphExecUpdateFailure);
  EXPECT(info.result == cudaGraphExecUpdateErrorTopologyChanged);
  cudaGetLastError();

  CHECK(cudaGraphDestroy(clone));
  CHECK(cudaGraphDestroy(graph));
  EXPECT(destroyed == 0);  // The executable graph still holds it.
  CHECK(cudaGraphExecDestroy(exec));
  EXPECT(destroyed == 1);
  CHECK(cudaStreamDestroy(stream));
  CHECK(cudaFree(dx));
  CHECK(cudaFree(dy));
  CHECK(cudaFree(dz));
  CHECK(cudaFree(dout));
  printf("PASS\n");
  return 0;
}
