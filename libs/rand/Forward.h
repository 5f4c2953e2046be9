//===- Forward.h - cuRAND generators on NVIDIA GPUs are NVIDIA's -*- C++
//-*-===//
//
// Part of Tongxin. A device generator created while the current device is
// an NVIDIA GPU is a twin in NVIDIA's own cuRAND (libs/common/
// NvidiaLibrary.h): every call that takes the generator (seeds, offsets,
// orderings, generation) starts with TX_RAND_FORWARD and goes to the twin,
// on the generator's stream. Host generators stay ours.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_FORWARD_H
#define TONGXIN_LIBS_RAND_FORWARD_H

#include "curand.h"

#include "NvidiaLibrary.h"

namespace tx {
namespace rand {

/// How cuRAND forwards (lib::HandleForwarder).
struct CurandForwarding {
  static constexpr curandStatus_t NotSupported = CURAND_STATUS_ARCH_MISMATCH;
  static void *function(const char *Name);
  static curandStatus_t
  forward(curandGenerator_t Generator, int Device,
          const std::function<curandStatus_t(void *)> &Call);
};

/// Makes NVIDIA's twin of a new device generator of Type on Device.
curandStatus_t createTwin(curandGenerator_t Generator, curandRngType_t Type,
                          int Device);
/// Destroys Generator's twin, if it has one.
void releaseTwin(curandGenerator_t Generator);
/// True if Generator has a twin (*Device: its GPU).
bool hasTwin(curandGenerator_t Generator, int *Device);

} // namespace rand
} // namespace tx

#define TX_RAND_FORWARD(Name, Generator, ...)                                  \
  do {                                                                         \
    int TxNvidiaDevice = 0;                                                    \
    if (::tx::rand::hasTwin(Generator, &TxNvidiaDevice))                       \
      return ::tx::lib::HandleForwarder<decltype(&Name)>::call<                \
          ::tx::rand::CurandForwarding>(#Name, Generator, TxNvidiaDevice,      \
                                        ##__VA_ARGS__);                        \
  } while (0)

#endif // TONGXIN_LIBS_RAND_FORWARD_H
