#pragma once
#include <cuda_runtime.h>
// Scales a device vector by a factor on the device.
cudaError_t scaleOnDevice(float *Device, int N, float Factor);
