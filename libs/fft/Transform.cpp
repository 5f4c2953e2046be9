//===- fft/Transform.cpp - A planned multi-dimensional transform ----------===//
//
// Part of Tongxin. Passes: C2C transforms every dimension, innermost first,
// input to output, then in place in the output; R2C runs its real pass
// along the innermost dimension into the output and the complex passes
// there; C2R runs the complex passes in place in its input, then the real
// pass into the output. A pass gathers a block of lines into a task's
// scratch (neighbouring lines share cache lines), transforms them there and
// scatters them back, so any stride and any in-place layout works.
//
// Real lines of even length n run as a complex FFT of n/2 points over the
// even/odd samples packed as complex numbers, unpacked with w_n^k; odd
// lengths run as complex lines with a zero imaginary part.
//
//===----------------------------------------------------------------------===//

#include "Transform.h"

#include "LibraryCall.h"

#include <algorithm>
#include <map>

using namespace tx::fft;

Transform::~Transform() = default;

/// Lines transformed together by one task.
static constexpr size_t MaxLineBlock = 16;
/// Bytes of lines a block aims for: well inside the L1/L2 caches.
static constexpr size_t LineBlockBytes = 64 * 1024;
/// A pass touching fewer elements than this runs on one task.
static constexpr size_t MinElementsPerTask = 8192;

/// Logical extent of dimension D on the complex side.
static int64_t complexExtent(const Shape &S, int D) {
  if (S.Type != Kind::C2C && D == S.Rank - 1)
    return S.N[D] / 2 + 1;
  return S.N[D];
}

static bool embedHolds(const Layout &L, const Shape &S, bool RealSide) {
  if (L.Stride < 1 || L.Dist < (S.Batch > 1 ? 1 : 0))
    return false;
  for (int D = 1; D < S.Rank; ++D) {
    int64_t Need = RealSide ? S.N[D] : complexExtent(S, D);
    if (L.Embed[D] < Need)
      return false;
  }
  return true;
}

bool tx::fft::layoutIsValid(const Shape &S) {
  if (S.Rank < 1 || S.Rank > 3 || S.Batch < 1)
    return false;
  for (int D = 0; D < S.Rank; ++D)
    if (S.N[D] < 1)
      return false;
  if (!S.Advanced)
    return true;
  return embedHolds(S.In, S, S.Type == Kind::R2C) &&
         embedHolds(S.Out, S, S.Type == Kind::C2R);
}

/// The basic layout: packed, except that a real side run in place is
/// padded to 2 (n/2 + 1) reals per innermost row.
static Layout basicLayout(const Shape &S, bool RealSide, bool InPlace) {
  Layout L;
  int64_t Elements = 1;
  for (int D = 0; D < S.Rank; ++D) {
    L.Embed[D] = RealSide ? S.N[D] : complexExtent(S, D);
    if (RealSide && InPlace && D == S.Rank - 1)
      L.Embed[D] = 2 * (S.N[D] / 2 + 1);
    Elements *= L.Embed[D];
  }
  L.Dist = Elements;
  return L;
}

namespace {

/// One loop of the lines of a pass: Extent lines, Src/Dst elements apart.
struct LineLoop {
  int64_t Extent, SrcStep, DstStep;
};

/// The lines of one pass along dimension Dim and where each starts.
struct LineSet {
  size_t Count = 1;
  LineLoop Loops[4];
  int NumLoops = 0;
  int64_t SrcStep = 1, DstStep = 1; // between elements of a line

