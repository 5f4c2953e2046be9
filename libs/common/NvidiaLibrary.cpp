//===- common/NvidiaLibrary.cpp - NVIDIA's own libraries on NVIDIA GPUs ---===//
//
// Part of Tongxin. See NvidiaLibrary.h.
//
//===----------------------------------------------------------------------===//

#include "NvidiaLibrary.h"

#include "tongxin/library_support.h"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <memory>
#include <unistd.h>

namespace tx {
namespace lib {

NvidiaLibrary::NvidiaLibrary(std::vector<std::string> Sonames,
                             std::vector<std::string> Preload)
    : Sonames(std::move(Sonames)), Preload(std::move(Preload)) {}

/// Where NVIDIA's libraries are looked for before the loader's own search:
/// $TONGXIN_NVIDIA_LIBRARY_PATH (a colon-separated list), the toolkit named
/// by $CUDA_HOME or $CUDA_PATH, and /usr/local/cuda.
static std::vector<std::string> searchDirectories() {
  std::vector<std::string> Dirs;
  if (const char *List = std::getenv("TONGXIN_NVIDIA_LIBRARY_PATH")) {
    std::string Rest = List;
    for (size_t Colon; (Colon = Rest.find(':')) != std::string::npos;
         Rest.erase(0, Colon + 1))
      Dirs.push_back(Rest.substr(0, Colon));
    Dirs.push_back(Rest);
  }
  for (const char *Var : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *Root = std::getenv(Var))
      Dirs.push_back(std::string(Root) + "/lib64");
  Dirs.push_back("/usr/local/cuda/lib64");
  Dirs.push_back(""); // The loader's search path.
  return Dirs;
}

static void *openLibrary(const std::string &Path) {
  int Flags = RTLD_NOW | RTLD_LOCAL;
  // NVIDIA's library calls its siblings (cuBLASLt, ...) by the same names
  // as ours: make it find its own first. (ASan refuses deep binding.)
  if (!TX_ADDRESS_SANITIZER)
    Flags |= RTLD_DEEPBIND;
  return dlopen(Path.c_str(), Flags);
}

/// True if Library is, or uses, a library of Tongxin's: every one of ours
/// needs libcudart, whose API then is in the library's lookup scope.
static bool reachesTongxin(void *Library) {
  return dlsym(Library, "txLibraryStreamDevice") != nullptr;
}

void NvidiaLibrary::load() {
  for (const std::string &Dir : searchDirectories())
    for (const std::string &Soname : Sonames) {
      auto PathOf = [&](const std::string &Name) {
        return Dir.empty() ? Name : Dir + "/" + Name;
      };
      // Siblings are preloaded only where the library itself is, so that
      // a directory without it leaves nothing loaded for a later one (of
      // another toolkit) to bind to.
      if (!Dir.empty() && access(PathOf(Soname).c_str(), R_OK) != 0)
        continue;
      std::vector<void *> Siblings;
      for (const std::string &Needed : Preload)
        if (void *Sibling = openLibrary(PathOf(Needed)))
          Siblings.push_back(Sibling);
      void *Candidate = openLibrary(PathOf(Soname));
      if (Candidate && reachesTongxin(Candidate)) {
        Why = "NVIDIA's " + Soname + " in " +
              (Dir.empty() ? "the loader's path" : Dir) +
              " would use Tongxin's library of the same SONAME";
        dlclose(Candidate);
        Candidate = nullptr;
      }
      if (Candidate) {
        Handle = Candidate; // Never closed: NVIDIA's state lives on.
        Why.clear();
        return;
      }
      for (void *Sibling : Siblings)
        dlclose(Sibling);
    }
  if (Why.empty())
    Why = "NVIDIA's library (" + Sonames.front() +
          ") was not found; set TONGXIN_NVIDIA_LIBRARY_PATH to its directory";
}

void *NvidiaLibrary::symbol(const char *Name) {
  std::call_once(Once, [this] { load(); });
  return Handle ? dlsym(Handle, Name) : nullptr;
}

const std::string &NvidiaLibrary::why() {
  std::call_once(Once, [this] { load(); });
  return Why;
}

namespace {
/// A forwarded call, shared by the caller and the stream's work item. The
/// call refers to the caller's frame, so it runs only while the caller
/// waits: a job the stream has not started when the caller gives up (after
/// an error) is cancelled.
struct NativeJob {
  int Device = 0;
  const std::function<int(void *)> *Call = nullptr;
  int Result = 0;
  cudaError_t Error = cudaSuccess;
  std::mutex Mutex;
  std::condition_variable Finished;
  bool Started = false, Done = false, Cancelled = false;
};
} // namespace

static void runNativeJob(void *Data) {
  std::unique_ptr<std::shared_ptr<NativeJob>> Owner(
      static_cast<std::shared_ptr<NativeJob> *>(Data));
  NativeJob &Job = **Owner;
  {
    std::lock_guard<std::mutex> Lock(Job.Mutex);
    if (Job.Cancelled)
      return;
    Job.Started = true;
  }
  void *Native = nullptr;
  Job.Error = txLibraryNativeStream(Job.Device, &Native);
  if (Job.Error == cudaSuccess) {
    Job.Result = (*Job.Call)(Native);
    Job.Error = txLibraryFinishNativeWork(Job.Device);
  }
  std::lock_guard<std::mutex> Lock(Job.Mutex);
  Job.Done = true;
  Job.Finished.notify_all();
}

namespace {
/// GPU work a forwarded call queued while its stream was captured: NVIDIA's
/// graph of it, replayed by a host node of the user's graph, and owned by
/// that graph (a user object).
struct CapturedWork {
  int Device = 0;
  void *Graph = nullptr;
  CapturedWork() = default;
  CapturedWork(const CapturedWork &) = delete;
  CapturedWork &operator=(const CapturedWork &) = delete;
  ~CapturedWork() {
    if (Graph)
      txLibraryDestroyNativeGraph(Device, Graph);
  }
};
} // namespace

static void replayCapturedWork(void *Data) {
  auto *Work = static_cast<CapturedWork *>(Data);
  (void)txLibraryRunNativeGraph(Work->Device, Work->Graph);
}

static void destroyCapturedWork(void *Data) {
  delete static_cast<CapturedWork *>(Data);
}

/// Puts a graph of captured GPU work into the graph Stream is capturing.
static cudaError_t appendCapturedWork(cudaStream_t Stream,
                                      std::unique_ptr<CapturedWork> Work) {
  cudaStreamCaptureStatus Status;
  cudaGraph_t Graph = nullptr;
  if (cudaError_t Err =
          cudaStreamGetCaptureInfo(Stream, &Status, nullptr, &Graph))
    return Err;
  cudaUserObject_t Owner;
  if (cudaError_t Err =
          cudaUserObjectCreate(&Owner, Work.get(), destroyCapturedWork, 1,
                               cudaUserObjectNoDestructorSync))
    return Err;
  CapturedWork *Node = Work.release();
  if (cudaError_t Err =
          cudaGraphRetainUserObject(Graph, Owner, 1, cudaGraphUserObjectMove)) {
    (void)cudaUserObjectRelease(Owner, 1);
    return Err;
  }
  return cudaLaunchHostFunc(Stream, replayCapturedWork, Node);
}

/// runNative on a stream being captured: Call runs now, on a CUstream
/// NVIDIA's driver captures, and what it queued joins the user's graph.
static cudaError_t captureNative(cudaStream_t Stream, int Device,
                                 const std::function<int(void *)> &Call,
                                 int *Result) {
  auto Thunk = [](void *Context, void *Native) {
    return (*static_cast<const std::function<int(void *)> *>(Context))(Native);
  };
  auto Work = std::make_unique<CapturedWork>();
  Work->Device = Device;
  int CallResult = 0;
  if (cudaError_t Err = txLibraryCaptureNative(
          Device, Thunk, const_cast<std::function<int(void *)> *>(&Call),
          &CallResult, &Work->Graph))
    return Err;
  *Result = CallResult;
  // A failed call (or one that queued nothing) adds nothing to replay.
  if (!Work->Graph || CallResult != 0)
    return cudaSuccess;
  cudaError_t Err = appendCapturedWork(Stream, std::move(Work));
  if (Err != cudaSuccess)
    std::fprintf(stderr,
                 "tongxin: a library call's GPU work could not join the "
                 "graph being captured: %s\n",
                 cudaGetErrorString(Err));
  return Err;
}

cudaError_t runNative(cudaStream_t Stream, int Device,
                      const std::function<int(void *NativeStream)> &Call,
                      int *Result) {
  cudaStreamCaptureStatus Capture = cudaStreamCaptureStatusNone;
  if (cudaError_t Err = cudaStreamIsCapturing(Stream, &Capture))
    return Err;
  if (Capture == cudaStreamCaptureStatusInvalidated)
    return cudaErrorStreamCaptureInvalidated;
  if (Capture == cudaStreamCaptureStatusActive) {
    // Devices without native capture (the HAL's default) say not supported.
    cudaError_t Err = captureNative(Stream, Device, Call, Result);
    return Err == cudaErrorNotSupported ? cudaErrorStreamCaptureUnsupported
                                        : Err;
  }
  auto Job = std::make_shared<NativeJob>();
  Job->Device = Device;
  Job->Call = &Call;
  auto *Owner = new std::shared_ptr<NativeJob>(Job);
  if (cudaError_t Err = cudaLaunchHostFunc(Stream, runNativeJob, Owner)) {
    delete Owner;
    return Err;
  }
  cudaError_t Err = cudaStreamSynchronize(Stream);
  std::unique_lock<std::mutex> Lock(Job->Mutex);
  if (!Job->Started) {
    Job->Cancelled = true;
    return Err != cudaSuccess ? Err : cudaErrorLaunchFailure;
  }
  Job->Finished.wait(Lock, [&] { return Job->Done; });
  if (Job->Error != cudaSuccess)
    return Job->Error;
  if (Err != cudaSuccess)
    return Err;
  *Result = Job->Result;
  return cudaSuccess;
}

} // namespace lib
} // namespace tx
