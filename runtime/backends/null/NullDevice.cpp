//===- null/NullDevice.cpp - Template backend: everything unsupported -----===//
//
// Part of Tongxin. Copy this directory to start a backend for a new chip;
// see README.md. Each TODO(null) marks a decision the vendor must make.
//
//===----------------------------------------------------------------------===//

#include "tongxin/hal.h"

#include <cstring>

namespace tx {
namespace null {

static constexpr const char *NotImplemented =
    "the null backend implements nothing";

namespace {
// TODO(null): map a queue onto the device's command queue / stream. Work
// items are host closures today; a device with its own queues would enqueue
// kernels and copies directly and run only host callbacks on a host thread.
class NullQueue final : public hal::Queue {
public:
  Status submit(std::function<void()>) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }
};

class NullDevice final : public hal::Device {
public:
  NullDevice() {
    // TODO(null): describe the device honestly: name, memory, compute
    // units, limits. The runtime validates launches against these values.
    std::strncpy(Info.Name, "Tongxin null device", sizeof(Info.Name) - 1);
    Info.Backend = "null";
    std::strncpy(Info.Architecture, "none", sizeof(Info.Architecture) - 1);
    // TODO(null): false if the host cannot dereference device pointers;
    // the runtime then routes every copy through copy() below.
    Info.HostAccessibleMemory = false;
  }

  const hal::DeviceInfo &info() const override { return Info; }

  // TODO(null): device memory. Unified addressing is assumed: the pointer
  // returned must be usable by the device and, if the device can map host
  // memory, by the host.
  Status allocate(size_t, size_t, void **) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }
  void release(void *) override {}
  Status memoryInfo(size_t *, size_t *) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }

  // TODO(null): synchronous copies and fills (DMA or mapped memory).
  Status copy(void *, const void *, size_t) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }
  Status fill(void *, int, size_t) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }

  Status createQueue(int, std::unique_ptr<hal::Queue> *Out) override {
    Out->reset(new NullQueue());
    return Status::ok();
  }

  // TODO(null): pick this chip's image among Module.Images (add a
  // TxImageKind for it in tongxin/abi.h), load it once per TuId, find Name
  // in it and describe its parameters in a TxKernelRecord you own (see
  // runtime/backends/cuda/CudaModule.cpp). No image: NoKernelImage.
  Status findKernel(const hal::ModuleRef &, const char *,
                    const TxKernelRecord **) override {
    return Status(StatusCode::NoKernelImage,
                  "the null backend runs no device code");
  }
  Status findVariable(const hal::ModuleRef &, const char *, void **,
                      size_t *) override {
    return Status(StatusCode::NoKernelImage,
                  "the null backend runs no device code");
  }

  // TODO(null): run the grid of Launch.Kernel (the record findKernel
  // returned; map it to your kernel handle) and wait for it. Report
  // device-side asserts as AssertTriggered and faults as LaunchFailed.
  Status launch(const hal::KernelLaunch &) override {
    return Status(StatusCode::Unsupported, NotImplemented);
  }

private:
  hal::DeviceInfo Info;
};
} // namespace

} // namespace null

std::unique_ptr<hal::Device> hal::createNullDevice() {
  return std::unique_ptr<hal::Device>(new null::NullDevice());
}

} // namespace tx
