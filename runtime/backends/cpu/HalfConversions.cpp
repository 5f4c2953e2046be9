//===- HalfConversions.cpp - Half and bfloat16 conversion helpers --------===//
//
// Part of Tongxin. Device code converts to and from half and bfloat16 in two
// ways: the CUDA headers round in software (tongxin/fp_bits.h), but code
// that reaches LLVM's own half and bfloat types -- inline PTX's f16 and
// f16x2 instructions, translated by TranslateInlinePTX -- makes the code
// generator call the compiler runtime's conversion helpers on a target
// without conversion instructions. RISC-V's GCC 12 runtime (Debian 12's
// cross toolchain) has none of them, so Tongxin's runtime defines them there
// with the same bit-exact rounding as the headers. LLVM passes these values
// in floating-point registers, as _Float16 and __bf16 declare.
//
//===----------------------------------------------------------------------===//

#if defined(__riscv)

#include "tongxin/fp_bits.h"

#include <cstring>

namespace {
template <typename To, typename From> To bitCast(From Value) {
  static_assert(sizeof(To) == sizeof(From), "sizes differ");
  To Result;
  std::memcpy(&Result, &Value, sizeof(To));
  return Result;
}
} // namespace

extern "C" {
__attribute__((visibility("default"))) _Float16 __truncsfhf2(float F) {
  return bitCast<_Float16>(__tx_fp::__f32_to_f16(F, __tx_fp::__rn));
}

__attribute__((visibility("default"))) _Float16 __truncdfhf2(double D) {
  return bitCast<_Float16>(
      __tx_fp::__to_f16(__tx_fp::__decode_f64(D), __tx_fp::__rn));
}

__attribute__((visibility("default"))) float __extendhfsf2(_Float16 H) {
  return __tx_fp::__f16_to_f32(bitCast<unsigned short>(H));
}

// Not __f32_to_bf16's round-to-nearest shortcut: the optimiser recognises
// that as a float -> bfloat16 conversion and would call this function.
__attribute__((visibility("default"))) __bf16 __truncsfbf2(float F) {
  return bitCast<__bf16>(
      __tx_fp::__to_bf16(__tx_fp::__decode_f32(F), __tx_fp::__rn));
}

__attribute__((visibility("default"))) __bf16 __truncdfbf2(double D) {
  return bitCast<__bf16>(
      __tx_fp::__to_bf16(__tx_fp::__decode_f64(D), __tx_fp::__rn));
}
}

#endif // __riscv
