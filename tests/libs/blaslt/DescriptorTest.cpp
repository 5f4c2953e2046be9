//===- DescriptorTest.cpp - cuBLASLt handles, descriptors, heuristics -----===//
//
// Part of Tongxin. Every attribute of matrix layouts, matmul descriptors,
// preferences and algorithms: defaults, round trips, the size rules of the
// getters and setters, and the heuristic query's answers.
//
//===----------------------------------------------------------------------===//

#include "LtTestSupport.h"

using namespace lttest;

namespace {

using Handles = LtTest;

TEST_F(Handles, CreateDestroyAndVersions) {
  EXPECT_EQ(cublasLtCreate(nullptr), CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtDestroy(nullptr), CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasLtGetVersion(), size_t(CUBLAS_VERSION));
  EXPECT_GT(cublasLtGetCudartVersion(), 0u);
  int Major = 0, Minor = 0, Patch = -1;
  EXPECT_EQ(cublasLtGetProperty(MAJOR_VERSION, &Major), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtGetProperty(MINOR_VERSION, &Minor), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtGetProperty(PATCH_LEVEL, &Patch), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Major, 12);
  EXPECT_EQ(Minor, 9);
  EXPECT_GE(Patch, 0);
  EXPECT_EQ(cublasLtGetProperty(MAJOR_VERSION, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtGetProperty(libraryPropertyType(7), &Major),
            CUBLAS_STATUS_INVALID_VALUE);
}

TEST_F(Handles, StatusNamesAndStrings) {
  EXPECT_STREQ(cublasLtGetStatusName(CUBLAS_STATUS_SUCCESS),
               "CUBLAS_STATUS_SUCCESS");
  EXPECT_STREQ(cublasLtGetStatusName(CUBLAS_STATUS_NOT_SUPPORTED),
               "CUBLAS_STATUS_NOT_SUPPORTED");
  EXPECT_STREQ(cublasLtGetStatusName(cublasStatus_t(99)),
               "CUBLAS_STATUS_UNKNOWN");
  EXPECT_STRNE(cublasLtGetStatusString(CUBLAS_STATUS_INVALID_VALUE), "");
  EXPECT_STREQ(cublasLtGetStatusString(cublasStatus_t(99)), "unknown error");
}

TEST_F(Handles, LoggerAndCaches) {
  EXPECT_EQ(cublasLtLoggerSetCallback(nullptr), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtLoggerSetLevel(0), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtLoggerSetLevel(9), CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtLoggerSetMask(0), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtLoggerForceDisable(), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtHeuristicsCacheSetCapacity(100), CUBLAS_STATUS_SUCCESS);
  size_t Capacity = 0;
  EXPECT_EQ(cublasLtHeuristicsCacheGetCapacity(&Capacity),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Capacity, 100u);
  EXPECT_EQ(cublasLtHeuristicsCacheGetCapacity(nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
}

//===--- Matrix layouts ---------------------------------------------------===//

template <class V>
V layoutValue(cublasLtMatrixLayout_t L, cublasLtMatrixLayoutAttribute_t A) {
  V Value{};
  size_t Written = 0;
  EXPECT_EQ(cublasLtMatrixLayoutGetAttribute(L, A, &Value, sizeof(V), &Written),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Written, sizeof(V));
  return Value;
}

TEST(Layouts, DefaultsAndRoundTrips) {
  Layout L(CUDA_R_16BF, 7, 5, 9);
  EXPECT_EQ(layoutValue<uint32_t>(L, CUBLASLT_MATRIX_LAYOUT_TYPE),
            uint32_t(CUDA_R_16BF));
  EXPECT_EQ(layoutValue<int32_t>(L, CUBLASLT_MATRIX_LAYOUT_ORDER),
            CUBLASLT_ORDER_COL);
  EXPECT_EQ(layoutValue<uint64_t>(L, CUBLASLT_MATRIX_LAYOUT_ROWS), 7u);
  EXPECT_EQ(layoutValue<uint64_t>(L, CUBLASLT_MATRIX_LAYOUT_COLS), 5u);
  EXPECT_EQ(layoutValue<int64_t>(L, CUBLASLT_MATRIX_LAYOUT_LD), 9);
  EXPECT_EQ(layoutValue<int32_t>(L, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT), 1);
  EXPECT_EQ(
      layoutValue<int64_t>(L, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET), 0);
  EXPECT_EQ(layoutValue<int64_t>(L, CUBLASLT_MATRIX_LAYOUT_PLANE_OFFSET), 0);
  EXPECT_EQ(layoutValue<uint32_t>(L, CUBLASLT_MATRIX_LAYOUT_BATCH_MODE),
            uint32_t(CUBLASLT_BATCH_MODE_STRIDED));
  L.set(CUBLASLT_MATRIX_LAYOUT_ORDER, int32_t(CUBLASLT_ORDER_ROW));
  L.set(CUBLASLT_MATRIX_LAYOUT_ROWS, uint64_t(11));
  L.set(CUBLASLT_MATRIX_LAYOUT_COLS, uint64_t(13));
  L.set(CUBLASLT_MATRIX_LAYOUT_LD, int64_t(17));
  L.batch(3, 1000);
  L.set(CUBLASLT_MATRIX_LAYOUT_TYPE, uint32_t(CUDA_R_32F));
  EXPECT_EQ(layoutValue<int32_t>(L, CUBLASLT_MATRIX_LAYOUT_ORDER),
            CUBLASLT_ORDER_ROW);
  EXPECT_EQ(layoutValue<uint64_t>(L, CUBLASLT_MATRIX_LAYOUT_ROWS), 11u);
  EXPECT_EQ(layoutValue<uint64_t>(L, CUBLASLT_MATRIX_LAYOUT_COLS), 13u);
  EXPECT_EQ(layoutValue<int64_t>(L, CUBLASLT_MATRIX_LAYOUT_LD), 17);
  EXPECT_EQ(layoutValue<int32_t>(L, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT), 3);
  EXPECT_EQ(
      layoutValue<int64_t>(L, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET),
      1000);
  EXPECT_EQ(layoutValue<uint32_t>(L, CUBLASLT_MATRIX_LAYOUT_TYPE),
            uint32_t(CUDA_R_32F));
}

TEST(Layouts, SizeRulesAndErrors) {
  Layout L(CUDA_R_32F, 4, 4, 4);
  int64_t Ld = 8;
  int32_t Small = 8;
  EXPECT_EQ(cublasLtMatrixLayoutSetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD,
                                             &Small, sizeof(Small)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutSetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD,
                                             nullptr, sizeof(Ld)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutSetAttribute(
                L, cublasLtMatrixLayoutAttribute_t(99), &Ld, sizeof(Ld)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutSetAttribute(nullptr, CUBLASLT_MATRIX_LAYOUT_LD,
                                             &Ld, sizeof(Ld)),
            CUBLAS_STATUS_INVALID_VALUE);
  // Size 0: the size needed, through sizeWritten (required then).
  size_t Written = 0;
  EXPECT_EQ(cublasLtMatrixLayoutGetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD,
                                             nullptr, 0, &Written),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Written, sizeof(int64_t));
  EXPECT_EQ(cublasLtMatrixLayoutGetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD,
                                             nullptr, 0, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutGetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD,
                                             &Small, sizeof(Small), &Written),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutGetAttribute(L, CUBLASLT_MATRIX_LAYOUT_LD, &Ld,
                                             sizeof(Ld), nullptr),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Ld, 4);
  EXPECT_EQ(cublasLtMatrixLayoutCreate(nullptr, CUDA_R_32F, 1, 1, 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatrixLayoutDestroy(nullptr), CUBLAS_STATUS_SUCCESS);
}

TEST(Layouts, InitInCallerMemory) {
  cublasLtMatrixLayoutOpaque_t Block;
  EXPECT_EQ(cublasLtMatrixLayoutInit(&Block, CUDA_R_16F, 3, 2, 3),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(layoutValue<uint64_t>(&Block, CUBLASLT_MATRIX_LAYOUT_ROWS), 3u);
  EXPECT_EQ(cublasLtMatrixLayoutInit_internal(&Block, 4, CUDA_R_16F, 3, 2, 3),
            CUBLAS_STATUS_ALLOC_FAILED);
}

//===--- Matmul descriptors -----------------------------------------------===//

template <class V>
void expectDescRoundTrip(cublasLtMatmulDesc_t D,
                         cublasLtMatmulDescAttributes_t A, V Value) {
  ASSERT_EQ(cublasLtMatmulDescSetAttribute(D, A, &Value, sizeof(V)),
            CUBLAS_STATUS_SUCCESS)
      << A;
  V Back{};
  size_t Written = 0;
  ASSERT_EQ(cublasLtMatmulDescGetAttribute(D, A, nullptr, 0, &Written),
            CUBLAS_STATUS_SUCCESS)
      << A;
  EXPECT_EQ(Written, sizeof(V)) << A;
  ASSERT_EQ(cublasLtMatmulDescGetAttribute(D, A, &Back, sizeof(V), &Written),
            CUBLAS_STATUS_SUCCESS)
      << A;
  EXPECT_EQ(std::memcmp(&Back, &Value, sizeof(V)), 0) << A;
  // A size one byte off is refused both ways.
  char Wrong[16] = {};
  EXPECT_EQ(cublasLtMatmulDescSetAttribute(D, A, Wrong, sizeof(V) + 1),
            CUBLAS_STATUS_INVALID_VALUE)
      << A;
  EXPECT_EQ(
      cublasLtMatmulDescGetAttribute(D, A, Wrong, sizeof(V) + 1, &Written),
      CUBLAS_STATUS_INVALID_VALUE)
      << A;
}

TEST(MatmulDescs, Defaults) {
  MatmulDesc D(CUBLAS_COMPUTE_32F_FAST_TF32, CUDA_R_32F);
  int32_t I32 = -1;
  uint32_t U32 = 0;
  void *Pointer = &I32;
  size_t W;
  auto Get = [&](cublasLtMatmulDescAttributes_t A, void *Buf, size_t Size) {
    EXPECT_EQ(cublasLtMatmulDescGetAttribute(D, A, Buf, Size, &W),
              CUBLAS_STATUS_SUCCESS);
  };
  Get(CUBLASLT_MATMUL_DESC_COMPUTE_TYPE, &I32, 4);
  EXPECT_EQ(I32, CUBLAS_COMPUTE_32F_FAST_TF32);
  Get(CUBLASLT_MATMUL_DESC_SCALE_TYPE, &I32, 4);
  EXPECT_EQ(I32, CUDA_R_32F);
  Get(CUBLASLT_MATMUL_DESC_POINTER_MODE, &I32, 4);
  EXPECT_EQ(I32, CUBLASLT_POINTER_MODE_HOST);
  Get(CUBLASLT_MATMUL_DESC_TRANSA, &I32, 4);
  EXPECT_EQ(I32, CUBLAS_OP_N);
  Get(CUBLASLT_MATMUL_DESC_FILL_MODE, &I32, 4);
  EXPECT_EQ(I32, CUBLAS_FILL_MODE_FULL);
  Get(CUBLASLT_MATMUL_DESC_EPILOGUE, &U32, 4);
  EXPECT_EQ(U32, uint32_t(CUBLASLT_EPILOGUE_DEFAULT));
  Get(CUBLASLT_MATMUL_DESC_BIAS_POINTER, &Pointer, sizeof(Pointer));
  EXPECT_EQ(Pointer, nullptr);
  Get(CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE, &I32, 4);
  EXPECT_EQ(I32, -1);
  Get(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_DATA_TYPE, &I32, 4);
  EXPECT_EQ(I32, -1);
}

TEST(MatmulDescs, EveryAttributeRoundTrips) {
  MatmulDesc D(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  int Dummy;
  void *P = &Dummy;
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_COMPUTE_TYPE,
                      int32_t(CUBLAS_COMPUTE_16F));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_SCALE_TYPE, int32_t(CUDA_R_16F));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_POINTER_MODE,
                      int32_t(CUBLASLT_POINTER_MODE_DEVICE));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_T));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_TRANSB, int32_t(CUBLAS_OP_C));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_TRANSC, int32_t(CUBLAS_OP_N));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_FILL_MODE,
                      int32_t(CUBLAS_FILL_MODE_LOWER));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE,
                      uint32_t(CUBLASLT_EPILOGUE_GELU_AUX_BIAS));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_BIAS_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_BIAS_BATCH_STRIDE, int64_t(64));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, int64_t(128));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_BATCH_STRIDE,
                      int64_t(4096));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_ALPHA_VECTOR_BATCH_STRIDE,
                      int64_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_SM_COUNT_TARGET, int32_t(16));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_C_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_D_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_AMAX_D_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_DATA_TYPE,
                      int32_t(CUDA_R_16F));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_AMAX_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_FAST_ACCUM, int8_t(1));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE,
                      int32_t(CUDA_R_32F));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_NUM_CHUNKS_D_ROWS,
                      int32_t(2));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_NUM_CHUNKS_D_COLS,
                      int32_t(2));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_IN_COUNTERS_POINTER,
                      P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_OUT_COUNTERS_POINTER,
                      P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_A_SCALE_MODE, int32_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_B_SCALE_MODE, int32_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_C_SCALE_MODE, int32_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_D_SCALE_MODE, int32_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_SCALE_MODE,
                      int32_t(0));
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_D_OUT_SCALE_POINTER, P);
  expectDescRoundTrip(D, CUBLASLT_MATMUL_DESC_D_OUT_SCALE_MODE, int32_t(0));
}

