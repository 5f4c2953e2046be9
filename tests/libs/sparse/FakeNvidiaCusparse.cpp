//===- FakeNvidiaCusparse.cpp - A stand-in for NVIDIA's cuSPARSE ----------===//
//
// Part of Tongxin. Built as libcusparse.so.12 in a directory of its own and
// loaded by ForwardTwinsTest.cpp as "NVIDIA's cuSPARSE": the descriptor
// calls the forwarder makes to keep its twins up to date, each logged with
// its arguments, so the test can check what reaches NVIDIA's library
// without a GPU. cusparseCscSetPointers is left out on purpose (a function
// NVIDIA's library may lack).
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <string>

namespace {
struct FakeObject {
  int Id;
  int64_t Rows = 0, Cols = 0, Nnz = 0;
};
std::string Log;
int NextId = 1;
int64_t NnzAfterCall = -1;

int note(const char *Format, long long A = 0, long long B = 0, long long C = 0,
         long long D = 0) {
  char Line[256];
  std::snprintf(Line, sizeof(Line), Format, A, B, C, D);
  Log += Line;
  Log += '\n';
  return 0;
}

long long idOf(void *Object) {
  return Object ? static_cast<FakeObject *>(Object)->Id : 0;
}

long long bits(const void *P) {
  return static_cast<long long>(reinterpret_cast<uintptr_t>(P));
}

void *make(int64_t Rows = 0, int64_t Cols = 0, int64_t Nnz = 0) {
  auto *O = new FakeObject{NextId++};
  O->Rows = Rows, O->Cols = Cols, O->Nnz = Nnz;
  return O;
}

int destroy(const char *Name, void *Object) {
  char Format[64];
  std::snprintf(Format, sizeof(Format), "%s #%%lld", Name);
  note(Format, idOf(Object));
  delete static_cast<FakeObject *>(Object);
  return 0;
}
} // namespace

