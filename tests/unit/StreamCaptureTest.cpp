//===- StreamCaptureTest.cpp - Stream capture API tests -------------------===//
//
// Part of Tongxin. Capturing streams into graphs: what becomes a node,
// fork and join across streams with events, the capture queries and
// dependency updates, and the calls that conflict with a capture (with the
// errors CUDA gives and the captures they invalidate).
//
//===----------------------------------------------------------------------===//

#include "GraphTestSupport.h"

#include <atomic>
#include <thread>

using namespace txtest;

namespace {
class StreamCaptureTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
    ASSERT_EQ(cudaStreamCreate(&Side), cudaSuccess);
    ASSERT_EQ(cudaEventCreate(&Fork), cudaSuccess);
    ASSERT_EQ(cudaEventCreate(&Join), cudaSuccess);
  }
  void TearDown() override {
    // A test that failed half-way may leave a capture behind.
    cudaGraph_t Left = nullptr;
    cudaStreamCaptureStatus Status;
    if (cudaStreamIsCapturing(S, &Status) == cudaSuccess &&
        Status != cudaStreamCaptureStatusNone &&
        cudaStreamEndCapture(S, &Left) == cudaSuccess)
      cudaGraphDestroy(Left);
    cudaGetLastError();
    EXPECT_EQ(cudaEventDestroy(Fork), cudaSuccess);
    EXPECT_EQ(cudaEventDestroy(Join), cudaSuccess);
    EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
    EXPECT_EQ(cudaStreamDestroy(Side), cudaSuccess);
    RuntimeTest::TearDown();
  }
  cudaStreamCaptureStatus status(cudaStream_t Stream) {
    cudaStreamCaptureStatus Status = cudaStreamCaptureStatusNone;
    EXPECT_EQ(cudaStreamIsCapturing(Stream, &Status), cudaSuccess);
    return Status;
  }
  size_t nodeCount(cudaGraph_t G) {
    size_t Count = 0;
    EXPECT_EQ(cudaGraphGetNodes(G, nullptr, &Count), cudaSuccess);
    return Count;
  }
  /// Instantiates G, launches it on S Times times and destroys both.
  void runAndDestroy(cudaGraph_t G, int Times = 1) {
    cudaGraphExec_t X;
    ASSERT_EQ(cudaGraphInstantiate(&X, G, 0), cudaSuccess);
    for (int I = 0; I < Times; ++I)
      ASSERT_EQ(cudaGraphLaunch(X, S), cudaSuccess);
    ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
    EXPECT_EQ(cudaGraphExecDestroy(X), cudaSuccess);
    EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);
  }

  cudaStream_t S = nullptr, Side = nullptr;
  cudaEvent_t Fork = nullptr, Join = nullptr;
};
} // namespace

//===--- What becomes a node ----------------------------------------------===//

