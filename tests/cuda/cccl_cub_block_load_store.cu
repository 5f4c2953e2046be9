// CUB's BlockLoad and BlockStore algorithms inside a user kernel, from the
// real CUB headers: direct (blocked), striped, vectorised (int4 loads where
// the pointer allows, plain loads where it does not), transposed through
// shared memory and warp-transposed, each for a full tile and for a
// partial last tile whose missing items take a default value; and the
// direct helpers LoadDirectBlockedVectorized and StoreDirectWarpStriped.
// Every item is checked at the position its algorithm must put it.
#include <cub/block/block_load.cuh>
#include <cub/block/block_store.cuh>

#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

constexpr int Threads = 64, Items = 4, Tile = Threads * Items;
constexpr int Missing = -7;

// Loads a tile (Valid items of it) with LoadAlgorithm, doubles each item,
// and stores it back in the same arrangement with StoreAlgorithm: items
// past Valid come back as Missing * 2, and only Valid of them are stored.
template <cub::BlockLoadAlgorithm LoadAlgorithm,
          cub::BlockStoreAlgorithm StoreAlgorithm>
__device__ void roundTrip(const int *In, int *Out, int Valid) {
  using Load = cub::BlockLoad<int, Threads, Items, LoadAlgorithm>;
  using Store = cub::BlockStore<int, Threads, Items, StoreAlgorithm>;
  __shared__ union {
    typename Load::TempStorage Load;
    typename Store::TempStorage Store;
  } Temp;
  int Data[Items];
  if (Valid == Tile)
    Load(Temp.Load).Load(In, Data);
  else
    Load(Temp.Load).Load(In, Data, Valid, Missing);
  for (int I = 0; I < Items; ++I)
    Data[I] *= 2;
  __syncthreads();
  if (Valid == Tile)
    Store(Temp.Store).Store(Out, Data);
  else
    Store(Temp.Store).Store(Out, Data, Valid);
}

// Block b runs algorithm b / 2 on a full tile (even b) or a partial one.
__global__ void algorithms(const int *In, int *Out, int Partial) {
  int Which = blockIdx.x / 2;
  int Valid = blockIdx.x % 2 ? Partial : Tile;
  const int *Src = In + blockIdx.x * Tile;
  int *Dst = Out + blockIdx.x * Tile;
  switch (Which) {
  case 0:
    roundTrip<cub::BLOCK_LOAD_DIRECT, cub::BLOCK_STORE_DIRECT>(Src, Dst, Valid);
    break;
  case 1:
    roundTrip<cub::BLOCK_LOAD_STRIPED, cub::BLOCK_STORE_STRIPED>(Src, Dst,
                                                                 Valid);
    break;
  case 2:
    roundTrip<cub::BLOCK_LOAD_VECTORIZE, cub::BLOCK_STORE_VECTORIZE>(Src, Dst,
                                                                     Valid);
    break;
  case 3:
    roundTrip<cub::BLOCK_LOAD_TRANSPOSE, cub::BLOCK_STORE_TRANSPOSE>(Src, Dst,
                                                                     Valid);
    break;
  default:
    roundTrip<cub::BLOCK_LOAD_WARP_TRANSPOSE, cub::BLOCK_STORE_WARP_TRANSPOSE>(
        Src, Dst, Valid);
    break;
  }
}

// Blocked vectorised loads, then the items written warp-striped: lane l of
// warp w writes item i to w * 32 * Items + i * 32 + l.
__global__ void directHelpers(int *In, int *Out) {
  int Data[Items];
  cub::LoadDirectBlockedVectorized(threadIdx.x, In, Data);
  cub::StoreDirectWarpStriped(threadIdx.x, Out, Data);
}

int main() {
  const int Blocks = 10, Partial = Tile - 37;
  std::vector<int> Values(Blocks * Tile);
  for (int I = 0; I < Blocks * Tile; ++I)
    Values[I] = I * 3 + 1;
  int *In, *Out;
  cudaMalloc(&In, Values.size() * sizeof(int));
  cudaMalloc(&Out, Values.size() * sizeof(int));
  cudaMemcpy(In, Values.data(), Values.size() * sizeof(int),
             cudaMemcpyHostToDevice);
  cudaMemset(Out, 0xff, Values.size() * sizeof(int));
  algorithms<<<Blocks, Threads>>>(In, Out, Partial);
  std::vector<int> Got(Values.size());
  cudaMemcpy(Got.data(), Out, Got.size() * sizeof(int), cudaMemcpyDeviceToHost);
  const char *Names[] = {"direct", "striped", "vectorize", "transpose",
                         "warp transpose"};
  for (int B = 0; B < Blocks; ++B) {
    // Each pair stores in the arrangement it loaded: item positions come
    // back where they were; past a partial tile nothing is written.
    int Valid = B % 2 ? Partial : Tile;
    bool Ok = true;
    for (int I = 0; I < Tile; ++I) {
      int Want = I < Valid ? Values[B * Tile + I] * 2 : -1;
      Ok &= Got[B * Tile + I] == Want;
    }
    char What[64];
    snprintf(What, sizeof What, "%s, %s tile", Names[B / 2],
             B % 2 ? "partial" : "full");
    expect(Ok, What);
  }

  directHelpers<<<1, Threads>>>(In, Out);
  cudaMemcpy(Got.data(), Out, Tile * sizeof(int), cudaMemcpyDeviceToHost);
  bool HelpersOk = true;
  for (int T = 0; T < Threads; ++T)
    for (int I = 0; I < Items; ++I) {
      int Warp = T / 32, Lane = T % 32;
      HelpersOk &=
          Got[Warp * 32 * Items + I * 32 + Lane] == Values[T * Items + I];
    }
  expect(HelpersOk, "LoadDirectBlockedVectorized + StoreDirectWarpStriped");

  if (cudaDeviceSynchronize() != cudaSuccess)
    expect(false, "cudaDeviceSynchronize");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
