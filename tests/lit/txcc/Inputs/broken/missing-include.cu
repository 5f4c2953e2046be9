#include "this_header_does_not_exist.cuh"

__global__ void kernel(int *out) { out[threadIdx.x] = 0; }
