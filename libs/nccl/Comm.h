//===- nccl/Comm.h - Communicators: what their ranks share ------*- C++ -*-===//
//
// Part of Tongxin. A communicator of N ranks lives in one or more
// processes. In each process its ranks share a CommShared: the table of
// which process every rank lives in, the MPI communicator over those
// processes (none when there is one), and the LocalHub through which ranks
// of this process pass messages. Each rank is a RankState, kept alive by
// its ncclComm handle and by every operation still queued on a stream, so
// destroying a handle never frees what queued work uses.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_COMM_H
#define TONGXIN_LIBS_NCCL_COMM_H

#include "nccl.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

namespace tx {
namespace nccl {

/// A message one rank of this process offers another (or itself): the
/// receiver copies it straight from the sender's buffer.
struct LocalMessage {
  const void *Data = nullptr;
  size_t Bytes = 0;
  /// -1 while pending; then ncclSuccess or the receiver's error.
  std::atomic<int> Result{-1};
};

/// Per ordered pair of ranks of this process, the messages in flight, in
/// the order they were sent.
class LocalHub {
public:
  void post(int Channel, int Source, int Dest, LocalMessage *M);
  /// The oldest message from Source to Dest, removed from the queue; null
  /// if none has been posted.
  LocalMessage *take(int Channel, int Source, int Dest);
  /// Removes M if still queued. False if a receiver already took it.
  bool withdraw(int Channel, int Source, int Dest, LocalMessage *M);
  /// Marks M received with Result and wakes its sender.
  void finish(LocalMessage *M, ncclResult_t Result);
  /// A counter that changes whenever a message is posted or finished.
  uint64_t generation() const { return Generation.load(); }
  /// Sleeps until generation() differs from Seen or Timeout ms passed.
  void waitForChange(uint64_t Seen, int TimeoutMs);
  /// Wakes every waiter (an abort).
  void wakeAll();

private:
  static uint64_t key(int Channel, int Source, int Dest);
  std::mutex Mutex;
  std::condition_variable Changed;
  std::atomic<uint64_t> Generation{0};
  std::unordered_map<uint64_t, std::deque<LocalMessage *>> Queues;
};

/// What the ranks of one communicator in this process share.
struct CommShared {
  uint64_t Token[2] = {0, 0}; ///< Names the communicator in every process.
  int NRanks = 0;
  /// For every rank, its process's index in MpiComm (all 0 when the
  /// communicator lives in one process).
  std::vector<int> ProcessOf;
  /// For every rank, its process's rank in MPI_COMM_WORLD (all equal when
  /// the communicator lives in one process).
  std::vector<int> WorldOf;
  int MyProcess = 0;
  int LocalRanks = 0;      ///< Ranks in this process.
  void *MpiComm = nullptr; ///< Over the member processes; null if one.
  LocalHub Hub;
  /// Handles of this process's ranks not yet destroyed: the last
  /// ncclCommDestroy frees the MPI communicator, on the program's thread.
  std::atomic<int> LiveHandles{0};
  void freeMpiComm();
  std::atomic<bool> Aborted{false};
  /// Set when an operation of one of this process's ranks failed: its
  /// local peers stop waiting for messages that will never come.
  std::atomic<bool> Broken{false};
  ~CommShared();
};

/// A dynamic reduction operator (ncclRedOpCreatePreMulSum).
struct PreMulOp {
  ncclDataType_t Type = ncclFloat32;
  bool OnDevice = false;
  const void *DeviceScalar = nullptr;
  unsigned char HostScalar[8] = {};
  bool Live = false;
};

/// Turns for a rank's operations, in the order they were issued (the
/// program's order, whatever stream each runs on), so that every rank runs
/// them in the same order. A turn is taken on one thread and may be ended
/// on another (an operation started on the caller, finished on its
/// stream's thread).
class Baton {
public:
  /// The next turn, in issue order.
  uint64_t take();
  /// Waits for Turn, then holds it.
  void acquire(uint64_t Turn);
  /// Holds Turn if it is due and free.
  bool tryAcquire(uint64_t Turn);
  /// Stops holding the current turn without ending it (it runs later).
  void unhold();
  /// Ends the held turn: the next one may run.
  void release();
  /// Turn will never run (its work could not be enqueued).
  void skip(uint64_t Turn);

private:
  void advance(); ///< Past the current turn and any skipped after it.
  std::mutex Mutex;
  std::condition_variable Changed;
  uint64_t Issued = 0, Serving = 1;
  bool Held = false;
  std::set<uint64_t> Skipped;
};

/// One rank of a communicator.
struct RankState : std::enable_shared_from_this<RankState> {
  std::shared_ptr<CommShared> Shared;
  int Rank = 0;
  int Device = 0;
  bool Blocking = true;
  /// Serialises this rank's operations (a program may give one
  /// communicator several streams).
  Baton Running;
  /// The first error of an operation run on a stream (ncclCommGetAsyncError).
  std::atomic<int> AsyncError{ncclSuccess};
  /// Operations enqueued and not yet finished (ncclCommFinalize waits).
  std::mutex FlightMutex;
  std::condition_variable Landed;
  unsigned InFlight = 0;
  /// Control-channel calls (ncclCommSplit) made so far: names the next
  /// split's communicator identically on every rank.
  uint64_t Splits = 0;
  std::mutex OpsMutex;
  std::vector<PreMulOp> PreMulOps; ///< Index I is op ncclNumOps + I.
  /// Scratch areas, kept between operations so small ones allocate
  /// nothing (0: reduction windows, 1: a reduce's own chunk, 2: a
  /// PreMulSum's scaled input).
  static constexpr unsigned ScratchSlots = 3;
  std::unique_ptr<char[]> Scratch[ScratchSlots];
  size_t ScratchBytes[ScratchSlots] = {};

  /// Scratch area Slot, of at least Bytes, for the running operation
  /// (while holding its turn).
  char *scratch(unsigned Slot, size_t Bytes);
  /// MPI may still use the scratch areas (requests given up after an
  /// error): they are never freed or reused.
  void abandonScratch();

  int nranks() const { return Shared->NRanks; }
  bool aborted() const { return Shared->Aborted.load(); }
  void recordError(ncclResult_t Result);
};

/// The live communicator Comm stands for, or null (never created, or
/// destroyed) with a message recorded.
std::shared_ptr<RankState> lookup(ncclComm_t Comm);
/// A new handle for State.
ncclComm_t makeHandle(std::shared_ptr<RankState> State);
/// Forgets Comm; its operations still queued keep their state alive.
bool releaseHandle(ncclComm_t Comm);

/// Message channels: collectives on streams, and control exchanges made
/// on the calling thread (ncclCommSplit), kept apart so that one never
/// takes the other's messages.
enum Channel { DataChannel = 0, ControlChannel = 1, NumChannels = 2 };

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_COMM_H
