// cudaDataType_t, its CUDA_R_*/CUDA_C_* values and libraryPropertyType
// come with cuda_runtime.h (library_types.h), as with nvcc: a small
// cuBLAS-style "Ex" API dispatches on the element type at run time and
// reports its version through a getProperty(libraryPropertyType) call,
// without including library_types.h.
#include <cstdio>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

enum myStatus_t { MY_STATUS_SUCCESS = 0, MY_STATUS_NOT_SUPPORTED = 1, MY_STATUS_INVALID_VALUE = 2 };

static myStatus_t myGetProperty(libraryPropertyType type, int *value) {
  switch (type) {
  case MAJOR_VERSION: *value = 2; return MY_STATUS_SUCCESS;
  case MINOR_VERSION: *value = 7; return MY_STATUS_SUCCESS;
  case PATCH_LEVEL: *value = 1; return MY_STATUS_SUCCESS;
  }
  return MY_STATUS_INVALID_VALUE;
}

static size_t elementSize(cudaDataType_t t) {
  switch (t) {
  case CUDA_R_32F: case CUDA_R_32I: return 4;
  case CUDA_R_64F: case CUDA_C_32F: return 8;
  case CUDA_C_64F: return 16;
  case CUDA_R_8I: case CUDA_R_8U: return 1;
  default: return 0;
  }
}

template <typename T>
__global__ void axpyKernel(int n, T alpha, const T *x, T *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = alpha * x[i] + y[i];
}

// y = alpha * x + y with the element type chosen at run time.
static myStatus_t myAxpyEx(int n, const void *alpha, cudaDataType_t alphaType, const void *x,
                           cudaDataType_t xType, void *y, cudaDataType_t yType) {
  if (alphaType != xType || xType != yType) return MY_STATUS_NOT_SUPPORTED;
  int blocks = (n + 255) / 256;
  switch (xType) {
  case CUDA_R_32F: axpyKernel<<<blocks, 256>>>(n, *(const float *)alpha, (const float *)x, (float *)y); break;
  case CUDA_R_64F: axpyKernel<<<blocks, 256>>>(n, *(const double *)alpha, (const double *)x, (double *)y); break;
  case CUDA_R_32I: axpyKernel<<<blocks, 256>>>(n, *(const int *)alpha, (const int *)x, (int *)y); break;
  default: return MY_STATUS_NOT_SUPPORTED;
  }
  return cudaGetLastError() == cudaSuccess ? MY_STATUS_SUCCESS : MY_STATUS_INVALID_VALUE;
}

template <typename T>
static int runCase(cudaDataType_t type, T alpha, int n) {
  T *x, *y;
  CHECK(cudaMallocManaged(&x, n * elementSize(type)));
  CHECK(cudaMallocManaged(&y, n * elementSize(type)));
  for (int i = 0; i < n; ++i) { x[i] = (T)(i % 17); y[i] = (T)(3 - i % 5); }
  if (myAxpyEx(n, &alpha, type, x, type, y, type) != MY_STATUS_SUCCESS) {
    printf("FAIL: myAxpyEx type %d\n", (int)type);
    return 1;
  }
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i)
    if (y[i] != alpha * (T)(i % 17) + (T)(3 - i % 5)) { printf("FAIL: type %d y[%d]\n", (int)type, i); return 1; }
  CHECK(cudaFree(x)); CHECK(cudaFree(y));
  return 0;
}

int main() {
  int major = -1, minor = -1, patch = -1;
  if (myGetProperty(MAJOR_VERSION, &major) || myGetProperty(MINOR_VERSION, &minor) ||
      myGetProperty(PATCH_LEVEL, &patch)) { printf("FAIL: getProperty\n"); return 1; }
  printf("mylib %d.%d.%d\n", major, minor, patch);
  // CUDA's documented values: code stores them in files and on the wire.
  if (CUDA_R_32F != 0 || CUDA_R_64F != 1 || CUDA_R_16F != 2 || CUDA_R_8I != 3 ||
      CUDA_C_32F != 4 || CUDA_R_32I != 10 || CUDA_R_16BF != 14 || MAJOR_VERSION != 0 || PATCH_LEVEL != 2) {
    printf("FAIL: library_types values differ from CUDA's\n");
    return 1;
  }
  if (elementSize(CUDA_C_64F) != 16 || elementSize(CUDA_R_8U) != 1) { printf("FAIL: elementSize\n"); return 1; }
  if (runCase<float>(CUDA_R_32F, 0.5f, 1000) || runCase<double>(CUDA_R_64F, -1.25, 1000) ||
      runCase<int>(CUDA_R_32I, 3, 1000))
    return 1;
  float a = 1.0f;
  if (myAxpyEx(1, &a, CUDA_R_32F, nullptr, CUDA_R_64F, nullptr, CUDA_R_64F) != MY_STATUS_NOT_SUPPORTED) {
    printf("FAIL: mixed types accepted\n");
    return 1;
  }
  cudaDataType dt = CUDA_C_16F;  // the struct-tag spelling of the same type
  if (dt != (cudaDataType_t)6) { printf("FAIL: CUDA_C_16F\n"); return 1; }
  printf("PASS\n");
  return 0;
}
