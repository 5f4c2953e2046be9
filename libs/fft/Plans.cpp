//===- fft/Plans.cpp - Creating, making and sizing cuFFT plans ------------===//
//
// Part of Tongxin. Every way of describing a plan (1d/2d/3d, Many, Many64)
// becomes one Shape, checked in one place with cuFFT's status codes: sizes
// and batch counts that are not positive are CUFFT_INVALID_SIZE, unknown
// types CUFFT_INVALID_TYPE, layouts that do not hold their data
// CUFFT_INVALID_VALUE.
//
//===----------------------------------------------------------------------===//

#include "PlanRegistry.h"

#include "LibraryCall.h"

#include <cuda_runtime_api.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <unordered_map>

using namespace tx::fft;

namespace {

struct Registry {
  std::mutex Lock;
  std::unordered_map<cufftHandle, std::unique_ptr<PlanState>> Plans;
  cufftHandle Next = 1;
};

Registry &registry() {
  static Registry *R = new Registry; // outlives static destructors
  return *R;
}

bool typeToKind(const cufftType &Type, Kind *K, bool *Double) {
  int Raw; // any integer may arrive: read it without assuming an enumerator
  std::memcpy(&Raw, &Type, sizeof(Raw));
  switch (Raw) {
  case CUFFT_C2C:
  case CUFFT_Z2Z:
    *K = Kind::C2C;
    break;
  case CUFFT_R2C:
  case CUFFT_D2Z:
    *K = Kind::R2C;
    break;
  case CUFFT_C2R:
  case CUFFT_Z2D:
    *K = Kind::C2R;
    break;
  default:
    return false;
  }
  *Double = Raw == CUFFT_Z2Z || Raw == CUFFT_D2Z || Raw == CUFFT_Z2D;
  return true;
}

/// The largest element count a plan may address.
constexpr long long MaxElements = 1LL << 48;

/// Builds and checks a Shape from cufftPlanMany-style arguments.
template <typename Int>
cufftResult describe(int Rank, const Int *N, const Int *InEmbed,
                     long long InStride, long long InDist, const Int *OutEmbed,
                     long long OutStride, long long OutDist, cufftType Type,
                     long long Batch, Shape *S) {
  if (Rank < 1 || Rank > 3)
    return CUFFT_INVALID_SIZE;
  if (!N)
    return CUFFT_INVALID_VALUE;
  if (!typeToKind(Type, &S->Type, &S->Double))
    return CUFFT_INVALID_TYPE;
  S->Rank = Rank;
  S->Batch = Batch;
  long long Elements = Batch;
  if (Batch < 1)
    return CUFFT_INVALID_SIZE;
  for (int D = 0; D < Rank; ++D) {
    if (N[D] < 1 || N[D] > MaxElements / Elements)
      return CUFFT_INVALID_SIZE;
    S->N[D] = N[D];
    Elements *= N[D];
  }
  S->Advanced = InEmbed && OutEmbed;
  if (S->Advanced) {
    for (int D = 0; D < Rank; ++D) {
      S->In.Embed[D] = InEmbed[D];
      S->Out.Embed[D] = OutEmbed[D];
    }
    S->In.Stride = InStride;
    S->In.Dist = InDist;
    S->Out.Stride = OutStride;
    S->Out.Dist = OutDist;
  }
  return layoutIsValid(*S) ? CUFFT_SUCCESS : CUFFT_INVALID_VALUE;
}

cufftResult describeSimple(int Rank, int NX, int NY, int NZ, cufftType Type,
                           int Batch, Shape *S) {
  int N[3] = {NX, NY, NZ};
  return describe<int>(Rank, N, nullptr, 1, 0, nullptr, 1, 0, Type, Batch, S);
}

int currentDevice() {
  int Device = 0;
  if (cudaGetDevice(&Device) != cudaSuccess)
    return 0;
  return Device;
}

/// Builds the transform (and reports its work size) without a handle.
cufftResult build(const Shape &S, int Device,
                  std::shared_ptr<const Transform> *Out, size_t *WorkSize) {
  try {
    std::shared_ptr<const Transform> T =
        makeTransform(S, tx::lib::workerCount(Device));
    if (WorkSize)
      *WorkSize = T->workBytes();
    if (Out)
      *Out = std::move(T);
    return CUFFT_SUCCESS;
  } catch (const std::bad_alloc &) {
    return CUFFT_ALLOC_FAILED;
  } catch (...) {
    return CUFFT_INTERNAL_ERROR;
  }
}

cufftResult estimate(cufftResult Described, const Shape &S, size_t *WorkSize) {
  if (Described != CUFFT_SUCCESS)
    return Described;
  if (!WorkSize)
    return CUFFT_INVALID_VALUE;
  return build(S, currentDevice(), nullptr, WorkSize);
}

std::shared_ptr<void> allocateWork(size_t Bytes) {
  if (Bytes == 0)
    return nullptr;
  void *Memory = std::aligned_alloc(64, (Bytes + 63) / 64 * 64);
  if (!Memory)
    throw std::bad_alloc();
  return std::shared_ptr<void>(Memory, std::free);
}

/// Makes the plan Handle describes as S (already checked by Described).
cufftResult make(cufftHandle Handle, cufftResult Described, const Shape &S,
                 size_t *WorkSize) {
  return withPlan(Handle, [&](PlanState &Plan) {
    if (Plan.Exec || Plan.Nvidia >= 0)
      return CUFFT_INVALID_PLAN; // a handle holds one plan
    if (Described != CUFFT_SUCCESS)
      return Described;
    int Device = currentDevice();
    std::shared_ptr<const Transform> Exec;
    size_t Bytes = 0;
    cufftResult Status = build(S, Device, &Exec, &Bytes);
    if (Status != CUFFT_SUCCESS)
      return Status;
    try {
      if (Plan.AutoAllocate)
        Plan.OwnedWork = allocateWork(Bytes);
    } catch (const std::bad_alloc &) {
      return CUFFT_ALLOC_FAILED;
    }
    Plan.Device = Device;
    Plan.Made = S;
    Plan.Exec = std::move(Exec);
    Plan.WorkSize = Bytes;
    if (WorkSize)
      *WorkSize = Bytes;
    return CUFFT_SUCCESS;
  });
}

cufftResult sizeFor(cufftHandle Handle, cufftResult Described, const Shape &S,
                    size_t *WorkSize) {
  cufftResult Exists =
      withPlan(Handle, [](PlanState &) { return CUFFT_SUCCESS; });
  if (Exists != CUFFT_SUCCESS)
    return Exists;
  return estimate(Described, S, WorkSize);
}

bool hasNvidiaDevice() {
  int Device;
  return currentDeviceIsNvidia(&Device);
}

/// cufftPlan*: a new handle that Make makes (on an NVIDIA GPU, a forwarded
/// cufftMakePlan*), destroyed again when that fails.
cufftResult
createThenMake(cufftHandle *Handle,
               const std::function<cufftResult(cufftHandle, size_t *)> &Make) {
  if (!Handle)
    return CUFFT_INVALID_VALUE;
  cufftHandle Fresh;
  cufftResult Status = cufftCreate(&Fresh);
  if (Status != CUFFT_SUCCESS)
    return Status;
  size_t WorkSize = 0;
  Status = Make(Fresh, &WorkSize);
  if (Status != CUFFT_SUCCESS) {
    cufftDestroy(Fresh);
    return Status;
  }
  *Handle = Fresh;
  return CUFFT_SUCCESS;
}

/// cufftPlan* on the CPU device: a new handle made as S describes.
cufftResult createAndMake(cufftHandle *Handle, cufftResult Described,
                          const Shape &S) {
  return createThenMake(Handle, [&](cufftHandle Fresh, size_t *) {
    return make(Fresh, Described, S, nullptr);
  });
}

} // namespace

