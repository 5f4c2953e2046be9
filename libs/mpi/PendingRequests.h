//===- mpi/PendingRequests.h - Staged non-blocking MPI calls ----*- C++ -*-===//
//
// Part of Tongxin. A non-blocking call on memory of a device the host
// cannot address runs on host copies of its buffers, which must outlive
// the call and whose results reach the device only once the request
// completes. Such requests are kept here, by handle, until one of MPI's
// wait or test calls (which libtongxin_mpi defines too) completes them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_MPI_PENDINGREQUESTS_H
#define TONGXIN_LIBS_MPI_PENDINGREQUESTS_H

#include "Exchange.h"

#include <memory>

namespace tx {
namespace mpi {

/// After a non-blocking call that returned Result and set *Request: keeps
/// X with the request if it staged a buffer (and the call succeeded).
/// Returns Result.
int keepUntilComplete(std::unique_ptr<Exchange> X, int Result,
                      MPI_Request *Request);

/// Drops a stale entry under Request's handle (its request completed
/// through a call this library does not define), for a new request MPI
/// gave the same handle.
void forgetPending(MPI_Request Request);

} // namespace mpi
} // namespace tx

#endif // TONGXIN_LIBS_MPI_PENDINGREQUESTS_H