TEST_F(StreamCaptureTest, CapturedWorkRunsOnlyWhenLaunched) {
  Vectors V;
  std::vector<float> Host(Vectors::N, -1.0f);
  Journal J;
  Entry Mark{&J, 1};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusActive);
  ASSERT_EQ(cudaMemsetAsync(V.C, 0xff, Vectors::N * sizeof(float), S),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchKernel(&VectorAddStub, dim3(4), dim3(64), V.Args, 0, S),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyAsync(Host.data(), V.C, Vectors::N * sizeof(float),
                            cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &Mark), cudaSuccess);

  unsigned long long Id = 0;
  cudaGraph_t Capturing = nullptr;
  const cudaGraphNode_t *Deps = nullptr;
  size_t NumDeps = 0;
  ASSERT_EQ(cudaStreamGetCaptureInfo(S, nullptr, &Id), cudaErrorInvalidValue);
  cudaStreamCaptureStatus Status;
  ASSERT_EQ(
      cudaStreamGetCaptureInfo(S, &Status, &Id, &Capturing, &Deps, &NumDeps),
      cudaSuccess);
  EXPECT_EQ(Status, cudaStreamCaptureStatusActive);
  EXPECT_NE(Id, 0u);
  ASSERT_NE(Capturing, nullptr);
  ASSERT_EQ(NumDeps, 1u);
  cudaGraphNodeType Type;
  ASSERT_EQ(cudaGraphNodeGetType(Deps[0], &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeHost);
  EXPECT_EQ(nodeCount(Capturing), 4u);

  cudaGraph_t G = nullptr;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(G, Capturing);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusNone);
  // Nothing ran during the capture.
  EXPECT_EQ(Host[3], -1.0f);
  EXPECT_TRUE(J.take().empty());
  EXPECT_EQ(V.result()[3], 0.0f);

  // A chain: memset -> kernel -> copy -> host.
  cudaGraphNode_t Nodes[4];
  size_t Count = 4;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  cudaGraphNodeType Expected[4] = {
      cudaGraphNodeTypeMemset, cudaGraphNodeTypeKernel, cudaGraphNodeTypeMemcpy,
      cudaGraphNodeTypeHost};
  for (int I = 0; I < 4; ++I) {
    ASSERT_EQ(cudaGraphNodeGetType(Nodes[I], &Type), cudaSuccess);
    EXPECT_EQ(Type, Expected[I]);
    size_t NumIn = 0;
    ASSERT_EQ(cudaGraphNodeGetDependencies(Nodes[I], nullptr, &NumIn),
              cudaSuccess);
    EXPECT_EQ(NumIn, I ? 1u : 0u);
  }
  runAndDestroy(G, 3);
  EXPECT_EQ(Host[3], 9.0f);
  EXPECT_EQ(J.take(), (std::vector<int>{1, 1, 1}));
}

TEST_F(StreamCaptureTest, ForkAndJoinAcrossStreams) {
  Journal J;
  Entry E[4] = {{&J, 1}, {&J, 2}, {&J, 3}, {&J, 4}};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[0]), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Fork, S), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(Side, Fork, 0), cudaSuccess);
  EXPECT_EQ(status(Side), cudaStreamCaptureStatusActive) << "joined";
  unsigned long long IdS = 0, IdSide = 1;
  cudaStreamCaptureStatus Status;
  ASSERT_EQ(cudaStreamGetCaptureInfo(S, &Status, &IdS), cudaSuccess);
  ASSERT_EQ(cudaStreamGetCaptureInfo(Side, &Status, &IdSide), cudaSuccess);
  EXPECT_EQ(IdS, IdSide) << "one capture sequence";
  ASSERT_EQ(cudaLaunchHostFunc(Side, Entry::fn, &E[1]), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[2]), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Join, Side), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(S, Join, 0), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[3]), cudaSuccess);
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(status(Side), cudaStreamCaptureStatusNone) << "left with it";

  // 1 -> {2, 3} -> 4.
  cudaGraphNode_t Nodes[4];
  size_t Count = 4;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  ASSERT_EQ(Count, 4u);
  size_t Edges = 0;
  ASSERT_EQ(cudaGraphGetEdges(G, nullptr, nullptr, &Edges), cudaSuccess);
  EXPECT_EQ(Edges, 4u);
  cudaGraphNode_t In[2];
  Count = 2;
  ASSERT_EQ(cudaGraphNodeGetDependencies(Nodes[3], In, &Count), cudaSuccess);
  ASSERT_EQ(Count, 2u);
  EXPECT_EQ(In[0], Nodes[2]);
  EXPECT_EQ(In[1], Nodes[1]);
  runAndDestroy(G, 2);
  std::vector<int> Order = J.take();
  ASSERT_EQ(Order.size(), 8u);
  EXPECT_EQ(Order[0], 1);
  EXPECT_EQ(Order[3], 4);
  EXPECT_EQ(Order[4], 1);
  EXPECT_EQ(Order[7], 4);
}

