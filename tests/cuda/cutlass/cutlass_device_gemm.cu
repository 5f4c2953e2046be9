// CUTLASS 2.x device-level GEMMs (cutlass::gemm::device::Gemm), the SM80
// and SM75 configurations of CUTLASS's own examples: tf32 tensor ops
// (cp.async multistage, ldmatrix, mma.sync m16n8k8), f16 tensor ops with
// f32 accumulation (m16n8k16), int8 tensor ops (SM75, m8n8k16 with
// saturation) and the SIMT SGEMM; C = alpha * A * B + beta * C on sizes
// that are not multiples of the tiles, checked against a host GEMM.
// Built with the CUTLASS headers setup.sh fetches (tests/cuda/CMakeLists).
#include <cutlass/gemm/device/gemm.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

static int failures = 0;

#define CHECK_CUTLASS(status, what)                                            \
  do {                                                                         \
    if ((status) != cutlass::Status::kSuccess) {                               \
      printf("FAIL: %s: %s\n", what, cutlassGetStatusString(status));          \
      ++failures;                                                              \
      return;                                                                  \
    }                                                                          \
  } while (0)

template <typename T> static T *upload(const std::vector<T> &v) {
  T *d = nullptr;
  cudaMalloc(&d, v.size() * sizeof(T));
  cudaMemcpy(d, v.data(), v.size() * sizeof(T), cudaMemcpyHostToDevice);
  return d;
}

// Runs Gemm on M x N x K with A row-major, B column-major, C/D row-major,
// inputs small integers (exact in every type) and compares with a host
// GEMM; Tolerance covers tf32's rounding of the epilogue only.
template <typename Gemm, typename TA, typename TB, typename TC,
          typename TCompute>
static void run(const char *name, int m, int n, int k, TCompute alpha,
                TCompute beta, double tolerance) {
  std::vector<TA> a(size_t(m) * k);
  std::vector<TB> b(size_t(k) * n);
  std::vector<TC> c(size_t(m) * n);
  std::vector<double> ra(a.size()), rb(b.size()), rc(c.size());
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = TA(ra[i] = rand() % 7 - 3);
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = TB(rb[i] = rand() % 7 - 3);
  for (size_t i = 0; i < c.size(); ++i)
    c[i] = TC(rc[i] = rand() % 11 - 5);
  TA *da = upload(a);
  TB *db = upload(b);
  TC *dc = upload(c), *dd = upload(c);
  typename Gemm::Arguments args({m, n, k}, {da, k}, {db, k}, {dc, n}, {dd, n},
                                {alpha, beta});
  Gemm gemm;
  size_t workspace = Gemm::get_workspace_size(args);
  void *space = nullptr;
  if (workspace)
    cudaMalloc(&space, workspace);
  CHECK_CUTLASS(gemm.can_implement(args), name);
  CHECK_CUTLASS(gemm.initialize(args, space), name);
  CHECK_CUTLASS(gemm(), name);
  if (cudaDeviceSynchronize() != cudaSuccess) {
    printf("FAIL: %s: %s\n", name, cudaGetErrorString(cudaGetLastError()));
    ++failures;
    return;
  }
  std::vector<TC> d(c.size());
  cudaMemcpy(d.data(), dd, d.size() * sizeof(TC), cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int r = 0; r < m; ++r)
    for (int col = 0; col < n; ++col) {
      double sum = 0;
      for (int i = 0; i < k; ++i)
        sum += ra[size_t(r) * k + i] * rb[size_t(col) * k + i];
      double want = double(alpha) * sum + double(beta) * rc[size_t(r) * n + col];
      double got = double(d[size_t(r) * n + col]);
      if (std::fabs(got - want) > tolerance * (1 + std::fabs(want)) &&
          ++bad <= 3)
        printf("FAIL: %s D[%d][%d] = %g, want %g\n", name, r, col, got, want);
    }
  failures += bad;
  printf("%s %dx%dx%d: %s\n", name, m, n, k, bad ? "mismatches" : "ok");
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd), cudaFree(space);
}

using RowMajor = cutlass::layout::RowMajor;
using ColumnMajor = cutlass::layout::ColumnMajor;

// CUTLASS's example 14: tf32, 128x128x16 blocks, 64x64x16 warps, 4 stages.
using GemmTf32 = cutlass::gemm::device::Gemm<
    float, RowMajor, float, ColumnMajor, float, RowMajor, float,
    cutlass::arch::OpClassTensorOp, cutlass::arch::Sm80,
    cutlass::gemm::GemmShape<128, 128, 16>, cutlass::gemm::GemmShape<64, 64, 16>,
    cutlass::gemm::GemmShape<16, 8, 8>,
    cutlass::epilogue::thread::LinearCombination<float, 4, float, float>,
    cutlass::gemm::threadblock::GemmIdentityThreadblockSwizzle<>, 4>;

// f16 inputs, f32 accumulation and output, SM80's default tile shapes.
using GemmF16 = cutlass::gemm::device::Gemm<
    cutlass::half_t, RowMajor, cutlass::half_t, ColumnMajor, float, RowMajor,
    float, cutlass::arch::OpClassTensorOp, cutlass::arch::Sm80>;

// CUTLASS's example 08: int8 on SM75 (m8n8k16 with saturation).
using GemmS8 = cutlass::gemm::device::Gemm<
    int8_t, RowMajor, int8_t, ColumnMajor, int32_t, RowMajor, int32_t,
    cutlass::arch::OpClassTensorOp, cutlass::arch::Sm75,
    cutlass::gemm::GemmShape<128, 256, 64>, cutlass::gemm::GemmShape<64, 64, 64>,
    cutlass::gemm::GemmShape<8, 8, 16>,
    cutlass::epilogue::thread::LinearCombination<int32_t, 4, int32_t, int32_t>,
    cutlass::gemm::threadblock::GemmIdentityThreadblockSwizzle<>, 2>;

// The SIMT SGEMM of CUTLASS's example 00.
using GemmSimt = cutlass::gemm::device::Gemm<float, RowMajor, float,
                                             ColumnMajor, float, RowMajor>;

int main() {
  srand(3);
  run<GemmTf32, float, float, float, float>("tf32 tensor op (SM80)", 136, 72,
                                            48, 1.5f, -0.5f, 1e-5);
  run<GemmF16, cutlass::half_t, cutlass::half_t, float, float>(
      "f16 tensor op (SM80)", 144, 136, 64, 1.0f, 2.0f, 1e-6);
  run<GemmS8, int8_t, int8_t, int32_t, int32_t>("s8 tensor op (SM75)", 130,
                                                264, 128, 2, -1, 0);
  run<GemmSimt, float, float, float, float>("SIMT SGEMM", 77, 45, 33, 1.0f,
                                            1.0f, 1e-6);
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