  void offsets(size_t Line, int64_t *Src, int64_t *Dst) const {
    int64_t S = 0, D = 0;
    for (int I = 0; I < NumLoops; ++I) {
      int64_t Index = int64_t(Line % size_t(Loops[I].Extent));
      Line /= size_t(Loops[I].Extent);
      S += Index * Loops[I].SrcStep;
      D += Index * Loops[I].DstStep;
    }
    *Src = S;
    *Dst = D;
  }
};

int64_t elementStep(const Shape &S, const Layout &L, int D) {
  int64_t Step = L.Stride;
  for (int E = D + 1; E < S.Rank; ++E)
    Step *= L.Embed[E];
  return Step;
}

LineSet linesAlong(const Shape &S, int Dim, const Layout &Src,
                   const Layout &Dst) {
  LineSet Set;
  for (int D = S.Rank - 1; D >= 0; --D) {
    if (D == Dim)
      continue;
    Set.Loops[Set.NumLoops++] = {complexExtent(S, D), elementStep(S, Src, D),
                                 elementStep(S, Dst, D)};
    Set.Count *= size_t(complexExtent(S, D));
  }
  Set.Loops[Set.NumLoops++] = {S.Batch, Src.Dist, Dst.Dist};
  Set.Count *= size_t(S.Batch);
  Set.SrcStep = elementStep(S, Src, Dim);
  Set.DstStep = elementStep(S, Dst, Dim);
  return Set;
}

template <typename E>
void gather(const E *Src, const int64_t *Offsets, size_t Lines, size_t Length,
            int64_t Step, E *Buffer, size_t LineStride) {
  for (size_t J = 0; J < Length; ++J)
    for (size_t L = 0; L < Lines; ++L)
      Buffer[L * LineStride + J] = Src[Offsets[L] + int64_t(J) * Step];
}

template <typename E>
void scatter(const E *Buffer, size_t LineStride, size_t Lines, size_t Length,
             E *Dst, const int64_t *Offsets, int64_t Step) {
  for (size_t J = 0; J < Length; ++J)
    for (size_t L = 0; L < Lines; ++L)
      Dst[Offsets[L] + int64_t(J) * Step] = Buffer[L * LineStride + J];
}

size_t roundUp(size_t Bytes) { return (Bytes + 63) / 64 * 64; }

template <typename T> class Plan final : public Transform {
public:
  Plan(const Shape &S, unsigned Workers);
  size_t workBytes() const override {
    return roundUp(SharedSize * sizeof(Cx<T>)) +
           Workers * roundUp(TaskScratchSize * sizeof(Cx<T>));
  }
  void execute(const void *In, void *Out, bool Inverse, void *Work,
               int Device) const override;

private:
  /// What one pass of lines needs from a task's scratch.
  struct LineNeeds {
    size_t Buffer; // complex elements per line in the block buffer
    size_t Block;  // lines per block
    const LineFft<T> *Engine;
  };
  LineNeeds needs(Kind LineKind, int Dim) const;
  void addEngine(size_t Length);
  void runPass(Kind LineKind, int Dim, const void *Src, const Layout &SrcL,
               void *Dst, const Layout &DstL, bool Inverse, char *Work,
               int Device) const;
  void runLongLines(const LineSet &Set, const Cx<T> *Src, Cx<T> *Dst,
                    size_t Length, bool Inverse, char *Work, int Device) const;
  void runLines(Kind LineKind, const LineNeeds &Needs, size_t Length,
                const LineSet &Set, const void *Src, void *Dst, bool Inverse,
                Cx<T> *Scratch, size_t Begin, size_t End) const;
  void realForward(Cx<T> *Line, Cx<T> *Scratch, const LineFft<T> &E) const;
  void realInverse(Cx<T> *Line, Cx<T> *Scratch, const LineFft<T> &E) const;
  Cx<T> *taskScratch(char *Work, size_t Task) const {
    return reinterpret_cast<Cx<T> *>(
        Work + roundUp(SharedSize * sizeof(Cx<T>)) +
        Task * roundUp(TaskScratchSize * sizeof(Cx<T>)));
  }

  Shape S;
  unsigned Workers;
  std::map<size_t, std::unique_ptr<LineFft<T>>> Engines;
  std::map<size_t, std::unique_ptr<FourStep<T>>> LongEngines;
  std::vector<Cx<T>> RealRoots; // w_n^k, k < n/2, for the innermost n
  size_t SharedSize = 0, TaskScratchSize = 0;
};

template <typename T>
Plan<T>::Plan(const Shape &Sh, unsigned NumWorkers)
    : S(Sh), Workers(std::max(1u, NumWorkers)) {
  int Last = S.Rank - 1;
  int64_t RealLength = S.N[Last];
  for (int D = 0; D < S.Rank; ++D)
    if (S.Type == Kind::C2C || D != Last)
      addEngine(size_t(S.N[D]));
  if (S.Type != Kind::C2C) {
    bool Even = RealLength % 2 == 0;
    if (!Engines.count(size_t(Even ? RealLength / 2 : RealLength)))
      Engines[size_t(Even ? RealLength / 2 : RealLength)] =
          std::make_unique<LineFft<T>>(Even ? RealLength / 2 : RealLength);
    if (Even)
      for (int64_t K = 0; K < RealLength / 2; ++K)
        RealRoots.push_back(unitRoot<T>(uint64_t(K), uint64_t(RealLength)));
  }
  for (int D = 0; D < S.Rank; ++D) {
    bool Real = S.Type != Kind::C2C && D == Last;
    if (!Real && LongEngines.count(size_t(S.N[D])))
      continue;
    LineNeeds Needs = needs(
        Real ? (S.Type == Kind::R2C ? Kind::R2C : Kind::C2R) : Kind::C2C, D);
    TaskScratchSize =
        std::max(TaskScratchSize,
                 Needs.Block * Needs.Buffer + Needs.Engine->scratchSize());
  }
  for (auto &[Length, Long] : LongEngines) {
    SharedSize = std::max(SharedSize, Long->sharedSize());
    TaskScratchSize = std::max(TaskScratchSize, Long->taskScratchSize());
  }
}

template <typename T> void Plan<T>::addEngine(size_t Length) {
  if (FourStep<T>::suits(Length)) {
    if (!LongEngines.count(Length))
      LongEngines[Length] = std::make_unique<FourStep<T>>(Length);
    return;
  }
  if (!Engines.count(Length))
    Engines[Length] = std::make_unique<LineFft<T>>(Length);
}

template <typename T>
typename Plan<T>::LineNeeds Plan<T>::needs(Kind LineKind, int Dim) const {
  size_t N = size_t(S.N[Dim]);
  LineNeeds Needs;
  if (LineKind == Kind::C2C) {
    Needs.Buffer = N;
    Needs.Engine = Engines.at(N).get();
  } else if (N % 2 == 0) {
    Needs.Buffer = N / 2 + 1;
    Needs.Engine = Engines.at(N / 2).get();
  } else {
    Needs.Buffer = N;
    Needs.Engine = Engines.at(N).get();
  }
  size_t LineBytes = Needs.Buffer * sizeof(Cx<T>);
  Needs.Block = std::clamp<size_t>(LineBlockBytes / LineBytes, 1, MaxLineBlock);
  return Needs;
}

/// X_k = E_k + w^k O_k and X_{h-k} = conj(E_k - w^k O_k), where
/// E_k = (Z_k + conj Z_{h-k}) / 2 and O_k = -i (Z_k - conj Z_{h-k}) / 2
/// are the spectra of the even and odd samples.
template <typename T>
void Plan<T>::realForward(Cx<T> *Line, Cx<T> *Scratch,
                          const LineFft<T> &E) const {
  size_t N = size_t(S.N[S.Rank - 1]);
  if (N % 2 != 0) {
    T *Reals = reinterpret_cast<T *>(Line);
    for (size_t J = N; J-- > 0;) {
      T Value = Reals[J];
      Line[J] = {Value, T(0)};
    }
    return E.run(Line, Scratch, false);
  }
  size_t H = N / 2;
  E.run(Line, Scratch, false);
  Cx<T> Z0 = Line[0];
  for (size_t K = 1; K <= H - K; ++K) {
    Cx<T> A = Line[K], B = conj(Line[H - K]);
    Cx<T> Even = T(0.5) * (A + B);
    Cx<T> Odd = quarterTurn<false>(T(0.5) * (A - B));
    Cx<T> Rotated = RealRoots[K] * Odd;
    Line[K] = Even + Rotated;
    if (K != H - K)
      Line[H - K] = conj(Even - Rotated);
  }
  Line[0] = {Z0.Re + Z0.Im, T(0)};
  Line[H] = {Z0.Re - Z0.Im, T(0)};
}

/// The inverse of realForward, times two (the unnormalised inverse):
/// Z_k = (X_k + conj X_{h-k}) + i (X_k - conj X_{h-k}) conj(w^k). The
/// imaginary parts of X_0 and X_{n/2}, zero for Hermitian data, are
/// ignored.
template <typename T>
void Plan<T>::realInverse(Cx<T> *Line, Cx<T> *Scratch,
                          const LineFft<T> &E) const {
  size_t N = size_t(S.N[S.Rank - 1]);
  if (N % 2 != 0) {
    Line[0].Im = T(0);
    for (size_t K = N / 2 + 1; K < N; ++K)
      Line[K] = conj(Line[N - K]);
    E.run(Line, Scratch, true);
    T *Reals = reinterpret_cast<T *>(Line);
    for (size_t J = 0; J < N; ++J)
      Reals[J] = Line[J].Re;
    return;
  }
  size_t H = N / 2;
  T First = Line[0].Re, Last = Line[H].Re;
  for (size_t K = 1; K <= H - K; ++K) {
    Cx<T> A = Line[K], B = conj(Line[H - K]);
    Cx<T> Even = A + B;
    Cx<T> Odd = (A - B) * conj(RealRoots[K]);
    Line[K] = Even + quarterTurn<true>(Odd);
    if (K != H - K)
      Line[H - K] = conj(Even) + quarterTurn<true>(conj(Odd));
  }
  Line[0] = {First + Last, First - Last};
  E.run(Line, Scratch, true);
}

template <typename T>
void Plan<T>::runLines(Kind LineKind, const LineNeeds &Needs, size_t Length,
                       const LineSet &Set, const void *Src, void *Dst,
                       bool Inverse, Cx<T> *Scratch, size_t Begin,
                       size_t End) const {
  Cx<T> *Buffer = Scratch, *FftScratch = Scratch + Needs.Block * Needs.Buffer;
  int64_t SrcOff[MaxLineBlock], DstOff[MaxLineBlock];
  size_t Complex = LineKind == Kind::C2C ? Length : Length / 2 + 1;
  for (size_t Line = Begin; Line < End; Line += Needs.Block) {
    size_t Lines = std::min(Needs.Block, End - Line);
    for (size_t L = 0; L < Lines; ++L)
      Set.offsets(Line + L, &SrcOff[L], &DstOff[L]);
    if (LineKind == Kind::R2C)
      gather(static_cast<const T *>(Src), SrcOff, Lines, Length, Set.SrcStep,
             reinterpret_cast<T *>(Buffer), 2 * Needs.Buffer);
    else
      gather(static_cast<const Cx<T> *>(Src), SrcOff, Lines, Complex,
             Set.SrcStep, Buffer, Needs.Buffer);
    for (size_t L = 0; L < Lines; ++L) {
      Cx<T> *One = Buffer + L * Needs.Buffer;
      if (LineKind == Kind::C2C)
        Needs.Engine->run(One, FftScratch, Inverse);
      else if (LineKind == Kind::R2C)
        realForward(One, FftScratch, *Needs.Engine);
      else
        realInverse(One, FftScratch, *Needs.Engine);
    }
    if (LineKind == Kind::C2R)
      scatter(reinterpret_cast<const T *>(Buffer), 2 * Needs.Buffer, Lines,
              Length, static_cast<T *>(Dst), DstOff, Set.DstStep);
    else
      scatter(Buffer, Needs.Buffer, Lines, Complex, static_cast<Cx<T> *>(Dst),
              DstOff, Set.DstStep);
  }
}

template <typename T>
void Plan<T>::runLongLines(const LineSet &Set, const Cx<T> *Src, Cx<T> *Dst,
                           size_t Length, bool Inverse, char *Work,
                           int Device) const {
  const FourStep<T> &Long = *LongEngines.at(Length);
  std::vector<Cx<T> *> Scratches(Workers);
  for (unsigned W = 0; W < Workers; ++W)
    Scratches[W] = taskScratch(Work, W);
  TaskRunner Run = [Device](size_t Tasks,
                            const std::function<void(size_t)> &Body) {
    tx::lib::forEachOnWorkers(Device, Tasks, Body);
  };
  Cx<T> *Shared = reinterpret_cast<Cx<T> *>(Work);
  for (size_t Line = 0; Line < Set.Count; ++Line) {
    int64_t SrcOff, DstOff;
    Set.offsets(Line, &SrcOff, &DstOff);
    Long.run(Src + SrcOff, Set.SrcStep, Dst + DstOff, Set.DstStep, Inverse,
             Shared, Scratches.data(), Workers, Run);
  }
}

template <typename T>
void Plan<T>::runPass(Kind LineKind, int Dim, const void *Src,
                      const Layout &SrcL, void *Dst, const Layout &DstL,
                      bool Inverse, char *Work, int Device) const {
  LineSet Set = linesAlong(S, Dim, SrcL, DstL);
  size_t Length = size_t(S.N[Dim]);
  if (LineKind == Kind::C2C && LongEngines.count(Length))
    return runLongLines(Set, static_cast<const Cx<T> *>(Src),
                        static_cast<Cx<T> *>(Dst), Length, Inverse, Work,
                        Device);
  LineNeeds Needs = needs(LineKind, Dim);
  size_t Elements = Set.Count * Length;
  size_t Tasks = std::min<size_t>(
      {Workers, Set.Count, std::max<size_t>(1, Elements / MinElementsPerTask)});
  auto Body = [&](size_t Task) {
    runLines(LineKind, Needs, Length, Set, Src, Dst, Inverse,
             taskScratch(Work, Task), Set.Count * Task / Tasks,
             Set.Count * (Task + 1) / Tasks);
  };
  if (Tasks == 1)
    Body(0);
  else
    tx::lib::forEachOnWorkers(Device, Tasks, Body);
}

template <typename T>
void Plan<T>::execute(const void *In, void *Out, bool Inverse, void *WorkArea,
                      int Device) const {
  bool InPlace = In == Out;
  Layout InL = S.Advanced ? S.In : basicLayout(S, S.Type == Kind::R2C, InPlace);
  Layout OutL =
      S.Advanced ? S.Out : basicLayout(S, S.Type == Kind::C2R, InPlace);
  char *Work = static_cast<char *>(WorkArea);
  int Last = S.Rank - 1;
  switch (S.Type) {
  case Kind::C2C:
    runPass(Kind::C2C, Last, In, InL, Out, OutL, Inverse, Work, Device);
    for (int D = Last - 1; D >= 0; --D)
      runPass(Kind::C2C, D, Out, OutL, Out, OutL, Inverse, Work, Device);
    return;
  case Kind::R2C:
    runPass(Kind::R2C, Last, In, InL, Out, OutL, false, Work, Device);
    for (int D = Last - 1; D >= 0; --D)
      runPass(Kind::C2C, D, Out, OutL, Out, OutL, false, Work, Device);
    return;
  case Kind::C2R:
    // The complex passes run in place in the input (cuFFT, too, may
    // overwrite a C2R input); the last one writes the real output.
    for (int D = 0; D < Last; ++D)
      runPass(Kind::C2C, D, In, InL, const_cast<void *>(In), InL, true, Work,
              Device);
    runPass(Kind::C2R, Last, In, InL, Out, OutL, true, Work, Device);
    return;
  }
}

} // namespace

std::unique_ptr<Transform> tx::fft::makeTransform(const Shape &S,
                                                  unsigned Workers) {
  if (S.Double)
    return std::make_unique<Plan<double>>(S, Workers);
  return std::make_unique<Plan<float>>(S, Workers);
}
