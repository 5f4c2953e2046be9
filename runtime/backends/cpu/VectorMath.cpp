//===- cpu/VectorMath.cpp - Vector math for vectorised thread loops -------===//
//
// Part of Tongxin. The vector forms of CUDA's math functions that device
// code compiled for x86-64 calls from vectorised thread loops
// (compiler/passes/VectorMathCalls.cpp): __tx_vm_<function>_<lanes> for
// vectors of 128, 256 and 512 bits, float and double. Each is SLEEF's
// 1.0-ulp form of the function (Sleef_expf8_u10 & co., which pick the best
// code for the running CPU), within CUDA's documented error bound for every
// one of them; the scalar calls around them (a loop's remainder) stay with
// the C library, also within those bounds.
//
// They live in the runtime, which every program links, so that objects
// compiled by txcc link with g++ -lcudart as they always did; SLEEF stays
// an internal dependency of libcudart. SLEEF's own prototypes are written
// here with GCC vector types: sleef.h declares its 256- and 512-bit
// functions only when the whole file is compiled for AVX2/AVX-512, while
// each function here enables just what its vectors need.
//
//===----------------------------------------------------------------------===//

#if defined(__x86_64__) && defined(TONGXIN_HAVE_SLEEF)

#define TX_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
typedef float Float4 __attribute__((vector_size(16)));
typedef float Float8 __attribute__((vector_size(32)));
typedef float Float16 __attribute__((vector_size(64)));
typedef double Double2 __attribute__((vector_size(16)));
typedef double Double4 __attribute__((vector_size(32)));
typedef double Double8 __attribute__((vector_size(64)));
} // namespace

// One width of one function: SLEEF's Sleef_<Sleef>_u10 behind
// __tx_vm_<Name>.
#define TX_VECTOR_FORM1(Vec, Name, Sleef)                                      \
  extern "C" Vec Sleef_##Sleef##_u10(Vec);                                     \
  TX_EXPORT Vec __tx_vm_##Name(Vec X) { return Sleef_##Sleef##_u10(X); }
#define TX_VECTOR_FORM2(Vec, Name, Sleef)                                      \
  extern "C" Vec Sleef_##Sleef##_u10(Vec, Vec);                                \
  TX_EXPORT Vec __tx_vm_##Name(Vec X, Vec Y) {                                 \
    return Sleef_##Sleef##_u10(X, Y);                                          \
  }

// The float and double forms of function F taking Arity arguments, for
// this file's vector width: the file is compiled once per width, for the
// instruction set whose registers pass such vectors (runtime/CMakeLists.txt;
// clang takes a vector argument's calling convention from the file's
// target, not from a function's target attribute).
#if TX_VECTOR_BITS == 128
#define TX_FLOAT_FORM(Arity, F) TX_VECTOR_FORM##Arity(Float4, F##f_4, F##f4)
#define TX_DOUBLE_FORM(Arity, F) TX_VECTOR_FORM##Arity(Double2, F##_2, F##d2)
#elif TX_VECTOR_BITS == 256 && defined(__AVX2__)
#define TX_FLOAT_FORM(Arity, F) TX_VECTOR_FORM##Arity(Float8, F##f_8, F##f8)
#define TX_DOUBLE_FORM(Arity, F) TX_VECTOR_FORM##Arity(Double4, F##_4, F##d4)
#elif TX_VECTOR_BITS == 512 && defined(__AVX512F__)
#define TX_FLOAT_FORM(Arity, F) TX_VECTOR_FORM##Arity(Float16, F##f_16, F##f16)
#define TX_DOUBLE_FORM(Arity, F) TX_VECTOR_FORM##Arity(Double8, F##_8, F##d8)
#else
#error "TX_VECTOR_BITS must be 128, 256 (with -mavx2) or 512 (-mavx512f)"
#endif
#define TX_VECTOR_FORMS(Arity, F)                                              \
  TX_FLOAT_FORM(Arity, F) TX_DOUBLE_FORM(Arity, F)

// The list VectorMathCalls annotates; keep the two in step.
TX_VECTOR_FORMS(1, exp)
TX_VECTOR_FORMS(1, exp2)
// Float only: SLEEF documents its double exp10 at 1.09 ulp, CUDA at 1.
TX_FLOAT_FORM(1, exp10)
TX_VECTOR_FORMS(1, expm1)
TX_VECTOR_FORMS(1, log)
TX_VECTOR_FORMS(1, log2)
TX_VECTOR_FORMS(1, log10)
TX_VECTOR_FORMS(1, log1p)
TX_VECTOR_FORMS(1, sin)
TX_VECTOR_FORMS(1, cos)
TX_VECTOR_FORMS(1, tan)
TX_VECTOR_FORMS(1, sinh)
TX_VECTOR_FORMS(1, cosh)
TX_VECTOR_FORMS(1, tanh)
TX_VECTOR_FORMS(1, asin)
TX_VECTOR_FORMS(1, acos)
TX_VECTOR_FORMS(1, atan)
TX_VECTOR_FORMS(1, asinh)
TX_VECTOR_FORMS(1, acosh)
TX_VECTOR_FORMS(1, atanh)
TX_VECTOR_FORMS(1, cbrt)
TX_VECTOR_FORMS(1, erf)
TX_VECTOR_FORMS(2, pow)
TX_VECTOR_FORMS(2, atan2)

#endif
