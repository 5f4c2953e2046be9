// Blocks talking through 16-byte descriptors the way CUB's decoupled
// look-back does (ScanTileState for 8-byte values, ReduceByKeyScanTileState):
// a tile's status and value written with one st.global.cg.v2.u64 and read
// with one ld.global.cg.v2.u64. A GPU performs each as one transaction, so a
// reader never sees the status of one store with the value of another; on a
// CPU whose vector loads go element by element (RISC-V's V) a plain vector
// access would be torn. Two parts: blocks on several workers overwrite and
// read a few shared descriptors and count the pairs that do not belong
// together (there must be none), and a single-pass prefix sum of 64-bit
// values over those descriptors (tiles claimed in order through a counter,
// each waiting for its predecessors' aggregates) is compared with the host.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

struct Descriptor {
  unsigned long long Status;
  unsigned long long Value;
};

__device__ void storeDescriptor(Descriptor *D, unsigned long long Status,
                                unsigned long long Value) {
  asm volatile("st.global.cg.v2.u64 [%0], {%1, %2};" ::"l"(D), "l"(Status),
               "l"(Value)
               : "memory");
}

__device__ Descriptor loadDescriptor(const Descriptor *D) {
  Descriptor R;
  asm volatile("ld.global.cg.v2.u64 {%0, %1}, [%2];"
               : "=l"(R.Status), "=l"(R.Value)
               : "l"(D)
               : "memory");
  return R;
}

// The value that belongs with a status: every bit differs between stores.
__host__ __device__ unsigned long long valueOf(unsigned long long Status) {
  return Status * 0x9E3779B97F4A7C15ull ^ ~Status;
}

constexpr int Slots = 4;
constexpr int Rounds = 64;

// Each thread overwrites one slot and reads another, Rounds times.
__global__ void hammer(Descriptor *Slot, unsigned long long *Torn,
                       unsigned long long *Seen) {
  unsigned Id = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned long long MyTorn = 0, MySeen = 0;
  for (int R = 0; R < Rounds; ++R) {
    unsigned long long Status = (unsigned long long)Id * Rounds + R + 1;
    storeDescriptor(&Slot[(Id + R) % Slots], Status, valueOf(Status));
    Descriptor D = loadDescriptor(&Slot[(Id + R + 1) % Slots]);
    if (D.Status != 0) {
      ++MySeen;
      MyTorn += D.Value != valueOf(D.Status);
    }
  }
  atomicAdd(Torn, MyTorn);
  atomicAdd(Seen, MySeen);
}

constexpr unsigned long long Invalid = 0, Partial = 1, Inclusive = 2;
constexpr int TileItems = 128;

// One thread per tile: claims the next tile, publishes its aggregate,
// looks back until an inclusive prefix, publishes that, scans the tile.
__global__ void lookbackScan(const unsigned long long *In,
                             unsigned long long *Out, Descriptor *Tiles,
                             unsigned *NextTile) {
  unsigned Tile = atomicAdd(NextTile, 1u);
  const unsigned long long *Items = In + (size_t)Tile * TileItems;
  unsigned long long Aggregate = 0;
  for (int I = 0; I < TileItems; ++I)
    Aggregate += Items[I];
  unsigned long long Prefix = 0;
  if (Tile == 0) {
    storeDescriptor(&Tiles[0], Inclusive, Aggregate);
  } else {
    storeDescriptor(&Tiles[Tile], Partial, Aggregate);
    for (int Back = Tile - 1; Back >= 0; --Back) {
      Descriptor D;
      do
        D = loadDescriptor(&Tiles[Back]);
      while (D.Status == Invalid);
      Prefix += D.Value;
      if (D.Status == Inclusive)
        break;
    }
    storeDescriptor(&Tiles[Tile], Inclusive, Prefix + Aggregate);
  }
  unsigned long long *Dest = Out + (size_t)Tile * TileItems;
  for (int I = 0; I < TileItems; ++I)
    Dest[I] = Prefix += Items[I];
}

int hammerDescriptors() {
  constexpr int Blocks = 256, Threads = 64;
  Descriptor *Slot;
  unsigned long long *Counts;
  CHECK(cudaMalloc(&Slot, Slots * sizeof(Descriptor)));
  CHECK(cudaMalloc(&Counts, 2 * sizeof(unsigned long long)));
  CHECK(cudaMemset(Slot, 0, Slots * sizeof(Descriptor)));
  CHECK(cudaMemset(Counts, 0, 2 * sizeof(unsigned long long)));
  for (int Launch = 0; Launch < 8; ++Launch)
    hammer<<<Blocks, Threads>>>(Slot, Counts, Counts + 1);
  CHECK(cudaGetLastError());
  unsigned long long Host[2];
  CHECK(cudaMemcpy(Host, Counts, sizeof(Host), cudaMemcpyDeviceToHost));
  CHECK(cudaFree(Slot));
  CHECK(cudaFree(Counts));
  if (Host[0] != 0 || Host[1] == 0) {
    printf("FAIL: %llu torn descriptors in %llu reads\n", Host[0], Host[1]);
    return 1;
  }
  return 0;
}

int scanThroughDescriptors() {
  constexpr int Tiles = 512, N = Tiles * TileItems;
  std::vector<unsigned long long> In(N), Out(N);
  for (int I = 0; I < N; ++I)
    In[I] = (unsigned long long)(I * 2654435761u) << 20 | I;
  unsigned long long *DIn, *DOut;
  Descriptor *DTiles;
  unsigned *Next;
  CHECK(cudaMalloc(&DIn, N * sizeof(unsigned long long)));
  CHECK(cudaMalloc(&DOut, N * sizeof(unsigned long long)));
  CHECK(cudaMalloc(&DTiles, Tiles * sizeof(Descriptor)));
  CHECK(cudaMalloc(&Next, sizeof(unsigned)));
  CHECK(cudaMemcpy(DIn, In.data(), N * sizeof(unsigned long long),
                   cudaMemcpyHostToDevice));
  for (int Run = 0; Run < 4; ++Run) {
    CHECK(cudaMemset(DTiles, 0, Tiles * sizeof(Descriptor)));
    CHECK(cudaMemset(Next, 0, sizeof(unsigned)));
    lookbackScan<<<Tiles, 1>>>(DIn, DOut, DTiles, Next);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(Out.data(), DOut, N * sizeof(unsigned long long),
                     cudaMemcpyDeviceToHost));
    unsigned long long Sum = 0;
    for (int I = 0; I < N; ++I) {
      Sum += In[I];
      if (Out[I] != Sum) {
        printf("FAIL: run %d: prefix %d is %llu, expected %llu\n", Run, I,
               Out[I], Sum);
        return 1;
      }
    }
  }
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  CHECK(cudaFree(DTiles));
  CHECK(cudaFree(Next));
  return 0;
}

int main() {
  // Several workers even on a small machine: the point is blocks running
  // at the same time (the runtime reads this at its first call).
  setenv("TONGXIN_CPU_THREADS", "8", 0);
  if (hammerDescriptors() || scanThroughDescriptors())
    return 1;
  printf("PASS\n");
  return 0;
}
