// Device-side interface shared across translation units (needs -rdc=true).
#pragma once

// Defined in devlib.cu.
extern __device__ int g_scale;                       // set by the host via setScale()
extern __device__ unsigned long long g_calls;        // incremented by every transform() call
extern __device__ int transform(int x);              // g_scale * x + table lookup
extern __device__ int clampToByte(int x);

// Host helpers defined in devlib.cu (the symbols are accessed in their own TU).
cudaError_t setScale(int s);
cudaError_t getCalls(unsigned long long *calls);
