//===- core/DeviceSelection.h - TONGXIN_DEVICES parsing ---------*- C++ -*-===//
//
// Part of Tongxin. Which of the devices the backends found become CUDA
// devices 0, 1, ..., and in which order. Pure logic, so that it can be
// tested without the devices.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_DEVICESELECTION_H
#define TONGXIN_RUNTIME_CORE_DEVICESELECTION_H

#include <cstddef>
#include <string>
#include <vector>

namespace tx {

/// Picks devices out of Available, the backend names of the devices found
/// in enumeration order (a device's index is its rank among the devices of
/// its backend: the second "cuda" entry is cuda:1).
///
/// List is TONGXIN_DEVICES: comma-separated entries "backend" (every
/// device of it) or "backend:index", e.g. "cpu", "cuda:1,cpu". Devices come
/// out in the order the entries name them, each at most once; entries that
/// name nothing present are appended to Ignored. A null or blank List
/// selects the default: every device except "null" and "cpu-private" ones (test
/// doubles), accelerators first (CUDA programs expect device 0 to be the GPU),
/// then the CPU.
///
/// Returns positions into Available.
std::vector<size_t> selectDevices(const char *List,
                                  const std::vector<std::string> &Available,
                                  std::vector<std::string> *Ignored);

/// True if List (TONGXIN_DEVICES; null: the default) may select a device
/// of Backend, so that backends nobody asked for are never initialised.
bool mayRequestBackend(const char *List, const char *Backend);

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_DEVICESELECTION_H