TEST_F(StreamCaptureTest, UnjoinedForkFailsTheCapture) {
  Journal J;
  Entry E{&J, 1};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Fork, S), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(Side, Fork, 0), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Side, Entry::fn, &E), cudaSuccess);
  cudaGraph_t G = reinterpret_cast<cudaGraph_t>(&E);
  EXPECT_EQ(cudaStreamEndCapture(Side, &G), cudaErrorStreamCaptureUnmatched)
      << "not where it began";
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
  EXPECT_EQ(G, nullptr);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Fork, S), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(Side, Fork, 0), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Side, Entry::fn, &E), cudaSuccess);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureUnjoined);
  EXPECT_EQ(G, nullptr);
  EXPECT_EQ(status(Side), cudaStreamCaptureStatusNone);
  // Both streams work normally again.
  ASSERT_EQ(cudaLaunchHostFunc(Side, Entry::fn, &E), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(Side), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{1});
}

TEST_F(StreamCaptureTest, AsyncCopiesAndFillsOfEveryForm) {
  int *Dev;
  size_t Pitch;
  ASSERT_EQ(cudaMallocPitch(&Dev, &Pitch, 16 * sizeof(int), 8), cudaSuccess);
  int Host[16 * 8] = {};
  for (int I = 0; I < 16 * 8; ++I)
    Host[I] = I;
  int Back[16 * 8] = {};
  int Sym[4] = {};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaMemset2DAsync(Dev, Pitch, 0, 16 * sizeof(int), 8, S),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy2DAsync(Dev, Pitch, Host, 16 * sizeof(int),
                              8 * sizeof(int), 8, cudaMemcpyHostToDevice, S),
            cudaSuccess);
  cudaPitchedPtr P = make_cudaPitchedPtr(Dev, Pitch, 16 * sizeof(int), 8);
  ASSERT_EQ(cudaMemset3DAsync(P, 0x01, make_cudaExtent(4, 2, 1), S),
            cudaSuccess);
  cudaMemcpy3DParms Copy = {};
  Copy.srcPtr = P;
  Copy.dstPtr =
      make_cudaPitchedPtr(Back, 16 * sizeof(int), 16 * sizeof(int), 8);
  Copy.extent = make_cudaExtent(16 * sizeof(int), 8, 1);
  Copy.kind = cudaMemcpyDeviceToHost;
  ASSERT_EQ(cudaMemcpy3DAsync(&Copy, S), cudaSuccess);
  ASSERT_EQ(cudaMemcpyToSymbolAsync(DeviceArray, Host, sizeof(Sym), 0,
                                    cudaMemcpyHostToDevice, S),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyFromSymbolAsync(Sym, DeviceArray, sizeof(Sym), 0,
                                      cudaMemcpyDeviceToHost, S),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyPeerAsync(Dev, 0, Dev, 0, 0, S), cudaSuccess);
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(nodeCount(G), 7u);
  EXPECT_EQ(Back[0], 0) << "not run yet";
  runAndDestroy(G);
  EXPECT_EQ(Back[0], 0x01010101);
  EXPECT_EQ(Back[16], 0x01010101);
  EXPECT_EQ(Back[1], 1);
  EXPECT_EQ(Back[17], 17);
  EXPECT_EQ(Back[16 * 7 + 7], 16 * 7 + 7);
  EXPECT_EQ(Back[16 * 7 + 8], 0);
  EXPECT_EQ(Sym[3], 3);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(StreamCaptureTest, CapturedGraphLaunchBecomesChildGraph) {
  Journal J;
  Entry Inner{&J, 1}, Outer{&J, 2};
  cudaGraph_t InnerGraph;
  ASSERT_EQ(cudaGraphCreate(&InnerGraph, 0), cudaSuccess);
  cudaHostNodeParams H = {Entry::fn, &Inner};
  cudaGraphNode_t N;
  ASSERT_EQ(cudaGraphAddHostNode(&N, InnerGraph, nullptr, 0, &H), cudaSuccess);
  cudaGraphExec_t InnerExec;
  ASSERT_EQ(cudaGraphInstantiate(&InnerExec, InnerGraph, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(InnerExec, S), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &Outer), cudaSuccess);
  EXPECT_EQ(cudaGraphLaunch(nullptr, S), cudaErrorInvalidValue);
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  cudaGraphNode_t Nodes[2];
  size_t Count = 2;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  cudaGraphNodeType Type;
  ASSERT_EQ(cudaGraphNodeGetType(Nodes[0], &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeGraph);
  EXPECT_TRUE(J.take().empty());
  runAndDestroy(G, 2);
  EXPECT_EQ(J.take(), (std::vector<int>{1, 2, 1, 2}));
  EXPECT_EQ(cudaGraphExecDestroy(InnerExec), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(InnerGraph), cudaSuccess);
}

TEST_F(StreamCaptureTest, ExternalEventNodesAndCooperativeKernels) {
  int *Visits;
  ASSERT_EQ(cudaMalloc(&Visits, 4 * sizeof(int)), cudaSuccess);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(S, Fork, cudaEventWaitExternal), cudaSuccess);
  ASSERT_EQ(
      cudaLaunchCooperativeKernel(&CountStub, dim3(2), dim3(8), Args, 0, S),
      cudaSuccess);
  ASSERT_EQ(cudaEventRecordWithFlags(Join, S, cudaEventRecordExternal),
            cudaSuccess);
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  cudaGraphNode_t Nodes[3];
  size_t Count = 3;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  cudaGraphNodeType Type;
  ASSERT_EQ(cudaGraphNodeGetType(Nodes[0], &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeWaitEvent);
  ASSERT_EQ(cudaGraphNodeGetType(Nodes[2], &Type), cudaSuccess);
  EXPECT_EQ(Type, cudaGraphNodeTypeEventRecord);
  cudaKernelNodeAttrValue Value = {};
  ASSERT_EQ(cudaGraphKernelNodeGetAttribute(
                Nodes[1], cudaKernelNodeAttributeCooperative, &Value),
            cudaSuccess);
  EXPECT_EQ(Value.cooperative, 1);
  ASSERT_EQ(cudaMemset(Visits, 0, 4 * sizeof(int)), cudaSuccess);
  runAndDestroy(G);
  EXPECT_EQ(cudaEventQuery(Join), cudaSuccess);
  int Host[2];
  ASSERT_EQ(cudaMemcpy(Host, Visits, sizeof(Host), cudaMemcpyDeviceToHost),
            cudaSuccess);
  EXPECT_EQ(Host[0], 8);
  EXPECT_EQ(Host[1], 8);
  EXPECT_EQ(cudaFree(Visits), cudaSuccess);
}

//===--- Beginning and ending ---------------------------------------------===//

TEST_F(StreamCaptureTest, BeginAndEndErrors) {
  cudaGraph_t G;
  EXPECT_EQ(cudaStreamBeginCapture(0, cudaStreamCaptureModeGlobal),
            cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(
      cudaStreamBeginCapture(cudaStreamLegacy, cudaStreamCaptureModeGlobal),
      cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureMode(5)),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorIllegalState)
      << "not capturing";
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaErrorIllegalState)
      << "already capturing";
  EXPECT_EQ(cudaStreamEndCapture(S, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusActive);
  // A capture not begun relaxed ends on the thread that began it.
  cudaError_t FromOtherThread = cudaSuccess;
  std::thread([&] {
    cudaSetDevice(0);
    FromOtherThread = cudaStreamEndCapture(S, &G);
  }).join();
  EXPECT_EQ(FromOtherThread, cudaErrorStreamCaptureWrongThread);
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(nodeCount(G), 0u);
  EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);

  // A relaxed capture may end on another thread.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeRelaxed),
            cudaSuccess);
  std::thread([&] {
    cudaSetDevice(0);
    FromOtherThread = cudaStreamEndCapture(S, &G);
  }).join();
  ASSERT_EQ(FromOtherThread, cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);
}

