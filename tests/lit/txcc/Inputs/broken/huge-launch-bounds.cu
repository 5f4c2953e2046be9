__global__ void __launch_bounds__(1 << 30) kernel(int *out) {
  out[threadIdx.x] = 0;
}
