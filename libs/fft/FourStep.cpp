//===- fft/FourStep.cpp - One long complex line over all workers ----------===//
//
// Part of Tongxin. Columns are gathered a block at a time (ColumnBlock
// neighbouring columns share cache lines), transformed, twiddled and
// stored as rows of the shared matrix; rows are then transformed in place
// there and scattered to the output a block of rows at a time.
//
//===----------------------------------------------------------------------===//

#include "FourStep.h"

#include <algorithm>
#include <cmath>

using namespace tx::fft;

/// Columns (and rows) handled together, so that each cache line of a
/// strided gather or scatter is used whole.
static constexpr size_t ColumnBlock = 8;

/// The divisor of N nearest to sqrt(N) from below.
static size_t balancedFactor(size_t N) {
  size_t F = size_t(std::sqrt(double(N)));
  while (F > 1 && N % F != 0)
    --F;
  return F;
}

template <typename T> bool FourStep<T>::suits(size_t N) {
  std::vector<unsigned> Radices;
  return N >= FourStepMinLength && factorIntoRadices(N, &Radices) &&
         balancedFactor(N) >= 16;
}

template <typename T>
FourStep<T>::FourStep(size_t Length)
    : N(Length), N1(balancedFactor(Length)), N2(Length / N1), LowBits(0),
      Column(N1), Row(N2) {
  while ((size_t(1) << (2 * LowBits)) < N)
    ++LowBits;
  size_t Low = size_t(1) << LowBits;
  RootsLow.resize(Low);
  for (size_t I = 0; I < Low; ++I)
    RootsLow[I] = unitRoot<T>(I, N);
  RootsHigh.resize(N / Low + 1);
  for (size_t I = 0; I < RootsHigh.size(); ++I)
    RootsHigh[I] = unitRoot<T>(uint64_t(I) * Low, N);
}

template <typename T> size_t FourStep<T>::taskScratchSize() const {
  return ColumnBlock * N1 + std::max(Column.scratchSize(), Row.scratchSize());
}

template <typename T>
void FourStep<T>::columns(const Cx<T> *Src, int64_t SrcStep, Cx<T> *Shared,
                          Cx<T> *Scratch, size_t Begin, size_t End,
                          bool Inverse) const {
  Cx<T> *Block = Scratch, *FftScratch = Scratch + ColumnBlock * N1;
  for (size_t J2 = Begin; J2 < End; J2 += ColumnBlock) {
    size_t Width = std::min(ColumnBlock, End - J2);
    for (size_t J1 = 0; J1 < N1; ++J1) {
      const Cx<T> *In = Src + int64_t(J1 * N2 + J2) * SrcStep;
      for (size_t C = 0; C < Width; ++C)
        Block[C * N1 + J1] = In[int64_t(C) * SrcStep];
    }
    for (size_t C = 0; C < Width; ++C) {
      Cx<T> *Line = Block + C * N1;
      Column.run(Line, FftScratch, Inverse);
      size_t Step = J2 + C;
      for (size_t K1 = 1, E = Step; K1 < N1; ++K1, E += Step) {
        Cx<T> W = root(E);
        Line[K1] = Inverse ? Line[K1] * conj(W) : Line[K1] * W;
      }
    }
    for (size_t K1 = 0; K1 < N1; ++K1)
      for (size_t C = 0; C < Width; ++C)
        Shared[K1 * N2 + J2 + C] = Block[C * N1 + K1];
  }
}

template <typename T>
void FourStep<T>::rows(Cx<T> *Shared, Cx<T> *Dst, int64_t DstStep,
                       Cx<T> *Scratch, size_t Begin, size_t End,
                       bool Inverse) const {
  for (size_t K1 = Begin; K1 < End; K1 += ColumnBlock) {
    size_t Height = std::min(ColumnBlock, End - K1);
    for (size_t R = 0; R < Height; ++R)
      Row.run(Shared + (K1 + R) * N2, Scratch, Inverse);
    for (size_t K2 = 0; K2 < N2; ++K2) {
      Cx<T> *Out = Dst + int64_t(K1 + N1 * K2) * DstStep;
      for (size_t R = 0; R < Height; ++R)
        Out[int64_t(R) * DstStep] = Shared[(K1 + R) * N2 + K2];
    }
  }
}

/// Splits [0, Extent) into Tasks ranges whose starts are multiples of the
/// block size.
static size_t blockStart(size_t Extent, size_t Tasks, size_t Task) {
  size_t Blocks = (Extent + ColumnBlock - 1) / ColumnBlock;
  return std::min(Extent, Blocks * Task / Tasks * ColumnBlock);
}

template <typename T>
void FourStep<T>::run(const Cx<T> *Src, int64_t SrcStep, Cx<T> *Dst,
                      int64_t DstStep, bool Inverse, Cx<T> *Shared,
                      Cx<T> *const *TaskScratch, size_t Tasks,
                      const TaskRunner &Run) const {
  Run(Tasks, [&](size_t Task) {
    columns(Src, SrcStep, Shared, TaskScratch[Task],
            blockStart(N2, Tasks, Task), blockStart(N2, Tasks, Task + 1),
            Inverse);
  });
  Run(Tasks, [&](size_t Task) {
    rows(Shared, Dst, DstStep, TaskScratch[Task] + ColumnBlock * N1,
         blockStart(N1, Tasks, Task), blockStart(N1, Tasks, Task + 1), Inverse);
  });
}

template class tx::fft::FourStep<float>;
template class tx::fft::FourStep<double>;
