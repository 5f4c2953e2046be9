// An "invalid" sentinel made with static_cast<Enum>(-1) in a constexpr
// variable, for a plain enum whose values are all small: -1 lies outside
// the enumeration's range, which clang 16+ rejects in constant
// expressions. nvcc accepts it, and so must txcc. The sentinel marks
// unclassified cells in a kernel and is compared on the host.
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

enum CellKind { kEmpty = 0, kSolid = 1, kFluid = 2, kBoundary = 3 };
constexpr CellKind kUnclassified = static_cast<CellKind>(-1);
enum Direction { kNorth, kEast, kSouth, kWest };
constexpr Direction kNoDirection = static_cast<Direction>(-1);
static_assert(static_cast<int>(kUnclassified) == -1, "sentinel value");

__device__ CellKind classify(float density) {
  if (density < 0.0f) return kUnclassified;  // invalid input stays unclassified
  if (density < 0.1f) return kEmpty;
  if (density > 0.9f) return kSolid;
  return kFluid;
}

__global__ void classifyCells(const float *density, CellKind *kind, Direction *flow, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y;
  if (x >= w) return;
  int i = y * w + x;
  CellKind k = (x == 0 || y == 0 || x == w - 1 || y == h - 1) ? kBoundary : classify(density[i]);
  kind[i] = k;
  flow[i] = k == kFluid ? static_cast<Direction>((x + y) & 3) : kNoDirection;
}

int main() {
  const int w = 100, h = 40, n = w * h;
  float *dens = new float[n];
  CellKind *kind = new CellKind[n];
  Direction *flow = new Direction[n];
  for (int i = 0; i < n; ++i) dens[i] = (float)((i * 37) % 23) / 20.0f - 0.1f;  // some negative
  float *dd;
  CellKind *dk;
  Direction *df;
  CHECK(cudaMalloc(&dd, n * sizeof(float)));
  CHECK(cudaMalloc(&dk, n * sizeof(CellKind)));
  CHECK(cudaMalloc(&df, n * sizeof(Direction)));
  CHECK(cudaMemcpy(dd, dens, n * sizeof(float), cudaMemcpyHostToDevice));
  classifyCells<<<dim3((w + 63) / 64, h), 64>>>(dd, dk, df, w, h);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(kind, dk, n * sizeof(CellKind), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(flow, df, n * sizeof(Direction), cudaMemcpyDeviceToHost));
  int unclassified = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int i = y * w + x;
      float d = dens[i];
      CellKind ref = (x == 0 || y == 0 || x == w - 1 || y == h - 1) ? kBoundary
                     : d < 0.0f ? kUnclassified : d < 0.1f ? kEmpty : d > 0.9f ? kSolid : kFluid;
      Direction refFlow = ref == kFluid ? static_cast<Direction>((x + y) & 3) : kNoDirection;
      if (kind[i] != ref || flow[i] != refFlow) {
        printf("FAIL: cell (%d,%d): kind %d flow %d, expected %d %d\n", x, y, (int)kind[i], (int)flow[i], (int)ref, (int)refFlow);
        return 1;
      }
      unclassified += kind[i] == kUnclassified;
    }
  if (unclassified == 0) { printf("FAIL: no unclassified cell exercised\n"); return 1; }
  CHECK(cudaFree(dd)); CHECK(cudaFree(dk)); CHECK(cudaFree(df));
  delete[] dens; delete[] kind; delete[] flow;
  printf("PASS\n");
  return 0;
}