extern "C" {
// The test's view of the log: returns it and, if Reset, empties it (and
// numbers objects from 1 again if Reset is 2, for a test's start).
const char *fakeCusparseLog(int Reset) {
  static std::string Copy;
  Copy = Log;
  if (Reset)
    Log.clear();
  if (Reset == 2)
    NextId = 1;
  return Copy.c_str();
}
// The nonzero count cusparseSpMatGetSize reports from now on (-1: the
// count the matrix was made with).
void fakeCusparseSetNnz(int64_t Nnz) { NnzAfterCall = Nnz; }

int cusparseCreate(void **Handle) {
  *Handle = make();
  return note("cusparseCreate #%lld", idOf(*Handle));
}
int cusparseDestroy(void *Handle) { return destroy("cusparseDestroy", Handle); }

int cusparseCreateCsr(void **Out, int64_t Rows, int64_t Cols, int64_t Nnz,
                      void *Offsets, void *Indices, void *Values, int OffType,
                      int IdxType, int Base, int Type) {
  *Out = make(Rows, Cols, Nnz);
  note("cusparseCreateCsr #%lld %lldx%lld nnz %lld", idOf(*Out), Rows, Cols,
       Nnz);
  return note("  arrays %llx %llx %llx types %lld", bits(Offsets),
              bits(Indices), bits(Values),
              OffType * 1000 + IdxType * 100 + Base * 10 + Type % 10);
}
int cusparseCreateCsc(void **Out, int64_t Rows, int64_t Cols, int64_t Nnz,
                      void *Offsets, void *Indices, void *Values, int, int, int,
                      int) {
  *Out = make(Rows, Cols, Nnz);
  note("cusparseCreateCsc #%lld %lldx%lld nnz %lld", idOf(*Out), Rows, Cols,
       Nnz);
  return note("  arrays %llx %llx %llx", bits(Offsets), bits(Indices),
              bits(Values));
}
int cusparseCreateCoo(void **Out, int64_t Rows, int64_t Cols, int64_t Nnz,
                      void *RowInd, void *ColInd, void *Values, int, int, int) {
  *Out = make(Rows, Cols, Nnz);
  note("cusparseCreateCoo #%lld %lldx%lld nnz %lld", idOf(*Out), Rows, Cols,
       Nnz);
  return note("  arrays %llx %llx %llx", bits(RowInd), bits(ColInd),
              bits(Values));
}
int cusparseCreateBlockedEll(void **Out, int64_t Rows, int64_t Cols,
                             int64_t BlockSize, int64_t EllCols, void *ColInd,
                             void *Values, int, int, int) {
  *Out = make(Rows, Cols, Rows * EllCols);
  note("cusparseCreateBlockedEll #%lld %lldx%lld block %lld", idOf(*Out), Rows,
       Cols, BlockSize);
  return note("  ell cols %lld arrays %llx %llx", EllCols, bits(ColInd),
              bits(Values));
}
int cusparseCsrSetPointers(void *M, void *Offsets, void *Indices,
                           void *Values) {
  return note("cusparseCsrSetPointers #%lld %llx %llx %llx", idOf(M),
              bits(Offsets), bits(Indices), bits(Values));
}
int cusparseCooSetPointers(void *M, void *Rows, void *Cols, void *Values) {
  return note("cusparseCooSetPointers #%lld %llx %llx %llx", idOf(M),
              bits(Rows), bits(Cols), bits(Values));
}
int cusparseSpMatSetValues(void *M, void *Values) {
  return note("cusparseSpMatSetValues #%lld %llx", idOf(M), bits(Values));
}
int cusparseSpMatSetAttribute(void *M, int Attribute, void *Data, size_t Size) {
  return note("cusparseSpMatSetAttribute #%lld %lld = %lld (%lld bytes)",
              idOf(M), Attribute, *static_cast<int *>(Data), (long long)Size);
}
int cusparseSpMatGetSize(void *M, int64_t *Rows, int64_t *Cols, int64_t *Nnz) {
  auto *O = static_cast<FakeObject *>(M);
  *Rows = O->Rows, *Cols = O->Cols;
  *Nnz = NnzAfterCall >= 0 ? NnzAfterCall : O->Nnz;
  return 0;
}
int cusparseDestroySpMat(void *M) { return destroy("cusparseDestroySpMat", M); }

int cusparseCreateDnVec(void **Out, int64_t Size, void *Values, int Type) {
  *Out = make(Size);
  return note("cusparseCreateDnVec #%lld size %lld %llx type %lld", idOf(*Out),
              Size, bits(Values), Type);
}
int cusparseDnVecSetValues(void *V, void *Values) {
  return note("cusparseDnVecSetValues #%lld %llx", idOf(V), bits(Values));
}
int cusparseDestroyDnVec(void *V) { return destroy("cusparseDestroyDnVec", V); }

int cusparseCreateDnMat(void **Out, int64_t Rows, int64_t Cols, int64_t Ld,
                        void *Values, int, int Order) {
  *Out = make(Rows, Cols);
  note("cusparseCreateDnMat #%lld %lldx%lld ld %lld", idOf(*Out), Rows, Cols,
       Ld);
  return note("  values %llx order %lld", bits(Values), Order);
}
int cusparseDnMatSetValues(void *M, void *Values) {
  return note("cusparseDnMatSetValues #%lld %llx", idOf(M), bits(Values));
}
int cusparseDnMatSetStridedBatch(void *M, int Count, int64_t Stride) {
  return note("cusparseDnMatSetStridedBatch #%lld %lld %lld", idOf(M), Count,
              Stride);
}
int cusparseDestroyDnMat(void *M) { return destroy("cusparseDestroyDnMat", M); }

int cusparseCreateMatDescr(void **Out) {
  *Out = make();
  return note("cusparseCreateMatDescr #%lld", idOf(*Out));
}
int cusparseSetMatType(void *D, int V) {
  return note("cusparseSetMatType #%lld %lld", idOf(D), V);
}
int cusparseSetMatFillMode(void *D, int V) {
  return note("cusparseSetMatFillMode #%lld %lld", idOf(D), V);
}
int cusparseSetMatDiagType(void *D, int V) {
  return note("cusparseSetMatDiagType #%lld %lld", idOf(D), V);
}
int cusparseSetMatIndexBase(void *D, int V) {
  return note("cusparseSetMatIndexBase #%lld %lld", idOf(D), V);
}
int cusparseDestroyMatDescr(void *D) {
  return destroy("cusparseDestroyMatDescr", D);
}

int cusparseSpGEMM_createDescr(void **Out) {
  *Out = make();
  return note("cusparseSpGEMM_createDescr #%lld", idOf(*Out));
}
int cusparseSpGEMM_destroyDescr(void *D) {
  return destroy("cusparseSpGEMM_destroyDescr", D);
}
int cusparseSpSV_createDescr(void **Out) {
  *Out = make();
  return note("cusparseSpSV_createDescr #%lld", idOf(*Out));
}
int cusparseSpSV_destroyDescr(void *D) {
  return destroy("cusparseSpSV_destroyDescr", D);
}
int cusparseCreateCsrilu02Info(void **Out) {
  *Out = make();
  return note("cusparseCreateCsrilu02Info #%lld", idOf(*Out));
}
int cusparseDestroyCsrilu02Info(void *I) {
  return destroy("cusparseDestroyCsrilu02Info", I);
}
} // extern "C"