TEST_F(StreamCaptureTest, CaptureIntoAnExistingGraph) {
  cudaGraph_t G;
  ASSERT_EQ(cudaGraphCreate(&G, 0), cudaSuccess);
  cudaGraphNode_t Root;
  ASSERT_EQ(cudaGraphAddEmptyNode(&Root, G, nullptr, 0), cudaSuccess);
  Journal J;
  Entry E{&J, 1};
  ASSERT_EQ(cudaStreamBeginCaptureToGraph(S, G, &Root, nullptr, 1,
                                          cudaStreamCaptureModeGlobal),
            cudaSuccess);
  cudaGraph_t Capturing;
  cudaStreamCaptureStatus Status;
  ASSERT_EQ(cudaStreamGetCaptureInfo(S, &Status, nullptr, &Capturing),
            cudaSuccess);
  EXPECT_EQ(Capturing, G);
  EXPECT_EQ(cudaGraphDestroy(G), cudaErrorInvalidValue) << "being captured";
  EXPECT_EQ(cudaGraphDestroyNode(Root), cudaErrorInvalidValue);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E), cudaSuccess);
  cudaGraph_t Out;
  ASSERT_EQ(cudaStreamEndCapture(S, &Out), cudaSuccess);
  EXPECT_EQ(Out, G);
  cudaGraphNode_t Nodes[2];
  size_t Count = 2;
  ASSERT_EQ(cudaGraphGetNodes(G, Nodes, &Count), cudaSuccess);
  ASSERT_EQ(Count, 2u);
  cudaGraphNode_t Dep;
  Count = 1;
  ASSERT_EQ(cudaGraphNodeGetDependencies(Nodes[1], &Dep, &Count), cudaSuccess);
  EXPECT_EQ(Dep, Root);
  EXPECT_EQ(cudaStreamBeginCaptureToGraph(S, nullptr, nullptr, nullptr, 0,
                                          cudaStreamCaptureModeGlobal),
            cudaErrorInvalidValue);
  cudaGraph_t Other;
  ASSERT_EQ(cudaGraphCreate(&Other, 0), cudaSuccess);
  EXPECT_EQ(cudaStreamBeginCaptureToGraph(S, Other, &Root, nullptr, 1,
                                          cudaStreamCaptureModeGlobal),
            cudaErrorInvalidValue)
      << "a dependency of another graph";
  EXPECT_EQ(status(S), cudaStreamCaptureStatusNone);
  EXPECT_EQ(cudaGraphDestroy(Other), cudaSuccess);
  runAndDestroy(G);
  EXPECT_EQ(J.take(), std::vector<int>{1});
}

