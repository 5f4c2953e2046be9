//===- nccl/Exchange.h - Point-to-point transfers of a rank -----*- C++ -*-===//
//
// Part of Tongxin. The transport under every collective: a rank posts
// sends and receives to other ranks without blocking, then waits for all of
// them. A peer in this process is reached through the communicator's
// LocalHub (one copy, straight from the sender's buffer); a peer in another
// process through MPI. Messages between two ranks arrive in the order they
// were sent. A size mismatch (the ranks called different operations or
// counts) fails the wait on both sides instead of corrupting memory.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_EXCHANGE_H
#define TONGXIN_LIBS_NCCL_EXCHANGE_H

#include "Comm.h"

#include <chrono>
#include <memory>
#include <vector>

namespace tx {
namespace nccl {

class Exchange {
public:
  Exchange(RankState &Self, Channel Ch);
  ~Exchange();
  Exchange(const Exchange &) = delete;
  Exchange &operator=(const Exchange &) = delete;

  /// Starts sending Bytes at Data to Peer; Data must stay unchanged until
  /// the wait that completes it.
  void send(int Peer, const void *Data, size_t Bytes);
  /// Starts receiving exactly Bytes from Peer into Data.
  void recv(int Peer, void *Data, size_t Bytes);
  /// A mark: wait(mark()) waits for everything posted so far.
  size_t mark() const { return Transfers.size(); }
  /// Completes every transfer posted before Mark (all of them by default).
  ncclResult_t wait(size_t Mark = ~size_t(0));
  /// wait(Mark), or ncclInProgress at Deadline (the transfers stay posted:
  /// a later wait completes them).
  ncclResult_t waitUntil(size_t Mark,
                         std::chrono::steady_clock::time_point Deadline);

private:
  struct Transfer;
  bool progress(Transfer &T, ncclResult_t &Result);
  bool localPeer(int Peer) const;
  int tagOf(int Source, int Dest) const;
  void abandon(size_t From);
  ncclResult_t waitFor(size_t Mark,
                       const std::chrono::steady_clock::time_point *Deadline);

  RankState &Self;
  CommShared &Shared;
  Channel Ch;
  std::vector<std::unique_ptr<Transfer>> Transfers;
  size_t Done = 0; ///< Transfers [0, Done) are complete.
};

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_EXCHANGE_H
