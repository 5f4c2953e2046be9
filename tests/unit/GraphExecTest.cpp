//===- GraphExecTest.cpp - Executable graph API tests ---------------------===//
//
// Part of Tongxin. Instantiation and its flags, launches (what runs, in
// which order, relative to the stream and to earlier launches), updates of
// executable graphs (single nodes, child graphs, whole graphs), enabling
// nodes, and the lifetime of user objects an executable graph holds.
//
//===----------------------------------------------------------------------===//

#include "GraphTestSupport.h"

#include <atomic>
#include <cstdint>
#include <cstring>

using namespace txtest;

namespace {
class GraphExecTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(cudaGraphCreate(&G, 0), cudaSuccess);
  }
  void TearDown() override {
    if (X)
      EXPECT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
    if (G)
      EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);
    RuntimeTest::TearDown();
  }
  cudaGraphNode_t host(Entry *E, std::vector<cudaGraphNode_t> Deps = {},
                       cudaGraph_t In = nullptr) {
    cudaHostNodeParams P = {Entry::fn, E};
    cudaGraphNode_t N = nullptr;
    EXPECT_EQ(
        cudaGraphAddHostNode(&N, In ? In : G, Deps.data(), Deps.size(), &P),
        cudaSuccess);
    return N;
  }
  void instantiate() { ASSERT_EQ(cudaGraphInstantiate(&X, G, 0), cudaSuccess); }

  cudaGraph_t G = nullptr;
  cudaGraphExec_t X = nullptr;
};
} // namespace

static void *const Bogus = reinterpret_cast<void *>(uintptr_t(0x5a5a50));

//===--- Instantiation ----------------------------------------------------===//