TEST_F(StreamCaptureTest, UpdateCaptureDependencies) {
  Journal J;
  Entry E[3] = {{&J, 1}, {&J, 2}, {&J, 3}};
  cudaGraphNode_t Dummy = nullptr;
  EXPECT_EQ(cudaStreamUpdateCaptureDependencies(S, &Dummy, 0, 0),
            cudaErrorIllegalState);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[0]), cudaSuccess);
  const cudaGraphNode_t *Deps;
  size_t NumDeps;
  cudaStreamCaptureStatus Status;
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamGetCaptureInfo(S, &Status, nullptr, &G, &Deps, &NumDeps),
            cudaSuccess);
  cudaGraphNode_t First = Deps[0];
  // The next node becomes a root, then gets First back as a dependency.
  ASSERT_EQ(cudaStreamUpdateCaptureDependencies(
                S, nullptr, 0, cudaStreamSetCaptureDependencies),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[1]), cudaSuccess);
  ASSERT_EQ(cudaStreamUpdateCaptureDependencies(
                S, &First, 1, cudaStreamAddCaptureDependencies),
            cudaSuccess);
  const cudaGraphEdgeData *Edges;
  ASSERT_EQ(cudaStreamGetCaptureInfo_v3(S, &Status, nullptr, nullptr, &Deps,
                                        &Edges, &NumDeps),
            cudaSuccess);
  EXPECT_EQ(NumDeps, 2u);
  EXPECT_EQ(Edges[1].type, cudaGraphDependencyTypeDefault);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E[2]), cudaSuccess);
  EXPECT_EQ(cudaStreamUpdateCaptureDependencies(S, &First, 1, 7),
            cudaErrorInvalidValue);
  cudaGraph_t Other;
  ASSERT_EQ(cudaGraphCreate(&Other, 0), cudaSuccess);
  cudaGraphNode_t Foreign;
  ASSERT_EQ(cudaGraphAddEmptyNode(&Foreign, Other, nullptr, 0), cudaSuccess);
  EXPECT_EQ(cudaStreamUpdateCaptureDependencies(S, &Foreign, 1, 0),
            cudaErrorInvalidValue);
  cudaGraphEdgeData Programmatic = {};
  Programmatic.type = cudaGraphDependencyTypeProgrammatic;
  EXPECT_EQ(
      cudaStreamUpdateCaptureDependencies_v2(S, &First, &Programmatic, 1, 0),
      cudaErrorNotSupported);
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  size_t Roots = 0;
  ASSERT_EQ(cudaGraphGetRootNodes(G, nullptr, &Roots), cudaSuccess);
  EXPECT_EQ(Roots, 2u);
  size_t Edge = 0;
  ASSERT_EQ(cudaGraphGetEdges(G, nullptr, nullptr, &Edge), cudaSuccess);
  EXPECT_EQ(Edge, 2u);
  EXPECT_EQ(cudaGraphDestroy(Other), cudaSuccess);
  runAndDestroy(G);
  std::vector<int> Order = J.take();
  ASSERT_EQ(Order.size(), 3u);
  EXPECT_EQ(Order[2], 3);
}