TEST(MatmulDescs, Errors) {
  MatmulDesc D(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  int32_t V = 0;
  EXPECT_EQ(cublasLtMatmulDescSetAttribute(D, cublasLtMatmulDescAttributes_t(9),
                                           &V, sizeof(V)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulDescSetAttribute(
                D, cublasLtMatmulDescAttributes_t(1000), &V, sizeof(V)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulDescGetAttribute(
                D, cublasLtMatmulDescAttributes_t(16), &V, sizeof(V), nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulDescSetAttribute(nullptr, CUBLASLT_MATMUL_DESC_TRANSA,
                                           &V, sizeof(V)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulDescCreate(nullptr, CUBLAS_COMPUTE_32F, CUDA_R_32F),
            CUBLAS_STATUS_INVALID_VALUE);
  cublasLtMatmulDescOpaque_t Block;
  EXPECT_EQ(cublasLtMatmulDescInit(&Block, CUBLAS_COMPUTE_16F, CUDA_R_16F),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtMatmulDescGetAttribute(
                &Block, CUBLASLT_MATMUL_DESC_COMPUTE_TYPE, &V, 4, nullptr),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(V, CUBLAS_COMPUTE_16F);
  EXPECT_EQ(cublasLtMatmulDescInit_internal(&Block, 8, CUBLAS_COMPUTE_16F,
                                            CUDA_R_16F),
            CUBLAS_STATUS_ALLOC_FAILED);
}

//===--- Preferences ------------------------------------------------------===//

TEST(Preferences, DefaultsRoundTripsAndErrors) {
  cublasLtMatmulPreference_t P;
  ASSERT_EQ(cublasLtMatmulPreferenceCreate(&P), CUBLAS_STATUS_SUCCESS);
  uint64_t Workspace = 1;
  ASSERT_EQ(
      cublasLtMatmulPreferenceGetAttribute(
          P, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &Workspace, 8, nullptr),
      CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Workspace, 0u);
  Workspace = 1 << 22;
  EXPECT_EQ(cublasLtMatmulPreferenceSetAttribute(
                P, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &Workspace, 8),
            CUBLAS_STATUS_SUCCESS);
  uint64_t Back = 0;
  size_t Written = 0;
  EXPECT_EQ(
      cublasLtMatmulPreferenceGetAttribute(
          P, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &Back, 8, &Written),
      CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Back, Workspace);
  EXPECT_EQ(Written, 8u);
  uint32_t U32 = 0;
  for (auto A : {CUBLASLT_MATMUL_PREF_SEARCH_MODE,
                 CUBLASLT_MATMUL_PREF_REDUCTION_SCHEME_MASK,
                 CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES,
                 CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES,
                 CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES,
                 CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES}) {
    EXPECT_EQ(cublasLtMatmulPreferenceGetAttribute(P, A, nullptr, 0, &Written),
              CUBLAS_STATUS_SUCCESS);
    EXPECT_EQ(Written, 4u);
    EXPECT_EQ(cublasLtMatmulPreferenceSetAttribute(P, A, &U32, 4),
              CUBLAS_STATUS_SUCCESS);
  }
  float Waves = 2.0f;
  EXPECT_EQ(cublasLtMatmulPreferenceSetAttribute(
                P, CUBLASLT_MATMUL_PREF_MAX_WAVES_COUNT, &Waves, 4),
            CUBLAS_STATUS_SUCCESS);
  uint64_t Mask = 0;
  EXPECT_EQ(cublasLtMatmulPreferenceGetAttribute(
                P, CUBLASLT_MATMUL_PREF_IMPL_MASK, &Mask, 8, nullptr),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Mask, ~uint64_t(0));
  EXPECT_EQ(cublasLtMatmulPreferenceSetAttribute(
                P, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &U32, 4),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulPreferenceSetAttribute(
                P, cublasLtMatmulPreferenceAttributes_t(2), &U32, 4),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulPreferenceDestroy(P), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasLtMatmulPreferenceCreate(nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
}

//===--- Heuristics and algorithms ----------------------------------------===//

class Heuristics : public LtTest {
protected:
  void SetUp() override {
    LtTest::SetUp();
    ASSERT_EQ(cublasLtMatmulPreferenceCreate(&Pref), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    cublasLtMatmulPreferenceDestroy(Pref);
    LtTest::TearDown();
  }
  cublasLtMatmulPreference_t Pref = nullptr;
};

TEST_F(Heuristics, SupportedProblemGetsTheEngine) {
  MatmulDesc D(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  D.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_GELU_BIAS));
  Layout A(CUDA_R_16BF, 64, 32, 64), B(CUDA_R_16BF, 32, 16, 32),
      C(CUDA_R_16BF, 64, 16, 64);
  cublasLtMatmulHeuristicResult_t Results[4] = {};
  int Count = -1;
  ASSERT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, A, B, C, C, Pref, 4,
                                           Results, &Count),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(Count, 1);
  EXPECT_EQ(Results[0].state, CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Results[0].workspaceSize, 0u);
  EXPECT_GT(Results[0].wavesCount, 0.0f);
  cublasLtMatmulHeuristicResult_t Checked = {};
  EXPECT_EQ(cublasLtMatmulAlgoCheck(Handle, D, A, B, C, C, &Results[0].algo,
                                    &Checked),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Checked.state, CUBLAS_STATUS_SUCCESS);
  int32_t Id = -1;
  EXPECT_EQ(cublasLtMatmulAlgoConfigGetAttribute(
                &Results[0].algo, CUBLASLT_ALGO_CONFIG_ID, &Id, 4, nullptr),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Id, 0);
}

TEST_F(Heuristics, UnsupportedAndBadProblems) {
  cublasLtMatmulHeuristicResult_t Result = {};
  int Count = -1;
  // fp16 inputs with an fp64 output: no such kernel.
  MatmulDesc D(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Layout A(CUDA_R_16F, 8, 8, 8), C64(CUDA_R_64F, 8, 8, 8);
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, A, A, C64, C64, Pref, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Count, 0);
  // An ORDER_COL32 layout: not implemented.
  Layout F(CUDA_R_32F, 8, 8, 8), Col32(CUDA_R_32F, 8, 8, 8);
  Col32.set(CUBLASLT_MATRIX_LAYOUT_ORDER, int32_t(CUBLASLT_ORDER_COL32));
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, Col32, F, F, F, Pref, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_NOT_SUPPORTED);
  // Mismatched shapes, bad counts, missing arguments.
  Layout Wrong(CUDA_R_32F, 8, 9, 8);
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, F, Wrong, F, F, Pref, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, F, F, F, F, Pref, 0,
                                           &Result, &Count),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(nullptr, D, F, F, F, F, Pref, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, F, F, F, F, nullptr, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_INVALID_VALUE);
  // Epilogues of fp64 results are not implemented.
  MatmulDesc D64(CUBLAS_COMPUTE_64F, CUDA_R_64F);
  D64.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_RELU));
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D64, C64, C64, C64, C64,
                                           Pref, 1, &Result, &Count),
            CUBLAS_STATUS_NOT_SUPPORTED);
  // An unknown epilogue value.
  D.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(3));
  EXPECT_EQ(cublasLtMatmulAlgoGetHeuristic(Handle, D, F, F, F, F, Pref, 1,
                                           &Result, &Count),
            CUBLAS_STATUS_INVALID_VALUE);
}

