__global__ void kernel(unsigned *out) {
  unsigned r;
  asm volatile("frobnicate.b32 %0, 42;" : "=r"(r));
  out[threadIdx.x] = r;
}
