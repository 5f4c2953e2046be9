__global__ void kernel(int *p) { p[threadIdx.x] = 1; }

int main() {
  int *p = nullptr;
  kernel<<<1, >>>(p);
  kernel<<<(1, 2>>>(p);
  return 0;
}
