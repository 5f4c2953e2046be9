//===- FuzzInput.h - A fuzz input read as a program's choices ----*- C++
//-*-===//
//
// Part of Tongxin. The harnesses that drive the runtime API read their input
// byte by byte as the choices of a program; past the end every choice is 0.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_FUZZ_FUZZINPUT_H
#define TONGXIN_TESTS_FUZZ_FUZZINPUT_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace tx {
namespace fuzz {

class FuzzInput {
public:
  FuzzInput(const uint8_t *Data, size_t Size) : Data(Data), Size(Size) {}
  bool empty() const { return At >= Size; }
  uint8_t byte() { return At < Size ? Data[At++] : 0; }
  /// Four bytes, big-endian.
  uint64_t word() {
    uint64_t V = 0;
    for (int I = 0; I < 4; ++I)
      V = V << 8 | byte();
    return V;
  }
  size_t remaining() const { return At < Size ? Size - At : 0; }
  /// The next N bytes, N at most remaining().
  const uint8_t *take(size_t N) {
    const uint8_t *Taken = Data + At;
    At += N;
    return Taken;
  }
  /// The bytes up to the next NUL (consumed), at most Max of them.
  std::string text(size_t Max) {
    std::string Text;
    while (!empty() && Text.size() < Max) {
      char C = static_cast<char>(byte());
      if (!C)
        break;
      Text.push_back(C);
    }
    return Text;
  }

private:
  const uint8_t *Data;
  size_t Size, At = 0;
};

} // namespace fuzz
} // namespace tx

#endif // TONGXIN_TESTS_FUZZ_FUZZINPUT_H