TEST_F(GraphExecTest, InstantiateFlagsAndErrors) {
  cudaGraphExec_t E;
  EXPECT_EQ(cudaGraphInstantiate(nullptr, G, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphInstantiate(&E, nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphInstantiate(&E, G, 1ull << 40), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphInstantiate(&E, G, cudaGraphInstantiateFlagDeviceLaunch),
            cudaErrorNotSupported);
  EXPECT_EQ(cudaGraphInstantiate(&E, G,
                                 cudaGraphInstantiateFlagDeviceLaunch |
                                     cudaGraphInstantiateFlagAutoFreeOnLaunch),
            cudaErrorInvalidValue);

  ASSERT_EQ(cudaGraphInstantiateWithFlags(
                &E, G,
                cudaGraphInstantiateFlagAutoFreeOnLaunch |
                    cudaGraphInstantiateFlagUseNodePriority),
            cudaSuccess);
  unsigned long long Flags = 0;
  ASSERT_EQ(cudaGraphExecGetFlags(E, &Flags), cudaSuccess);
  EXPECT_EQ(Flags, cudaGraphInstantiateFlagAutoFreeOnLaunch |
                       cudaGraphInstantiateFlagUseNodePriority);
  EXPECT_EQ(cudaGraphExecGetFlags(E, nullptr), cudaErrorInvalidValue);
  ASSERT_EQ(cudaGraphExecDestroy(E), cudaSuccess);
  EXPECT_EQ(cudaGraphExecDestroy(E), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphExecGetFlags(E, &Flags), cudaErrorInvalidValue);

  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  cudaGraphInstantiateParams P = {};
  P.flags = cudaGraphInstantiateFlagUpload;
  P.uploadStream = S;
  P.result_out = cudaGraphInstantiateError;
  ASSERT_EQ(cudaGraphInstantiateWithParams(&E, G, &P), cudaSuccess);
  EXPECT_EQ(P.result_out, cudaGraphInstantiateSuccess);
  EXPECT_EQ(P.errNode_out, nullptr);
  ASSERT_EQ(cudaGraphExecGetFlags(E, &Flags), cudaSuccess);
  EXPECT_EQ(Flags, 0u) << "the upload flag is not reported";
  EXPECT_EQ(cudaGraphUpload(E, S), cudaSuccess);
  EXPECT_EQ(cudaGraphUpload(static_cast<cudaGraphExec_t>(Bogus), S),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaGraphExecDestroy(E), cudaSuccess);
  EXPECT_EQ(cudaGraphInstantiateWithParams(&E, G, nullptr),
            cudaErrorInvalidValue);
  P.uploadStream = static_cast<cudaStream_t>(Bogus);
  EXPECT_EQ(cudaGraphInstantiateWithParams(&E, G, &P),
            cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(GraphExecTest, EmptyGraphLaunches) {
  instantiate();
  EXPECT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(cudaGraphLaunch(nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphLaunch(X, static_cast<cudaStream_t>(Bogus)),
            cudaErrorInvalidResourceHandle);
}

//===--- Launches ---------------------------------------------------------===//

TEST_F(GraphExecTest, KernelCopyAndFillNodesRunInOrder) {
  Vectors V;
  std::vector<float> Host(Vectors::N, -1.0f);
  // Fill C with 0xff bytes, add, copy back; a second add reads C.
  cudaMemsetParams M = {};
  M.dst = V.C;
  M.value = 0xff;
  M.elementSize = 1;
  M.width = Vectors::N * sizeof(float);
  M.height = 1;
  cudaGraphNode_t Set, Add, Back;
  ASSERT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, &M), cudaSuccess);
  cudaKernelNodeParams P = V.kernelParams();
  ASSERT_EQ(cudaGraphAddKernelNode(&Add, G, &Set, 1, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphAddMemcpyNode1D(&Back, G, &Add, 1, Host.data(), V.C,
                                     Vectors::N * sizeof(float),
                                     cudaMemcpyDeviceToHost),
            cudaSuccess);
  instantiate();
  for (int Round = 0; Round < 3; ++Round) {
    std::fill(Host.begin(), Host.end(), -1.0f);
    ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
    ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
    for (int I = 0; I < Vectors::N; ++I)
      ASSERT_EQ(Host[I], 3.0f * I) << "round " << Round << " element " << I;
  }
}

TEST_F(GraphExecTest, WideMemsetPatterns) {
  uint32_t *Dev;
  ASSERT_EQ(cudaMalloc(&Dev, 16 * 4 * sizeof(uint32_t)), cudaSuccess);
  ASSERT_EQ(cudaMemset(Dev, 0, 16 * 4 * sizeof(uint32_t)), cudaSuccess);
  // A 2-D fill of 4-byte elements: 3 rows of 5, 16 elements apart.
  cudaMemsetParams M = {};
  M.dst = Dev;
  M.value = 0xdeadbeef;
  M.elementSize = 4;
  M.width = 5;
  M.height = 3;
  M.pitch = 16 * sizeof(uint32_t);
  cudaGraphNode_t Set, Set16;
  ASSERT_EQ(cudaGraphAddMemsetNode(&Set, G, nullptr, 0, &M), cudaSuccess);
  cudaMemsetParams M16 = {};
  M16.dst = Dev + 48;
  M16.value = 0x1234;
  M16.elementSize = 2;
  M16.width = 4;
  M16.height = 1;
  ASSERT_EQ(cudaGraphAddMemsetNode(&Set16, G, &Set, 1, &M16), cudaSuccess);
  instantiate();
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  uint32_t Host[64];
  ASSERT_EQ(cudaMemcpy(Host, Dev, sizeof(Host), cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (int Row = 0; Row < 3; ++Row)
    for (int Col = 0; Col < 16; ++Col)
      EXPECT_EQ(Host[Row * 16 + Col], Col < 5 ? 0xdeadbeefu : 0u);
  EXPECT_EQ(Host[48], 0x12341234u);
  EXPECT_EQ(Host[49], 0x12341234u);
  EXPECT_EQ(Host[50], 0u);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(GraphExecTest, HostNodesFollowDependencies) {
  // 1 -> {2, 3} -> 4, plus a child graph 5 -> 6 after 4.
  Journal J;
  Entry E[6] = {{&J, 1}, {&J, 2}, {&J, 3}, {&J, 4}, {&J, 5}, {&J, 6}};
  cudaGraphNode_t N1 = host(&E[0]);
  cudaGraphNode_t N2 = host(&E[1], {N1}), N3 = host(&E[2], {N1});
  cudaGraphNode_t N4 = host(&E[3], {N3, N2});
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  cudaGraphNode_t C5 = host(&E[4], {}, Child);
  host(&E[5], {C5}, Child);
  cudaGraphNode_t ChildNode;
  ASSERT_EQ(cudaGraphAddChildGraphNode(&ChildNode, G, &N4, 1, Child),
            cudaSuccess);
  ASSERT_EQ(cudaGraphDestroy(Child), cudaSuccess);
  instantiate();
  for (int Round = 0; Round < 2; ++Round) {
    ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
    ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    std::vector<int> Order = J.take();
    ASSERT_EQ(Order.size(), 6u);
    EXPECT_EQ(Order[0], 1);
    EXPECT_EQ(Order[3], 4);
    EXPECT_EQ(Order[4], 5);
    EXPECT_EQ(Order[5], 6);
  }
}

TEST_F(GraphExecTest, LaunchesFollowStreamAndEarlierLaunches) {
  Journal J;
  Entry Mark{&J, 1};
  host(&Mark);
  instantiate();
  cudaStream_t A, B;
  ASSERT_EQ(cudaStreamCreateWithFlags(&A, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaStreamCreateWithFlags(&B, cudaStreamNonBlocking), cudaSuccess);
  Gate Hold;
  Entry Before{&J, 0}, After{&J, 2};
  // A is held: the launch on A waits, and so does the one on B, which must
  // follow it; work after the launch on B follows both.
  ASSERT_EQ(cudaLaunchHostFunc(A, Gate::waitFn, &Hold), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(A, Entry::fn, &Before), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, A), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, B), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(B, Entry::fn, &After), cudaSuccess);
  EXPECT_EQ(cudaStreamQuery(B), cudaErrorNotReady);
  Hold.open();
  ASSERT_EQ(cudaStreamSynchronize(B), cudaSuccess);
  EXPECT_EQ(J.take(), (std::vector<int>{0, 1, 1, 2}));
  EXPECT_EQ(cudaStreamDestroy(A), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(B), cudaSuccess);
}

TEST_F(GraphExecTest, EventNodesOrderOtherStreams) {
  cudaEvent_t Done, Ready;
  ASSERT_EQ(cudaEventCreate(&Done), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&Ready), cudaSuccess);
  Journal J;
  Entry First{&J, 1}, Second{&J, 2}, Third{&J, 3};
  cudaStream_t Other;
  ASSERT_EQ(cudaStreamCreateWithFlags(&Other, cudaStreamNonBlocking),
            cudaSuccess);
  // The graph waits for Ready (recorded on Other after a held host
  // function), runs a host node, then records Done.
  cudaGraphNode_t Wait, Work, Record;
  ASSERT_EQ(cudaGraphAddEventWaitNode(&Wait, G, nullptr, 0, Ready),
            cudaSuccess);
  Work = host(&Second, {Wait});
  ASSERT_EQ(cudaGraphAddEventRecordNode(&Record, G, &Work, 1, Done),
            cudaSuccess);
  instantiate();
  Gate Hold;
  ASSERT_EQ(cudaLaunchHostFunc(Other, Gate::waitFn, &Hold), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Other, Entry::fn, &First), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Ready, Other), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreateWithFlags(&S, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, S), cudaSuccess);
  // Another stream waits on the graph's event record.
  ASSERT_EQ(cudaStreamWaitEvent(Other, Done, 0), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Other, Entry::fn, &Third), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(Done), cudaErrorNotReady);
  Hold.open();
  ASSERT_EQ(cudaStreamSynchronize(Other), cudaSuccess);
  EXPECT_EQ(J.take(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(cudaEventQuery(Done), cudaSuccess);

  // A destroyed event makes the launch fail, not crash.
  ASSERT_EQ(cudaEventDestroy(Ready), cudaSuccess);
  EXPECT_EQ(cudaGraphLaunch(X, S), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventDestroy(Done), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(Other), cudaSuccess);
}

TEST_F(GraphExecTest, ExecOutlivesItsGraph) {
  Journal J;
  Entry Mark{&J, 7};
  host(&Mark);
  instantiate();
  ASSERT_EQ(cudaGraphDestroy(G), cudaSuccess);
  G = nullptr;
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  // Destroying it while the launch may still be pending is fine.
  ASSERT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
  X = nullptr;
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{7});
}

TEST_F(GraphExecTest, StickyErrorStopsLaunches) {
  int *Out;
  ASSERT_EQ(cudaMalloc(&Out, 64 * sizeof(int)), cudaSuccess);
  void *Args[] = {&Out};
  cudaKernelNodeParams P = {};
  P.func = const_cast<char *>(&TrapStub);
  P.gridDim = dim3(2);
  P.blockDim = dim3(4);
  P.kernelParams = Args;
  cudaGraphNode_t K;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  instantiate();
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(0), cudaErrorLaunchFailure);
  EXPECT_EQ(cudaGraphLaunch(X, 0), cudaErrorLaunchFailure) << "sticky";
  ASSERT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
  X = nullptr;
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
}

//===--- Updates ----------------------------------------------------------===//

TEST_F(GraphExecTest, KernelNodeUpdateReachesLaterLaunchesOnly) {
  Vectors V;
  cudaKernelNodeParams P = V.kernelParams();
  cudaGraphNode_t K;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  instantiate();
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  Gate Hold;
  ASSERT_EQ(cudaLaunchHostFunc(S, Gate::waitFn, &Hold), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, S), cudaSuccess); // C = A + B, pending.
  // The next launch adds A to C instead: C = A + (A + B).
  void *NextArgs[4] = {&V.A, &V.C, &V.C, &V.Count};
  cudaKernelNodeParams Next = P;
  Next.kernelParams = NextArgs;
  ASSERT_EQ(cudaGraphExecKernelNodeSetParams(X, K, &Next), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, S), cudaSuccess);
  Hold.open();
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  std::vector<float> C = V.result();
  for (int I = 0; I < Vectors::N; ++I)
    ASSERT_EQ(C[I], 4.0f * I) << I;
  // The graph's own node is unchanged.
  cudaKernelNodeParams Got;
  ASSERT_EQ(cudaGraphKernelNodeGetParams(K, &Got), cudaSuccess);
  EXPECT_EQ(*static_cast<float **>(Got.kernelParams[1]), V.B);

  cudaGraph_t Other;
  ASSERT_EQ(cudaGraphCreate(&Other, 0), cudaSuccess);
  cudaGraphNode_t Foreign;
  ASSERT_EQ(cudaGraphAddKernelNode(&Foreign, Other, nullptr, 0, &P),
            cudaSuccess);
  EXPECT_EQ(cudaGraphExecKernelNodeSetParams(X, Foreign, &P),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphExecKernelNodeSetParams(X, K, nullptr),
            cudaErrorInvalidValue);
  cudaHostNodeParams H = {Entry::fn, nullptr};
  EXPECT_EQ(cudaGraphExecHostNodeSetParams(X, K, &H), cudaErrorInvalidValue)
      << "not a host node";
  EXPECT_EQ(cudaGraphDestroy(Other), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(GraphExecTest, NodeUpdatesOfEachType) {
  int *Dev;
  ASSERT_EQ(cudaMalloc(&Dev, 64 * sizeof(int)), cudaSuccess);
  int Src[16], Dst[16] = {};
  for (int I = 0; I < 16; ++I)
    Src[I] = I + 100;
  cudaGraphNode_t Copy, Set, Host, Back;
  ASSERT_EQ(cudaGraphAddMemcpyNode1D(&Copy, G, nullptr, 0, Dev, Src,
                                     8 * sizeof(int), cudaMemcpyHostToDevice),
            cudaSuccess);
  cudaMemsetParams M = {};
  M.dst = Dev + 8;
  M.value = 1;
  M.elementSize = 4;
  M.width = 8;
  M.height = 1;
  ASSERT_EQ(cudaGraphAddMemsetNode(&Set, G, &Copy, 1, &M), cudaSuccess);
  Journal J;
  Entry E1{&J, 1}, E2{&J, 2};
  Host = host(&E1, {Set});
  ASSERT_EQ(cudaGraphAddMemcpyNode1D(&Back, G, &Host, 1, Dst, Dev,
                                     16 * sizeof(int), cudaMemcpyDeviceToHost),
            cudaSuccess);
  instantiate();
  ASSERT_EQ(cudaGraphExecMemcpyNodeSetParams1D(
                X, Copy, Dev, Src + 8, 8 * sizeof(int), cudaMemcpyHostToDevice),
            cudaSuccess);
  cudaMemsetParams M2 = M;
  M2.value = 9;
  ASSERT_EQ(cudaGraphExecMemsetNodeSetParams(X, Set, &M2), cudaSuccess);
  cudaHostNodeParams H = {Entry::fn, &E2};
  ASSERT_EQ(cudaGraphExecHostNodeSetParams(X, Host, &H), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  for (int I = 0; I < 8; ++I)
    EXPECT_EQ(Dst[I], 108 + I);
  for (int I = 8; I < 16; ++I)
    EXPECT_EQ(Dst[I], 9);
  EXPECT_EQ(J.take(), std::vector<int>{2});

  // What a single-node update may not change.
  cudaMemsetParams TwoRows = M;
  TwoRows.height = 2;
  TwoRows.pitch = 64;
  EXPECT_EQ(cudaGraphExecMemsetNodeSetParams(X, Set, &TwoRows),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphExecMemcpyNodeSetParams1D(X, Copy, Dev, Src, 0,
                                               cudaMemcpyHostToDevice),
            cudaErrorInvalidValue)
      << "an empty copy";
  EXPECT_EQ(cudaGraphExecMemcpyNodeSetParamsToSymbol(X, Copy, DeviceArray, Src,
                                                     4 * sizeof(int), 0,
                                                     cudaMemcpyHostToDevice),
            cudaSuccess);
  EXPECT_EQ(cudaGraphExecMemcpyNodeSetParamsFromSymbol(
                X, Back, Dst, DeviceArray, 4, 0, cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(GraphExecTest, EventAndChildNodeUpdates) {
  cudaEvent_t E1, E2;
  ASSERT_EQ(cudaEventCreate(&E1), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&E2), cudaSuccess);
  cudaGraphNode_t Record, Wait;
  ASSERT_EQ(cudaGraphAddEventRecordNode(&Record, G, nullptr, 0, E1),
            cudaSuccess);
  ASSERT_EQ(cudaGraphAddEventWaitNode(&Wait, G, &Record, 1, E1), cudaSuccess);
  Journal J;
  Entry A{&J, 1}, B{&J, 2};
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  host(&A, {}, Child);
  cudaGraphNode_t ChildNode;
  ASSERT_EQ(cudaGraphAddChildGraphNode(&ChildNode, G, &Wait, 1, Child),
            cudaSuccess);
  instantiate();
  ASSERT_EQ(cudaGraphExecEventRecordNodeSetEvent(X, Record, E2), cudaSuccess);
  ASSERT_EQ(cudaGraphExecEventWaitNodeSetEvent(X, Wait, E2), cudaSuccess);
  EXPECT_EQ(cudaGraphExecEventWaitNodeSetEvent(X, Record, E2),
            cudaErrorInvalidValue);
  // The child graph's nodes take new parameters from a graph of the same
  // shape.
  cudaGraph_t NewChild;
  ASSERT_EQ(cudaGraphCreate(&NewChild, 0), cudaSuccess);
  cudaGraphNode_t NewHost = host(&B, {}, NewChild);
  ASSERT_EQ(cudaGraphExecChildGraphNodeSetParams(X, ChildNode, NewChild),
            cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{2});
  EXPECT_EQ(cudaEventQuery(E2), cudaSuccess);
  host(&A, {NewHost}, NewChild);
  EXPECT_EQ(cudaGraphExecChildGraphNodeSetParams(X, ChildNode, NewChild),
            cudaErrorInvalidValue)
      << "another shape";
  EXPECT_EQ(cudaGraphExecChildGraphNodeSetParams(X, Record, NewChild),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphDestroy(Child), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(NewChild), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(E1), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(E2), cudaSuccess);
}

TEST_F(GraphExecTest, WholeGraphUpdate) {
  Vectors V;
  cudaKernelNodeParams P = V.kernelParams();
  Journal J;
  Entry E1{&J, 1}, E2{&J, 2};
  cudaGraphNode_t K;
  ASSERT_EQ(cudaGraphAddKernelNode(&K, G, nullptr, 0, &P), cudaSuccess);
  host(&E1, {K});
  instantiate();

  // The same shape with other parameters: C = A + A, then host 2.
  cudaGraph_t Same;
  ASSERT_EQ(cudaGraphCreate(&Same, 0), cudaSuccess);
  void *Args[4] = {&V.A, &V.A, &V.C, &V.Count};
  cudaKernelNodeParams P2 = P;
  P2.kernelParams = Args;
  cudaGraphNode_t K2;
  ASSERT_EQ(cudaGraphAddKernelNode(&K2, Same, nullptr, 0, &P2), cudaSuccess);
  cudaGraphNode_t H2 = host(&E2, {K2}, Same);
  cudaGraphExecUpdateResultInfo Info;
  std::memset(&Info, 0x5a, sizeof(Info));
  ASSERT_EQ(cudaGraphExecUpdate(X, Same, &Info), cudaSuccess);
  EXPECT_EQ(Info.result, cudaGraphExecUpdateSuccess);
  EXPECT_EQ(Info.errorNode, nullptr);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{2});
  std::vector<float> C = V.result();
  EXPECT_EQ(C[10], 20.0f);
  // Nodes of the updated graph now name the executable graph's nodes.
  EXPECT_EQ(cudaGraphExecKernelNodeSetParams(X, K2, &P), cudaSuccess);

  // Another node type at the same place.
  cudaGraph_t Retyped;
  ASSERT_EQ(cudaGraphCreate(&Retyped, 0), cudaSuccess);
  cudaGraphNode_t R1 = host(&E1, {}, Retyped);
  host(&E2, {R1}, Retyped);
  EXPECT_EQ(cudaGraphExecUpdate(X, Retyped, &Info),
            cudaErrorGraphExecUpdateFailure);
  EXPECT_EQ(Info.result, cudaGraphExecUpdateErrorNodeTypeChanged);
  EXPECT_EQ(Info.errorNode, R1);

  // Another topology: an extra node, then a different edge.
  cudaGraph_t Bigger;
  ASSERT_EQ(cudaGraphClone(&Bigger, Same), cudaSuccess);
  cudaGraphNode_t Extra;
  ASSERT_EQ(cudaGraphAddEmptyNode(&Extra, Bigger, nullptr, 0), cudaSuccess);
  EXPECT_EQ(cudaGraphExecUpdate(X, Bigger, &Info),
            cudaErrorGraphExecUpdateFailure);
  EXPECT_EQ(Info.result, cudaGraphExecUpdateErrorTopologyChanged);
  EXPECT_EQ(Info.errorNode, nullptr);
  cudaGraph_t Unlinked;
  ASSERT_EQ(cudaGraphClone(&Unlinked, Same), cudaSuccess);
  cudaGraphNode_t UK, UH;
  ASSERT_EQ(cudaGraphNodeFindInClone(&UK, K2, Unlinked), cudaSuccess);
  ASSERT_EQ(cudaGraphNodeFindInClone(&UH, H2, Unlinked), cudaSuccess);
  ASSERT_EQ(cudaGraphRemoveDependencies(Unlinked, &UK, &UH, 1), cudaSuccess);
  EXPECT_EQ(cudaGraphExecUpdate(X, Unlinked, &Info),
            cudaErrorGraphExecUpdateFailure);
  EXPECT_EQ(Info.result, cudaGraphExecUpdateErrorTopologyChanged);
  EXPECT_EQ(Info.errorNode, UH);
  EXPECT_EQ(cudaGetLastError(), cudaErrorGraphExecUpdateFailure);

  EXPECT_EQ(cudaGraphExecUpdate(X, Same, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphExecUpdate(X, nullptr, &Info), cudaErrorInvalidValue);
  EXPECT_EQ(Info.result, cudaGraphExecUpdateError);
  for (cudaGraph_t Done : {Same, Retyped, Bigger, Unlinked})
    EXPECT_EQ(cudaGraphDestroy(Done), cudaSuccess);
}

TEST_F(GraphExecTest, DisabledNodesDoNothing) {
  Journal J;
  Entry E1{&J, 1}, E2{&J, 2};
  cudaGraphNode_t H1 = host(&E1);
  cudaGraphNode_t H2 = host(&E2, {H1});
  cudaGraph_t Child;
  ASSERT_EQ(cudaGraphCreate(&Child, 0), cudaSuccess);
  cudaGraphNode_t ChildNode;
  ASSERT_EQ(cudaGraphAddChildGraphNode(&ChildNode, G, nullptr, 0, Child),
            cudaSuccess);
  ASSERT_EQ(cudaGraphDestroy(Child), cudaSuccess);
  instantiate();
  unsigned Enabled = 7;
  ASSERT_EQ(cudaGraphNodeGetEnabled(X, H1, &Enabled), cudaSuccess);
  EXPECT_EQ(Enabled, 1u);
  ASSERT_EQ(cudaGraphNodeSetEnabled(X, H1, 0), cudaSuccess);
  ASSERT_EQ(cudaGraphNodeGetEnabled(X, H1, &Enabled), cudaSuccess);
  EXPECT_EQ(Enabled, 0u);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{2});
  ASSERT_EQ(cudaGraphNodeSetEnabled(X, H1, 1), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), (std::vector<int>{1, 2}));
  EXPECT_EQ(cudaGraphNodeGetEnabled(X, H2, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeSetEnabled(X, ChildNode, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphNodeSetEnabled(nullptr, H1, 0), cudaErrorInvalidValue);
}

TEST_F(GraphExecTest, NodeSetParamsOfAnyType) {
  Journal J;
  Entry E1{&J, 1}, E2{&J, 2};
  cudaGraphNode_t H = host(&E1);
  instantiate();
  cudaGraphNodeParams P = {};
  P.type = cudaGraphNodeTypeHost;
  P.host.fn = Entry::fn;
  P.host.userData = &E2;
  ASSERT_EQ(cudaGraphExecNodeSetParams(X, H, &P), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{2});
  P.type = cudaGraphNodeTypeEmpty;
  EXPECT_EQ(cudaGraphExecNodeSetParams(X, H, &P), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGraphExecNodeSetParams(X, H, nullptr), cudaErrorInvalidValue);
}

//===--- User objects held by executable graphs ---------------------------===//

namespace {
struct Resource {
  std::atomic<int> Destroyed{0};
  static void destroy(void *R) { ++static_cast<Resource *>(R)->Destroyed; }
};
} // namespace

TEST_F(GraphExecTest, UserObjectLivesUntilLaunchesFinish) {
  Resource R;
  cudaUserObject_t O;
  ASSERT_EQ(cudaUserObjectCreate(&O, &R, Resource::destroy, 1,
                                 cudaUserObjectNoDestructorSync),
            cudaSuccess);
  ASSERT_EQ(cudaGraphRetainUserObject(G, O, 1, cudaGraphUserObjectMove),
            cudaSuccess);
  Gate Hold;
  cudaHostNodeParams P = {Gate::waitFn, &Hold};
  cudaGraphNode_t N;
  ASSERT_EQ(cudaGraphAddHostNode(&N, G, nullptr, 0, &P), cudaSuccess);
  instantiate();
  ASSERT_EQ(cudaGraphDestroy(G), cudaSuccess);
  G = nullptr;
  EXPECT_EQ(R.Destroyed, 0) << "the executable graph holds it";
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreateWithFlags(&S, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(X, S), cudaSuccess);
  ASSERT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
  X = nullptr;
  EXPECT_EQ(R.Destroyed, 0) << "a launch is still pending";
  Hold.open();
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(R.Destroyed, 1) << "gone with the launch";
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(GraphExecTest, WholeGraphUpdateTakesTheNewGraphsUserObjects) {
  // A host node whose data lives in a user object of its graph, as a
  // library's captured work does: after an update from a re-captured graph
  // that is then destroyed, the executable graph keeps the new object (its
  // host node uses it) and lets the old one go.
  auto withObject = [&](cudaGraph_t Graph, Resource &R, Entry &E) {
    cudaUserObject_t O;
    ASSERT_EQ(cudaUserObjectCreate(&O, &R, Resource::destroy, 1,
                                   cudaUserObjectNoDestructorSync),
              cudaSuccess);
    ASSERT_EQ(cudaGraphRetainUserObject(Graph, O, 1, cudaGraphUserObjectMove),
              cudaSuccess);
    host(&E, {}, Graph);
  };
  Journal J;
  Entry Old{&J, 1}, New{&J, 2};
  Resource OldR, NewR;
  withObject(G, OldR, Old);
  instantiate();
  ASSERT_EQ(cudaGraphDestroy(G), cudaSuccess);
  G = nullptr;
  cudaGraph_t Next;
  ASSERT_EQ(cudaGraphCreate(&Next, 0), cudaSuccess);
  withObject(Next, NewR, New);
  cudaGraphExecUpdateResultInfo Info;
  ASSERT_EQ(cudaGraphExecUpdate(X, Next, &Info), cudaSuccess);
  ASSERT_EQ(cudaGraphDestroy(Next), cudaSuccess);
  EXPECT_EQ(OldR.Destroyed, 1) << "no graph holds the old object";
  EXPECT_EQ(NewR.Destroyed, 0) << "the executable graph holds the new one";
  ASSERT_EQ(cudaGraphLaunch(X, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{2});
  ASSERT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
  X = nullptr;
  EXPECT_EQ(NewR.Destroyed, 1);
}