//===--- Calls that conflict with a capture -------------------------------===//

TEST_F(StreamCaptureTest, SynchronisingACapturingStreamInvalidates) {
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusInvalidated);
  Journal J;
  Entry E{&J, 1};
  EXPECT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E),
            cudaErrorStreamCaptureInvalidated);
  cudaGraph_t G;
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
  EXPECT_EQ(G, nullptr);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusNone);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaStreamQuery(S), cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaStreamAddCallback(
                S, [](cudaStream_t, cudaError_t, void *) {}, nullptr, 0),
            cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
  // The stream works again.
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &E), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(J.take(), std::vector<int>{1});
}

TEST_F(StreamCaptureTest, LegacyStreamConflictsWithBlockingCaptures) {
  int *Dev;
  ASSERT_EQ(cudaMalloc(&Dev, 64), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  // Asking the legacy stream does not hurt the capture.
  cudaStreamCaptureStatus Status;
  EXPECT_EQ(cudaStreamIsCapturing(0, &Status), cudaErrorStreamCaptureImplicit);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusActive);
  // Using it does.
  EXPECT_EQ(cudaMemsetAsync(Dev, 0, 64, 0), cudaErrorStreamCaptureImplicit);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusInvalidated);
  cudaGraph_t G;
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaMemset(Dev, 0, 64), cudaErrorStreamCaptureImplicit)
      << "synchronous calls are legacy-stream work";
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  // A non-blocking stream has no implicit dependency on the legacy one.
  cudaStream_t Free;
  ASSERT_EQ(cudaStreamCreateWithFlags(&Free, cudaStreamNonBlocking),
            cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(Free, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaMemsetAsync(Dev, 0, 64, 0), cudaSuccess);
  EXPECT_EQ(cudaStreamIsCapturing(0, &Status), cudaSuccess);
  EXPECT_EQ(Status, cudaStreamCaptureStatusNone);
  EXPECT_EQ(status(Free), cudaStreamCaptureStatusActive);
  // But a synchronous call is still "potentially unsafe" in global mode.
  EXPECT_EQ(cudaMemset(Dev, 0, 64), cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(Free, &G), cudaErrorStreamCaptureInvalidated);
  EXPECT_EQ(cudaStreamDestroy(Free), cudaSuccess);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
}