std::mutex &tx::fft::registryLock() { return registry().Lock; }

PlanState *tx::fft::findPlan(cufftHandle Handle) {
  auto It = registry().Plans.find(Handle);
  return It == registry().Plans.end() ? nullptr : It->second.get();
}

extern "C" {

cufftResult cufftCreate(cufftHandle *Handle) {

  if (!Handle)
    return CUFFT_INVALID_VALUE;
  Registry &R = registry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  try {
    cufftHandle Id = R.Next++;
    R.Plans[Id] = std::make_unique<PlanState>();
    *Handle = Id;
  } catch (const std::bad_alloc &) {
    return CUFFT_ALLOC_FAILED;
  }
  return CUFFT_SUCCESS;
}

cufftResult cufftDestroy(cufftHandle Handle) {

  Registry &R = registry();
  std::unique_ptr<PlanState> Gone;
  {
    std::lock_guard<std::mutex> Guard(R.Lock);
    auto It = R.Plans.find(Handle);
    if (It == R.Plans.end())
      return CUFFT_INVALID_PLAN;
    Gone = std::move(It->second);
    R.Plans.erase(It);
  }
  if (Gone->Nvidia >= 0)
    releaseTwin(Gone->Nvidia, Gone->Device);
  return CUFFT_SUCCESS; // pending executions hold their own references
}

cufftResult cufftPlan1d(cufftHandle *Plan, int NX, cufftType Type, int Batch) {
  if (hasNvidiaDevice())
    return createThenMake(Plan, [&](cufftHandle H, size_t *Size) {
      return cufftMakePlan1d(H, NX, Type, Batch, Size);
    });

  Shape S;
  cufftResult D = describeSimple(1, NX, 1, 1, Type, Batch, &S);
  return createAndMake(Plan, D, S);
}

cufftResult cufftPlan2d(cufftHandle *Plan, int NX, int NY, cufftType Type) {
  if (hasNvidiaDevice())
    return createThenMake(Plan, [&](cufftHandle H, size_t *Size) {
      return cufftMakePlan2d(H, NX, NY, Type, Size);
    });

  Shape S;
  cufftResult D = describeSimple(2, NX, NY, 1, Type, 1, &S);
  return createAndMake(Plan, D, S);
}

cufftResult cufftPlan3d(cufftHandle *Plan, int NX, int NY, int NZ,
                        cufftType Type) {
  if (hasNvidiaDevice())
    return createThenMake(Plan, [&](cufftHandle H, size_t *Size) {
      return cufftMakePlan3d(H, NX, NY, NZ, Type, Size);
    });
  Shape S;
  cufftResult D = describeSimple(3, NX, NY, NZ, Type, 1, &S);
  return createAndMake(Plan, D, S);
}

cufftResult cufftPlanMany(cufftHandle *Plan, int Rank, int *N, int *InEmbed,
                          int IStride, int IDist, int *OnEmbed, int OStride,
                          int ODist, cufftType Type, int Batch) {
  if (hasNvidiaDevice())
    return createThenMake(Plan, [&](cufftHandle H, size_t *Size) {
      return cufftMakePlanMany(H, Rank, N, InEmbed, IStride, IDist, OnEmbed,
                               OStride, ODist, Type, Batch, Size);
    });
  Shape S;
  cufftResult D = describe<int>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                OStride, ODist, Type, Batch, &S);
  return createAndMake(Plan, D, S);
}

