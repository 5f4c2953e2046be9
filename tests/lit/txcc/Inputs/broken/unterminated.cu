__global__ void kernel(const char *s, int *out) {
  /* a comment that never ends
  out[threadIdx.x] = s[0];
}
