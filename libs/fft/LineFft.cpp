//===- fft/LineFft.cpp - Mixed-radix Stockham and Bluestein ---------------===//
//
// Part of Tongxin. A Stockham stage of radix r over a sub-length n = r * M
// with stride S reads a_j = X[q + S (p + j M)], forms the r-point DFT b_k
// of the a_j, and writes Y[q + S (r p + k)] = b_k w_n^(p k) (decimation in
// frequency). Stages alternate between the data and the scratch line and
// leave the result in natural order, so no bit reversal is needed. The
// inner loop runs over q, contiguous in memory, which the compiler turns
// into vector code once the butterfly is unrolled for a fixed radix.
//
//===----------------------------------------------------------------------===//

#include "LineFft.h"

#include <algorithm>
#include <cstring>

using namespace tx::fft;

bool tx::fft::factorIntoRadices(size_t N, std::vector<unsigned> *Radices) {
  Radices->clear();
  while (N % 4 == 0) {
    Radices->push_back(4);
    N /= 4;
  }
  if (N % 2 == 0) {
    Radices->push_back(2);
    N /= 2;
  }
  for (size_t P = 3; N > 1; P += 2) {
    while (N % P == 0) {
      if (P > MaxGenericRadix)
        return false;
      Radices->push_back(unsigned(P));
      N /= P;
    }
    if (P * P > N && N > MaxGenericRadix)
      return false; // what is left is a prime too large for a butterfly
  }
  return true;
}

size_t tx::fft::smoothLengthAtLeast(size_t N) {
  size_t Best = SIZE_MAX;
  for (size_t P2 = 1; P2 < 2 * N + 2; P2 *= 2)
    for (size_t P3 = P2; P3 < 2 * N + 2; P3 *= 3)
      for (size_t P5 = P3; P5 < 2 * N + 2; P5 *= 5)
        if (P5 >= N && P5 < Best)
          Best = P5;
  return Best;
}

//===----------------------------------------------------------------------===//
// Butterflies: B = DFT_R(A), in place in A.
//===----------------------------------------------------------------------===//

