//===- Forward.h - cuFFT plans on NVIDIA GPUs are NVIDIA's cuFFT plans -*- C++
//-*-===//
//
// Part of Tongxin. A plan made while the current device is an NVIDIA GPU
// gets a twin in NVIDIA's own cuFFT (libs/common/NvidiaLibrary.h), made by
// NVIDIA's cufftMakePlan* with the same arguments; the plan's later calls
// (executions, sizes, work areas, properties) go to the twin on the plan's
// stream. TX_FFT_FORWARD_MAKE starts each cufftMakePlan*, TX_FFT_FORWARD
// each other call that takes a made plan.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_FORWARD_H
#define TONGXIN_LIBS_FFT_FORWARD_H

#include <cufft.h>

#include <functional>

namespace tx {
namespace fft {

/// True if the current device is an NVIDIA GPU (*Device: its ordinal).
bool currentDeviceIsNvidia(int *Device);
/// True if Plan was made on an NVIDIA GPU.
bool hasNvidiaTwin(cufftHandle Plan);
/// NVIDIA's function Name, or null.
void *nvidiaFunction(const char *Name);
/// Gives Plan (not made yet) a twin on Device, made by Make(Twin).
cufftResult makeTwin(cufftHandle Plan, int Device,
                     const std::function<cufftResult(cufftHandle)> &Make);
/// Runs Call(Twin) on Plan's stream.
cufftResult callTwin(cufftHandle Plan,
                     const std::function<cufftResult(cufftHandle)> &Call);
/// Destroys NVIDIA's twin Twin (made on Device).
void releaseTwin(cufftHandle Twin, int Device);

template <class Fn> struct PlanForwarder;
template <class... Args>
struct PlanForwarder<cufftResult (*)(cufftHandle, Args...)> {
  using NvidiaFn = cufftResult (*)(cufftHandle, Args...);
  static cufftResult make(const char *Name, cufftHandle Plan, int Device,
                          Args... A) {
    auto *F = reinterpret_cast<NvidiaFn>(nvidiaFunction(Name));
    if (!F)
      return CUFFT_NOT_SUPPORTED;
    return makeTwin(Plan, Device,
                    [&](cufftHandle Twin) { return F(Twin, A...); });
  }
  static cufftResult call(const char *Name, cufftHandle Plan, Args... A) {
    auto *F = reinterpret_cast<NvidiaFn>(nvidiaFunction(Name));
    if (!F)
      return CUFFT_NOT_SUPPORTED;
    return callTwin(Plan, [&](cufftHandle Twin) { return F(Twin, A...); });
  }
};

} // namespace fft
} // namespace tx

#define TX_FFT_FORWARD_MAKE(Name, Plan, ...)                                   \
  do {                                                                         \
    int TxNvidiaDevice = 0;                                                    \
    if (::tx::fft::currentDeviceIsNvidia(&TxNvidiaDevice))                     \
      return ::tx::fft::PlanForwarder<decltype(&Name)>::make(                  \
          #Name, Plan, TxNvidiaDevice, ##__VA_ARGS__);                         \
  } while (0)

#define TX_FFT_FORWARD(Name, Plan, ...)                                        \
  do {                                                                         \
    if (::tx::fft::hasNvidiaTwin(Plan))                                        \
      return ::tx::fft::PlanForwarder<decltype(&Name)>::call(#Name, Plan,      \
                                                             ##__VA_ARGS__);   \
  } while (0)

#endif // TONGXIN_LIBS_FFT_FORWARD_H
