#pragma once
// A C interface to a CUDA library: callers need no CUDA headers.
extern "C" int saxpyOnDevice(int N, float A, const float *X, float *Y);
