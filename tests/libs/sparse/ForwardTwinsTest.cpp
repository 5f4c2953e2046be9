//===- ForwardTwinsTest.cpp - NVIDIA twins of cuSPARSE descriptors --------===//
//
// Part of Tongxin. libs/sparse/Forward.cpp keeps an NVIDIA twin of every
// descriptor a forwarded call passes: made on first use, brought up to date
// with ours before each call, destroyed with ours. Forwarded calls need a
// GPU (tests/cuda/libs runs them there); the twins do not: here NVIDIA's
// cuSPARSE is FakeNvidiaCusparse.cpp, which logs the calls it gets.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {

using namespace tx::sparse;

class ForwardTwins : public ::testing::Test {
protected:
  void SetUp() override {
    // Read once per process, at the first forwarded use (each test is a
    // process of its own under ctest; in one process they share the fake).
    setenv("TONGXIN_NVIDIA_LIBRARY_PATH", FAKE_NVIDIA_DIR, 1);
    ASSERT_NE(nvidiaFunction("cusparseCreate"), nullptr);
    void *Fake = dlopen(FAKE_NVIDIA_DIR "/libcusparse.so.12", RTLD_NOW);
    ASSERT_NE(Fake, nullptr) << dlerror();
    ReadLog =
        reinterpret_cast<const char *(*)(int)>(dlsym(Fake, "fakeCusparseLog"));
    SetNnz =
        reinterpret_cast<void (*)(int64_t)>(dlsym(Fake, "fakeCusparseSetNnz"));
    ASSERT_TRUE(ReadLog && SetNnz);
    SetNnz(-1);
    ReadLog(2); // Every test releases its twins: objects count from 1.
  }

  /// What the fake library got since the last call.
  std::string calls() { return ReadLog(1); }

  const char *(*ReadLog)(int) = nullptr;
  void (*SetNnz)(int64_t) = nullptr;
};

void *at(uintptr_t Address) { return reinterpret_cast<void *>(Address); }

cusparseSpMatDescr csr(int64_t Rows, int64_t Cols, int64_t Nnz) {
  cusparseSpMatDescr A;
  A.Format = CUSPARSE_FORMAT_CSR;
  A.Rows = Rows, A.Cols = Cols, A.Nnz = Nnz;
  A.Offsets = at(0x1000), A.Indices = at(0x2000), A.Values = at(0x3000);
  return A;
}

TEST_F(ForwardTwins, SparseMatrixMadeOnceAndKeptUpToDate) {
  cusparseSpMatDescr A = csr(4, 5, 7);
  cusparseConstSpMatDescr_t Twin = nullptr;
  ASSERT_EQ(toNvidia(cusparseConstSpMatDescr_t(&A), &Twin),
            CUSPARSE_STATUS_SUCCESS);
  ASSERT_NE(Twin, nullptr);
  EXPECT_EQ(calls(), "cusparseCreateCsr #1 4x5 nnz 7\n"
                     "  arrays 1000 2000 3000 types 2200\n");
  // Nothing changed: the same twin, no calls.
  cusparseConstSpMatDescr_t Again = nullptr;
  ASSERT_EQ(toNvidia(cusparseConstSpMatDescr_t(&A), &Again),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Again, Twin);
  EXPECT_EQ(calls(), "");
  // New arrays (cusparseCsrSetPointers, cusparseSpMatSetValues on ours).
  A.Indices = at(0x2200), A.Values = at(0x3300);
  cusparseSpMatDescr_t Mutable = nullptr;
  ASSERT_EQ(toNvidia(&A, &Mutable), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Mutable, Twin);
  EXPECT_EQ(calls(), "cusparseCsrSetPointers #1 1000 2200 3300\n");
  // Attributes (cusparseSpMatSetAttribute on ours).
  A.Fill = CUSPARSE_FILL_MODE_UPPER;
  A.Diag = CUSPARSE_DIAG_TYPE_UNIT;
  ASSERT_EQ(toNvidia(&A, &Mutable), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseSpMatSetAttribute #1 0 = 1 (4 bytes)\n"
                     "cusparseSpMatSetAttribute #1 1 = 1 (4 bytes)\n");
  // Another shape: a new twin, which keeps the attributes.
  A.Rows = 6;
  ASSERT_EQ(toNvidia(&A, &Mutable), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseDestroySpMat #1\n"
                     "cusparseCreateCsr #2 6x5 nnz 7\n"
                     "  arrays 1000 2200 3300 types 2200\n"
                     "cusparseSpMatSetAttribute #2 0 = 1 (4 bytes)\n"
                     "cusparseSpMatSetAttribute #2 1 = 1 (4 bytes)\n");
  releaseNvidiaTwin(&A);
  EXPECT_EQ(calls(), "cusparseDestroySpMat #2\n");
  releaseNvidiaTwin(&A); // Twice, or for a descriptor without a twin: nothing.
  EXPECT_EQ(calls(), "");
}

