// Host-callable interface of kernels.cu: plain C++, no CUDA syntax, so it can
// be included from a .cpp file compiled by an ordinary C++ compiler.
#pragma once
#include <cuda_runtime_api.h>

// y[i] = a * x[i] + y[i] for i < n, launched on `stream`; returns the launch status.
cudaError_t launchSaxpy(int n, float a, const float *x, float *y, cudaStream_t stream);

// out[0] = sum of in[0..n) (integer), computed by a two-level reduction.
cudaError_t launchSum(const int *in, int n, long long *out, cudaStream_t stream);
