//===- fft/Exec.cpp - Running cuFFT plans on their stream -----------------===//
//
// Part of Tongxin. An execution checks its arguments on the calling thread,
// then queues the transform on the plan's stream, where it runs after the
// stream's earlier work on the CPU device's workers. The queued work holds
// the transform and the library's own work area, so destroying the plan
// right after an execution (a common idiom) is safe. Also: streams,
// version queries and plan properties.
//
//===----------------------------------------------------------------------===//

#include "PlanRegistry.h"

#include "LibraryCall.h"

#include <cstring>

using namespace tx::fft;

namespace {

/// The raw value of an enum argument, read without assuming it is one of
/// the enumerators (callers may pass any integer).
template <typename Enum> int rawValue(const Enum &Value) {
  int Raw;
  std::memcpy(&Raw, &Value, sizeof(Raw));
  return Raw;
}

/// Everything a queued execution needs, copied out under the lock.
struct Launch {
  std::shared_ptr<const Transform> Exec;
  std::shared_ptr<void> OwnedWork;
  void *Work = nullptr;
  cudaStream_t Stream = nullptr;
};

cufftResult prepare(cufftHandle Handle, Kind Type, bool Double, Launch *Out) {
  return withPlan(Handle, [&](PlanState &Plan) {
    if (!Plan.Exec || Plan.Made.Type != Type || Plan.Made.Double != Double)
      return CUFFT_INVALID_PLAN;
    Out->Exec = Plan.Exec;
    Out->OwnedWork = Plan.OwnedWork;
    Out->Work = Plan.UserWork ? Plan.UserWork : Plan.OwnedWork.get();
    Out->Stream = Plan.Stream;
    if (Plan.WorkSize > 0 && !Out->Work)
      return CUFFT_NO_WORKSPACE;
    return CUFFT_SUCCESS;
  });
}

cufftResult execute(cufftHandle Handle, Kind Type, bool Double, const void *In,
                    void *Out, int Direction) {
  Launch L;
  cufftResult Status = prepare(Handle, Type, Double, &L);
  if (Status != CUFFT_SUCCESS)
    return Status;
  if (!In || !Out)
    return CUFFT_INVALID_VALUE;
  if (Direction != CUFFT_FORWARD && Direction != CUFFT_INVERSE)
    return CUFFT_INVALID_VALUE;
  tx::lib::Placement Where;
  if (tx::lib::placeStream(L.Stream, &Where) != cudaSuccess)
    return CUFFT_EXEC_FAILED;
  if (Where.Kind != txLibraryDeviceHost)
    return CUFFT_NOT_SUPPORTED; // Plans made for another device.
  bool Inverse = Direction == CUFFT_INVERSE;
  int Device = Where.Device;
  cudaError_t Queued =
      tx::lib::enqueue(L.Stream, [L, In, Out, Inverse, Device] {
        L.Exec->execute(In, Out, Inverse, L.Work, Device);
      });
  return Queued == cudaSuccess ? CUFFT_SUCCESS : CUFFT_EXEC_FAILED;
}

} // namespace

