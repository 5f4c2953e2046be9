//===- Forward.cpp - cuBLASLt matmuls on NVIDIA GPUs go to NVIDIA's -------===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "Descriptors.h"

#include "NvidiaLibrary.h"

#include <cstdio>
#include <cstring>
#include <mutex>

namespace tx {
namespace blaslt {

namespace {
using CreateFn = cublasStatus_t (*)(cublasLtHandle_t *);
using DestroyFn = cublasStatus_t (*)(cublasLtHandle_t);
using DescCreateFn = cublasStatus_t (*)(cublasLtMatmulDesc_t *,
                                        cublasComputeType_t, cudaDataType_t);
using DescSetFn = cublasStatus_t (*)(cublasLtMatmulDesc_t,
                                     cublasLtMatmulDescAttributes_t,
                                     const void *, size_t);
using DescDestroyFn = cublasStatus_t (*)(cublasLtMatmulDesc_t);
using LayoutCreateFn = cublasStatus_t (*)(cublasLtMatrixLayout_t *,
                                          cudaDataType, uint64_t, uint64_t,
                                          int64_t);
using LayoutSetFn = cublasStatus_t (*)(cublasLtMatrixLayout_t,
                                       cublasLtMatrixLayoutAttribute_t,
                                       const void *, size_t);
using LayoutDestroyFn = cublasStatus_t (*)(cublasLtMatrixLayout_t);
using MatmulFn = decltype(&cublasLtMatmul);

/// NVIDIA's cuBLASLt entry points this file uses.
struct NvidiaLt {
  CreateFn Create = nullptr;
  DestroyFn Destroy = nullptr;
  DescCreateFn DescCreate = nullptr;
  DescSetFn DescSet = nullptr;
  DescDestroyFn DescDestroy = nullptr;
  LayoutCreateFn LayoutCreate = nullptr;
  LayoutSetFn LayoutSet = nullptr;
  LayoutDestroyFn LayoutDestroy = nullptr;
  MatmulFn Matmul = nullptr;
  bool complete() const {
    return Create && Destroy && DescCreate && DescSet && DescDestroy &&
           LayoutCreate && LayoutSet && LayoutDestroy && Matmul;
  }
};
} // namespace

static const NvidiaLt *nvidiaLt() {
  // Ours is libcublasLt.so.12 (CUDA 12's SONAME): CUDA 13's is .so.13.
  static lib::NvidiaLibrary Library({"libcublasLt.so.14", "libcublasLt.so.13"});
  static NvidiaLt Lt;
  static std::once_flag Once;
  std::call_once(Once, [] {
    auto Get = [](auto &Slot, const char *Name) {
      Slot = reinterpret_cast<std::remove_reference_t<decltype(Slot)>>(
          Library.symbol(Name));
    };
    Get(Lt.Create, "cublasLtCreate");
    Get(Lt.Destroy, "cublasLtDestroy");
    Get(Lt.DescCreate, "cublasLtMatmulDescCreate");
    Get(Lt.DescSet, "cublasLtMatmulDescSetAttribute");
    Get(Lt.DescDestroy, "cublasLtMatmulDescDestroy");
    Get(Lt.LayoutCreate, "cublasLtMatrixLayoutCreate");
    Get(Lt.LayoutSet, "cublasLtMatrixLayoutSetAttribute");
    Get(Lt.LayoutDestroy, "cublasLtMatrixLayoutDestroy");
    Get(Lt.Matmul, "cublasLtMatmul");
    if (!Lt.complete())
      std::fprintf(stderr, "tongxin: cuBLASLt on an NVIDIA GPU: %s\n",
                   Library.why().empty() ? "NVIDIA's cuBLASLt lacks an entry"
                                         : Library.why().c_str());
  });
  return Lt.complete() ? &Lt : nullptr;
}

/// Attribute numbers tried when copying descriptors: beyond cuBLASLt's.
constexpr int MaxAttribute = 128;

/// True if field F of a descriptor holds its default (the same field of
/// Default).
static bool isDefault(Field F, Field Default) {
  return F.Size == Default.Size &&
         std::memcmp(F.Address, Default.Address, F.Size) == 0;
}

/// NVIDIA's copy of our descriptor D.
static cublasStatus_t copyDesc(const NvidiaLt &Lt, cublasLtMatmulDesc_t D,
                               cublasLtMatmulDesc_t *Out) {
  MatmulDescState &S = *state(D);
  if (cublasStatus_t St = Lt.DescCreate(Out, cublasComputeType_t(S.Compute),
                                        cudaDataType_t(S.Scale)))
    return St;
  MatmulDescState Default;
  auto *DefaultDesc = reinterpret_cast<cublasLtMatmulDesc_t>(&Default);
  for (int I = 0; I < MaxAttribute; ++I) {
    auto Attr = cublasLtMatmulDescAttributes_t(I);
    if (Attr == CUBLASLT_MATMUL_DESC_COMPUTE_TYPE ||
        Attr == CUBLASLT_MATMUL_DESC_SCALE_TYPE)
      continue;
    Field F = descField(D, Attr);
    if (!F.Address || isDefault(F, descField(DefaultDesc, Attr)))
      continue;
    if (cublasStatus_t St = Lt.DescSet(*Out, Attr, F.Address, F.Size))
      return St;
  }
  return CUBLAS_STATUS_SUCCESS;
}

/// NVIDIA's copy of our layout L.
static cublasStatus_t copyLayout(const NvidiaLt &Lt, cublasLtMatrixLayout_t L,
                                 cublasLtMatrixLayout_t *Out) {
  LayoutState &S = *state(L);
  if (cublasStatus_t St =
          Lt.LayoutCreate(Out, cudaDataType(S.Type), S.Rows, S.Cols, S.Ld))
    return St;
  LayoutState Default;
  auto *DefaultLayout = reinterpret_cast<cublasLtMatrixLayout_t>(&Default);
  for (int I = 0; I < MaxAttribute; ++I) {
    auto Attr = cublasLtMatrixLayoutAttribute_t(I);
    if (Attr == CUBLASLT_MATRIX_LAYOUT_TYPE ||
        Attr == CUBLASLT_MATRIX_LAYOUT_ROWS ||
        Attr == CUBLASLT_MATRIX_LAYOUT_COLS ||
        Attr == CUBLASLT_MATRIX_LAYOUT_LD)
      continue;
    Field F = layoutField(L, Attr);
    if (!F.Address || isDefault(F, layoutField(DefaultLayout, Attr)))
      continue;
    if (cublasStatus_t St = Lt.LayoutSet(*Out, Attr, F.Address, F.Size))
      return St;
  }
  return CUBLAS_STATUS_SUCCESS;
}

/// The NVIDIA objects of one forwarded call, destroyed with it.
struct NvidiaObjects {
  const NvidiaLt &Lt;
  cublasLtMatmulDesc_t Desc = nullptr;
  cublasLtMatrixLayout_t Layouts[4] = {};
  ~NvidiaObjects() {
    if (Desc)
      Lt.DescDestroy(Desc);
    for (cublasLtMatrixLayout_t L : Layouts)
      if (L)
        Lt.LayoutDestroy(L);
  }
};

/// NVIDIA's matmul of Call, with NVIDIA's handle *Twin (made if null).
static cublasStatus_t runMatmul(const NvidiaLt &Lt, void **Twin,
                                const MatmulCall &Call, void *Stream) {
  if (!*Twin) {
    cublasLtHandle_t Made = nullptr;
    if (cublasStatus_t St = Lt.Create(&Made))
      return St;
    *Twin = Made;
  }
  NvidiaObjects Objects{Lt};
  cublasStatus_t St = copyDesc(Lt, Call.Desc, &Objects.Desc);
  cublasLtMatrixLayout_t Ours[4] = {Call.ADesc, Call.BDesc, Call.CDesc,
                                    Call.DDesc};
  for (int I = 0; I < 4 && !St; ++I)
    St = copyLayout(Lt, Ours[I], &Objects.Layouts[I]);
  if (St)
    return St;
  cublasLtMatrixLayout_t *L = Objects.Layouts;
  return Lt.Matmul(static_cast<cublasLtHandle_t>(*Twin), Objects.Desc,
                   Call.Alpha, Call.A, L[0], Call.B, L[1], Call.Beta, Call.C,
                   L[2], Call.D, L[3], /*algo: NVIDIA's heuristic*/ nullptr,
                   Call.Workspace, Call.WorkspaceBytes,
                   static_cast<cudaStream_t>(Stream));
}

cublasStatus_t forwardMatmul(cublasLtHandle_t Handle, int Device,
                             const MatmulCall &Call) {
  const NvidiaLt *Lt = nvidiaLt();
  if (!Lt)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  return lib::forwardOnStream<cublasStatus_t>(
      Call.Stream, Device, CUBLAS_STATUS_NOT_SUPPORTED,
      CUBLAS_STATUS_EXECUTION_FAILED, [&](void *Stream) {
        return runMatmul(*Lt, &Handle->Nvidia, Call, Stream);
      });
}

void releaseNvidiaHandle(cublasLtHandle_t Handle) {
  if (!Handle->Nvidia)
    return;
  if (const NvidiaLt *Lt = nvidiaLt())
    (void)Lt->Destroy(static_cast<cublasLtHandle_t>(Handle->Nvidia));
  Handle->Nvidia = nullptr;
}

} // namespace blaslt
} // namespace tx
