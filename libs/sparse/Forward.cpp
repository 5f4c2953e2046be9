//===- sparse/Forward.cpp - cuSPARSE calls on NVIDIA GPUs go to NVIDIA's --===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include "LibraryCall.h"
#include "NvidiaLibrary.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace tx {
namespace sparse {

static lib::NvidiaLibrary &nvidiaCusparse() {
  // NVIDIA's SONAME is ours (CUDA 12 and 13 alike): loaded by its path.
  static lib::NvidiaLibrary Library(
      {"libcusparse.so.12"}, {"libnvJitLink.so.13", "libnvJitLink.so.12"});
  return Library;
}

void *nvidiaFunction(const char *Name) {
  if (void *F = nvidiaCusparse().symbol(Name))
    return F;
  static std::once_flag Warned;
  std::call_once(Warned, [Name] {
    const std::string &Why = nvidiaCusparse().why();
    std::fprintf(stderr, "tongxin: cuSPARSE on an NVIDIA GPU: %s\n",
                 Why.empty()
                     ? (std::string("NVIDIA's cuSPARSE has no ") + Name).c_str()
                     : Why.c_str());
  });
  return nullptr;
}

/// Calls NVIDIA's function Name of type Fn; NOT_SUPPORTED if it is missing.
template <class Fn, class... Args>
static cusparseStatus_t callNvidia(const char *Name, Args... A) {
  auto F = reinterpret_cast<Fn>(nvidiaFunction(Name));
  return F ? F(A...) : CUSPARSE_STATUS_NOT_SUPPORTED;
}
#define TX_NVIDIA(Fn, ...) callNvidia<decltype(&Fn)>(#Fn, __VA_ARGS__)

bool onNvidia(cusparseHandle_t Handle, int *Device) {
  lib::Placement Where;
  if (!Handle || lib::placeStream(Handle->Stream, &Where) != cudaSuccess ||
      Where.Kind != txLibraryDeviceCuda)
    return false;
  *Device = Where.Device;
  return true;
}

//--- Twins -------------------------------------------------------------------

namespace {
/// NVIDIA's object mirroring one of ours, and what of ours it mirrors.
struct Twin {
  void *Object = nullptr;
  /// NVIDIA's function that destroys Object (one pointer argument).
  const char *Destroy = nullptr;
  cusparseSpMatDescr SpMat;
  cusparseDnVecDescr DnVec;
  cusparseDnMatDescr DnMat;
  /// The GPU a handle's twin was made on.
  int Device = -1;

  Twin() = default;
  Twin(const Twin &) = delete;
  Twin &operator=(const Twin &) = delete;
  ~Twin() { destroyObject(); }

