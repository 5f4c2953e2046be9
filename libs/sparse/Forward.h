//===- sparse/Forward.h - cuSPARSE calls on NVIDIA GPUs go to NVIDIA's ----===//
//
// Part of Tongxin. Every cuSPARSE entry point that takes a handle starts
// with TX_SPARSE_FORWARD: when the handle's stream belongs to an NVIDIA GPU,
// the call goes to NVIDIA's own cuSPARSE (libs/common/NvidiaLibrary.h) with
// NVIDIA twins of the handle and of every descriptor among its arguments.
// A twin is made when a forwarded call first needs it, brought up to date
// with ours before each forwarded call (pointers, values, attributes), and
// destroyed with ours; sizes NVIDIA's call sets (C of SpGEMM, B of
// DenseToSparse) are copied back into ours. Twins of the descriptors that
// carry state from one call to the next (SpGEMM, SpSV, csrilu02 info) stay
// the same object for the descriptor's life, as NVIDIA's analyses need.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SPARSE_FORWARD_H
#define TONGXIN_LIBS_SPARSE_FORWARD_H

#include "cusparse.h"

#include <functional>
#include <tuple>
#include <utility>

namespace tx {
namespace sparse {

/// True if Handle is non-null and its stream is on an NVIDIA GPU (*Device).
bool onNvidia(cusparseHandle_t Handle, int *Device);

/// NVIDIA's cuSPARSE function Name, or null (said once on stderr why).
void *nvidiaFunction(const char *Name);

/// Runs Call with NVIDIA's twin of Handle (on the stream's CUstream, in
/// Handle's pointer mode) as work on Handle's stream, and waits for it.
cusparseStatus_t
forwardToNvidia(cusparseHandle_t Handle, int Device,
                const std::function<cusparseStatus_t(cusparseHandle_t)> &Call);

/// Destroys the NVIDIA twin of one of our handles or descriptors, if any.
void releaseNvidiaTwin(const void *Ours);

/// NVIDIA's twin of the SpGEMM descriptor, or null if no call made one.
cusparseSpGEMMDescr_t existingNvidiaTwin(cusparseSpGEMMDescr_t Ours);

//--- Arguments: ours in, NVIDIA's out ----------------------------------------

/// An argument that is no descriptor passes unchanged.
template <class T> cusparseStatus_t toNvidia(T Ours, T *Twin) {
  *Twin = Ours;
  return CUSPARSE_STATUS_SUCCESS;
}
cusparseStatus_t toNvidia(cusparseSpMatDescr_t Ours,
                          cusparseSpMatDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseConstSpMatDescr_t Ours,
                          cusparseConstSpMatDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseDnVecDescr_t Ours,
                          cusparseDnVecDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseConstDnVecDescr_t Ours,
                          cusparseConstDnVecDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseDnMatDescr_t Ours,
                          cusparseDnMatDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseConstDnMatDescr_t Ours,
                          cusparseConstDnMatDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseMatDescr_t Ours, cusparseMatDescr_t *Twin);
cusparseStatus_t toNvidia(csrilu02Info_t Ours, csrilu02Info_t *Twin);
cusparseStatus_t toNvidia(cusparseSpGEMMDescr_t Ours,
                          cusparseSpGEMMDescr_t *Twin);
cusparseStatus_t toNvidia(cusparseSpSVDescr_t Ours, cusparseSpSVDescr_t *Twin);

/// After NVIDIA's call: what it may have changed in a twin, copied back.
template <class T> void fromNvidia(T, T) {}
void fromNvidia(cusparseSpMatDescr_t Ours, cusparseSpMatDescr_t Twin);

/// Forwards an entry point whose first parameter is the handle, its other
/// arguments translated to NVIDIA's twins.
template <class Fn> struct Forwarder;
template <class... Args>
struct Forwarder<cusparseStatus_t (*)(cusparseHandle_t, Args...)> {
  using NvidiaFn = cusparseStatus_t (*)(cusparseHandle_t, Args...);

  static cusparseStatus_t call(const char *Name, cusparseHandle_t Handle,
                               int Device, Args... A) {
    auto F = reinterpret_cast<NvidiaFn>(nvidiaFunction(Name));
    if (!F)
      return CUSPARSE_STATUS_NOT_SUPPORTED;
    return forwardToNvidia(Handle, Device, [&](cusparseHandle_t Twin) {
      return withTwins(F, Twin, std::index_sequence_for<Args...>(), A...);
    });
  }

private:
  template <size_t... I>
  static cusparseStatus_t withTwins(NvidiaFn F, cusparseHandle_t Twin,
                                    std::index_sequence<I...>, Args... A) {
    std::tuple<Args...> Twins;
    cusparseStatus_t S = CUSPARSE_STATUS_SUCCESS;
    ((S = S != CUSPARSE_STATUS_SUCCESS ? S : toNvidia(A, &std::get<I>(Twins))),
     ...);
    if (S != CUSPARSE_STATUS_SUCCESS)
      return S;
    S = F(Twin, std::get<I>(Twins)...);
    if (S == CUSPARSE_STATUS_SUCCESS)
      (fromNvidia(A, std::get<I>(Twins)), ...);
    return S;
  }
};

} // namespace sparse
} // namespace tx

/// At the start of entry point Name(Handle, ...): on an NVIDIA GPU, returns
/// what NVIDIA's Name returns for the same arguments.
#define TX_SPARSE_FORWARD(Name, Handle, ...)                                   \
  do {                                                                         \
    int TxNvidiaDevice = 0;                                                    \
    if (::tx::sparse::onNvidia(Handle, &TxNvidiaDevice))                       \
      return ::tx::sparse::Forwarder<decltype(&Name)>::call(                   \
          #Name, Handle, TxNvidiaDevice, ##__VA_ARGS__);                       \
  } while (0)

#endif // TONGXIN_LIBS_SPARSE_FORWARD_H
