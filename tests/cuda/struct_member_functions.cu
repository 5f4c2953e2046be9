// Classes with __device__ member functions, constructors and operators used
// inside kernels: a small 3-vector class and a fixed-capacity stack living in
// registers/local memory of each thread.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

class Vec3 {
 public:
  float x, y, z;
  __host__ __device__ Vec3() : x(0), y(0), z(0) {}
  __host__ __device__ Vec3(float a, float b, float c) : x(a), y(b), z(c) {}
  __host__ __device__ Vec3 operator+(const Vec3 &o) const { return Vec3(x + o.x, y + o.y, z + o.z); }
  __host__ __device__ Vec3 operator*(float s) const { return Vec3(x * s, y * s, z * s); }
  __host__ __device__ float dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  __host__ __device__ Vec3 cross(const Vec3 &o) const {
    return Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }
};

template <int CAP>
struct IntStack {
  int data[CAP];
  int top;
  __device__ IntStack() : top(0) {}
  __device__ void push(int v) { if (top < CAP) data[top++] = v; }
  __device__ int pop() { return top > 0 ? data[--top] : -1; }
  __device__ bool empty() const { return top == 0; }
};

__global__ void vecOps(const Vec3 *a, const Vec3 *b, float *dots, Vec3 *crosses, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Vec3 s = a[i] + b[i] * 2.0f;
    dots[i] = s.dot(a[i]);
    crosses[i] = a[i].cross(b[i]);
  }
}

// digits of i in base 7, reversed via a stack, re-assembled as a base-10 number
__global__ void digitsReversed(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    IntStack<16> st;
    int v = i;
    do { st.push(v % 7); v /= 7; } while (v);
    int r = 0;
    while (!st.empty()) r = r * 10 + st.pop();
    out[i] = r;
  }
}

int main() {
  const int n = 2000;
  Vec3 *a = new Vec3[n], *b = new Vec3[n], *rc = new Vec3[n];
  float *rd = new float[n];
  for (int i = 0; i < n; ++i) {
    a[i] = Vec3((float)(i % 7), (float)(i % 5) - 2.0f, 0.5f * (i % 3));
    b[i] = Vec3(1.0f, (float)(i % 11) * 0.25f, -(float)(i % 4));
  }
  Vec3 *da, *db, *dc; float *dd; int *di;
  CHECK(cudaMalloc(&da, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&db, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&dc, n * sizeof(Vec3)));
  CHECK(cudaMalloc(&dd, n * sizeof(float)));
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMemcpy(da, a, n * sizeof(Vec3), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, b, n * sizeof(Vec3), cudaMemcpyHostToDevice));
  vecOps<<<(n + 63) / 64, 64>>>(da, db, dd, dc, n);
  digitsReversed<<<(n + 63) / 64, 64>>>(di, n);
  CHECK(cudaGetLastError());
  int *ri = new int[n];
  CHECK(cudaMemcpy(rd, dd, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rc, dc, n * sizeof(Vec3), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(ri, di, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    Vec3 s = a[i] + b[i] * 2.0f;
    float dref = s.dot(a[i]);
    Vec3 cref = a[i].cross(b[i]);
    // inputs are multiples of 0.25 with small magnitude: results are exact
    if (rd[i] != dref || rc[i].x != cref.x || rc[i].y != cref.y || rc[i].z != cref.z) {
      printf("FAIL: vec ops at %d: dot %f vs %f\n", i, rd[i], dref);
      return 1;
    }
    int digits[16], cnt = 0, v = i;
    do { digits[cnt++] = v % 7; v /= 7; } while (v);
    int ref = 0;  // popped in reverse push order: most significant base-7 digit first
    for (int k = cnt - 1; k >= 0; --k) ref = ref * 10 + digits[k];
    if (ri[i] != ref) { printf("FAIL: digits of %d: %d vs %d\n", i, ri[i], ref); return 1; }
  }
  CHECK(cudaFree(da)); CHECK(cudaFree(db)); CHECK(cudaFree(dc)); CHECK(cudaFree(dd)); CHECK(cudaFree(di));
  delete[] a; delete[] b; delete[] rc; delete[] rd; delete[] ri;
  printf("PASS\n");
  return 0;
}
