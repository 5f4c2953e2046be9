//===- gemm/GemmInt8.cpp - int8 GEMMs through oneDNN ----------------------===//
//
// Part of Tongxin. oneDNN's s8 x s8 -> s32 GEMM (AVX-512 VNNI or AMX where
// the CPU has them) multiplies each tile into an exact int32 product; the
// scaling by alpha and beta follows in cuBLAS's arithmetic: int32 for
// CUBLAS_COMPUTE_32I, fp32 when the output is fp32.
//
// oneDNN runs its own OpenMP team; each worker asks it for one thread, so
// that the device's workers remain the only threads doing the work.
//
//===----------------------------------------------------------------------===//

#include "GemmPaths.h"
#include "Tiling.h"

#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <dlfcn.h>
#include <vector>

namespace tx {
namespace gemm {

/// Limits this thread's OpenMP teams (oneDNN's) to one thread. libgomp
/// comes with libdnnl; the ICV is per thread, so other threads and the
/// program's own OpenMP code are unaffected.
static void useOneOpenMPThread() {
  static thread_local bool Done = false;
  if (Done)
    return;
  Done = true;
  using SetThreads = void (*)(int);
  static auto *Set =
      reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (Set)
    Set(1);
}

static char dnnlTrans(Op O) { return O == Op::N ? 'N' : 'T'; }

/// Product = op(A) * op(B) for one tile, exactly, in int32 (column-major,
/// leading dimension Rows).
static void int8Product(const Problem &P, const Tile &Tl,
                        const TileOperands &Ops, int32_t *Product) {
  useOneOpenMPThread();
  // oneDNN is row-major: a column-major X is the row-major X^T, so
  // Product^T = op(B)^T * op(A)^T.
  int32_t NoOffset = 0;
  dnnl_gemm_s8s8s32(dnnlTrans(P.TransB), dnnlTrans(P.TransA), 'F', Tl.cols(),
                    Tl.rows(), P.K, 1.0f,
                    reinterpret_cast<const int8_t *>(Ops.B), P.B.Ld, 0,
                    reinterpret_cast<const int8_t *>(Ops.A), P.A.Ld, 0, 0.0f,
                    Product, Tl.rows(), &NoOffset);
}

/// D = alpha * Product + beta * C, in int32 (wrapping, as the GPU's
/// integer units do) or in fp32.
static void scaleTile(const Problem &P, const Tile &Tl, const TileOperands &Ops,
                      const int32_t *Product) {
  const int64_t Rows = Tl.rows();
  bool UseBeta = !P.Beta.isZero() && Ops.C;
  for (int64_t J = 0; J < Tl.cols(); ++J) {
    const int32_t *Col = Product + J * Rows;
    if (P.D.Elem == Type::I32) {
      auto *D = reinterpret_cast<int32_t *>(Ops.D) + J * P.D.Ld;
      auto *C = reinterpret_cast<const int32_t *>(Ops.C) + J * P.C.Ld;
      uint32_t Alpha = uint32_t(int32_t(P.Alpha.Re));
      uint32_t Beta = uint32_t(int32_t(P.Beta.Re));
      for (int64_t I = 0; I < Rows; ++I) {
        uint32_t V = Alpha * uint32_t(Col[I]);
        if (UseBeta)
          V += Beta * uint32_t(C[I]);
        D[I] = int32_t(V);
      }
    } else {
      auto *D = reinterpret_cast<float *>(Ops.D) + J * P.D.Ld;
      auto *C = reinterpret_cast<const float *>(Ops.C) + J * P.C.Ld;
      float Alpha = float(P.Alpha.Re), Beta = float(P.Beta.Re);
      for (int64_t I = 0; I < Rows; ++I)
        D[I] = Alpha * float(Col[I]) + (UseBeta ? Beta * C[I] : 0.0f);
    }
  }
}

void runInt8(int Device, const Problem &P) {
  forEachTile(Device, P, [&](const Tile &Tl) {
    TileOperands Ops = tileOperands(P, Tl);
    static thread_local std::vector<int32_t> Product;
    Product.resize(size_t(Tl.rows() * Tl.cols()));
    if (P.K == 0)
      std::fill(Product.begin(), Product.end(), 0);
    else
      int8Product(P, Tl, Ops, Product.data());
    scaleTile(P, Tl, Ops, Product.data());
  });
}

} // namespace gemm
} // namespace tx
