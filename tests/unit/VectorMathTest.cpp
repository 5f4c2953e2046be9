//===- VectorMathTest.cpp - The runtime's vector math forms ---------------===//
//
// Part of Tongxin. The vector forms vectorised thread loops call
// (runtime/backends/cpu/VectorMath.cpp, on x86-64 with SLEEF): every
// function at every width this CPU runs, float and double, against a
// reference in higher precision over its domain, within CUDA's documented
// error bound for the function; NaN in gives NaN out, and a lane's result
// does not depend on the other lanes.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <cmath>
#include <dlfcn.h>
#include <string>
#include <vector>

extern "C" bool txtestCallVectorForm128(const char *, bool, unsigned,
                                        const void *, const void *, void *);
extern "C" bool txtestCallVectorForm256(const char *, bool, unsigned,
                                        const void *, const void *, void *);
extern "C" bool txtestCallVectorForm512(const char *, bool, unsigned,
                                        const void *, const void *, void *);

namespace {
typedef long double LD;

/// A function, its reference, CUDA's maximum ulp error (float, double) and
/// the domain of its first argument (the second's is [Lo2, Hi2]).
struct MathFunction {
  const char *Name;
  unsigned Arity;
  LD (*Reference)(LD, LD);
  double FloatUlps, DoubleUlps;
  double Lo, Hi, Lo2 = 0, Hi2 = 0;
  bool FloatOnly = false; ///< No double form (exp10: SLEEF's is 1.09 ulp).
};

#define TX_UNARY(F) [](LD X, LD) { return F(X); }
const MathFunction Functions[] = {
    {"exp", 1, TX_UNARY(expl), 2, 1, -80, 80},
    {"exp2", 1, TX_UNARY(exp2l), 2, 1, -120, 120},
    {"exp10", 1, [](LD X, LD) { return powl(10.0L, X); }, 2, 1, -35, 35, 0, 0,
     /*FloatOnly=*/true},
    {"expm1", 1, TX_UNARY(expm1l), 1, 1, -20, 20},
    {"log", 1, TX_UNARY(logl), 1, 1, 1e-30, 1e30},
    {"log2", 1, TX_UNARY(log2l), 1, 1, 1e-30, 1e30},
    {"log10", 1, TX_UNARY(log10l), 2, 1, 1e-30, 1e30},
    {"log1p", 1, TX_UNARY(log1pl), 1, 1, -0.9, 1e6},
    {"sin", 1, TX_UNARY(sinl), 2, 2, -100, 100},
    {"cos", 1, TX_UNARY(cosl), 2, 2, -100, 100},
    {"tan", 1, TX_UNARY(tanl), 4, 2, -10, 10},
    {"sinh", 1, TX_UNARY(sinhl), 3, 2, -80, 80},
    {"cosh", 1, TX_UNARY(coshl), 2, 1, -80, 80},
    {"tanh", 1, TX_UNARY(tanhl), 2, 1, -10, 10},
    {"asin", 1, TX_UNARY(asinl), 2, 2, -1, 1},
    {"acos", 1, TX_UNARY(acosl), 2, 2, -1, 1},
    {"atan", 1, TX_UNARY(atanl), 2, 2, -100, 100},
    {"asinh", 1, TX_UNARY(asinhl), 3, 2, -100, 100},
    {"acosh", 1, TX_UNARY(acoshl), 4, 2, 1, 1e6},
    {"atanh", 1, TX_UNARY(atanhl), 3, 2, -0.999, 0.999},
    {"cbrt", 1, TX_UNARY(cbrtl), 1, 1, -1e6, 1e6},
    {"erf", 1, TX_UNARY(erfl), 2, 2, -5, 5},
    {"pow", 2, [](LD X, LD Y) { return powl(X, Y); }, 4, 2, 0.01, 30, -8, 8},
    {"atan2", 2, [](LD Y, LD X) { return atan2l(Y, X); }, 3, 2, -10, 10, -10,
     10},
};
#undef TX_UNARY

using Caller = bool (*)(const char *, bool, unsigned, const void *,
                        const void *, void *);

/// The widths this CPU runs: bits and the caller compiled for them.
std::vector<std::pair<unsigned, Caller>> widths() {
  std::vector<std::pair<unsigned, Caller>> Widths = {
      {128, txtestCallVectorForm128}};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    Widths.push_back({256, txtestCallVectorForm256});
  if (__builtin_cpu_supports("avx512f"))
    Widths.push_back({512, txtestCallVectorForm512});
  return Widths;
}

/// |Got - Want| in units in the last place of T at Want.
template <typename T> double ulpError(T Got, LD Want) {
  T Rounded = T(Want);
  T Ulp = std::nextafter(std::fabs(Rounded), T(INFINITY)) - std::fabs(Rounded);
  return double(std::fabs(LD(Got) - Want) / LD(Ulp));
}

bool haveVectorMath() { return dlsym(RTLD_DEFAULT, "__tx_vm_expf_4"); }

/// Every input point of F's domain, Lanes at a time, through the form at
/// Bits; the largest error in T's ulps.
template <typename T>
double largestError(const MathFunction &F, unsigned Bits, Caller Call,
                    std::string *Where) {
  unsigned Lanes = Bits / 8 / sizeof(T);
  std::string Name = std::string("__tx_vm_") + F.Name +
                     (sizeof(T) == 4 ? "f_" : "_") + std::to_string(Lanes);
  constexpr unsigned Points = 4096;
  double Worst = 0;
  std::vector<T> X(Lanes), Y(Lanes), Out(Lanes);
  for (unsigned I = 0; I < Points; I += Lanes) {
    for (unsigned L = 0; L < Lanes; ++L) {
      double S = double((I + L) % Points) / (Points - 1);
      X[L] = T(F.Lo + (F.Hi - F.Lo) * S);
      Y[L] = T(F.Lo2 + (F.Hi2 - F.Lo2) * (1 - S * S));
    }
    if (!Call(Name.c_str(), sizeof(T) == 8, F.Arity, X.data(), Y.data(),
              Out.data())) {
      *Where = Name + " is not exported";
      return INFINITY;
    }
    for (unsigned L = 0; L < Lanes; ++L) {
      double E = ulpError(Out[L], F.Reference(X[L], Y[L]));
      if (!(E <= Worst))
        *Where = Name + "(" + std::to_string(X[L]) + ", " +
                 std::to_string(Y[L]) + ") = " + std::to_string(Out[L]);
      Worst = std::fmax(Worst, E);
    }
  }
  return Worst;
}

TEST(VectorMath, EveryFunctionWithinCudasBound) {
  if (!haveVectorMath())
    GTEST_SKIP() << "this runtime has no vector math (x86-64 with SLEEF)";
  for (auto [Bits, Call] : widths())
    for (const MathFunction &F : Functions) {
      std::string Where;
      double FloatErr = largestError<float>(F, Bits, Call, &Where);
      EXPECT_LE(FloatErr, F.FloatUlps) << Where;
      if (F.FloatOnly) {
        std::string Name =
            std::string("__tx_vm_") + F.Name + "_" + std::to_string(Bits / 64);
        EXPECT_EQ(dlsym(RTLD_DEFAULT, Name.c_str()), nullptr) << Name;
        continue;
      }
      double DoubleErr = largestError<double>(F, Bits, Call, &Where);
      EXPECT_LE(DoubleErr, F.DoubleUlps) << Where;
    }
}

/// sin, cos and tan of huge arguments (CUDA's bounds hold over the whole
/// range): log-spaced up to 1e38 (float) and 1e300 (double), both signs.
template <typename T>
double largestLargeArgumentError(const char *Function, unsigned Bits,
                                 Caller Call, LD (*Reference)(LD),
                                 double MaxLog10, std::string *Where) {
  unsigned Lanes = Bits / 8 / sizeof(T);
  std::string Name = std::string("__tx_vm_") + Function +
                     (sizeof(T) == 4 ? "f_" : "_") + std::to_string(Lanes);
  double Worst = 0;
  std::vector<T> X(Lanes), Y(Lanes), Out(Lanes);
  constexpr unsigned Points = 2048;
  for (unsigned I = 0; I < Points; I += Lanes) {
    for (unsigned L = 0; L < Lanes; ++L) {
      double S = double(I + L) / Points;
      X[L] = T(((I + L) % 2 ? -1 : 1) * std::pow(10.0, MaxLog10 * S));
    }
    if (!Call(Name.c_str(), sizeof(T) == 8, 1, X.data(), Y.data(), Out.data()))
      return INFINITY;
    for (unsigned L = 0; L < Lanes; ++L) {
      double E = ulpError(Out[L], Reference(X[L]));
      if (!(E <= Worst))
        *Where = Name + "(" + std::to_string(X[L]) + ")";
      Worst = std::fmax(Worst, E);
    }
  }
  return Worst;
}

TEST(VectorMath, TrigonometryOfHugeArguments) {
  if (!haveVectorMath())
    GTEST_SKIP() << "this runtime has no vector math (x86-64 with SLEEF)";
  struct Trig {
    const char *Name;
    LD (*Reference)(LD);
    double FloatUlps, DoubleUlps;
  };
  const Trig Functions[] = {{"sin", [](LD X) { return sinl(X); }, 2, 2},
                            {"cos", [](LD X) { return cosl(X); }, 2, 2},
                            {"tan", [](LD X) { return tanl(X); }, 4, 2}};
  for (auto [Bits, Call] : widths())
    for (const Trig &F : Functions) {
      std::string Where;
      EXPECT_LE(largestLargeArgumentError<float>(F.Name, Bits, Call,
                                                 F.Reference, 38, &Where),
                F.FloatUlps)
          << Where;
      EXPECT_LE(largestLargeArgumentError<double>(F.Name, Bits, Call,
                                                  F.Reference, 300, &Where),
                F.DoubleUlps)
          << Where;
    }
}

TEST(VectorMath, NaNAndLanesApart) {
  if (!haveVectorMath())
    GTEST_SKIP() << "this runtime has no vector math (x86-64 with SLEEF)";
  for (auto [Bits, Call] : widths()) {
    unsigned Lanes = Bits / 32;
    std::vector<float> X(Lanes, 1.5f), Y(Lanes, 2.0f), Out(Lanes);
    X[Lanes - 1] = NAN;
    std::string Name = "__tx_vm_powf_" + std::to_string(Lanes);
    ASSERT_TRUE(Call(Name.c_str(), false, 2, X.data(), Y.data(), Out.data()));
    for (unsigned L = 0; L + 1 < Lanes; ++L)
      EXPECT_EQ(Out[L], 2.25f) << Name << " lane " << L;
    EXPECT_TRUE(std::isnan(Out[Lanes - 1])) << Name;
    // exp of -inf and +inf: 0 and inf, as the C library's.
    X[0] = -INFINITY;
    X[1] = INFINITY;
    Name = "__tx_vm_expf_" + std::to_string(Lanes);
    ASSERT_TRUE(Call(Name.c_str(), false, 1, X.data(), Y.data(), Out.data()));
    EXPECT_EQ(Out[0], 0.0f);
    EXPECT_EQ(Out[1], INFINITY);
  }
}
} // namespace
