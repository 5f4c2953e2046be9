template <int N> struct Deep {
  __device__ static int value() { return Deep<N + 1>::value() + 1; }
};

__global__ void kernel(int *out) { out[0] = Deep<0>::value(); }
