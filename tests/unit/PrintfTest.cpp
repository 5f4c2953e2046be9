//===- PrintfTest.cpp - Device printf tests -------------------------------===//
//
// Part of Tongxin. Arguments are packed by hand exactly as clang packs them
// for the device printf ABI: each at its natural alignment, in order, with
// float promoted to double and small integers to int.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>
#include <string>
#include <vector>

using namespace txtest;

namespace {
/// Builds a packed vararg buffer.
class Packer {
public:
  template <class T> Packer &add(T Value) {
    size_t Offset = (Bytes.size() + alignof(T) - 1) & ~(alignof(T) - 1);
    Bytes.resize(Offset + sizeof(T));
    std::memcpy(&Bytes[Offset], &Value, sizeof(T));
    return *this;
  }
  const void *data() {
    // Keep the buffer 8-byte aligned, as clang's alloca is.
    Aligned.assign((Bytes.size() + 7) / 8 + 1, 0);
    if (!Bytes.empty())
      std::memcpy(Aligned.data(), Bytes.data(), Bytes.size());
    return Aligned.data();
  }

private:
  std::vector<char> Bytes;
  std::vector<uint64_t> Aligned;
};

class PrintfTest : public RuntimeTest {
protected:
  /// Runs __tx_vprintf and returns what the next synchronisation prints.
  std::string print(const char *Format, Packer &P, int *Result = nullptr) {
    testing::internal::CaptureStdout();
    int R = __tx_vprintf(Format, P.data());
    EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    if (Result)
      *Result = R;
    return testing::internal::GetCapturedStdout();
  }
};
} // namespace

TEST_F(PrintfTest, Integers) {
  Packer P;
  P.add<int>(-42).add<unsigned>(42u).add<long long>(1234567890123LL);
  P.add<unsigned>(255).add<unsigned>(255).add<unsigned>(8);
  int Count = 0;
  EXPECT_EQ(print("%d %u %lld %x %X %o", P, &Count),
            "-42 42 1234567890123 ff FF 10");
  EXPECT_EQ(Count, 6);
}

TEST_F(PrintfTest, FlagsWidthPrecision) {
  Packer P;
  P.add<int>(7).add<int>(7).add<int>(7).add<int>(7).add<int>(-7);
  P.add<unsigned>(0xab);
  EXPECT_EQ(print("[%5d][%-5d][%05d][%+d][% d][%#x]", P),
            "[    7][7    ][00007][+7][-7][0xab]");
}

TEST_F(PrintfTest, LengthModifiers) {
  Packer P;
  P.add<int>(70000).add<int>(300).add<long>(-5L).add<size_t>(size_t(1) << 40);
  P.add<unsigned long long>(~0ULL);
  EXPECT_EQ(print("%hd %hhu %ld %zu %llu", P),
            "4464 44 -5 1099511627776 18446744073709551615");
}

TEST_F(PrintfTest, FloatingPoint) {
  Packer P;
  // float arguments arrive as double.
  P.add<double>(3.14159).add<double>(0.5).add<double>(1e10).add<double>(2.5);
  P.add<double>(1.0).add<double>(-0.0);
  EXPECT_EQ(print("%.2f %e %g %G %a %F", P),
            "3.14 5.000000e-01 1e+10 2.5 0x1p+0 -0.000000");
}

TEST_F(PrintfTest, CharsStringsPointersPercent) {
  Packer P;
  P.add<int>('Z').add<const char *>("hello").add<const char *>(nullptr);
  P.add<void *>(nullptr).add<const char *>("abcdef");
  std::string Out = print("%c %s %s %p %.3s 100%%", P);
  EXPECT_EQ(Out.substr(0, 16), "Z hello (null) (");
  EXPECT_NE(Out.find(" abc 100%"), std::string::npos) << Out;
}

TEST_F(PrintfTest, MixedAlignmentPacking) {
  Packer P;
  // int at 0, double at 8, int at 16, long long at 24.
  P.add<int>(1).add<double>(2.0).add<int>(3).add<long long>(4);
  EXPECT_EQ(print("%d %.1f %d %lld\n", P), "1 2.0 3 4\n");
}

TEST_F(PrintfTest, StarWidthAndBadSpecs) {
  Packer P;
  P.add<int>(6).add<int>(42);
  EXPECT_EQ(print("[%*d]", P), "[    42]");
  Packer Q;
  EXPECT_EQ(print("no args, trailing %", Q), "no args, trailing %");
  EXPECT_EQ(__tx_vprintf(nullptr, nullptr), -1);
  testing::internal::CaptureStdout();
  EXPECT_EQ(__tx_vprintf("plain\n", nullptr), 0);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "plain\n");
}

TEST_F(PrintfTest, HugeWidthsAndPrecisionsAreCapped) {
  // As a GPU's 1 MiB printf buffer would cut them: no gigabyte strings.
  Packer P;
  P.add<int>(7);
  std::string Out = print("%2000000000d", P);
  EXPECT_EQ(Out.size(), size_t(1) << 20);
  EXPECT_EQ(Out.back(), '7');
  Packer Q;
  Q.add<int>(-2000000000).add<int>(5);
  Out = print("%*d|", Q);
  EXPECT_EQ(Out.size(), size_t(1) << 20);
  EXPECT_EQ(Out.substr(0, 2), "5 ");
  // A negative precision is taken as if none were given.
  Packer R;
  R.add<int>(-3).add<double>(2.5);
  EXPECT_EQ(print("[%.*f]", R), "[2.500000]");
  Packer S;
  S.add<double>(1.0);
  EXPECT_EQ(print("%.99999999999999999999f", S).size(), size_t(1) << 20);
}

TEST_F(PrintfTest, OutputWaitsForSynchronisation) {
  testing::internal::CaptureStdout();
  EXPECT_EQ(__tx_vprintf("buffered\n", nullptr), 0);
  std::fflush(stdout);
  std::string Before = testing::internal::GetCapturedStdout();
  EXPECT_EQ(Before, "") << "device output appears only at sync points";
  testing::internal::CaptureStdout();
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "buffered\n");
}

TEST_F(PrintfTest, FromAKernel) {
  testing::internal::CaptureStdout();
  int Base = 10;
  void *Args[] = {&Base};
  ASSERT_EQ(cudaLaunchKernel(&PrintfStub, dim3(1), dim3(3), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(testing::internal::GetCapturedStdout(),
            "block 0 value 10 half 0.0\n"
            "block 0 value 11 half 0.5\n"
            "block 0 value 12 half 1.0\n");
}
