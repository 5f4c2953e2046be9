__global__ void scale(float *p, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  p[i] = p[i] * 