//===- VectorMathCaller.cpp - Calls of the runtime's vector math forms ----===//
//
// Part of Tongxin. Compiled once per vector width (TX_VECTOR_BITS, with the
// instruction set that passes such vectors in registers, as
// runtime/backends/cpu/VectorMath.cpp is): calls the runtime's form
// __tx_vm_<Name> on Lanes values from X (and Y), the way vectorised device
// code calls it. VectorMathTest.cpp calls a width only where the CPU has it.
//
//===----------------------------------------------------------------------===//

#include <cstring>
#include <dlfcn.h>

#define TX_CONCAT2(A, B) A##B
#define TX_CONCAT(A, B) TX_CONCAT2(A, B)

namespace {
constexpr unsigned Bytes = TX_VECTOR_BITS / 8;
typedef float FloatVec __attribute__((vector_size(Bytes)));
typedef double DoubleVec __attribute__((vector_size(Bytes)));

template <typename Vec>
bool callForm(void *Fn, unsigned Arity, const void *X, const void *Y,
              void *Out) {
  Vec A, B, R;
  std::memcpy(&A, X, Bytes);
  std::memcpy(&B, Y, Bytes);
  if (Arity == 1)
    R = reinterpret_cast<Vec (*)(Vec)>(Fn)(A);
  else
    R = reinterpret_cast<Vec (*)(Vec, Vec)>(Fn)(A, B);
  std::memcpy(Out, &R, Bytes);
  return true;
}
} // namespace

/// False if the runtime exports no __tx_vm_<Name>.
extern "C" bool TX_CONCAT(txtestCallVectorForm,
                          TX_VECTOR_BITS)(const char *Name, bool IsDouble,
                                          unsigned Arity, const void *X,
                                          const void *Y, void *Out) {
  void *Fn = dlsym(RTLD_DEFAULT, Name);
  if (!Fn)
    return false;
  return IsDouble ? callForm<DoubleVec>(Fn, Arity, X, Y, Out)
                  : callForm<FloatVec>(Fn, Arity, X, Y, Out);
}
