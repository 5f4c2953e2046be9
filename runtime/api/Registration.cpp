//===- api/Registration.cpp - Registration hooks of compiled code ---------===//
//
// Part of Tongxin. The __cuda* hooks clang's host code calls from its module
// constructor, and __tx_register_cpu_module from CPU device objects. All may
// run before main, so everything goes through lazily created registries.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

using namespace tx;

void **__cudaRegisterFatBinary(void *FatCubin) {
  return reinterpret_cast<void **>(Registry::get().addFatBinary(FatCubin));
}

void __cudaRegisterFatBinaryEnd(void **) {}

void __cudaUnregisterFatBinary(void **Handle) {
  // Runs from the module destructor at exit. Let launched work finish before
  // static destructors tear down what kernels may use, then publish device
  // output.
  if (Context *Ctx = Context::existing())
    for (int I = 0; I < Ctx->deviceCount(); ++I)
      waitAll(Ctx->slot(I)->Streams->allWork());
  flushDeviceOutput();
  if (Handle)
    Registry::get().removeFatBinary(
        reinterpret_cast<FatBinaryRecord *>(Handle));
}

int __cudaRegisterFunction(void **Handle, const void *HostFun, char *DeviceFun,
                           const char *DeviceName, int, uint3 *, uint3 *,
                           dim3 *, dim3 *, int *) {
  if (!Handle || !HostFun)
    return 0;
  // clang passes the mangled name as both DeviceFun and DeviceName.
  const char *Name = DeviceName ? DeviceName : DeviceFun;
  Registry::get().addFunction(reinterpret_cast<FatBinaryRecord *>(Handle),
                              HostFun, Name);
  return 0;
}

void __cudaRegisterVar(void **Handle, char *HostVar, char *DeviceAddress,
                       const char *DeviceName, int, size_t Size, int Constant,
                       int) {
  if (!Handle || !HostVar)
    return;
  const char *Name = DeviceName ? DeviceName : DeviceAddress;
  Registry::get().addVar(reinterpret_cast<FatBinaryRecord *>(Handle), HostVar,
                         Name, Size, Constant != 0, nullptr);
}

void __cudaRegisterManagedVar(void **Handle, void **HostVarPtrAddress,
                              char *DeviceAddress, const char *DeviceName, int,
                              size_t Size, int Constant, int) {
  if (!Handle || !HostVarPtrAddress)
    return;
  const char *Name = DeviceName ? DeviceName : DeviceAddress;
  Registry::get().addVar(reinterpret_cast<FatBinaryRecord *>(Handle),
                         HostVarPtrAddress, Name, Size, Constant != 0,
                         HostVarPtrAddress);
}

extern "C" __attribute__((visibility("default"))) void
__tx_register_cpu_module(const TxCpuModule *Module) {
  Registry::get().addModule(Module);
}
