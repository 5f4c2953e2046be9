// More of libcu++'s atomics (Debian's 1.8, the real headers) in device
// code: cuda::atomic_ref on float and double (compare-exchange loops: 1.8
// has no floating-point fetch_add), 64-bit fetch_min/fetch_max (libcu++'s
// extensions; 1.8 compares them unsigned, on a GPU too), exchange handing out
// slots, a compare-exchange loop building a product, a spin lock made from
// cuda::std::atomic_flag guarding a non-atomic update, and release/acquire
// message passing from one block to another through a flag, with
// cuda::atomic_thread_fence. Results are checked against the host.
#include <cuda/atomic>
#include <cuda/std/atomic>

#include <cmath>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct Totals {
  float FloatSum;
  double DoubleSum;
  long long Min, Max;
  unsigned long long Product; // modulo 2^64
  int Ticket;
  int Owner[256];
};

__global__ void accumulate(const int *In, Totals *T, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= N)
    return;
  cuda::atomic_ref<float, cuda::thread_scope_device> FloatSum(T->FloatSum);
  cuda::atomic_ref<double, cuda::thread_scope_device> DoubleSum(T->DoubleSum);
  float SeenFloat = FloatSum.load(cuda::std::memory_order_relaxed);
  while (!FloatSum.compare_exchange_weak(SeenFloat,
                                         SeenFloat + 0.25f * float(In[I] & 7),
                                         cuda::std::memory_order_relaxed))
    ;
  double SeenDouble = DoubleSum.load();
  while (
      !DoubleSum.compare_exchange_strong(SeenDouble, SeenDouble + 0.5 * In[I]))
    ;
  cuda::atomic_ref<long long, cuda::thread_scope_device> Min(T->Min),
      Max(T->Max);
  // libcu++ 1.8 emits atom.min/max.u64 for signed types too (as on a GPU):
  // only non-negative operands compare as signed values would.
  Min.fetch_min((long long)(In[I] + 1000) * 1000);
  Max.fetch_max((long long)(In[I] + 1000) * 1000);
  // Odd factors only, so the product modulo 2^64 never collapses to 0.
  cuda::atomic_ref<unsigned long long> Product(T->Product);
  unsigned long long Seen = Product.load(), Factor = 2u * (I % 5) + 1;
  while (!Product.compare_exchange_weak(Seen, Seen * Factor))
    ;
  cuda::atomic_ref<int> Ticket(T->Ticket);
  int Slot = Ticket.fetch_add(1);
  if (Slot < 256) {
    cuda::atomic_ref<int> Owner(T->Owner[Slot]);
    Owner.exchange(I + 1);
  }
}

struct Locked {
  cuda::std::atomic_flag Flag;
  long long Count; // only ever touched under the lock
  long long Weighted;
};

__global__ void underLock(Locked *L, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= N)
    return;
  while (L->Flag.test_and_set(cuda::std::memory_order_acquire))
    ;
  L->Count += 1;
  L->Weighted += I;
  L->Flag.clear(cuda::std::memory_order_release);
}

// Block 0 writes a payload and then raises the flag with release; block 1
// waits for it with acquire and copies the payload.
__global__ void messagePassing(int *Payload, int *Flag, int *Copy) {
  if (blockIdx.x == 0) {
    Payload[threadIdx.x] = threadIdx.x * threadIdx.x + 7;
    __syncthreads();
    if (threadIdx.x == 0) {
      cuda::atomic_thread_fence(cuda::std::memory_order_release,
                                cuda::thread_scope_device);
      cuda::atomic_ref<int, cuda::thread_scope_device>(*Flag).store(
          1, cuda::std::memory_order_relaxed);
    }
  } else {
    if (threadIdx.x == 0) {
      cuda::atomic_ref<int, cuda::thread_scope_device> Ready(*Flag);
      while (Ready.load(cuda::std::memory_order_acquire) == 0)
        ;
    }
    __syncthreads();
    Copy[threadIdx.x] = Payload[threadIdx.x];
  }
}

int main() {
  const int N = 10000;
  std::vector<int> Values(N);
  for (int I = 0; I < N; ++I)
    Values[I] = (I * 7919) % 2001 - 1000;
  int *In;
  cudaMalloc(&In, N * sizeof(int));
  cudaMemcpy(In, Values.data(), N * sizeof(int), cudaMemcpyHostToDevice);
  Totals *T;
  cudaMallocManaged(&T, sizeof(Totals));
  *T = Totals();
  T->Min = 1LL << 62;
  T->Max = 0;
  T->Product = 1;
  accumulate<<<(N + 255) / 256, 256>>>(In, T, N);
  expect(cudaDeviceSynchronize() == cudaSuccess, "accumulate");
  float FloatSum = 0;
  double DoubleSum = 0;
  long long Min = 1LL << 62, Max = 0;
  unsigned long long Product = 1;
  for (int I = 0; I < N; ++I) {
    FloatSum += 0.25f * float(Values[I] & 7);
    DoubleSum += 0.5 * Values[I];
    Min = std::min(Min, (Values[I] + 1000) * 1000LL);
    Max = std::max(Max, (Values[I] + 1000) * 1000LL);
    Product *= 2u * (I % 5) + 1;
  }
  // Quarters summed in any order are exact in float up to 2^22.
  expect(T->FloatSum == FloatSum, "atomic_ref<float> compare-exchange sum");
  expect(T->DoubleSum == DoubleSum, "atomic_ref<double> compare-exchange sum");
  expect(T->Min == Min && T->Max == Max, "fetch_min and fetch_max");
  expect(T->Product == Product, "compare_exchange_weak loop");
  std::vector<bool> Seen(N + 1, false);
  bool OwnersOk = T->Ticket == N;
  for (int S = 0; S < 256 && OwnersOk; ++S) {
    int Owner = T->Owner[S];
    OwnersOk = Owner >= 1 && Owner <= N && !Seen[Owner];
    if (OwnersOk)
      Seen[Owner] = true;
  }
  expect(OwnersOk, "fetch_add tickets and exchange");

  Locked *L;
  cudaMallocManaged(&L, sizeof(Locked));
  new (L) Locked();
  L->Flag.clear();
  underLock<<<(N + 127) / 128, 128>>>(L, N);
  expect(cudaDeviceSynchronize() == cudaSuccess, "underLock");
  expect(L->Count == N && L->Weighted == (long long)N * (N - 1) / 2,
         "atomic_flag spin lock");

  int *Payload, *Flag, *Copy;
  cudaMalloc(&Payload, 64 * sizeof(int));
  cudaMalloc(&Flag, sizeof(int));
  cudaMalloc(&Copy, 64 * sizeof(int));
  cudaMemset(Flag, 0, sizeof(int));
  messagePassing<<<2, 64>>>(Payload, Flag, Copy);
  std::vector<int> Copied(64);
  cudaMemcpy(Copied.data(), Copy, 64 * sizeof(int), cudaMemcpyDeviceToHost);
  bool MessageOk = true;
  for (int I = 0; I < 64; ++I)
    MessageOk &= Copied[I] == I * I + 7;
  expect(MessageOk, "release/acquire message passing between blocks");

  if (cudaDeviceSynchronize() != cudaSuccess)
    expect(false, "cudaDeviceSynchronize");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
