//===- FftCase.cpp - One cuFFT transform checked against a naive DFT ------===//
//
// Part of Tongxin. The reference transforms the logical array (batch-major,
// row-major, innermost dimension last) one dimension at a time with a
// direct O(n^2) sum in double, its twiddles reduced exactly modulo n.
//
//===----------------------------------------------------------------------===//

#include "FftCase.h"

#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

using namespace fftcase;
using Cd = std::complex<double>;

std::string Case::describe() const {
  std::ostringstream S;
  S << "type=0x" << std::hex << Type << std::dec << " n=";
  for (int V : N)
    S << V << ",";
  S << " batch=" << Batch << " dir=" << Direction
    << (InPlace ? " in-place" : " out-of-place");
  if (Advanced)
    S << " advanced istride=" << IStride << " idist=" << IDist
      << " ostride=" << OStride << " odist=" << ODist;
  return S.str();
}

namespace {

bool isReal(cufftType T) { return T == CUFFT_R2C || T == CUFFT_D2Z; }
bool toReal(cufftType T) { return T == CUFFT_C2R || T == CUFFT_Z2D; }
bool isDouble(cufftType T) {
  return T == CUFFT_Z2Z || T == CUFFT_D2Z || T == CUFFT_Z2D;
}

/// Logical extents of one side: the real side has N, the complex side of a
/// real transform N with the innermost n/2 + 1.
std::vector<int> extents(const Case &C, bool RealSide) {
  std::vector<int> E = C.N;
  if (!RealSide && C.Type != CUFFT_C2C && C.Type != CUFFT_Z2Z)
    E.back() = E.back() / 2 + 1;
  return E;
}

size_t product(const std::vector<int> &V) {
  size_t P = 1;
  for (int X : V)
    P *= size_t(X);
  return P;
}

/// Element offsets (in the side's element type) of every logical element.
std::vector<size_t> offsets(const Case &C, bool Input, bool RealSide) {
  std::vector<int> Ext = extents(C, RealSide);
  std::vector<int> Embed = Ext;
  long Stride = 1, Dist;
  if (C.Advanced) {
    Embed = Input ? C.InEmbed : C.OutEmbed;
    Stride = Input ? C.IStride : C.OStride;
    Dist = Input ? C.IDist : C.ODist;
  } else {
    if (RealSide && C.InPlace)
      Embed.back() = 2 * (C.N.back() / 2 + 1);
    Dist = long(product(Embed));
  }
  int Rank = int(Ext.size());
  std::vector<long> Step(Rank);
  for (int D = Rank - 1; D >= 0; --D)
    Step[D] = D == Rank - 1 ? Stride : Step[D + 1] * Embed[D + 1];
  std::vector<size_t> Out;
  size_t Count = product(Ext);
  for (int B = 0; B < C.Batch; ++B)
    for (size_t I = 0; I < Count; ++I) {
      size_t Rest = I;
      long Off = B * Dist;
      for (int D = Rank - 1; D >= 0; --D) {
        Off += long(Rest % Ext[D]) * Step[D];
        Rest /= Ext[D];
      }
      Out.push_back(size_t(Off));
    }
  return Out;
}

/// In-place naive DFT of the batch of full complex arrays X along every
/// dimension.
void naiveDft(std::vector<Cd> &X, const std::vector<int> &N, int Batch,
              int Sign) {
  int Rank = int(N.size());
  size_t Total = product(N);
  for (int D = 0; D < Rank; ++D) {
    size_t Inner = 1;
    for (int E = D + 1; E < Rank; ++E)
      Inner *= size_t(N[E]);
    size_t Len = size_t(N[D]), Outer = Total / (Inner * Len);
    std::vector<Cd> Roots(Len), Line(Len);
    for (size_t K = 0; K < Len; ++K)
      Roots[K] = std::polar(1.0, Sign * 2.0 * M_PI * double(K) / double(Len));
    for (int B = 0; B < Batch; ++B)
      for (size_t O = 0; O < Outer; ++O)
        for (size_t I = 0; I < Inner; ++I) {
          Cd *Base = X.data() + B * Total + O * Len * Inner + I;
          for (size_t K = 0; K < Len; ++K) {
            Cd Sum = 0;
            for (size_t J = 0; J < Len; ++J)
              Sum += Base[J * Inner] * Roots[(J * K) % Len];
            Line[K] = Sum;
          }
          for (size_t K = 0; K < Len; ++K)
            Base[K * Inner] = Line[K];
        }
  }
}

/// Keeps the first n/2 + 1 of the innermost dimension.
std::vector<Cd> halfSpectrum(const std::vector<Cd> &Full,
                             const std::vector<int> &N, int Batch) {
  size_t Last = size_t(N.back()), Half = Last / 2 + 1;
  size_t Rows = product(N) / Last * size_t(Batch);
  std::vector<Cd> Out(Rows * Half);
  for (size_t R = 0; R < Rows; ++R)
    for (size_t K = 0; K < Half; ++K)
      Out[R * Half + K] = Full[R * Last + K];
  return Out;
}

template <typename T> struct Types;
template <> struct Types<float> { using Complex = cufftComplex; };
template <> struct Types<double> { using Complex = cufftDoubleComplex; };

cufftResult execute(cufftHandle Plan, cufftType Type, void *In, void *Out,
                    int Direction) {
  switch (Type) {
  case CUFFT_C2C:
    return cufftExecC2C(Plan, (cufftComplex *)In, (cufftComplex *)Out,
                        Direction);
  case CUFFT_Z2Z:
    return cufftExecZ2Z(Plan, (cufftDoubleComplex *)In,
                        (cufftDoubleComplex *)Out, Direction);
  case CUFFT_R2C:
    return cufftExecR2C(Plan, (cufftReal *)In, (cufftComplex *)Out);
  case CUFFT_D2Z:
    return cufftExecD2Z(Plan, (cufftDoubleReal *)In, (cufftDoubleComplex *)Out);
  case CUFFT_C2R:
    return cufftExecC2R(Plan, (cufftComplex *)In, (cufftReal *)Out);
  default:
    return cufftExecZ2D(Plan, (cufftDoubleComplex *)In, (cufftDoubleReal *)Out);
  }
}

template <typename T> double run(const Case &C, cufftResult *Status) {
  bool InReal = isReal(C.Type), OutReal = toReal(C.Type);
  std::vector<int> InExt = extents(C, InReal), OutExt = extents(C, OutReal);
  size_t InCount = product(InExt) * C.Batch;
  std::mt19937 Rng(1234);
  std::uniform_real_distribution<double> U(-1, 1);

  // Logical input and expected output.
  std::vector<Cd> Input(InCount), Expected;
  std::vector<double> RealData;
  if (OutReal) {
    // A Hermitian half spectrum: that of random real data.
    RealData.resize(product(C.N) * C.Batch);
    std::vector<Cd> Full(RealData.size());
    for (size_t I = 0; I < RealData.size(); ++I)
      Full[I] = RealData[I] = U(Rng);
    naiveDft(Full, C.N, C.Batch, -1);
    Input = halfSpectrum(Full, C.N, C.Batch);
    Expected.resize(RealData.size());
    for (size_t I = 0; I < RealData.size(); ++I)
      Expected[I] = RealData[I] * double(product(C.N));
  } else {
    for (Cd &X : Input)
      X = InReal ? Cd(U(Rng), 0) : Cd(U(Rng), U(Rng));
    std::vector<Cd> Full = Input;
    naiveDft(Full, C.N, C.Batch, InReal ? -1 : C.Direction);
    Expected = InReal ? halfSpectrum(Full, C.N, C.Batch) : Full;
  }

  std::vector<size_t> InOff = offsets(C, true, InReal);
  std::vector<size_t> OutOff = offsets(C, false, OutReal);
  size_t InReals =
      (*std::max_element(InOff.begin(), InOff.end()) + 1) * (InReal ? 1 : 2);
  size_t OutReals =
      (*std::max_element(OutOff.begin(), OutOff.end()) + 1) * (OutReal ? 1 : 2);
  std::vector<T> InBuf(std::max(InReals, C.InPlace ? OutReals : 0) + 2,
                       T(-777));
  std::vector<T> OutBuf(C.InPlace ? 0 : OutReals + 2, T(-777));
  for (size_t I = 0; I < InCount; ++I) {
    if (InReal) {
      InBuf[InOff[I]] = T(Input[I].real());
    } else {
      InBuf[2 * InOff[I]] = T(Input[I].real());
      InBuf[2 * InOff[I] + 1] = T(Input[I].imag());
    }
  }

  cufftHandle Plan;
  std::vector<int> N = C.N, InEmbed = C.InEmbed, OutEmbed = C.OutEmbed;
  *Status = cufftPlanMany(&Plan, int(N.size()), N.data(),
                          C.Advanced ? InEmbed.data() : nullptr, C.IStride,
                          C.IDist, C.Advanced ? OutEmbed.data() : nullptr,
                          C.OStride, C.ODist, C.Type, C.Batch);
  if (*Status != CUFFT_SUCCESS)
    return -1;
  T *Out = C.InPlace ? InBuf.data() : OutBuf.data();
  *Status = execute(Plan, C.Type, InBuf.data(), Out, C.Direction);
  cudaDeviceSynchronize();
  cufftDestroy(Plan);
  if (*Status != CUFFT_SUCCESS)
    return -1;

  double MaxRef = 1e-300, MaxErr = 0;
  for (size_t I = 0; I < Expected.size(); ++I) {
    Cd Got = OutReal ? Cd(Out[OutOff[I]], 0)
                     : Cd(Out[2 * OutOff[I]], Out[2 * OutOff[I] + 1]);
    MaxRef = std::max(MaxRef, std::abs(Expected[I]));
    MaxErr = std::max(MaxErr, std::abs(Got - Expected[I]));
  }
  return MaxErr / MaxRef;
}

} // namespace

double fftcase::runCase(const Case &C, cufftResult *Status) {
  return isDouble(C.Type) ? run<double>(C, Status) : run<float>(C, Status);
}

double fftcase::tolerance(const Case &C) {
  double Eps = isDouble(C.Type) ? 2.2e-16 : 1.2e-7;
  double Points = double(product(C.N));
  // The naive double reference itself errs by about eps sqrt(n).
  return 4 * Eps * (std::log2(Points + 1) + 1) + 4e-16 * std::sqrt(Points);
}
