// Inline PTX stmatrix (x1/x2/x4, with and without .trans) and movmatrix, as
// attention and GEMM epilogues write them: a warp's 8x8 matrices of 16-bit
// elements go from registers in ldmatrix's layout (lane L holds elements
// 2 (L%4) and 2 (L%4) + 1 of row L/4) to shared memory rows whose addresses
// lanes 8j..8j+7 name, and movmatrix transposes such registers in place.
// Each result is checked against the layout the PTX ISA documents.
// txcc-flags: -arch=sm_90
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

// Rows of the stored matrices are `stride` elements apart in shared memory
// (padded, as bank-conflict-free tiles are) and matrix j starts at row
// 8 j; lane 8 j + i names tile row 8 j + 7 - i for row i of matrix j.
constexpr int stride = 24, matrices = 4;

__device__ unsigned fragment(const unsigned short *m, int lane) {
  int row = lane / 4, col = 2 * (lane % 4);
  return m[row * 8 + col] | ((unsigned)m[row * 8 + col + 1] << 16);
}

// in: `matrices` 8x8 matrices; out: the shared tile as stored.
__global__ void storeMatrices(const unsigned short *in, unsigned short *out,
                              int count, int trans) {
  __shared__ unsigned short tile[8 * matrices * stride];
  const int lane = threadIdx.x;
  for (int i = lane; i < 8 * matrices * stride; i += 32)
    tile[i] = 0xdead;
  __syncwarp();
  unsigned r[4];
  for (int j = 0; j < 4; ++j)
    r[j] = fragment(in + 64 * j, lane);
  const int j = lane / 8, row = 7 - lane % 8;
  unsigned address =
      (unsigned)__cvta_generic_to_shared(&tile[(8 * j + row) * stride]);
  if (count == 1 && !trans)
    asm volatile("stmatrix.sync.aligned.m8n8.x1.shared.b16 [%0], {%1};"
                 :
                 : "r"(address), "r"(r[0])
                 : "memory");
  else if (count == 2 && !trans)
    asm volatile("stmatrix.sync.aligned.m8n8.x2.shared.b16 [%0], {%1,%2};"
                 :
                 : "r"(address), "r"(r[0]), "r"(r[1])
                 : "memory");
  else if (count == 4 && !trans)
    asm volatile("stmatrix.sync.aligned.m8n8.x4.shared.b16 [%0], {%1,%2,%3,%4};"
                 :
                 : "r"(address), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3])
                 : "memory");
  else if (count == 1)
    asm volatile("stmatrix.sync.aligned.m8n8.x1.trans.shared.b16 [%0], {%1};"
                 :
                 : "r"(address), "r"(r[0])
                 : "memory");
  else if (count == 2)
    asm volatile(
        "stmatrix.sync.aligned.m8n8.x2.trans.shared::cta.b16 [%0], {%1,%2};"
        :
        : "r"(address), "r"(r[0]), "r"(r[1])
        : "memory");
  else
    asm volatile(
        "stmatrix.sync.aligned.m8n8.x4.trans.shared.b16 [%0], {%1,%2,%3,%4};"
        :
        : "r"(address), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3])
        : "memory");
  __syncwarp();
  for (int i = lane; i < 8 * matrices * stride; i += 32)
    out[i] = tile[i];
}

// Each lane's register of matrix j, transposed by movmatrix, written back
// in fragment order: out[64 j + 2 lane + h] is half h of lane's result.
__global__ void transposeMatrices(const unsigned short *in,
                                  unsigned short *out) {
  const int lane = threadIdx.x;
  for (int j = 0; j < matrices; ++j) {
    unsigned a = fragment(in + 64 * j, lane), d;
    asm volatile("movmatrix.sync.aligned.m8n8.trans.b16 %0, %1;"
                 : "=r"(d)
                 : "r"(a));
    out[64 * j + 2 * lane] = d & 0xffff;
    out[64 * j + 2 * lane + 1] = d >> 16;
  }
}

static int failures = 0;

static void expect(const char *what, int j, int row, int col, unsigned got,
                   unsigned want) {
  if (got != want && ++failures <= 20)
    printf("FAIL: %s: matrix %d (%d, %d) = %#x, want %#x\n", what, j, row, col,
           got, want);
}

int main() {
  std::vector<unsigned short> in(64 * matrices);
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = (unsigned short)(0x1000 + i * 7);
  unsigned short *din, *dout;
  const size_t tileElements = 8 * matrices * stride;
  CHECK(cudaMalloc(&din, in.size() * 2));
  CHECK(cudaMalloc(&dout, tileElements * 2));
  CHECK(cudaMemcpy(din, in.data(), in.size() * 2, cudaMemcpyHostToDevice));
  std::vector<unsigned short> out(tileElements);
  for (int trans = 0; trans < 2; ++trans)
    for (int count = 1; count <= 4; count *= 2) {
      storeMatrices<<<1, 32>>>(din, dout, count, trans);
      CHECK(cudaDeviceSynchronize());
      CHECK(cudaMemcpy(out.data(), dout, tileElements * 2,
                       cudaMemcpyDeviceToHost));
      char what[48];
      snprintf(what, sizeof what, "stmatrix.x%d%s", count,
               trans ? ".trans" : "");
      for (int j = 0; j < matrices; ++j)
        for (int i = 0; i < 8; ++i)
          for (int c = 0; c < stride; ++c) {
            // Row i of the fragments (column i with .trans) goes to the
            // row lane 8 j + i named.
            unsigned want = 0xdead;
            if (j < count && c < 8)
              want = trans ? in[64 * j + c * 8 + i] : in[64 * j + i * 8 + c];
            expect(what, j, i, c, out[(8 * j + 7 - i) * stride + c], want);
          }
    }
  transposeMatrices<<<1, 32>>>(din, dout);
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(out.data(), dout, in.size() * 2, cudaMemcpyDeviceToHost));
  // Lane L's half h of the transposed matrix: its row L/4, column
  // 2 (L%4) + h, that is the input's (2 (L%4) + h, L/4).
  for (int j = 0; j < matrices; ++j)
    for (int lane = 0; lane < 32; ++lane)
      for (int h = 0; h < 2; ++h) {
        int row = lane / 4, col = 2 * (lane % 4) + h;
        expect("movmatrix", j, row, col, out[64 * j + 2 * lane + h],
               in[64 * j + col * 8 + row]);
      }
  cudaFree(din), cudaFree(dout);
  if (failures) {
    printf("%d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