cufftResult cufftMakePlan1d(cufftHandle Plan, int NX, cufftType Type, int Batch,
                            size_t *WorkSize) {

  TX_FFT_FORWARD_MAKE(cufftMakePlan1d, Plan, NX, Type, Batch, WorkSize);
  Shape S;
  return make(Plan, describeSimple(1, NX, 1, 1, Type, Batch, &S), S, WorkSize);
}

cufftResult cufftMakePlan2d(cufftHandle Plan, int NX, int NY, cufftType Type,
                            size_t *WorkSize) {

  TX_FFT_FORWARD_MAKE(cufftMakePlan2d, Plan, NX, NY, Type, WorkSize);
  Shape S;
  return make(Plan, describeSimple(2, NX, NY, 1, Type, 1, &S), S, WorkSize);
}

cufftResult cufftMakePlan3d(cufftHandle Plan, int NX, int NY, int NZ,
                            cufftType Type, size_t *WorkSize) {

  TX_FFT_FORWARD_MAKE(cufftMakePlan3d, Plan, NX, NY, NZ, Type, WorkSize);
  Shape S;
  return make(Plan, describeSimple(3, NX, NY, NZ, Type, 1, &S), S, WorkSize);
}

cufftResult cufftMakePlanMany(cufftHandle Plan, int Rank, int *N, int *InEmbed,
                              int IStride, int IDist, int *OnEmbed, int OStride,
                              int ODist, cufftType Type, int Batch,
                              size_t *WorkSize) {

  TX_FFT_FORWARD_MAKE(cufftMakePlanMany, Plan, Rank, N, InEmbed, IStride, IDist,
                      OnEmbed, OStride, ODist, Type, Batch, WorkSize);
  Shape S;
  cufftResult D = describe<int>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                OStride, ODist, Type, Batch, &S);
  return make(Plan, D, S, WorkSize);
}

cufftResult cufftMakePlanMany64(cufftHandle Plan, int Rank, long long *N,
                                long long *InEmbed, long long IStride,
                                long long IDist, long long *OnEmbed,
                                long long OStride, long long ODist,
                                cufftType Type, long long Batch,
                                size_t *WorkSize) {

  TX_FFT_FORWARD_MAKE(cufftMakePlanMany64, Plan, Rank, N, InEmbed, IStride,
                      IDist, OnEmbed, OStride, ODist, Type, Batch, WorkSize);
  Shape S;
  cufftResult D = describe<long long>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                      OStride, ODist, Type, Batch, &S);
  return make(Plan, D, S, WorkSize);
}

