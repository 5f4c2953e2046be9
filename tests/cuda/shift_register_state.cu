// A per-thread generator state that is a shift register (five words, each
// step moves every word down one place, as XORWOW's does), jumped ahead by
// a loop of 160 uniform rounds and then stepped in a loop. The optimiser
// keeps the words in registers, so each is a phi that takes the next
// word's value; the rounds' loop is split at implicit barriers, so the
// words live in per-thread slots across it and the loop copies them from
// slot to slot. Those copies happen at once: copied one by one in the
// wrong order, each word took the value its neighbour had just been given
// (every draw after the first was wrong). Checked against the same code on
// the host.
#include <cstdio>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

struct Generator {
  unsigned Words[5];
  unsigned Counter;
};

__host__ __device__ inline void shift(unsigned *Words) {
  unsigned T = Words[0] ^ (Words[0] >> 2);
  Words[0] = Words[1];
  Words[1] = Words[2];
  Words[2] = Words[3];
  Words[3] = Words[4];
  Words[4] = (Words[4] ^ (Words[4] << 4)) ^ (T ^ (T << 1));
}

// Jumps by a polynomial in the state's linear map (160 rounds, the bits of
// Jump picking which rounds add the state in).
__host__ __device__ inline void jump(Generator *G, unsigned Jump) {
  unsigned Acc[5] = {0, 0, 0, 0, 0};
  for (int I = 159; I >= 0; --I) {
    shift(Acc);
    if ((Jump >> (I & 31)) & 1u)
      for (int J = 0; J < 5; ++J)
        Acc[J] ^= G->Words[J];
  }
  for (int J = 0; J < 5; ++J)
    G->Words[J] = Acc[J];
}

__host__ __device__ inline unsigned draw(Generator *G) {
  shift(G->Words);
  G->Counter += 362437u;
  return G->Words[4] + G->Counter;
}

__host__ __device__ inline Generator seeded(unsigned Thread) {
  return {{123456789u + Thread, 362436069u ^ Thread, 521288629u, 88675123u,
           5783321u},
          6615241u};
}

const int Threads = 96, Blocks = 3, Draws = 6;

__global__ void drawAll(unsigned *Out) {
  unsigned T = blockIdx.x * blockDim.x + threadIdx.x;
  Generator G = seeded(T);
  jump(&G, T + 1);
  for (int R = 0; R < Draws; ++R)
    Out[R * Threads * Blocks + T] = draw(&G);
}

int main() {
  const int N = Threads * Blocks * Draws;
  unsigned *Out;
  CHECK(cudaMallocManaged(&Out, N * sizeof(unsigned)));
  drawAll<<<Blocks, Threads>>>(Out);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  int Bad = 0;
  for (unsigned T = 0; T < Threads * Blocks; ++T) {
    Generator G = seeded(T);
    jump(&G, T + 1);
    for (int R = 0; R < Draws; ++R) {
      unsigned Want = draw(&G), Got = Out[R * Threads * Blocks + T];
      if (Got != Want && Bad++ < 5)
        printf("thread %u draw %d: %u, expected %u\n", T, R, Got, Want);
    }
  }
  CHECK(cudaFree(Out));
  if (Bad) {
    printf("FAIL: %d draws differ from the host's\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