extern "C" {

cufftResult cufftExecC2C(cufftHandle Plan, cufftComplex *In, cufftComplex *Out,
                         int Direction) {

  TX_FFT_FORWARD(cufftExecC2C, Plan, In, Out, Direction);
  return execute(Plan, Kind::C2C, false, In, Out, Direction);
}

cufftResult cufftExecR2C(cufftHandle Plan, cufftReal *In, cufftComplex *Out) {

  TX_FFT_FORWARD(cufftExecR2C, Plan, In, Out);
  return execute(Plan, Kind::R2C, false, In, Out, CUFFT_FORWARD);
}

cufftResult cufftExecC2R(cufftHandle Plan, cufftComplex *In, cufftReal *Out) {

  TX_FFT_FORWARD(cufftExecC2R, Plan, In, Out);
  return execute(Plan, Kind::C2R, false, In, Out, CUFFT_INVERSE);
}

cufftResult cufftExecZ2Z(cufftHandle Plan, cufftDoubleComplex *In,
                         cufftDoubleComplex *Out, int Direction) {

  TX_FFT_FORWARD(cufftExecZ2Z, Plan, In, Out, Direction);
  return execute(Plan, Kind::C2C, true, In, Out, Direction);
}

cufftResult cufftExecD2Z(cufftHandle Plan, cufftDoubleReal *In,
                         cufftDoubleComplex *Out) {

  TX_FFT_FORWARD(cufftExecD2Z, Plan, In, Out);
  return execute(Plan, Kind::R2C, true, In, Out, CUFFT_FORWARD);
}

cufftResult cufftExecZ2D(cufftHandle Plan, cufftDoubleComplex *In,
                         cufftDoubleReal *Out) {

  TX_FFT_FORWARD(cufftExecZ2D, Plan, In, Out);
  return execute(Plan, Kind::C2R, true, In, Out, CUFFT_INVERSE);
}

cufftResult cufftSetStream(cufftHandle Plan, cudaStream_t Stream) {

  return withPlan(Plan, [&](PlanState &State) {
    State.Stream = Stream;
    return CUFFT_SUCCESS;
  });
}

cufftResult cufftGetVersion(int *Version) {
  if (!Version)
    return CUFFT_INVALID_VALUE;
  *Version = CUFFT_VERSION;
  return CUFFT_SUCCESS;
}

cufftResult cufftGetProperty(libraryPropertyType Type, int *Value) {
  if (!Value)
    return CUFFT_INVALID_VALUE;
  switch (rawValue(Type)) {
  case MAJOR_VERSION:
    *Value = CUFFT_VER_MAJOR;
    return CUFFT_SUCCESS;
  case MINOR_VERSION:
    *Value = CUFFT_VER_MINOR;
    return CUFFT_SUCCESS;
  case PATCH_LEVEL:
    *Value = CUFFT_VER_PATCH;
    return CUFFT_SUCCESS;
  }
  return CUFFT_INVALID_TYPE;
}

/// The field of State that holds Property, or null for an unknown one.
static long long *propertySlot(PlanState &State,
                               const cufftProperty &Property) {
  switch (rawValue(Property)) {
  case NVFFT_PLAN_PROPERTY_INT64_PATIENT_JIT:
    return &State.PatientJit;
  case NVFFT_PLAN_PROPERTY_INT64_MAX_NUM_HOST_THREADS:
    return &State.MaxHostThreads;
  }
  return nullptr;
}

// The properties tune NVIDIA's JIT and host threads; they are kept and
// reported, and have no effect on the CPU.
cufftResult cufftSetPlanPropertyInt64(cufftHandle Plan, cufftProperty Property,
                                      const long long Value) {
  TX_FFT_FORWARD(cufftSetPlanPropertyInt64, Plan, Property, Value);
  return withPlan(Plan, [&](PlanState &State) {
    long long *Slot = propertySlot(State, Property);
    if (!Slot || Value < 0 || (Slot == &State.PatientJit && Value > 1))
      return CUFFT_INVALID_VALUE;
    *Slot = Value;
    return CUFFT_SUCCESS;
  });
}

cufftResult cufftGetPlanPropertyInt64(cufftHandle Plan, cufftProperty Property,
                                      long long *Value) {

  TX_FFT_FORWARD(cufftGetPlanPropertyInt64, Plan, Property, Value);
  return withPlan(Plan, [&](PlanState &State) {
    long long *Slot = propertySlot(State, Property);
    if (!Slot || !Value)
      return CUFFT_INVALID_VALUE;
    *Value = *Slot;
    return CUFFT_SUCCESS;
  });
}

cufftResult cufftResetPlanProperty(cufftHandle Plan, cufftProperty Property) {

  TX_FFT_FORWARD(cufftResetPlanProperty, Plan, Property);
  return withPlan(Plan, [&](PlanState &State) {
    long long *Slot = propertySlot(State, Property);
    if (!Slot)
      return CUFFT_INVALID_VALUE;
    *Slot = 0;
    return CUFFT_SUCCESS;
  });
}

} // extern "C"