  void destroyObject() {
    using DestroyFn = cusparseStatus_t (*)(void *);
    if (Object)
      if (auto F = reinterpret_cast<DestroyFn>(nvidiaFunction(Destroy)))
        (void)F(Object);
    Object = nullptr;
  }
};

/// Every twin, by the address of our object. Twins are made and updated
/// under TwinsMutex; NVIDIA's calls that use them run outside it.
std::mutex TwinsMutex;
std::atomic<bool> AnyTwins{false};
} // namespace

static std::unordered_map<const void *, std::unique_ptr<Twin>> &twins() {
  // Never destroyed: handles may outlive static destructors.
  static auto *Map =
      new std::unordered_map<const void *, std::unique_ptr<Twin>>;
  return *Map;
}

/// Ours's twin record, made empty if it has none (TwinsMutex held).
static Twin &twinRecord(const void *Ours, const char *Destroy) {
  std::unique_ptr<Twin> &Slot = twins()[Ours];
  if (!Slot) {
    Slot = std::make_unique<Twin>();
    Slot->Destroy = Destroy;
    AnyTwins = true;
  }
  return *Slot;
}

void releaseNvidiaTwin(const void *Ours) {
  if (!AnyTwins || !Ours)
    return;
  std::unique_ptr<Twin> Released;
  {
    std::lock_guard<std::mutex> Lock(TwinsMutex);
    auto It = twins().find(Ours);
    if (It == twins().end())
      return;
    Released = std::move(It->second);
    twins().erase(It);
  }
}

/// A twin that only needs to exist: made once with NVIDIA's Create.
template <class T>
static cusparseStatus_t plainTwin(const void *Ours, const char *Create,
                                  const char *Destroy, T *Out) {
  *Out = nullptr;
  if (!Ours)
    return CUSPARSE_STATUS_SUCCESS;
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  Twin &Record = twinRecord(Ours, Destroy);
  if (!Record.Object)
    if (cusparseStatus_t S =
            callNvidia<cusparseStatus_t (*)(void **)>(Create, &Record.Object))
      return S;
  *Out = static_cast<T>(Record.Object);
  return CUSPARSE_STATUS_SUCCESS;
}

//--- The handle --------------------------------------------------------------

/// NVIDIA's handle for ours on GPU Device (an NVIDIA handle belongs to the
/// device current when it was made).
static cusparseStatus_t handleTwin(cusparseHandle_t Handle, int Device,
                                   cusparseHandle_t *Out) {
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  Twin &Record = twinRecord(Handle, "cusparseDestroy");
  if (Record.Object && Record.Device != Device)
    Record.destroyObject();
  if (!Record.Object) {
    if (cusparseStatus_t S = callNvidia<cusparseStatus_t (*)(void **)>(
            "cusparseCreate", &Record.Object))
      return S;
    Record.Device = Device;
  }
  *Out = static_cast<cusparseHandle_t>(Record.Object);
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
forwardToNvidia(cusparseHandle_t Handle, int Device,
                const std::function<cusparseStatus_t(cusparseHandle_t)> &Call) {
  return lib::forwardOnStream<cusparseStatus_t>(
      Handle->Stream, Device, CUSPARSE_STATUS_NOT_SUPPORTED,
      CUSPARSE_STATUS_EXECUTION_FAILED, [&](void *Stream) {
        cusparseHandle_t Twin = nullptr;
        // NVIDIA's handle is made here, with the GPU's context current,
        // and made anew when the handle's stream moves to another GPU.
        if (cusparseStatus_t S = handleTwin(Handle, Device, &Twin))
          return S;
        if (cusparseStatus_t S = TX_NVIDIA(cusparseSetStream, Twin,
                                           static_cast<cudaStream_t>(Stream)))
          return S;
        if (cusparseStatus_t S =
                TX_NVIDIA(cusparseSetPointerMode, Twin, Handle->PointerMode))
          return S;
        return Call(Twin);
      });
}

/// The twin of a descriptor passed as non-const is its const form's.
template <class Mutable, class Const>
static cusparseStatus_t mutableTwin(Mutable Ours, Mutable *Out) {
  Const Made;
  cusparseStatus_t S = toNvidia(Const(Ours), &Made);
  *Out = const_cast<Mutable>(Made);
  return S;
}

//--- Sparse matrices ---------------------------------------------------------

/// True if B describes a matrix of A's shape, format and types (only the
/// arrays or attributes may differ).
static bool sameShape(const cusparseSpMatDescr &A,
                      const cusparseSpMatDescr &B) {
  return A.Format == B.Format && A.Rows == B.Rows && A.Cols == B.Cols &&
         A.Nnz == B.Nnz && A.OffsetType == B.OffsetType &&
         A.IndexType == B.IndexType && A.Base == B.Base && A.Type == B.Type &&
         A.EllBlockSize == B.EllBlockSize && A.EllCols == B.EllCols;
}

static cusparseStatus_t createSpMat(const cusparseSpMatDescr &A, void **Out) {
  auto *Made = reinterpret_cast<cusparseSpMatDescr_t *>(Out);
  switch (A.Format) {
  case CUSPARSE_FORMAT_CSR:
    return TX_NVIDIA(cusparseCreateCsr, Made, A.Rows, A.Cols, A.Nnz, A.Offsets,
                     A.Indices, A.Values, A.OffsetType, A.IndexType, A.Base,
                     A.Type);
  case CUSPARSE_FORMAT_CSC:
    return TX_NVIDIA(cusparseCreateCsc, Made, A.Rows, A.Cols, A.Nnz, A.Offsets,
                     A.Indices, A.Values, A.OffsetType, A.IndexType, A.Base,
                     A.Type);
  case CUSPARSE_FORMAT_COO:
    return TX_NVIDIA(cusparseCreateCoo, Made, A.Rows, A.Cols, A.Nnz, A.Offsets,
                     A.Indices, A.Values, A.IndexType, A.Base, A.Type);
  case CUSPARSE_FORMAT_BLOCKED_ELL:
    return TX_NVIDIA(cusparseCreateBlockedEll, Made, A.Rows, A.Cols,
                     A.EllBlockSize, A.EllCols, A.Indices, A.Values,
                     A.IndexType, A.Base, A.Type);
  default:
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  }
}

/// Points the twin of a matrix of the same shape at A's arrays.
static cusparseStatus_t setSpMatArrays(cusparseSpMatDescr_t Made,
                                       const cusparseSpMatDescr &A) {
  switch (A.Format) {
  case CUSPARSE_FORMAT_CSR:
    return TX_NVIDIA(cusparseCsrSetPointers, Made, A.Offsets, A.Indices,
                     A.Values);
  case CUSPARSE_FORMAT_CSC:
    return TX_NVIDIA(cusparseCscSetPointers, Made, A.Offsets, A.Indices,
                     A.Values);
  case CUSPARSE_FORMAT_COO:
    return TX_NVIDIA(cusparseCooSetPointers, Made, A.Offsets, A.Indices,
                     A.Values);
  default:
    return TX_NVIDIA(cusparseSpMatSetValues, Made, A.Values);
  }
}

static cusparseStatus_t setSpMatAttributes(cusparseSpMatDescr_t Made,
                                           const cusparseSpMatDescr &A,
                                           const cusparseSpMatDescr &Old) {
  if (A.Fill != Old.Fill)
    if (cusparseStatus_t S = TX_NVIDIA(
            cusparseSpMatSetAttribute, Made, CUSPARSE_SPMAT_FILL_MODE,
            const_cast<cusparseFillMode_t *>(&A.Fill), sizeof(A.Fill)))
      return S;
  if (A.Diag != Old.Diag)
    return TX_NVIDIA(cusparseSpMatSetAttribute, Made, CUSPARSE_SPMAT_DIAG_TYPE,
                     const_cast<cusparseDiagType_t *>(&A.Diag), sizeof(A.Diag));
  return CUSPARSE_STATUS_SUCCESS;
}

/// Brings Record's twin of A up to date: made anew when the shape changed,
/// given A's arrays and attributes otherwise.
static cusparseStatus_t syncSpMat(Twin &Record, const cusparseSpMatDescr &A) {
  if (Record.Object && !sameShape(Record.SpMat, A))
    Record.destroyObject();
  cusparseSpMatDescr Old = Record.SpMat;
  if (!Record.Object) {
    if (cusparseStatus_t S = createSpMat(A, &Record.Object))
      return S;
    Old = cusparseSpMatDescr(); // NVIDIA's defaults: lower, non-unit.
  } else {
    bool IndicesMoved = A.Indices != Old.Indices || A.Offsets != Old.Offsets;
    if (A.Format == CUSPARSE_FORMAT_BLOCKED_ELL && IndicesMoved) {
      Record.destroyObject();
      return syncSpMat(Record, A);
    }
    if (IndicesMoved || A.Values != Old.Values)
      if (cusparseStatus_t S = setSpMatArrays(
              static_cast<cusparseSpMatDescr_t>(Record.Object), A))
        return S;
  }
  cusparseStatus_t S = setSpMatAttributes(
      static_cast<cusparseSpMatDescr_t>(Record.Object), A, Old);
  // The record says what the twin holds: attributes only once they are set.
  Record.SpMat = A;
  if (S != CUSPARSE_STATUS_SUCCESS)
    Record.SpMat.Fill = Old.Fill, Record.SpMat.Diag = Old.Diag;
  return S;
}

cusparseStatus_t toNvidia(cusparseConstSpMatDescr_t Ours,
                          cusparseConstSpMatDescr_t *Out) {
  *Out = nullptr;
  if (!Ours)
    return CUSPARSE_STATUS_SUCCESS;
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  Twin &Record = twinRecord(Ours, "cusparseDestroySpMat");
  if (cusparseStatus_t S = syncSpMat(Record, *Ours))
    return S;
  *Out = static_cast<cusparseConstSpMatDescr_t>(Record.Object);
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t toNvidia(cusparseSpMatDescr_t Ours,
                          cusparseSpMatDescr_t *Out) {
  return mutableTwin<cusparseSpMatDescr_t, cusparseConstSpMatDescr_t>(Ours,
                                                                      Out);
}

void fromNvidia(cusparseSpMatDescr_t Ours, cusparseSpMatDescr_t Made) {
  if (!Ours || !Made)
    return;
  // SpGEMM's compute and DenseToSparse's analysis size the output.
  int64_t Rows, Cols, Nnz;
  if (TX_NVIDIA(cusparseSpMatGetSize, Made, &Rows, &Cols, &Nnz) !=
      CUSPARSE_STATUS_SUCCESS)
    return;
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  Ours->Nnz = Nnz;
  auto It = twins().find(Ours);
  if (It != twins().end())
    It->second->SpMat.Nnz = Nnz;
}

//--- Dense vectors and matrices ----------------------------------------------

static bool sameShape(const cusparseDnVecDescr &A,
                      const cusparseDnVecDescr &B) {
  return A.Size == B.Size && A.Type == B.Type;
}

static bool sameShape(const cusparseDnMatDescr &A,
                      const cusparseDnMatDescr &B) {
  return A.Rows == B.Rows && A.Cols == B.Cols && A.Ld == B.Ld &&
         A.Type == B.Type && A.Order == B.Order &&
         A.BatchCount == B.BatchCount && A.BatchStride == B.BatchStride;
}

static cusparseStatus_t createTwin(const cusparseDnVecDescr &A, void **Out) {
  return TX_NVIDIA(cusparseCreateDnVec,
                   reinterpret_cast<cusparseDnVecDescr_t *>(Out), A.Size,
                   A.Values, A.Type);
}

static cusparseStatus_t createTwin(const cusparseDnMatDescr &A, void **Out) {
  auto *Made = reinterpret_cast<cusparseDnMatDescr_t *>(Out);
  if (cusparseStatus_t S = TX_NVIDIA(cusparseCreateDnMat, Made, A.Rows, A.Cols,
                                     A.Ld, A.Values, A.Type, A.Order))
    return S;
  if (A.BatchCount == 1)
    return CUSPARSE_STATUS_SUCCESS;
  using SetBatchFn =
      cusparseStatus_t (*)(cusparseDnMatDescr_t, int Count, int64_t Stride);
  return callNvidia<SetBatchFn>("cusparseDnMatSetStridedBatch", *Made,
                                A.BatchCount, A.BatchStride);
}

static cusparseStatus_t setTwinValues(const cusparseDnVecDescr &, void *Twin,
                                      void *Values) {
  return TX_NVIDIA(cusparseDnVecSetValues,
                   static_cast<cusparseDnVecDescr_t>(Twin), Values);
}

static cusparseStatus_t setTwinValues(const cusparseDnMatDescr &, void *Twin,
                                      void *Values) {
  return TX_NVIDIA(cusparseDnMatSetValues,
                   static_cast<cusparseDnMatDescr_t>(Twin), Values);
}

/// The twin of a dense vector or matrix, whose state Record.*Seen keeps:
/// made anew when Ours's shape changed, given Ours's values otherwise.
template <class Dense>
static cusparseStatus_t denseTwin(const Dense *Ours, const char *Destroy,
                                  Dense Twin::*Seen, const Dense **Out) {
  *Out = nullptr;
  if (!Ours)
    return CUSPARSE_STATUS_SUCCESS;
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  Twin &Record = twinRecord(Ours, Destroy);
  Dense &Old = Record.*Seen;
  if (Record.Object && !sameShape(Old, *Ours))
    Record.destroyObject();
  if (!Record.Object) {
    if (cusparseStatus_t S = createTwin(*Ours, &Record.Object))
      return S;
  } else if (Old.Values != Ours->Values) {
    if (cusparseStatus_t S = setTwinValues(Old, Record.Object, Ours->Values))
      return S;
  }
  Old = *Ours;
  *Out = static_cast<const Dense *>(Record.Object);
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t toNvidia(cusparseConstDnVecDescr_t Ours,
                          cusparseConstDnVecDescr_t *Out) {
  return denseTwin(Ours, "cusparseDestroyDnVec", &Twin::DnVec, Out);
}

cusparseStatus_t toNvidia(cusparseDnVecDescr_t Ours,
                          cusparseDnVecDescr_t *Out) {
  return mutableTwin<cusparseDnVecDescr_t, cusparseConstDnVecDescr_t>(Ours,
                                                                      Out);
}

cusparseStatus_t toNvidia(cusparseConstDnMatDescr_t Ours,
                          cusparseConstDnMatDescr_t *Out) {
  return denseTwin(Ours, "cusparseDestroyDnMat", &Twin::DnMat, Out);
}

cusparseStatus_t toNvidia(cusparseDnMatDescr_t Ours,
                          cusparseDnMatDescr_t *Out) {
  return mutableTwin<cusparseDnMatDescr_t, cusparseConstDnMatDescr_t>(Ours,
                                                                      Out);
}

//--- Legacy descriptors and analysis objects ---------------------------------

cusparseStatus_t toNvidia(cusparseMatDescr_t Ours, cusparseMatDescr_t *Out) {
  if (cusparseStatus_t S = plainTwin(Ours, "cusparseCreateMatDescr",
                                     "cusparseDestroyMatDescr", Out))
    return S;
  if (!Ours)
    return CUSPARSE_STATUS_SUCCESS;
  // Four cheap setters each call keep NVIDIA's copy of the settings ours.
  if (cusparseStatus_t S = TX_NVIDIA(cusparseSetMatType, *Out, Ours->Type))
    return S;
  if (cusparseStatus_t S = TX_NVIDIA(cusparseSetMatFillMode, *Out, Ours->Fill))
    return S;
  if (cusparseStatus_t S = TX_NVIDIA(cusparseSetMatDiagType, *Out, Ours->Diag))
    return S;
  return TX_NVIDIA(cusparseSetMatIndexBase, *Out, Ours->Base);
}

cusparseStatus_t toNvidia(csrilu02Info_t Ours, csrilu02Info_t *Out) {
  return plainTwin(Ours, "cusparseCreateCsrilu02Info",
                   "cusparseDestroyCsrilu02Info", Out);
}

cusparseStatus_t toNvidia(cusparseSpGEMMDescr_t Ours,
                          cusparseSpGEMMDescr_t *Out) {
  return plainTwin(Ours, "cusparseSpGEMM_createDescr",
                   "cusparseSpGEMM_destroyDescr", Out);
}

cusparseStatus_t toNvidia(cusparseSpSVDescr_t Ours, cusparseSpSVDescr_t *Out) {
  return plainTwin(Ours, "cusparseSpSV_createDescr",
                   "cusparseSpSV_destroyDescr", Out);
}

cusparseSpGEMMDescr_t existingNvidiaTwin(cusparseSpGEMMDescr_t Ours) {
  if (!AnyTwins)
    return nullptr;
  std::lock_guard<std::mutex> Lock(TwinsMutex);
  auto It = twins().find(Ours);
  return It == twins().end()
             ? nullptr
             : static_cast<cusparseSpGEMMDescr_t>(It->second->Object);
}

} // namespace sparse
} // namespace tx
