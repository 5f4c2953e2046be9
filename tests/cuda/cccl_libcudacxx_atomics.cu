// libcu++ (Debian's 1.8, the real headers) in device code:
// cuda::atomic_ref at device scope (fetch_add, a compare_exchange_weak
// maximum, fetch_or of bits), cuda::std::atomic in device memory used as a
// ticket counter, cuda::atomic<..., thread_scope_block> in shared memory,
// and cuda::std::numeric_limits. Each result is checked against the host.
#include <cuda/atomic>
#include <cuda/std/atomic>
#include <cuda/std/limits>

#include <cstdio>
#include <new>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static constexpr int Blocks = 8;
static constexpr int Threads = 96;

struct Totals {
  int Count;
  unsigned long long Max;
  unsigned Bits;
  int Limits;
};

__device__ unsigned long long valueOf(unsigned Global) {
  return (Global * 2654435761ull) % 100003ull;
}

__global__ void atomics(Totals *T, cuda::std::atomic<int> *Ticket,
                        int *TicketOf, int *BlockSums) {
  unsigned Global = blockIdx.x * blockDim.x + threadIdx.x;
  cuda::atomic_ref<int, cuda::thread_scope_device> Count(T->Count);
  Count.fetch_add(1, cuda::std::memory_order_relaxed);

  cuda::atomic_ref<unsigned long long, cuda::thread_scope_device> Max(T->Max);
  unsigned long long V = valueOf(Global);
  unsigned long long Seen = Max.load(cuda::std::memory_order_relaxed);
  while (Seen < V &&
         !Max.compare_exchange_weak(Seen, V, cuda::std::memory_order_relaxed)) {
  }

  cuda::atomic_ref<unsigned, cuda::thread_scope_device> Bits(T->Bits);
  Bits.fetch_or(1u << (Global % 32), cuda::std::memory_order_relaxed);

  TicketOf[Global] = Ticket->fetch_add(1, cuda::std::memory_order_acq_rel);

  __shared__ cuda::atomic<int, cuda::thread_scope_block> BlockSum;
  if (threadIdx.x == 0)
    new (&BlockSum) cuda::atomic<int, cuda::thread_scope_block>(0);
  __syncthreads();
  BlockSum.fetch_add(int(threadIdx.x) + 1, cuda::std::memory_order_relaxed);
  __syncthreads();
  if (threadIdx.x == 0) {
    BlockSums[blockIdx.x] = BlockSum.load(cuda::std::memory_order_relaxed);
    if (blockIdx.x == 0)
      T->Limits = cuda::std::numeric_limits<int>::max() == 2147483647 &&
                  cuda::std::numeric_limits<unsigned char>::digits == 8;
  }
}

int main() {
  const int N = Blocks * Threads;
  Totals *DT;
  cuda::std::atomic<int> *DTicket;
  int *DTicketOf, *DBlockSums;
  CHECK(cudaMalloc(&DT, sizeof(Totals)));
  CHECK(cudaMalloc(&DTicket, sizeof(cuda::std::atomic<int>)));
  CHECK(cudaMalloc(&DTicketOf, N * sizeof(int)));
  CHECK(cudaMalloc(&DBlockSums, Blocks * sizeof(int)));
  CHECK(cudaMemset(DT, 0, sizeof(Totals)));
  CHECK(cudaMemset(DTicket, 0, sizeof(cuda::std::atomic<int>)));
  atomics<<<Blocks, Threads>>>(DT, DTicket, DTicketOf, DBlockSums);
  CHECK(cudaGetLastError());
  Totals T;
  std::vector<int> TicketOf(N), BlockSums(Blocks);
  CHECK(cudaMemcpy(&T, DT, sizeof(Totals), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(TicketOf.data(), DTicketOf, N * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(BlockSums.data(), DBlockSums, Blocks * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DT));
  CHECK(cudaFree(DTicket));
  CHECK(cudaFree(DTicketOf));
  CHECK(cudaFree(DBlockSums));

  int Bad = 0;
  unsigned long long WantMax = 0;
  for (unsigned G = 0; G < unsigned(N); ++G) {
    unsigned long long V = (G * 2654435761ull) % 100003ull;
    WantMax = V > WantMax ? V : WantMax;
  }
  if (T.Count != N || T.Max != WantMax || T.Bits != 0xffffffffu ||
      T.Limits != 1) {
    printf("FAIL: count %d max %llu bits %08x limits %d, want %d %llu "
           "ffffffff 1\n",
           T.Count, T.Max, T.Bits, T.Limits, N, WantMax);
    ++Bad;
  }
  // Every ticket handed out exactly once.
  std::vector<int> Seen(N, 0);
  for (int Ticket : TicketOf)
    if (Ticket < 0 || Ticket >= N || Seen[Ticket]++) {
      printf("FAIL: ticket %d handed out twice or out of range\n", Ticket);
      ++Bad;
      break;
    }
  for (int B = 0; B < Blocks; ++B)
    if (BlockSums[B] != Threads * (Threads + 1) / 2 && Bad++ < 8)
      printf("FAIL: block %d sum %d, want %d\n", B, BlockSums[B],
             Threads * (Threads + 1) / 2);
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
