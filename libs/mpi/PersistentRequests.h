//===- mpi/PersistentRequests.h - Persistent requests on device memory -*- C++
//-*-===//
//
// Part of Tongxin. A persistent request (MPI_Send_init, MPI_Recv_init, ...)
// on memory of a device the host cannot address is made on a host copy of
// its buffer, which lives as long as the request: MPI_Start and
// MPI_Startall copy the device's bytes into it first, and a wait or test
// that completes a started receive copies it back to the device.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_MPI_PERSISTENTREQUESTS_H
#define TONGXIN_LIBS_MPI_PERSISTENTREQUESTS_H

#include "DeviceBuffers.h"

#include <memory>

namespace tx {
namespace mpi {

/// True if some persistent request has a host copy (cheap).
bool anyPersistent();

/// After the wait or test that completed Request (Cancelled: it was
/// cancelled, so nothing arrived): a started receive's data goes to the
/// device. MPI_SUCCESS, or MPI_ERR_BUFFER if that copy failed; nothing for
/// requests without a host copy or not started.
int completePersistent(MPI_Request Request, bool Cancelled);

/// MPI_Request_free on Request, if it has a host copy: *Result is what the
/// call returns (refused while the request is started: its data could not
/// reach the device). False for other requests.
bool freePersistent(MPI_Request *Request, int *Result);

} // namespace mpi
} // namespace tx

#endif // TONGXIN_LIBS_MPI_PERSISTENTREQUESTS_H
