//===- mpi/Exchange.h - The buffers of one MPI call -------------*- C++ -*-===//
//
// Part of Tongxin. The send and receive buffers of one MPI call, each
// staged through host memory if it lies in memory of a device the host
// cannot address (DeviceBuffers.h). A blocking call finishes its exchange
// when it returns; a non-blocking one hands it to PendingRequests.h until
// its request completes.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_MPI_EXCHANGE_H
#define TONGXIN_LIBS_MPI_EXCHANGE_H

#include "DeviceBuffers.h"

namespace tx {
namespace mpi {

/// A send buffer the call reads and a receive buffer it writes (and reads
/// first when the send buffer is MPI_IN_PLACE).
class Exchange {
public:
  int send(const void *Buf, int Count, MPI_Datatype Type) {
    int Err;
    Send = Sent.prepare(Buf, Count, Type, Direction::In, &Err);
    InPlace = Buf == MPI_IN_PLACE;
    return Err;
  }
  int receive(void *Buf, int Count, MPI_Datatype Type) {
    int Err;
    Receive = Received.prepare(
        Buf, Count, Type, InPlace ? Direction::InOut : Direction::Out, &Err);
    return Err;
  }
  /// After the call: the results back to the device.
  int finish(int Result) { return Received.finish(Result); }
  /// Some buffer goes through a host copy.
  bool staged() const { return Sent.staged() || Received.staged(); }

  void *Send = nullptr;
  void *Receive = nullptr;

private:
  StagedBuffer Sent, Received;
  bool InPlace = false;
};

} // namespace mpi
} // namespace tx

#endif // TONGXIN_LIBS_MPI_EXCHANGE_H
