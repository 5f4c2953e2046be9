//===- StrongAccessTest.cpp - PTX's wide strong vector accesses -----------===//
//
// Part of Tongxin. __tx_strong_load/__tx_strong_store (tongxin/abi.h), which
// inline PTX's 16-byte .relaxed/.acquire/.release vector accesses become on
// a CPU: a reader never sees half of one store and half of another, as
// CUB's look-back needs of a tile's {status, value} descriptor.
//
//===----------------------------------------------------------------------===//

#include "tongxin/abi.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>

namespace {

struct alignas(16) Descriptor {
  uint64_t Status;
  uint64_t Value;
};

TEST(StrongAccess, CopiesTheBytes) {
  Descriptor D{1, 2}, Out{0, 0};
  __tx_strong_load(&D, &Out, sizeof(D));
  EXPECT_EQ(Out.Status, 1u);
  EXPECT_EQ(Out.Value, 2u);
  Descriptor In{3, 4};
  __tx_strong_store(&D, &In, sizeof(D));
  EXPECT_EQ(D.Status, 3u);
  EXPECT_EQ(D.Value, 4u);
  // Other widths (a v4.u32 of 16 bytes, a v4.u64 of 32) copy all of them.
  uint32_t Quad[8] = {}, Source[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  __tx_strong_store(Quad, Source, 32);
  for (unsigned I = 0; I < 8; ++I)
    EXPECT_EQ(Quad[I], I + 1);
}

TEST(StrongAccess, ReadersNeverSeeTornStores) {
  Descriptor Shared{0, 0};
  std::atomic<bool> Done{false};
  std::thread Writer([&] {
    for (uint64_t I = 1; I <= 200000; ++I) {
      Descriptor Next{I, ~I};
      __tx_strong_store(&Shared, &Next, sizeof(Next));
    }
    Done = true;
  });
  uint64_t Torn = 0, Reads = 0;
  while (!Done.load()) {
    Descriptor Seen;
    __tx_strong_load(&Shared, &Seen, sizeof(Seen));
    Torn += Seen.Status != 0 && Seen.Value != ~Seen.Status;
    ++Reads;
  }
  Writer.join();
  EXPECT_EQ(Torn, 0u) << "of " << Reads << " reads";
}

} // namespace