TEST_F(Heuristics, AlgoIdsInitCapsAndConfig) {
  int Ids[4] = {-1, -1, -1, -1}, Count = -1;
  EXPECT_EQ(cublasLtMatmulAlgoGetIds(Handle, CUBLAS_COMPUTE_32F, CUDA_R_32F,
                                     CUDA_R_16F, CUDA_R_16F, CUDA_R_16F,
                                     CUDA_R_16F, 4, Ids, &Count),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Count, 1);
  EXPECT_EQ(Ids[0], 0);
  EXPECT_EQ(cublasLtMatmulAlgoGetIds(Handle, CUBLAS_COMPUTE_32F, CUDA_R_32F,
                                     CUDA_R_16F, CUDA_R_16F, CUDA_R_64F,
                                     CUDA_R_64F, 4, Ids, &Count),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Count, 0);
  cublasLtMatmulAlgo_t Algo;
  EXPECT_EQ(cublasLtMatmulAlgoInit(Handle, CUBLAS_COMPUTE_32F, CUDA_R_32F,
                                   CUDA_R_32F, CUDA_R_32F, CUDA_R_32F,
                                   CUDA_R_32F, 5, &Algo),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmulAlgoInit(Handle, CUBLAS_COMPUTE_32F, CUDA_R_32F,
                                   CUDA_R_32F, CUDA_R_32F, CUDA_R_64F,
                                   CUDA_R_64F, 0, &Algo),
            CUBLAS_STATUS_NOT_SUPPORTED);
  ASSERT_EQ(cublasLtMatmulAlgoInit(Handle, CUBLAS_COMPUTE_32F, CUDA_R_32F,
                                   CUDA_R_32F, CUDA_R_32F, CUDA_R_32F,
                                   CUDA_R_32F, 0, &Algo),
            CUBLAS_STATUS_SUCCESS);
  uint32_t Mask = 0;
  size_t Written = 0;
  EXPECT_EQ(cublasLtMatmulAlgoCapGetAttribute(
                &Algo, CUBLASLT_ALGO_CAP_EPILOGUE_MASK, &Mask, 4, &Written),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_TRUE(Mask & CUBLASLT_EPILOGUE_DGELU_BGRAD);
  int32_t Strided = 0;
  EXPECT_EQ(
      cublasLtMatmulAlgoCapGetAttribute(
          &Algo, CUBLASLT_ALGO_CAP_STRIDED_BATCH_SUPPORT, &Strided, 4, nullptr),
      CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Strided, 1);
  uint32_t Tile = CUBLASLT_MATMUL_TILE_128x128;
  EXPECT_EQ(cublasLtMatmulAlgoConfigSetAttribute(
                &Algo, CUBLASLT_ALGO_CONFIG_TILE_ID, &Tile, 4),
            CUBLAS_STATUS_SUCCESS);
  uint32_t Back = 0;
  EXPECT_EQ(cublasLtMatmulAlgoConfigGetAttribute(
                &Algo, CUBLASLT_ALGO_CONFIG_TILE_ID, &Back, 4, &Written),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Back, Tile);
  EXPECT_EQ(cublasLtMatmulAlgoConfigSetAttribute(
                &Algo, CUBLASLT_ALGO_CONFIG_TILE_ID, &Tile, 2),
            CUBLAS_STATUS_INVALID_VALUE);
  cublasLtMatmulAlgo_t Garbage;
  std::memset(&Garbage, 0x5a, sizeof(Garbage));
  EXPECT_EQ(cublasLtMatmulAlgoCapGetAttribute(
                &Garbage, CUBLASLT_ALGO_CAP_EPILOGUE_MASK, &Mask, 4, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
}

} // namespace
