//===- cuda/PtxModules.cpp - PTX to loaded CUDA modules -------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "backends/cuda/PtxModules.h"

namespace tx {
namespace cuda {

namespace {
/// The driver's JIT log buffers, passed as options to a compile or link.
struct JitLog {
  char Errors[8192] = {};
  char Info[4096] = {};
  CUjit_option Options[4] = {
      CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
      CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES};
  void *Values[4] = {Errors, reinterpret_cast<void *>(sizeof(Errors) - 1), Info,
                     reinterpret_cast<void *>(sizeof(Info) - 1)};

  /// St's message followed by What and the error log.
  Status failure(const Status &St, const std::string &What) const {
    std::string Text = std::string(St.message()) + "; " + What;
    if (Errors[0])
      Text += std::string(":\n") + Errors;
    // A compile error is not the program's fault: "no kernel image".
    StatusCode Code = St.code() == StatusCode::Internal
                          ? StatusCode::NoKernelImage
                          : St.code();
    return Status(Code, hal::internMessage(Text.c_str()));
  }
};
} // namespace

Status loadPtxModule(const Driver &D, const PtxSource &Source, CUmodule *Out) {
  JitLog Log;
  Status St = TX_CU(D, cuModuleLoadDataEx, Out, Source.Text, 4, Log.Options,
                    Log.Values);
  if (St.isOk())
    return St;
  *Out = nullptr;
  return Log.failure(St, Source.Name + " did not JIT-compile");
}

Status linkPtxModules(const Driver &D, const std::vector<PtxSource> &Sources,
                      CUmodule *Out) {
  *Out = nullptr;
  JitLog Log;
  CUlinkState State = nullptr;
  Status St = TX_CU(D, cuLinkCreate_v2, 4, Log.Options, Log.Values, &State);
  if (!St.isOk())
    return St;
  std::string Names;
  for (const PtxSource &Source : Sources) {
    Names += (Names.empty() ? "" : ", ") + Source.Name;
    St = TX_CU(D, cuLinkAddData_v2, State, CU_JIT_INPUT_PTX,
               const_cast<char *>(Source.Text), Source.Size,
               Source.Name.c_str(), 0, nullptr, nullptr);
    if (!St.isOk())
      break;
  }
  void *Cubin = nullptr;
  size_t CubinSize = 0;
  if (St.isOk())
    St = TX_CU(D, cuLinkComplete, State, &Cubin, &CubinSize);
  // The linked image belongs to the link state: load it before destroying.
  if (St.isOk())
    St = TX_CU(D, cuModuleLoadDataEx, Out, Cubin, 0, nullptr, nullptr);
  D.cuLinkDestroy(State);
  if (St.isOk())
    return St;
  *Out = nullptr;
  return Log.failure(St,
                     "relocatable device code of " + Names + " did not link");
}

} // namespace cuda
} // namespace tx