namespace {

template <bool Inv, typename T> inline void butterfly2(Cx<T> *A) {
  Cx<T> A0 = A[0], A1 = A[1];
  A[0] = A0 + A1;
  A[1] = A0 - A1;
}

template <bool Inv, typename T> inline void butterfly3(Cx<T> *A) {
  const T Half = T(0.5), Sin60 = T(0.86602540378443864676);
  Cx<T> Sum = A[1] + A[2], Diff = A[1] - A[2];
  Cx<T> Mid = A[0] - Half * Sum;
  Cx<T> Rot = quarterTurn<Inv>(Sin60 * Diff);
  A[0] = A[0] + Sum;
  A[1] = Mid + Rot;
  A[2] = Mid - Rot;
}

template <bool Inv, typename T> inline void butterfly4(Cx<T> *A) {
  Cx<T> T0 = A[0] + A[2], T1 = A[0] - A[2];
  Cx<T> T2 = A[1] + A[3], T3 = quarterTurn<Inv>(A[1] - A[3]);
  A[0] = T0 + T2;
  A[2] = T0 - T2;
  A[1] = T1 + T3;
  A[3] = T1 - T3;
}

template <bool Inv, typename T> inline void butterfly5(Cx<T> *A) {
  const T C1 = T(0.30901699437494742410), C2 = T(-0.80901699437494742410);
  const T S1 = T(0.95105651629515357212), S2 = T(0.58778525229247312917);
  Cx<T> T1 = A[1] + A[4], T2 = A[2] + A[3];
  Cx<T> T3 = A[1] - A[4], T4 = A[2] - A[3];
  Cx<T> M1 = A[0] + C1 * T1 + C2 * T2, M2 = A[0] + C2 * T1 + C1 * T2;
  Cx<T> N1 = quarterTurn<Inv>(S1 * T3 + S2 * T4);
  Cx<T> N2 = quarterTurn<Inv>(S2 * T3 - S1 * T4);
  A[0] = A[0] + T1 + T2;
  A[1] = M1 + N1;
  A[4] = M1 - N1;
  A[2] = M2 + N2;
  A[3] = M2 - N2;
}

/// Any odd radix R (R == 0: the runtime value Radix), pairing a_j with
/// a_{R-j}; Roots[t] = exp(-2 pi i t / R).
template <bool Inv, unsigned R, typename T>
inline void butterflyOdd(Cx<T> *A, unsigned Radix, const Cx<T> *Roots) {
  const unsigned Rad = R ? R : Radix;
  Cx<T> Sums[MaxGenericRadix / 2 + 1], Diffs[MaxGenericRadix / 2 + 1];
  Cx<T> Total = A[0];
  for (unsigned J = 1; J <= Rad / 2; ++J) {
    Sums[J] = A[J] + A[Rad - J];
    Diffs[J] = A[J] - A[Rad - J];
    Total = Total + Sums[J];
  }
  Cx<T> Out[MaxGenericRadix];
  for (unsigned K = 1; K <= Rad / 2; ++K) {
    Cx<T> Even = A[0], Odd = {T(0), T(0)};
    unsigned Index = 0;
    for (unsigned J = 1; J <= Rad / 2; ++J) {
      Index += K;
      if (Index >= Rad)
        Index -= Rad;
      // Roots[Index] = cos - i sin: the cosine weighs the sum, the sine
      // (negated imaginary part) the difference.
      Even = Even + Roots[Index].Re * Sums[J];
      Odd = Odd + (-Roots[Index].Im) * Diffs[J];
    }
    Cx<T> Rot = quarterTurn<Inv>(Odd);
    Out[K] = Even + Rot;
    Out[Rad - K] = Even - Rot;
  }
  A[0] = Total;
  for (unsigned K = 1; K < Rad; ++K)
    A[K] = Out[K];
}

template <bool Inv, unsigned R, typename T>
inline void butterfly(Cx<T> *A, unsigned Radix, const Cx<T> *Roots) {
  if constexpr (R == 2)
    butterfly2<Inv>(A);
  else if constexpr (R == 3)
    butterfly3<Inv>(A);
  else if constexpr (R == 4)
    butterfly4<Inv>(A);
  else if constexpr (R == 5)
    butterfly5<Inv>(A);
  else
    butterflyOdd<Inv, R>(A, Radix, Roots);
}

/// One Stockham stage for a radix fixed at compile time (R == 0: Radix).
template <bool Inv, unsigned R, typename T>
void stockhamStage(size_t M, size_t S, unsigned Radix, const Cx<T> *X, Cx<T> *Y,
                   const Cx<T> *Tw, const Cx<T> *Roots) {
  const unsigned Rad = R ? R : Radix;
  Cx<T> A[R ? R : MaxGenericRadix];
  // p = 0 has unit twiddles.
  for (size_t Q = 0; Q < S; ++Q) {
    for (unsigned J = 0; J < Rad; ++J)
      A[J] = X[Q + S * J * M];
    butterfly<Inv, R>(A, Rad, Roots);
    for (unsigned K = 0; K < Rad; ++K)
      Y[Q + S * K] = A[K];
  }
  for (size_t P = 1; P < M; ++P) {
    const Cx<T> *W = Tw + P * (Rad - 1);
    const Cx<T> *In = X + S * P;
    Cx<T> *Out = Y + S * Rad * P;
    for (size_t Q = 0; Q < S; ++Q) {
      for (unsigned J = 0; J < Rad; ++J)
        A[J] = In[Q + S * J * M];
      butterfly<Inv, R>(A, Rad, Roots);
      Out[Q] = A[0];
      for (unsigned K = 1; K < Rad; ++K)
        Out[Q + S * K] = twiddle<Inv>(A[K], W[K - 1]);
    }
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// LineFft
//===----------------------------------------------------------------------===//

template <typename T> LineFft<T>::LineFft(size_t Length) : N(Length) {
  std::vector<unsigned> Radices;
  if (N <= 1)
    return;
  if (!factorIntoRadices(N, &Radices)) {
    size_t M = smoothLengthAtLeast(2 * N - 1);
    Inner = std::make_unique<LineFft>(M);
    Chirp.resize(N);
    for (size_t K = 0; K < N; ++K)
      Chirp[K] = unitRoot<T>(uint64_t(K) * K % (2 * N), 2 * N);
    ChirpSpectrum.assign(M, Cx<T>{T(0), T(0)});
    ChirpSpectrum[0] = conj(Chirp[0]);
    for (size_t K = 1; K < N; ++K)
      ChirpSpectrum[K] = ChirpSpectrum[M - K] = conj(Chirp[K]);
    std::vector<Cx<T>> Scratch(Inner->scratchSize());
    Inner->run(ChirpSpectrum.data(), Scratch.data(), false);
    for (Cx<T> &C : ChirpSpectrum)
      C = (T(1) / T(M)) * C;
    return;
  }
  size_t Stride = 1;
  for (unsigned Radix : Radices) {
    size_t SubLength = N / Stride, Groups = SubLength / Radix;
    Stage S{Radix, Groups, Stride, Twiddles.size(), 0};
    for (size_t P = 0; P < Groups; ++P)
      for (unsigned K = 1; K < Radix; ++K)
        Twiddles.push_back(unitRoot<T>(uint64_t(P) * K, SubLength));
    S.Roots = Twiddles.size();
    for (unsigned K = 0; K < Radix; ++K)
      Twiddles.push_back(unitRoot<T>(K, Radix));
    Stages.push_back(S);
    Stride *= Radix;
  }
}

template <typename T> LineFft<T>::~LineFft() = default;

template <typename T> size_t LineFft<T>::scratchSize() const {
  if (Inner)
    return Inner->size() + Inner->scratchSize();
  return N;
}

template <typename T>
void LineFft<T>::run(Cx<T> *Data, Cx<T> *Scratch, bool Inverse) const {
  if (Inner)
    return runBluestein(Data, Scratch, Inverse);
  if (Inverse)
    runStockham<true>(Data, Scratch);
  else
    runStockham<false>(Data, Scratch);
}

template <typename T>
template <bool Inverse>
void LineFft<T>::runStockham(Cx<T> *Data, Cx<T> *Scratch) const {
  Cx<T> *X = Data, *Y = Scratch;
  for (const Stage &S : Stages) {
    runStage<Inverse>(S, X, Y);
    std::swap(X, Y);
  }
  if (X != Data)
    std::memcpy(Data, X, N * sizeof(Cx<T>));
}

template <typename T>
template <bool Inverse>
void LineFft<T>::runStage(const Stage &S, const Cx<T> *X, Cx<T> *Y) const {
  const Cx<T> *Tw = Twiddles.data() + S.Twiddle;
  const Cx<T> *Roots = Twiddles.data() + S.Roots;
  switch (S.Radix) {
  case 2:
    return stockhamStage<Inverse, 2>(S.Groups, S.Stride, 2, X, Y, Tw, Roots);
  case 3:
    return stockhamStage<Inverse, 3>(S.Groups, S.Stride, 3, X, Y, Tw, Roots);
  case 4:
    return stockhamStage<Inverse, 4>(S.Groups, S.Stride, 4, X, Y, Tw, Roots);
  case 5:
    return stockhamStage<Inverse, 5>(S.Groups, S.Stride, 5, X, Y, Tw, Roots);
  case 7:
    return stockhamStage<Inverse, 7>(S.Groups, S.Stride, 7, X, Y, Tw, Roots);
  default:
    return stockhamStage<Inverse, 0>(S.Groups, S.Stride, S.Radix, X, Y, Tw,
                                     Roots);
  }
}

/// X_k = c_k sum_j (x_j c_j) conj(c_{k-j}) with c_t = exp(-i pi t^2 / N):
/// a circular convolution of length M >= 2N - 1 done with two inner FFTs.
/// The inverse is conj(DFT(conj(x))).
template <typename T>
void LineFft<T>::runBluestein(Cx<T> *Data, Cx<T> *Scratch, bool Inverse) const {
  size_t M = Inner->size();
  Cx<T> *A = Scratch, *InnerScratch = Scratch + M;
  for (size_t K = 0; K < N; ++K)
    A[K] = (Inverse ? conj(Data[K]) : Data[K]) * Chirp[K];
  std::fill(A + N, A + M, Cx<T>{T(0), T(0)});
  Inner->run(A, InnerScratch, false);
  for (size_t K = 0; K < M; ++K)
    A[K] = A[K] * ChirpSpectrum[K];
  Inner->run(A, InnerScratch, true);
  for (size_t K = 0; K < N; ++K) {
    Cx<T> Y = A[K] * Chirp[K];
    Data[K] = Inverse ? conj(Y) : Y;
  }
}

template class tx::fft::LineFft<float>;
template class tx::fft::LineFft<double>;