TEST_F(StreamCaptureTest, UnsafeCallsFollowTheCaptureMode) {
  int *Dev = nullptr;
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaMalloc(&Dev, 64), cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  // A relaxed thread may allocate during its global capture.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  cudaStreamCaptureMode Mode = cudaStreamCaptureModeRelaxed;
  ASSERT_EQ(cudaThreadExchangeStreamCaptureMode(&Mode), cudaSuccess);
  EXPECT_EQ(cudaMalloc(&Dev, 64), cudaSuccess);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
  ASSERT_EQ(cudaThreadExchangeStreamCaptureMode(&Mode), cudaSuccess);
  EXPECT_EQ(Mode, cudaStreamCaptureModeRelaxed);
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);

  // So may any thread during a relaxed capture.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeRelaxed),
            cudaSuccess);
  EXPECT_EQ(cudaMalloc(&Dev, 64), cudaSuccess);
  EXPECT_EQ(cudaFree(Dev), cudaSuccess);
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);

  // Another thread: forbidden by a global capture, not by a thread-local
  // one unless it is in global mode... thread-local mode ignores others.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeThreadLocal),
            cudaSuccess);
  cudaError_t Other = cudaErrorUnknown;
  std::thread([&] {
    cudaSetDevice(0);
    int *P = nullptr;
    Other = cudaMalloc(&P, 64);
    cudaFree(P);
  }).join();
  EXPECT_EQ(Other, cudaSuccess);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusActive);
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(cudaGraphDestroy(G), cudaSuccess);

  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  std::thread([&] {
    cudaSetDevice(0);
    int *P = nullptr;
    Other = cudaMalloc(&P, 64);
  }).join();
  EXPECT_EQ(Other, cudaErrorStreamCaptureUnsupported);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
}

TEST_F(StreamCaptureTest, EventsAcrossTheCaptureBoundary) {
  // An event recorded outside the capture cannot be waited on inside it.
  ASSERT_EQ(cudaEventRecord(Fork, Side), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  EXPECT_EQ(cudaStreamWaitEvent(S, Fork, 0), cudaErrorStreamCaptureIsolation);
  cudaGraph_t G;
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);

  // An event recorded inside cannot be queried or waited for by the host.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Join, S), cudaSuccess);
  float Ms;
  EXPECT_EQ(cudaEventElapsedTime(&Ms, Join, Join), cudaErrorCapturedEvent);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusActive);
  EXPECT_EQ(cudaEventQuery(Join), cudaErrorCapturedEvent);
  EXPECT_EQ(status(S), cudaStreamCaptureStatusInvalidated);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
  // Once the capture is over the event is an ordinary one again.
  EXPECT_EQ(cudaEventQuery(Join), cudaSuccess);

  // Two captures cannot merge.
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(Side, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Join, S), cudaSuccess);
  EXPECT_EQ(cudaStreamWaitEvent(Side, Join, 0), cudaErrorStreamCaptureMerge);
  EXPECT_EQ(cudaStreamEndCapture(Side, &G), cudaErrorStreamCaptureInvalidated);
  EXPECT_EQ(cudaStreamEndCapture(S, &G), cudaErrorStreamCaptureInvalidated);
}

TEST_F(StreamCaptureTest, DestroyingCapturingStreams) {
  cudaStream_t Origin, Joined;
  ASSERT_EQ(cudaStreamCreate(&Origin), cudaSuccess);
  ASSERT_EQ(cudaStreamCreate(&Joined), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(Origin, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Fork, Origin), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(Joined, Fork, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(Joined), cudaSuccess);
  EXPECT_EQ(status(Origin), cudaStreamCaptureStatusInvalidated);
  // Destroying the origin abandons the capture altogether.
  ASSERT_EQ(cudaStreamDestroy(Origin), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess) << "no capture left";
}

TEST_F(StreamCaptureTest, ManyCapturedKernelsRelaunched) {
  int *Visits;
  ASSERT_EQ(cudaMalloc(&Visits, 4 * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemset(Visits, 0, 4 * sizeof(int)), cudaSuccess);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  for (int K = 0; K < 20; ++K)
    ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(4), dim3(32), Args, 0, S),
              cudaSuccess);
  cudaGraph_t G;
  ASSERT_EQ(cudaStreamEndCapture(S, &G), cudaSuccess);
  EXPECT_EQ(nodeCount(G), 20u);
  runAndDestroy(G, 50);
  int Host[4];
  ASSERT_EQ(cudaMemcpy(Host, Visits, sizeof(Host), cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (int B = 0; B < 4; ++B)
    EXPECT_EQ(Host[B], 20 * 50 * 32);
  EXPECT_EQ(cudaFree(Visits), cudaSuccess);
}