cufftResult cufftEstimate1d(int NX, cufftType Type, int Batch,
                            size_t *WorkSize) {
  Shape S;
  return estimate(describeSimple(1, NX, 1, 1, Type, Batch, &S), S, WorkSize);
}

cufftResult cufftEstimate2d(int NX, int NY, cufftType Type, size_t *WorkSize) {
  Shape S;
  return estimate(describeSimple(2, NX, NY, 1, Type, 1, &S), S, WorkSize);
}

cufftResult cufftEstimate3d(int NX, int NY, int NZ, cufftType Type,
                            size_t *WorkSize) {
  Shape S;
  return estimate(describeSimple(3, NX, NY, NZ, Type, 1, &S), S, WorkSize);
}

cufftResult cufftEstimateMany(int Rank, int *N, int *InEmbed, int IStride,
                              int IDist, int *OnEmbed, int OStride, int ODist,
                              cufftType Type, int Batch, size_t *WorkSize) {
  Shape S;
  cufftResult D = describe<int>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                OStride, ODist, Type, Batch, &S);
  return estimate(D, S, WorkSize);
}

cufftResult cufftGetSize1d(cufftHandle Plan, int NX, cufftType Type, int Batch,
                           size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSize1d, Plan, NX, Type, Batch, WorkSize);
  Shape S;
  cufftResult D = describeSimple(1, NX, 1, 1, Type, Batch, &S);
  return sizeFor(Plan, D, S, WorkSize);
}

cufftResult cufftGetSize2d(cufftHandle Plan, int NX, int NY, cufftType Type,
                           size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSize2d, Plan, NX, NY, Type, WorkSize);
  Shape S;
  return sizeFor(Plan, describeSimple(2, NX, NY, 1, Type, 1, &S), S, WorkSize);
}

cufftResult cufftGetSize3d(cufftHandle Plan, int NX, int NY, int NZ,
                           cufftType Type, size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSize3d, Plan, NX, NY, NZ, Type, WorkSize);
  Shape S;
  return sizeFor(Plan, describeSimple(3, NX, NY, NZ, Type, 1, &S), S, WorkSize);
}

cufftResult cufftGetSizeMany(cufftHandle Plan, int Rank, int *N, int *InEmbed,
                             int IStride, int IDist, int *OnEmbed, int OStride,
                             int ODist, cufftType Type, int Batch,
                             size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSizeMany, Plan, Rank, N, InEmbed, IStride, IDist,
                 OnEmbed, OStride, ODist, Type, Batch, WorkSize);
  Shape S;
  cufftResult D = describe<int>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                OStride, ODist, Type, Batch, &S);
  return sizeFor(Plan, D, S, WorkSize);
}

cufftResult cufftGetSizeMany64(cufftHandle Plan, int Rank, long long *N,
                               long long *InEmbed, long long IStride,
                               long long IDist, long long *OnEmbed,
                               long long OStride, long long ODist,
                               cufftType Type, long long Batch,
                               size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSizeMany64, Plan, Rank, N, InEmbed, IStride, IDist,
                 OnEmbed, OStride, ODist, Type, Batch, WorkSize);
  Shape S;
  cufftResult D = describe<long long>(Rank, N, InEmbed, IStride, IDist, OnEmbed,
                                      OStride, ODist, Type, Batch, &S);
  return sizeFor(Plan, D, S, WorkSize);
}

cufftResult cufftGetSize(cufftHandle Plan, size_t *WorkSize) {

  TX_FFT_FORWARD(cufftGetSize, Plan, WorkSize);
  return withPlan(Plan, [&](PlanState &State) {
    if (!WorkSize)
      return CUFFT_INVALID_VALUE;
    *WorkSize = State.WorkSize;
    return CUFFT_SUCCESS;
  });
}

cufftResult cufftSetWorkArea(cufftHandle Plan, void *WorkArea) {

  TX_FFT_FORWARD(cufftSetWorkArea, Plan, WorkArea);
  return withPlan(Plan, [&](PlanState &State) {
    State.UserWork = WorkArea;
    return CUFFT_SUCCESS;
  });
}

cufftResult cufftSetAutoAllocation(cufftHandle Plan, int AutoAllocate) {

  TX_FFT_FORWARD(cufftSetAutoAllocation, Plan, AutoAllocate);
  return withPlan(Plan, [&](PlanState &State) {
    State.AutoAllocate = AutoAllocate != 0;
    return CUFFT_SUCCESS;
  });
}

} // extern "C"