TEST_F(ForwardTwins, SizeSetByNvidiaComesBack) {
  // SpGEMM's C and DenseToSparse's B: NVIDIA's call sizes the matrix.
  cusparseSpMatDescr C = csr(8, 8, 0);
  C.Indices = C.Values = nullptr;
  cusparseSpMatDescr_t Twin = nullptr;
  ASSERT_EQ(toNvidia(&C, &Twin), CUSPARSE_STATUS_SUCCESS);
  calls();
  SetNnz(21);
  fromNvidia(&C, Twin);
  EXPECT_EQ(C.Nnz, 21);
  // The program then gives C its arrays: the same twin gets them.
  C.Indices = at(0x4000), C.Values = at(0x5000);
  cusparseSpMatDescr_t Again = nullptr;
  ASSERT_EQ(toNvidia(&C, &Again), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Again, Twin);
  EXPECT_EQ(calls(), "cusparseCsrSetPointers #1 1000 4000 5000\n");
  releaseNvidiaTwin(&C);
}

TEST_F(ForwardTwins, EveryFormat) {
  cusparseSpMatDescr Coo = csr(3, 3, 4);
  Coo.Format = CUSPARSE_FORMAT_COO;
  cusparseSpMatDescr_t Twin;
  ASSERT_EQ(toNvidia(&Coo, &Twin), CUSPARSE_STATUS_SUCCESS);
  // COO: Offsets holds the row indices, Indices the column indices.
  EXPECT_EQ(calls(), "cusparseCreateCoo #1 3x3 nnz 4\n"
                     "  arrays 1000 2000 3000\n");
  Coo.Offsets = at(0x1100);
  ASSERT_EQ(toNvidia(&Coo, &Twin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseCooSetPointers #1 1100 2000 3000\n");

  cusparseSpMatDescr Ell = csr(4, 4, 8);
  Ell.Format = CUSPARSE_FORMAT_BLOCKED_ELL;
  Ell.Offsets = nullptr, Ell.EllBlockSize = 2, Ell.EllCols = 2;
  ASSERT_EQ(toNvidia(&Ell, &Twin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseCreateBlockedEll #2 4x4 block 2\n"
                     "  ell cols 2 arrays 2000 3000\n");
  Ell.Values = at(0x3100); // Values alone: set on the twin.
  ASSERT_EQ(toNvidia(&Ell, &Twin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseSpMatSetValues #2 3100\n");
  Ell.Indices = at(0x2100); // Block indices: Blocked-ELL has no setter.
  ASSERT_EQ(toNvidia(&Ell, &Twin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseDestroySpMat #2\n"
                     "cusparseCreateBlockedEll #3 4x4 block 2\n"
                     "  ell cols 2 arrays 2100 3100\n");

  // A function NVIDIA's library lacks (the fake has no
  // cusparseCscSetPointers): the call is not supported.
  cusparseSpMatDescr Csc = csr(3, 2, 2);
  Csc.Format = CUSPARSE_FORMAT_CSC;
  ASSERT_EQ(toNvidia(&Csc, &Twin), CUSPARSE_STATUS_SUCCESS);
  Csc.Values = at(0x3200);
  EXPECT_EQ(toNvidia(&Csc, &Twin), CUSPARSE_STATUS_NOT_SUPPORTED);
  releaseNvidiaTwin(&Coo);
  releaseNvidiaTwin(&Ell);
  releaseNvidiaTwin(&Csc);
}

TEST_F(ForwardTwins, DenseVectorsAndMatrices) {
  cusparseDnVecDescr X;
  X.Size = 10, X.Values = at(0x6000), X.Type = CUDA_R_64F;
  cusparseConstDnVecDescr_t VecTwin;
  ASSERT_EQ(toNvidia(cusparseConstDnVecDescr_t(&X), &VecTwin),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseCreateDnVec #1 size 10 6000 type 1\n");
  X.Values = at(0x6100); // cusparseDnVecSetValues on ours
  cusparseDnVecDescr_t Mutable;
  ASSERT_EQ(toNvidia(&X, &Mutable), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseDnVecSetValues #1 6100\n");
  X.Size = 11;
  ASSERT_EQ(toNvidia(&X, &Mutable), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseDestroyDnVec #1\n"
                     "cusparseCreateDnVec #2 size 11 6100 type 1\n");

  cusparseDnMatDescr B;
  B.Rows = 3, B.Cols = 4, B.Ld = 4, B.Values = at(0x7000);
  B.Order = CUSPARSE_ORDER_ROW, B.BatchCount = 2, B.BatchStride = 12;
  cusparseDnMatDescr_t MatTwin;
  ASSERT_EQ(toNvidia(&B, &MatTwin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseCreateDnMat #3 3x4 ld 4\n"
                     "  values 7000 order 2\n"
                     "cusparseDnMatSetStridedBatch #3 2 12\n");
  B.Values = at(0x7100);
  ASSERT_EQ(toNvidia(&B, &MatTwin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseDnMatSetValues #3 7100\n");
  releaseNvidiaTwin(&X);
  releaseNvidiaTwin(&B);
  EXPECT_EQ(calls(), "cusparseDestroyDnVec #2\ncusparseDestroyDnMat #3\n");
}

TEST_F(ForwardTwins, LegacyDescriptorFollowsOurSettings) {
  cusparseMatDescr D;
  D.Type = CUSPARSE_MATRIX_TYPE_TRIANGULAR;
  D.Base = CUSPARSE_INDEX_BASE_ONE;
  cusparseMatDescr_t Twin;
  ASSERT_EQ(toNvidia(&D, &Twin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseCreateMatDescr #1\n"
                     "cusparseSetMatType #1 3\n"
                     "cusparseSetMatFillMode #1 0\n"
                     "cusparseSetMatDiagType #1 0\n"
                     "cusparseSetMatIndexBase #1 1\n");
  D.Fill = CUSPARSE_FILL_MODE_UPPER;
  cusparseMatDescr_t Again;
  ASSERT_EQ(toNvidia(&D, &Again), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Again, Twin);
  EXPECT_EQ(calls(), "cusparseSetMatType #1 3\n"
                     "cusparseSetMatFillMode #1 1\n"
                     "cusparseSetMatDiagType #1 0\n"
                     "cusparseSetMatIndexBase #1 1\n");
  releaseNvidiaTwin(&D);
  EXPECT_EQ(calls(), "cusparseDestroyMatDescr #1\n");
}

TEST_F(ForwardTwins, AnalysisObjectsLiveAsLongAsOurs) {
  // Stand-ins for our opaque objects: only their addresses matter here.
  int SpGEMM = 0, SpSV = 0, Info = 0;
  auto *G = reinterpret_cast<cusparseSpGEMMDescr_t>(&SpGEMM);
  auto *S = reinterpret_cast<cusparseSpSVDescr_t>(&SpSV);
  auto *I = reinterpret_cast<csrilu02Info_t>(&Info);
  EXPECT_EQ(existingNvidiaTwin(G), nullptr);
  cusparseSpGEMMDescr_t GTwin, GAgain;
  cusparseSpSVDescr_t STwin;
  csrilu02Info_t ITwin;
  ASSERT_EQ(toNvidia(G, &GTwin), CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(toNvidia(G, &GAgain), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(GTwin, GAgain);
  EXPECT_EQ(existingNvidiaTwin(G), GTwin);
  ASSERT_EQ(toNvidia(S, &STwin), CUSPARSE_STATUS_SUCCESS);
  ASSERT_EQ(toNvidia(I, &ITwin), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(calls(), "cusparseSpGEMM_createDescr #1\n"
                     "cusparseSpSV_createDescr #2\n"
                     "cusparseCreateCsrilu02Info #3\n");
  releaseNvidiaTwin(G);
  releaseNvidiaTwin(S);
  releaseNvidiaTwin(I);
  EXPECT_EQ(existingNvidiaTwin(G), nullptr);
  EXPECT_EQ(calls(), "cusparseSpGEMM_destroyDescr #1\n"
                     "cusparseSpSV_destroyDescr #2\n"
                     "cusparseDestroyCsrilu02Info #3\n");
}

TEST_F(ForwardTwins, NullDescriptorsStayNull) {
  // NVIDIA's call then reports the null argument itself.
  cusparseConstSpMatDescr_t A = static_cast<cusparseConstSpMatDescr_t>(at(1));
  cusparseDnVecDescr_t X = nullptr;
  cusparseMatDescr_t D = nullptr;
  cusparseSpGEMMDescr_t G = nullptr;
  EXPECT_EQ(toNvidia(cusparseConstSpMatDescr_t(nullptr), &A),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(toNvidia(cusparseDnVecDescr_t(nullptr), &X),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(toNvidia(cusparseMatDescr_t(nullptr), &D), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(toNvidia(cusparseSpGEMMDescr_t(nullptr), &G),
            CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(A, nullptr);
  EXPECT_EQ(X, nullptr);
  EXPECT_EQ(D, nullptr);
  EXPECT_EQ(G, nullptr);
  EXPECT_EQ(calls(), "");
  // Other arguments pass unchanged.
  int Value = 0, *Out = nullptr;
  EXPECT_EQ(toNvidia(&Value, &Out), CUSPARSE_STATUS_SUCCESS);
  EXPECT_EQ(Out, &Value);
}

TEST_F(ForwardTwins, HandlesOnCpuStreamsAreNotForwarded) {
  cusparseContext Handle; // its stream: the default stream of the CPU device
  int Device = -1;
  EXPECT_FALSE(onNvidia(&Handle, &Device));
  EXPECT_FALSE(onNvidia(nullptr, &Device));
  EXPECT_EQ(Device, -1);
}

} // namespace
