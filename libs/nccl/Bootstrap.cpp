//===- nccl/Bootstrap.cpp - How ranks find each other ---------------------===//
//
// Part of Tongxin. See Bootstrap.h.
//
//===----------------------------------------------------------------------===//

#include "Bootstrap.h"

#include "Errors.h"
#include "Mpi.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>

namespace tx {
namespace nccl {

namespace {

constexpr uint32_t IdMagic = 0x54584e43; // "TXNC"
constexpr uint32_t IdVersion = 1;

/// What an ncclUniqueId holds.
struct IdBody {
  uint32_t Magic;
  uint32_t Version;
  uint64_t Token[2];
  int32_t RootWorld; ///< The creator's world rank; -1: within one process.
  int32_t Pid;       ///< The creator's process id.
  uint64_t HostHash;
};
static_assert(sizeof(IdBody) <= NCCL_UNIQUE_ID_BYTES, "id too large");

/// MPI_COMM_WORLD tags of the bootstrap messages: high enough to stay
/// clear of a program's own tags (Open MPI's MPI_TAG_UB is 2^31-1).
constexpr int RegisterTag = 0x7e7c0001;
constexpr int ReplyTag = 0x7e7c0002;

/// The most ranks a communicator across processes may have (the size of
/// the creator's reply).
constexpr int MaxRanks = 65536;

using TokenKey = std::pair<uint64_t, uint64_t>;

/// A registration as it travels to the creator.
struct Registration {
  uint64_t Token[2];
  int32_t NRanks, Rank, World;
};

/// The creator's view of one communicator being formed.
struct Forming {
  int NRanks = 0;
  std::vector<int> WorldOf; ///< -1 until the rank registered.
  int Arrived = 0;
  bool Replied = false;
  ncclResult_t Error = ncclSuccess;
};

/// A communicator's shared state while its local ranks attach.
struct Building {
  std::shared_ptr<CommShared> Shared;
  bool Ready = false;
  ncclResult_t Result = ncclSuccess;
  int Attached = 0, LocalRanks = 0;
};

struct Registry {
  std::mutex Mutex;
  std::condition_variable Changed;
  std::map<TokenKey, Forming> Formings;
  std::map<std::pair<TokenKey, int>, std::vector<int>> Replies;
  std::map<TokenKey, Building> Buildings;
};

Registry &registry() {
  static Registry *R = new Registry; // Used by threads until exit.
  return *R;
}

uint64_t hostHash() {
  char Name[256] = "";
  gethostname(Name, sizeof(Name) - 1);
  return std::hash<std::string>()(Name);
}

TokenKey keyOf(const uint64_t Token[2]) { return {Token[0], Token[1]}; }

/// Adds a registration to the creator's table (Registry mutex held).
ncclResult_t addRegistration(Registry &R, const Registration &Reg) {
  Forming &F = R.Formings[keyOf(Reg.Token)];
  if (F.NRanks == 0) {
    F.NRanks = Reg.NRanks;
    F.WorldOf.assign(size_t(Reg.NRanks), -1);
  }
  if (F.NRanks != Reg.NRanks)
    F.Error = fail(ncclInvalidUsage,
                   "ranks of one ncclUniqueId disagree on the rank count "
                   "(%d and %d)",
                   F.NRanks, Reg.NRanks);
  else if (Reg.Rank < 0 || Reg.Rank >= F.NRanks ||
           F.WorldOf[size_t(Reg.Rank)] != -1)
    F.Error = fail(ncclInvalidUsage, "rank %d joined the communicator twice",
                   Reg.Rank);
  else {
    F.WorldOf[size_t(Reg.Rank)] = Reg.World;
    ++F.Arrived;
  }
  R.Changed.notify_all();
  return F.Error;
}

/// Moves bootstrap messages that arrived from other processes into the
/// registry (Registry mutex held).
void drainMessages(Registry &R) {
  for (;;) {
    Registration Reg;
    int Got = 0, Source = 0;
    size_t Bytes = 0;
    if (mpi::receiveAny(RegisterTag, &Reg, sizeof(Reg), &Got, &Source,
                        &Bytes) != TX_MPI_OK ||
        !Got)
      break;
    if (Bytes == sizeof(Reg))
      addRegistration(R, Reg);
  }
  std::vector<char> Buffer(sizeof(Registration) + sizeof(int) * MaxRanks);
  for (;;) {
    int Got = 0, Source = 0;
    size_t Bytes = 0;
    if (mpi::receiveAny(ReplyTag, Buffer.data(), Buffer.size(), &Got, &Source,
                        &Bytes) != TX_MPI_OK ||
        !Got || Bytes < sizeof(Registration))
      break;
    Registration Head;
    std::memcpy(&Head, Buffer.data(), sizeof(Head));
    std::vector<int> Table((Bytes - sizeof(Head)) / sizeof(int));
    std::memcpy(Table.data(), Buffer.data() + sizeof(Head),
                Table.size() * sizeof(int));
    R.Replies[{keyOf(Head.Token), Head.Rank}] = std::move(Table);
    R.Changed.notify_all();
  }
}

/// Sends Bytes to World on MPI_COMM_WORLD and waits for it to leave.
ncclResult_t sendToWorld(const void *Data, size_t Bytes, int World, int Tag) {
  void *Request = nullptr;
  if (mpi::isend(Data, Bytes, World, Tag, nullptr, &Request) != TX_MPI_OK)
    return fail(ncclSystemError, "MPI: %s", mpi::lastError());
  for (;;) {
    int Done = 0;
    size_t Ignored = 0;
    if (mpi::test(Request, &Done, &Ignored) != TX_MPI_OK)
      return fail(ncclSystemError, "MPI: %s", mpi::lastError());
    if (Done)
      return ncclSuccess;
    std::this_thread::yield();
  }
}

/// The creator's side: once every rank registered, tells each remote one
/// where all ranks live (Registry mutex held by Lock; released while
/// sending).
ncclResult_t replyToRemoteRanks(const uint64_t Token[2], Forming &F,
                                std::unique_lock<std::mutex> &Lock) {
  F.Replied = true;
  std::vector<int> WorldOf = F.WorldOf;
  Lock.unlock();
  int Me = mpi::worldRank();
  ncclResult_t Result = ncclSuccess;
  for (int Rank = 0; Rank < int(WorldOf.size()) && !Result; ++Rank) {
    if (WorldOf[size_t(Rank)] == Me)
      continue;
    Registration Head = {
        {Token[0], Token[1]}, int32_t(WorldOf.size()), Rank, Me};
    std::vector<char> Message(sizeof(Head) + WorldOf.size() * sizeof(int));
    std::memcpy(Message.data(), &Head, sizeof(Head));
    std::memcpy(Message.data() + sizeof(Head), WorldOf.data(),
                WorldOf.size() * sizeof(int));
    Result = sendToWorld(Message.data(), Message.size(), WorldOf[size_t(Rank)],
                         ReplyTag);
  }
  Lock.lock();
  return Result;
}

/// Waits (holding Lock) until Ready, draining MPI messages while it waits
/// when UseMpi.
template <class Pred>
void waitUntil(Registry &R, std::unique_lock<std::mutex> &Lock, bool UseMpi,
               Pred Ready) {
  while (!Ready()) {
    if (UseMpi) {
      drainMessages(R);
      if (Ready())
        return;
    }
    R.Changed.wait_for(Lock, std::chrono::microseconds(UseMpi ? 200 : 20000));
  }
}

/// Registers with the creator and waits for the table of world ranks.
ncclResult_t rendezvous(const IdBody &Body, int NRanks, int Rank,
                        std::vector<int> *WorldOf) {
  Registry &R = registry();
  bool UseMpi = Body.RootWorld >= 0;
  int Me = UseMpi ? mpi::worldRank() : 0;
  Registration Reg = {{Body.Token[0], Body.Token[1]}, NRanks, Rank, Me};
  TokenKey Key = keyOf(Body.Token);
  std::unique_lock<std::mutex> Lock(R.Mutex);
  if (!UseMpi || Me == Body.RootWorld) {
    TX_NCCL_TRY(addRegistration(R, Reg));
    Forming *F = &R.Formings[Key];
    waitUntil(R, Lock, UseMpi, [&] {
      F = &R.Formings[Key];
      return F->Error || F->Arrived == F->NRanks;
    });
    if (F->Error)
      return F->Error;
    if (UseMpi && !F->Replied)
      TX_NCCL_TRY(replyToRemoteRanks(Body.Token, *F, Lock));
    *WorldOf = R.Formings[Key].WorldOf;
    return ncclSuccess;
  }
  Lock.unlock();
  TX_NCCL_TRY(sendToWorld(&Reg, sizeof(Reg), Body.RootWorld, RegisterTag));
  Lock.lock();
  auto ReplyKey = std::make_pair(Key, Rank);
  waitUntil(R, Lock, true, [&] { return R.Replies.count(ReplyKey) != 0; });
  *WorldOf = std::move(R.Replies[ReplyKey]);
  R.Replies.erase(ReplyKey);
  if (int(WorldOf->size()) != NRanks)
    return fail(ncclInvalidUsage,
                "rank %d joined with %d ranks, the creator's communicator "
                "has %zu",
                Rank, NRanks, WorldOf->size());
  return ncclSuccess;
}

/// Builds the shared state of a communicator (the first local rank to
/// arrive does, without the registry mutex: creating the MPI communicator
/// waits for the other processes).
ncclResult_t build(const uint64_t Token[2], const std::vector<int> &WorldOf,
                   int Me, std::shared_ptr<CommShared> *Out) {
  auto Shared = std::make_shared<CommShared>();
  Shared->Token[0] = Token[0];
  Shared->Token[1] = Token[1];
  Shared->NRanks = int(WorldOf.size());
  Shared->WorldOf = WorldOf;
  std::vector<int> Processes = WorldOf;
  std::sort(Processes.begin(), Processes.end());
  Processes.erase(std::unique(Processes.begin(), Processes.end()),
                  Processes.end());
  for (int World : WorldOf)
    Shared->ProcessOf.push_back(
        int(std::lower_bound(Processes.begin(), Processes.end(), World) -
            Processes.begin()));
  Shared->MyProcess =
      int(std::lower_bound(Processes.begin(), Processes.end(), Me) -
          Processes.begin());
  Shared->LocalRanks = int(std::count(WorldOf.begin(), WorldOf.end(), Me));
  if (Processes.size() > 1) {
    long long N = Shared->NRanks;
    if (N * N * NumChannels > 0x7fffffffLL)
      return fail(ncclInvalidArgument,
                  "%d ranks across processes: at most 32767 are supported",
                  Shared->NRanks);
    int Tag = int((Token[0] ^ Token[1]) & 0x7fff);
    if (mpi::createComm(Processes.data(), int(Processes.size()), Tag,
                        &Shared->MpiComm) != TX_MPI_OK)
      return fail(ncclSystemError, "MPI: %s", mpi::lastError());
  }
  *Out = std::move(Shared);
  return ncclSuccess;
}

} // namespace

void newToken(uint64_t Token[2]) {
  std::random_device Entropy;
  uint64_t Clock =
      uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
  Token[0] = (uint64_t(Entropy()) << 32 | Entropy()) ^ Clock;
  Token[1] = (uint64_t(Entropy()) << 32 | Entropy()) ^ uint64_t(getpid());
}

ncclResult_t createUniqueId(ncclUniqueId *Id) {
  IdBody Body = {};
  Body.Magic = IdMagic;
  Body.Version = IdVersion;
  newToken(Body.Token);
  Body.Pid = int32_t(getpid());
  Body.HostHash = hostHash();
  int World = -1;
  if (!mpi::launchedAsJob(&World))
    World = -1;
  else {
    // The creator's rank as MPI reports it (the launcher's variable may
    // number processes differently in exotic setups).
    TX_NCCL_TRY(mpi::ensure());
    World = mpi::worldRank();
  }
  Body.RootWorld = World;
  std::memset(Id->internal, 0, sizeof(Id->internal));
  std::memcpy(Id->internal, &Body, sizeof(Body));
  return ncclSuccess;
}

ncclResult_t joinById(const ncclUniqueId &Id, int NRanks, int Rank,
                      std::shared_ptr<CommShared> *Out) {
  IdBody Body;
  std::memcpy(&Body, Id.internal, sizeof(Body));
  if (Body.Magic != IdMagic || Body.Version != IdVersion)
    return fail(ncclInvalidArgument,
                "the ncclUniqueId was not made by ncclGetUniqueId");
  if (Body.RootWorld < 0 &&
      (Body.Pid != int32_t(getpid()) || Body.HostHash != hostHash()))
    return fail(ncclInvalidUsage,
                "the ncclUniqueId comes from process %d, which was not "
                "started as part of an MPI job: its communicator cannot "
                "span processes (start the program with mpirun)",
                int(Body.Pid));
  if (Body.RootWorld >= 0 && NRanks > MaxRanks)
    return fail(ncclInvalidArgument,
                "%d ranks: a communicator across processes has at most %d",
                NRanks, MaxRanks);
  if (Body.RootWorld >= 0)
    TX_NCCL_TRY(mpi::ensure());
  std::vector<int> WorldOf;
  TX_NCCL_TRY(rendezvous(Body, NRanks, Rank, &WorldOf));
  return joinByTable(Body.Token, WorldOf, Rank, Out);
}

ncclResult_t joinByTable(const uint64_t Token[2],
                         const std::vector<int> &WorldOf, int Rank,
                         std::shared_ptr<CommShared> *Out) {
  Registry &R = registry();
  int Me = WorldOf[size_t(Rank)];
  std::unique_lock<std::mutex> Lock(R.Mutex);
  TokenKey Key = keyOf(Token);
  auto Inserted = R.Buildings.emplace(Key, Building());
  Building *B = &Inserted.first->second;
  if (Inserted.second) {
    B->LocalRanks = int(std::count(WorldOf.begin(), WorldOf.end(), Me));
    Lock.unlock();
    std::shared_ptr<CommShared> Shared;
    ncclResult_t Result = build(Token, WorldOf, Me, &Shared);
    Lock.lock();
    B = &R.Buildings[Key];
    B->Shared = std::move(Shared);
    B->Result = Result;
    B->Ready = true;
    R.Changed.notify_all();
  } else {
    R.Changed.wait(Lock, [&] { return R.Buildings[Key].Ready; });
    B = &R.Buildings[Key];
  }
  ncclResult_t Result = B->Result;
  *Out = B->Shared;
  if (++B->Attached == B->LocalRanks) {
    R.Buildings.erase(Key);
    R.Formings.erase(Key);
  }
  return Result;
}

} // namespace nccl
} // namespace tx
