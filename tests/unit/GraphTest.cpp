//===- GraphTest.cpp - Graph construction API tests -----------------------===//
//
// Part of Tongxin. Graphs built node by node: structure queries, edges and
// their errors, the parameters of every node type, clones, kernel node
// attributes, user objects and DOT output. Executable graphs are tested in
// GraphExecTest.cpp, stream capture in StreamCaptureTest.cpp.
//
//===----------------------------------------------------------------------===//

#include "GraphTestSupport.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace txtest;

namespace {
class GraphTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(cudaGraphCreate(&G, 0), cudaSuccess);
  }
  void TearDown() override {
    if (G)
      EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);
    RuntimeTest::TearDown();
  }
  cudaGraphNode_t empty(std::vector<cudaGraphNode_t> Deps = {}) {
    cudaGraphNode_t N = nullptr;
    EXPECT_EQ(cudaGraphAddEmptyNode(&N, G, Deps.data(), Deps.size()),
              cudaSuccess);
    return N;
  }

  cudaGraph_t G = nullptr;
};
} // namespace

static void *const Bogus = reinterpret_cast<void *>(uintptr_t(0x5a5a50));

//===--- Graphs -----------------------------------------------------------===//

TEST_F(GraphTest, CreateAndDestroyErrors) {
  EXPECT_EQ(cudaGraphCreate(nullptr, 0), cudaErrorInvalidValue);
  cudaGraph_t Other;
  EXPECT_EQ(cudaGraphCreate(&Other, 1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  ASSERT_EQ(cudaGraphCreate(&Other, 0), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(Other), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(Other), cudaErrorInvalidValue) << "destroyed";
  EXPECT_EQ(cudaGraphDestroy(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDestroy(static_cast<cudaGraph_t>(Bogus)),
            cudaErrorInvalidValue);
}

TEST_F(GraphTest, NodesRootsAndEdges) {
  // A diamond: A -> B, A -> C, B -> D, C -> D; and a lone root E.
  cudaGraphNode_t A = empty(), B = empty({A}), C = empty({A}),
                  D = empty({B, C}), E = empty();
  size_t Count = 0;
  ASSERT_EQ(cudaGraphGetNodes(G, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 5u);
  cudaGraphNode_t Nodes[7];
  Count = 7;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  EXPECT_EQ(Count, 5u);
  EXPECT_EQ(Nodes[0], A);
  EXPECT_EQ(Nodes[3], D);
  EXPECT_EQ(Nodes[4], E);
  EXPECT_EQ(Nodes[5], nullptr) << "entries past the list are nulled";
  Count = 2;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  EXPECT_EQ(Count, 2u);
  EXPECT_EQ(Nodes[1], B);

  Count = 7;
  ASSERT_EQ(cudaGraphGetRootNodes(G, Nodes, &Count), cudaSuccess);
  ASSERT_EQ(Count, 2u);
  EXPECT_EQ(Nodes[0], A);
  EXPECT_EQ(Nodes[1], E);

  cudaGraphNode_t From[4], To[4];
  ASSERT_EQ(cudaGraphGetEdges(G, nullptr, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 4u);
  ASSERT_EQ(cudaGraphGetEdges(G, From, To, &Count), cudaSuccess);
  EXPECT_EQ(From[0], A);
  EXPECT_EQ(To[0], B);
  EXPECT_EQ(From[3], C);
  EXPECT_EQ(To[3], D);
  cudaGraphEdgeData Data[4];
  std::memset(Data, 0xff, sizeof(Data));
  ASSERT_EQ(cudaGraphGetEdges_v2(G, From, To, Data, &Count), cudaSuccess);
  EXPECT_EQ(Data[2].type, cudaGraphDependencyTypeDefault);
  EXPECT_EQ(Data[2].from_port, 0);

  ASSERT_EQ(cudaGraphNodeGetDependencies(D, Nodes, &Count), cudaSuccess);
  ASSERT_EQ(Count, 2u);
  EXPECT_EQ(Nodes[0], B);
  EXPECT_EQ(Nodes[1], C);
  Count = 4;
  ASSERT_EQ(cudaGraphNodeGetDependentNodes(A, Nodes, &Count), cudaSuccess);
  ASSERT_EQ(Count, 2u);
  EXPECT_EQ(Nodes[0], B);
  ASSERT_EQ(cudaGraphNodeGetDependentNodes_v2(A, Nodes, Data, &Count),
            cudaSuccess);
  ASSERT_EQ(cudaGraphNodeGetDependencies_v2(E, nullptr, nullptr, &Count),
            cudaSuccess);
  EXPECT_EQ(Count, 0u);
  cudaGraphNodeType Type;
  ASSERT_EQ(cudaGraphNodeGetType(D, &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeEmpty);
}

TEST_F(GraphTest, QueryErrors) {
  cudaGraphNode_t A = empty();
  cudaGraphNode_t Nodes[2];
  EXPECT_EQ(cudaGraphGetNodes(G, Nodes, nullptr), cudaErrorInvalidValue);
  size_t Count = 2;
  EXPECT_EQ(cudaGraphGetNodes(nullptr, Nodes, &Count), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphGetRootNodes(G, Nodes, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphGetEdges(G, Nodes, nullptr, &Count), cudaErrorInvalidValue)
      << "from and to go together";
  cudaGraphEdgeData Data[2];
  EXPECT_EQ(cudaGraphGetEdges_v2(G, nullptr, nullptr, Data, &Count),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeGetDependencies(A, Nodes, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeGetDependencies_v2(A, nullptr, Data, &Count),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeGetDependentNodes(static_cast<cudaGraphNode_t>(Bogus),
                                           Nodes, &Count),
            cudaErrorInvalidValue);
  cudaGraphNodeType Type;
  EXPECT_EQ(cudaGraphNodeGetType(A, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeGetType(nullptr, &Type), cudaErrorInvalidValue);
}

TEST_F(GraphTest, DependencyErrors) {
  cudaGraphNode_t A = empty(), B = empty({A}), C = empty({B});
  cudaGraph_t Other;
  ASSERT_EQ(cudaGraphCreate(&Other, 0), cudaSuccess);
  cudaGraphNode_t Foreign;
  ASSERT_EQ(cudaGraphAddEmptyNode(&Foreign, Other, nullptr, 0), cudaSuccess);

  cudaGraphNode_t Out;
  cudaGraphNode_t Twice[2] = {A, A};
  EXPECT_EQ(cudaGraphAddEmptyNode(&Out, G, Twice, 2), cudaErrorInvalidValue)
      << "duplicate dependencies";
  EXPECT_EQ(cudaGraphAddEmptyNode(&Out, G, &Foreign, 1), cudaErrorInvalidValue)
      << "a node of another graph";
  EXPECT_EQ(cudaGraphAddEmptyNode(&Out, G, nullptr, 1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddEmptyNode(nullptr, G, nullptr, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddEmptyNode(&Out, nullptr, nullptr, 0),
            cudaErrorInvalidValue);

  EXPECT_EQ(cudaGraphAddDependencies(G, &A, &B, 1), cudaErrorInvalidValue)
      << "an existing edge";
  EXPECT_EQ(cudaGraphAddDependencies(G, &A, &A, 1), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddDependencies(G, &A, &Foreign, 1),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddDependencies(G, &A, nullptr, 1), cudaErrorInvalidValue);
  // A batch whose second edge closes a cycle adds nothing.
  cudaGraphNode_t From[2] = {A, C}, To[2] = {C, A};
  EXPECT_EQ(cudaGraphAddDependencies(G, From, To, 2), cudaErrorInvalidValue);
  size_t Count = 0;
  ASSERT_EQ(cudaGraphGetEdges(G, nullptr, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 2u);
  EXPECT_EQ(cudaGraphAddDependencies(G, &A, &C, 1), cudaSuccess);
  EXPECT_EQ(cudaGraphAddDependencies(G, nullptr, nullptr, 0), cudaSuccess);

  cudaGraphEdgeData Programmatic = {};
  Programmatic.type = cudaGraphDependencyTypeProgrammatic;
  cudaGraphNode_t D = empty();
  EXPECT_EQ(cudaGraphAddDependencies_v2(G, &A, &D, &Programmatic, 1),
            cudaErrorNotSupported);
  cudaGraphEdgeData Plain = {};
  EXPECT_EQ(cudaGraphAddDependencies_v2(G, &A, &D, &Plain, 1), cudaSuccess);

  EXPECT_EQ(cudaGraphRemoveDependencies(G, &B, &A, 1), cudaErrorInvalidValue)
      << "no such edge";
  EXPECT_EQ(cudaGraphRemoveDependencies(G, &A, &D, 1), cudaSuccess);
  ASSERT_EQ(cudaGraphNodeGetDependencies(D, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 0u);
  EXPECT_EQ(cudaGraphRemoveDependencies_v2(G, &A, &C, nullptr, 1), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(Other), cudaSuccess);
}

TEST_F(GraphTest, DestroyNodeSeversEdges) {
  cudaGraphNode_t A = empty(), B = empty({A}), C = empty({B});
  ASSERT_EQ(cudaGraphDestroyNode(B), cudaSuccess);
  size_t Count = 0;
  ASSERT_EQ(cudaGraphGetNodes(G, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 2u);
  ASSERT_EQ(cudaGraphNodeGetDependencies(C, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 0u);
  ASSERT_EQ(cudaGraphNodeGetDependentNodes(A, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 0u);
  EXPECT_EQ(cudaGraphDestroyNode(B), cudaErrorInvalidValue) << "gone";
  cudaGraphNodeType Type;
  EXPECT_EQ(cudaGraphNodeGetType(B, &Type), cudaErrorInvalidValue);
}

//===--- Node parameters --------------------------------------------------===//

TEST_F(GraphTest, KernelNodeParameters) {
  Vectors V;
  cudaKernelNodeParams P = V.kernelParams();
  cudaGraphNode_t K;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  // The argument values were copied: changing them now changes nothing.
  float *KeptC = V.C;
  V.C = nullptr;
  cudaKernelNodeParams Got = {};
  ASSERT_EQ(cudaGraphKernelNodeGetParams(K, &Got), cudaSuccess);
  EXPECT_EQ(Got.func, P.func);
  EXPECT_EQ(Got.gridDim.x, 4u);
  EXPECT_EQ(Got.blockDim.x, 64u);
  ASSERT_NE(Got.kernelParams, nullptr);
  EXPECT_EQ(*static_cast<float **>(Got.kernelParams[2]), KeptC);
  EXPECT_EQ(*static_cast<int *>(Got.kernelParams[3]), Vectors::N);
  EXPECT_EQ(Got.extra, nullptr);
  V.C = KeptC;

  // Changing the node.
  int Half = Vectors::N / 2;
  void *HalfArgs[4] = {&V.A, &V.B, &V.C, &Half};
  P.kernelParams = HalfArgs;
  ASSERT_EQ(cudaGraphKernelNodeSetParams(K, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphKernelNodeGetParams(K, &Got), cudaSuccess);
  EXPECT_EQ(*static_cast<int *>(Got.kernelParams[3]), Half);

  // The packed form: the same values at their natural offsets.
  struct {
    float *A, *B, *C;
    int N;
  } Packed = {V.A, V.B, V.C, 7};
  size_t Size = sizeof(Packed);
  void *Extra[] = {reinterpret_cast<void *>(1), &Packed,
                   reinterpret_cast<void *>(2), &Size, nullptr};
  cudaKernelNodeParams WithExtra = V.kernelParams();
  WithExtra.kernelParams = nullptr;
  WithExtra.extra = Extra;
  cudaGraphNode_t K2;
  ASSERT_EQ(cudaGraphAddKernelNode(&K2, G, nullptr, 0, &WithExtra),
            cudaSuccess);
  ASSERT_EQ(cudaGraphKernelNodeGetParams(K2, &Got), cudaSuccess);
  EXPECT_EQ(*static_cast<int *>(Got.kernelParams[3]), 7);
  EXPECT_EQ(*static_cast<float **>(Got.kernelParams[1]), V.B);
}

TEST_F(GraphTest, KernelNodeErrors) {
  Vectors V;
  cudaGraphNode_t K;
  cudaKernelNodeParams P = V.kernelParams();
  EXPECT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, nullptr),
            cudaErrorInvalidValue);
  void *Extra[] = {nullptr};
  P.extra = Extra;
  EXPECT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P),
            cudaErrorInvalidValue)
      << "kernelParams and extra together";
  P = V.kernelParams();
  P.kernelParams = nullptr;
  EXPECT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P),
            cudaErrorInvalidValue);
  P = V.kernelParams();
  P.func = const_cast<char *>(&NeverRegisteredStub);
  EXPECT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P),
            cudaErrorInvalidDeviceFunction);
  P = V.kernelParams();
  P.blockDim = dim3(4096);
  EXPECT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P),
            cudaErrorInvalidConfiguration);
  P = V.kernelParams();
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  cudaKernelNodeParams Got;
  EXPECT_EQ(cudaGraphKernelNodeGetParams(K, nullptr), cudaErrorInvalidValue);
  cudaGraphNode_t E = empty();
  EXPECT_EQ(cudaGraphKernelNodeGetParams(E, &Got), cudaErrorInvalidValue)
      << "not a kernel node";
  EXPECT_EQ(cudaGraphKernelNodeSetParams(E, &P), cudaErrorInvalidValue);
  P.gridDim = dim3(0);
  EXPECT_EQ(cudaGraphKernelNodeSetParams(K, &P), cudaErrorInvalidConfiguration);
}

TEST_F(GraphTest, KernelNodeAttributes) {
  Vectors V;
  cudaKernelNodeParams P = V.kernelParams();
  cudaGraphNode_t K, K2;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphAddKernelNode(&K2, G, nullptr, 0, &P), cudaSuccess);
  cudaKernelNodeAttrValue Value = {};
  ASSERT_EQ(cudaGraphKernelNodeGetAttribute(K, cudaKernelNodeAttributePriority,
                                            &Value),
            cudaSuccess);
  EXPECT_EQ(Value.priority, 0);
  Value.priority = 3;
  ASSERT_EQ(cudaGraphKernelNodeSetAttribute(K, cudaKernelNodeAttributePriority,
                                            &Value),
            cudaSuccess);
  Value = {};
  ASSERT_EQ(cudaGraphKernelNodeGetAttribute(K, cudaKernelNodeAttributePriority,
                                            &Value),
            cudaSuccess);
  EXPECT_EQ(Value.priority, 3);
  ASSERT_EQ(cudaGraphKernelNodeCopyAttributes(K, K2), cudaSuccess);
  Value = {};
  ASSERT_EQ(cudaGraphKernelNodeGetAttribute(K2, cudaKernelNodeAttributePriority,
                                            &Value),
            cudaSuccess);
  EXPECT_EQ(Value.priority, 3);

  cudaKernelNodeAttrValue Cluster = {};
  Cluster.clusterDim = {2, 1, 1};
  EXPECT_EQ(cudaGraphKernelNodeSetAttribute(
                K, cudaKernelNodeAttributeClusterDimension, &Cluster),
            cudaErrorNotSupported);
  EXPECT_EQ(cudaGraphKernelNodeSetAttribute(
                K, cudaLaunchAttributeSynchronizationPolicy, &Value),
            cudaErrorInvalidValue)
      << "a stream attribute";
  EXPECT_EQ(cudaGraphKernelNodeGetAttribute(K, cudaKernelNodeAttributePriority,
                                            nullptr),
            cudaErrorInvalidValue);
  cudaGraphNode_t E = empty();
  EXPECT_EQ(cudaGraphKernelNodeGetAttribute(E, cudaKernelNodeAttributePriority,
                                            &Value),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphKernelNodeCopyAttributes(K, E), cudaErrorInvalidValue);
  cudaKernelNodeAttrValue Cooperative = {};
  Cooperative.cooperative = 1;
  EXPECT_EQ(cudaGraphKernelNodeSetAttribute(
                K, cudaKernelNodeAttributeCooperative, &Cooperative),
            cudaSuccess);
}

TEST_F(GraphTest, MemcpyNodeParameters) {
  int *Dev;
  ASSERT_EQ(cudaMalloc(&Dev, 64 * sizeof(int)), cudaSuccess);
  int Host[64];
  cudaGraphNode_t N;
  ASSERT_EQ(cudaGraphAddMemcpyNode1D(&N, G, nullptr, 0, Dev, Host, sizeof(Host),
                                     cudaMemcpyHostToDevice),
            cudaSuccess);
  cudaMemcpy3DParms Got = {};
  ASSERT_EQ(cudaGraphMemcpyNodeGetParams(N, &Got), cudaSuccess);
  EXPECT_EQ(Got.dstPtr.ptr, Dev);
  EXPECT_EQ(Got.srcPtr.ptr, Host);
  EXPECT_EQ(Got.extent.width, sizeof(Host));
  EXPECT_EQ(Got.extent.height, 1u);
  EXPECT_EQ(Got.kind, cudaMemcpyHostToDevice);
  ASSERT_EQ(
      cudaGraphMemcpyNodeSetParams1D(N, Host, Dev, 16, cudaMemcpyDeviceToHost),
      cudaSuccess);
  ASSERT_EQ(cudaGraphMemcpyNodeGetParams(N, &Got), cudaSuccess);
  EXPECT_EQ(Got.extent.width, 16u);

  cudaMemcpy3DParms P = {};
  P.srcPtr = make_cudaPitchedPtr(Host, 16 * sizeof(int), 16 * sizeof(int), 4);
  P.dstPtr = make_cudaPitchedPtr(Dev, 16 * sizeof(int), 16 * sizeof(int), 4);
  P.extent = make_cudaExtent(8 * sizeof(int), 4, 1);
  P.kind = cudaMemcpyDefault;
  cudaGraphNode_t N3;
  ASSERT_EQ(cudaGraphAddMemcpyNode(&N3, G, nullptr, 0, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphMemcpyNodeSetParams(N3, &P), cudaSuccess);

  cudaGraphNode_t Sym;
  ASSERT_EQ(cudaGraphAddMemcpyNodeToSymbol(&Sym, G, nullptr, 0, DeviceArray,
                                           Host, 4 * sizeof(int),
                                           2 * sizeof(int), cudaMemcpyDefault),
            cudaSuccess);
  ASSERT_EQ(cudaGraphMemcpyNodeGetParams(Sym, &Got), cudaSuccess);
  EXPECT_EQ(Got.dstPtr.ptr, deviceArrayStorage() + 2);
  ASSERT_EQ(cudaGraphMemcpyNodeSetParamsFromSymbol(Sym, Host, DeviceArray, 4, 0,
                                                   cudaMemcpyDeviceToHost),
            cudaSuccess);
  ASSERT_EQ(cudaGraphAddMemcpyNodeFromSymbol(&Sym, G, nullptr, 0, Host,
                                             DeviceArray, 8, 0,
                                             cudaMemcpyDeviceToHost),
            cudaSuccess);
  ASSERT_EQ(cudaGraphMemcpyNodeSetParamsToSymbol(Sym, DeviceArray, Host, 8, 0,
                                                 cudaMemcpyHostToDevice),
            cudaSuccess);

  // Errors.
  EXPECT_EQ(cudaGraphAddMemcpyNode(&N, G, nullptr, 0, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddMemcpyNode1D(&N, G, nullptr, 0, Dev, Host, 4,
                                     cudaMemcpyKind(9)),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaGraphAddMemcpyNode1D(&N, G, nullptr, 0, nullptr, Host, 4,
                                     cudaMemcpyDefault),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddMemcpyNodeToSymbol(&N, G, nullptr, 0, DeviceArray, Host,
                                           4, 0, cudaMemcpyDeviceToHost),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaGraphAddMemcpyNodeToSymbol(&N, G, nullptr, 0, DeviceArray, Host,
                                           sizeof(DeviceArray), 4,
                                           cudaMemcpyDefault),
            cudaErrorInvalidValue)
      << "past the symbol's end";
  EXPECT_EQ(cudaGraphAddMemcpyNodeFromSymbol(&N, G, nullptr, 0, Host,
                                             &UnregisteredVariable, 4, 0,
                                             cudaMemcpyDefault),
            cudaErrorInvalidSymbol);
  EXPECT_EQ(cudaGraphMemcpyNodeGetParams(N3, nullptr), cudaErrorInvalidValue);
  cudaGraphNode_t E = empty();
  EXPECT_EQ(cudaGraphMemcpyNodeSetParams(E, &P), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(GraphTest, MemsetHostAndEventNodeParameters) {
  int *Dev;
  ASSERT_EQ(cudaMalloc(&Dev, 64 * sizeof(int)), cudaSuccess);
  cudaMemsetParams M = {};
  M.dst = Dev;
  M.value = 0x01020304;
  M.elementSize = 4;
  M.width = 16;
  M.height = 1;
  cudaGraphNode_t Set;
  ASSERT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, &M), cudaSuccess);
  cudaMemsetParams Got = {};
  ASSERT_EQ(cudaGraphMemsetNodeGetParams(Set, &Got), cudaSuccess);
  EXPECT_EQ(Got.value, 0x01020304u);
  EXPECT_EQ(Got.width, 16u);
  cudaMemsetParams Bad = M;
  Bad.elementSize = 3;
  EXPECT_EQ(cudaGraphMemsetNodeSetParams(Set, &Bad), cudaErrorInvalidValue);
  Bad = M;
  Bad.dst = nullptr;
  EXPECT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, &Bad),
            cudaErrorInvalidValue);
  Bad = M;
  Bad.height = 2;
  Bad.pitch = 8;
  EXPECT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, &Bad),
            cudaErrorInvalidValue)
      << "rows overlap";
  EXPECT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, nullptr),
            cudaErrorInvalidValue);

  Journal J;
  Entry E1{&J, 1}, E2{&J, 2};
  cudaHostNodeParams H = {Entry::fn, &E1};
  cudaGraphNode_t Host;
  ASSERT_EQ(cudaGraphAddHostNode(&Host, G, nullptr, 0, &H), cudaSuccess);
  H.userData = &E2;
  ASSERT_EQ(cudaGraphHostNodeSetParams(Host, &H), cudaSuccess);
  cudaHostNodeParams HGot = {};
  ASSERT_EQ(cudaGraphHostNodeGetParams(Host, &HGot), cudaSuccess);
  EXPECT_EQ(HGot.userData, &E2);
  H.fn = nullptr;
  EXPECT_EQ(cudaGraphAddHostNode(&Host, G, nullptr, 0, &H),
            cudaErrorInvalidValue);

  cudaEvent_t Ev1, Ev2;
  ASSERT_EQ(cudaEventCreate(&Ev1), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&Ev2), cudaSuccess);
  cudaGraphNode_t Rec, Wait;
  ASSERT_EQ(cudaGraphAddEventRecordNode(&Rec, G, nullptr, 0, Ev1), cudaSuccess);
  ASSERT_EQ(cudaGraphAddEventWaitNode(&Wait, G, &Rec, 1, Ev1), cudaSuccess);
  ASSERT_EQ(cudaGraphEventRecordNodeSetEvent(Rec, Ev2), cudaSuccess);
  cudaEvent_t GotEvent = nullptr;
  ASSERT_EQ(cudaGraphEventRecordNodeGetEvent(Rec, &GotEvent), cudaSuccess);
  EXPECT_EQ(GotEvent, Ev2);
  ASSERT_EQ(cudaGraphEventWaitNodeGetEvent(Wait, &GotEvent), cudaSuccess);
  EXPECT_EQ(GotEvent, Ev1);
  EXPECT_EQ(cudaGraphEventWaitNodeSetEvent(Rec, Ev1), cudaErrorInvalidValue)
      << "a record node";
  EXPECT_EQ(cudaGraphAddEventRecordNode(&Rec, G, nullptr, 0,
                                        static_cast<cudaEvent_t>(Bogus)),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphEventWaitNodeGetEvent(Wait, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaEventDestroy(Ev1), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(Ev2), cudaSuccess);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(GraphTest, AddNodeOfAnyType) {
  Journal J;
  Entry E{&J, 1};
  cudaGraphNodeParams P = {};
  P.type = cudaGraphNodeTypeHost;
  P.host.fn = Entry::fn;
  P.host.userData = &E;
  cudaGraphNode_t Host;
  ASSERT_EQ(cudaGraphAddNode(&Host, G, nullptr, 0, &P), cudaSuccess);
  cudaGraphNodeType Type;
  ASSERT_EQ(cudaGraphNodeGetType(Host, &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeHost);

  Vectors V;
  cudaGraphNodeParams K = {};
  K.type = cudaGraphNodeTypeKernel;
  K.kernel.func = const_cast<char *>(&VectorAddStub);
  K.kernel.gridDim = dim3(4);
  K.kernel.blockDim = dim3(64);
  K.kernel.kernelParams = V.Args;
  cudaGraphNode_t Kernel;
  cudaGraphEdgeData Edge = {};
  ASSERT_EQ(cudaGraphAddNode_v2(&Kernel, G, &Host, &Edge, 1, &K), cudaSuccess);
  ASSERT_EQ(cudaGraphNodeSetParams(Kernel, &K), cudaSuccess);
  EXPECT_EQ(cudaGraphNodeSetParams(Host, &K), cudaErrorInvalidValue)
      << "the type must match";

  cudaGraphNodeParams Reserved = P;
  Reserved.reserved0[1] = 1;
  EXPECT_EQ(cudaGraphAddNode(&Host, G, nullptr, 0, &Reserved),
            cudaErrorInvalidValue);
  cudaGraphNodeParams Alloc = {};
  Alloc.type = cudaGraphNodeTypeMemAlloc;
  Alloc.alloc.bytesize = 64;
  EXPECT_EQ(cudaGraphAddNode(&Host, G, nullptr, 0, &Alloc),
            cudaErrorNotSupported);
  cudaGraphNodeParams Unknown = {};
  Unknown.type = cudaGraphNodeType(0x0c);
  EXPECT_EQ(cudaGraphAddNode(&Host, G, nullptr, 0, &Unknown),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddNode(&Host, G, nullptr, 0, nullptr),
            cudaErrorInvalidValue);

  // A child graph handed over to its node.
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  cudaGraphNodeParams Moved = {};
  Moved.type = cudaGraphNodeTypeGraph;
  Moved.graph.graph = Child;
  Moved.graph.ownership = cudaGraphChildGraphOwnershipMove;
  cudaGraphNode_t ChildNode;
  ASSERT_EQ(cudaGraphAddNode(&ChildNode, G, nullptr, 0, &Moved), cudaSuccess);
  cudaGraph_t Embedded = nullptr;
  ASSERT_EQ(cudaGraphChildGraphNodeGetGraph(ChildNode, &Embedded), cudaSuccess);
  EXPECT_EQ(Embedded, Child);
  EXPECT_EQ(cudaGraphDestroy(Child), cudaErrorInvalidValue)
      << "owned by its node";
  // A graph cannot be moved into itself, nor into a graph it contains.
  Moved.graph.graph = G;
  EXPECT_EQ(cudaGraphAddNode(&ChildNode, G, nullptr, 0, &Moved),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddNode(&ChildNode, Child, nullptr, 0, &Moved),
            cudaErrorInvalidValue);
}

TEST_F(GraphTest, ChildGraphIsCloned) {
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  cudaGraphNode_t Inner;
  ASSERT_EQ(cudaGraphAddEmptyNode(&Inner, Child, nullptr, 0), cudaSuccess);
  cudaGraphNode_t Node;
  ASSERT_EQ(cudaGraphAddChildGraphNode(&Node, G, nullptr, 0, Child),
            cudaSuccess);
  // Later changes to the original do not reach the node.
  ASSERT_EQ(cudaGraphAddEmptyNode(&Inner, Child, nullptr, 0), cudaSuccess);
  cudaGraph_t Embedded;
  ASSERT_EQ(cudaGraphChildGraphNodeGetGraph(Node, &Embedded), cudaSuccess);
  EXPECT_NE(Embedded, Child);
  size_t Count = 0;
  ASSERT_EQ(cudaGraphGetNodes(Embedded, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 1u);
  // The embedded graph is the node's: changes to it are the node's.
  ASSERT_EQ(cudaGraphAddEmptyNode(&Inner, Embedded, nullptr, 0), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(Embedded), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphAddChildGraphNode(&Node, G, nullptr, 0, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphChildGraphNodeGetGraph(Inner, &Embedded),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDestroy(Child), cudaSuccess);
}

TEST_F(GraphTest, CloneAndFindInClone) {
  cudaGraphNode_t A = empty(), B = empty({A});
  cudaGraph_t Clone;
  ASSERT_EQ(cudaGraphClone(&Clone, G), cudaSuccess);
  cudaGraphNode_t CloneA, CloneB;
  ASSERT_EQ(cudaGraphNodeFindInClone(&CloneA, A, Clone), cudaSuccess);
  ASSERT_EQ(cudaGraphNodeFindInClone(&CloneB, B, Clone), cudaSuccess);
  EXPECT_NE(CloneA, A);
  size_t Count = 0;
  cudaGraphNode_t Dep;
  Count = 1;
  ASSERT_EQ(cudaGraphNodeGetDependencies(CloneB, &Dep, &Count), cudaSuccess);
  EXPECT_EQ(Dep, CloneA);
  // The clone is independent of the original.
  empty({B});
  ASSERT_EQ(cudaGraphGetNodes(Clone, nullptr, &Count), cudaSuccess);
  EXPECT_EQ(Count, 2u);
  EXPECT_EQ(cudaGraphNodeFindInClone(&Dep, CloneA, Clone),
            cudaErrorInvalidValue)
      << "not a node of the original";
  EXPECT_EQ(cudaGraphNodeFindInClone(nullptr, A, Clone), cudaErrorInvalidValue);
  ASSERT_EQ(cudaGraphDestroyNode(CloneB), cudaSuccess);
  EXPECT_EQ(cudaGraphNodeFindInClone(&Dep, B, Clone), cudaErrorInvalidValue)
      << "removed from the clone";
  EXPECT_EQ(cudaGraphClone(nullptr, G), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphClone(&Clone, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDestroy(Clone), cudaSuccess);
}

//===--- User objects -----------------------------------------------------===//

namespace {
struct Resource {
  int Destroyed = 0;
  static void destroy(void *R) { ++static_cast<Resource *>(R)->Destroyed; }
};
} // namespace

TEST_F(GraphTest, UserObjectReferences) {
  Resource R;
  cudaUserObject_t O;
  EXPECT_EQ(cudaUserObjectCreate(&O, &R, Resource::destroy, 1, 0),
            cudaErrorInvalidValue)
      << "cudaUserObjectNoDestructorSync is required";
  EXPECT_EQ(
      cudaUserObjectCreate(&O, &R, nullptr, 1, cudaUserObjectNoDestructorSync),
      cudaErrorInvalidValue);
  EXPECT_EQ(cudaUserObjectCreate(&O, &R, Resource::destroy, 0,
                                 cudaUserObjectNoDestructorSync),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaUserObjectCreate(nullptr, &R, Resource::destroy, 1,
                                 cudaUserObjectNoDestructorSync),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaUserObjectCreate(&O, &R, Resource::destroy, 2,
                                 cudaUserObjectNoDestructorSync),
            cudaSuccess);
  EXPECT_EQ(cudaUserObjectRetain(O, 0), cudaErrorInvalidValue);
  ASSERT_EQ(cudaUserObjectRetain(O, 3), cudaSuccess);
  ASSERT_EQ(cudaUserObjectRelease(O, 4), cudaSuccess);
  EXPECT_EQ(R.Destroyed, 0);
  // The graph takes a new reference, then ours moves to it as well.
  ASSERT_EQ(cudaGraphRetainUserObject(G, O, 1, 0), cudaSuccess);
  ASSERT_EQ(cudaGraphRetainUserObject(G, O, 1, cudaGraphUserObjectMove),
            cudaSuccess);
  EXPECT_EQ(cudaGraphRetainUserObject(G, O, 1, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphReleaseUserObject(G, O, 3), cudaErrorInvalidValue)
      << "the graph holds two";
  ASSERT_EQ(cudaGraphReleaseUserObject(G, O, 1), cudaSuccess);
  EXPECT_EQ(R.Destroyed, 0);
  ASSERT_EQ(cudaGraphDestroy(G), cudaSuccess);
  G = nullptr;
  EXPECT_EQ(R.Destroyed, 1) << "the last reference went with the graph";
  EXPECT_EQ(cudaUserObjectRelease(O, 1), cudaErrorInvalidValue) << "gone";
  EXPECT_EQ(cudaUserObjectRetain(nullptr, 1), cudaErrorInvalidValue);
}

//===--- DOT output -------------------------------------------------------===//

TEST_F(GraphTest, DebugDotPrint) {
  Vectors V;
  cudaKernelNodeParams P = V.kernelParams();
  cudaGraphNode_t K, E;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphAddEmptyNode(&E, G, &K, 1), cudaSuccess);
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  cudaGraphNode_t Inner;
  ASSERT_EQ(cudaGraphAddMemcpyNode1D(&Inner, Child, nullptr, 0, V.C, V.A, 16,
                                     cudaMemcpyDeviceToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaGraphAddChildGraphNode(&Inner, G, &E, 1, Child), cudaSuccess);
  ASSERT_EQ(cudaGraphDestroy(Child), cudaSuccess);

  char Path[] = "/tmp/tx-graph-XXXXXX";
  int Fd = mkstemp(Path);
  ASSERT_GE(Fd, 0);
  close(Fd);
  ASSERT_EQ(cudaGraphDebugDotPrint(G, Path, cudaGraphDebugDotFlagsVerbose),
            cudaSuccess);
  std::ifstream In(Path);
  std::stringstream Text;
  Text << In.rdbuf();
  std::string Dot = Text.str();
  unlink(Path);
  EXPECT_EQ(Dot.rfind("digraph", 0), 0u) << Dot;
  EXPECT_NE(Dot.find("KERNEL"), std::string::npos);
  EXPECT_NE(Dot.find("_Z9vectorAddPKfS0_Pfi"), std::string::npos) << Dot;
  EXPECT_NE(Dot.find("grid (4,1,1) block (64,1,1)"), std::string::npos);
  EXPECT_NE(Dot.find("MEMCPY"), std::string::npos);
  EXPECT_NE(Dot.find("CHILD_GRAPH"), std::string::npos);
  EXPECT_NE(Dot.find("->"), std::string::npos);

  EXPECT_EQ(cudaGraphDebugDotPrint(G, nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDebugDotPrint(nullptr, Path, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDebugDotPrint(G, "/nonexistent/dir/g.dot", 0),
            cudaErrorOperatingSystem);
}

//===--- Graph memory -----------------------------------------------------===//

TEST_F(GraphTest, GraphMemoryIsNotSupported) {
  cudaMemAllocNodeParams Alloc = {};
  Alloc.bytesize = 256;
  cudaGraphNode_t N;
  EXPECT_EQ(cudaGraphAddMemAllocNode(&N, G, nullptr, 0, &Alloc),
            cudaErrorNotSupported);
  unsigned long long Used = 7;
  ASSERT_EQ(
      cudaDeviceGetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &Used),
      cudaSuccess);
  EXPECT_EQ(Used, 0u);
  Used = 0;
  EXPECT_EQ(
      cudaDeviceSetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &Used),
      cudaSuccess);
  EXPECT_EQ(
      cudaDeviceSetGraphMemAttribute(0, cudaGraphMemAttrUsedMemCurrent, &Used),
      cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaDeviceGetGraphMemAttribute(99, cudaGraphMemAttrUsedMemHigh, &Used),
      cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGraphMemTrim(0), cudaSuccess);
}
