// Structs passed by value as kernel arguments, including one with awkward
// layout (char then double then char then int: padding in the middle and at
// the end), one containing a fixed array, and a large-ish struct (> 256 B).
#include <cstdio>
#include <cstdlib>
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

struct Mixed {
  char tag;
  double scale;
  char sign;   // '+' or '-'
  int bias;
};
struct Poly { float c[4]; int degree; };
struct Big { int v[80]; };  // 320 bytes

__global__ void useStructs(const int *in, double *out, int n, Mixed m, Poly p, Big big, short k) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double x = in[i];
  double poly = 0.0;
  for (int d = p.degree; d >= 0; --d) poly = poly * x + p.c[d];
  double v = m.scale * poly + m.bias + big.v[i % 80] + m.tag + k;
  out[i] = m.sign == '-' ? -v : v;
}

int main() {
  const int n = 3000;
  int *h = (int *)malloc(n * 4);
  double *r = (double *)malloc(n * 8);
  for (int i = 0; i < n; ++i) h[i] = i % 21 - 10;
  Mixed m; m.tag = 'A'; m.scale = 0.5; m.sign = '-'; m.bias = 17;
  Poly p = {{1.0f, -2.0f, 0.5f, 0.25f}, 3};
  Big big;
  for (int j = 0; j < 80; ++j) big.v[j] = j * j - 40;
  short k = -3;
  int *d; double *dout;
  CHECK(cudaMalloc(&d, n * 4));
  CHECK(cudaMalloc(&dout, n * 8));
  CHECK(cudaMemcpy(d, h, n * 4, cudaMemcpyHostToDevice));
  useStructs<<<(n + 127) / 128, 128>>>(d, dout, n, m, p, big, k);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * 8, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    double x = h[i], poly = 0.0;
    for (int dd = p.degree; dd >= 0; --dd) poly = poly * x + p.c[dd];
    double v = m.scale * poly + m.bias + big.v[i % 80] + m.tag + k;
    double ref = -v;  // all values are exactly representable: exact compare
    if (r[i] != ref) { printf("FAIL: out[%d] = %f expected %f\n", i, r[i], ref); return 1; }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
