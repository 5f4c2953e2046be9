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
  /// Registrations seen, refused ones included, and the refused ones'
  /// (rank, world rank): they get the error instead of waiting forever.
  int Seen = 0;
  std::vector<std::pair<int, int>> Refused;
  /// After an error, how long the creator waits for the other ranks to
  /// register (so it can tell them) before it gives up on them.
  std::chrono::steady_clock::time_point GiveUp;
  bool Replying = false;    ///< A local rank is sending the replies.
  bool RepliesSent = false; ///< Remote ranks have their tables.
  ncclResult_t Error = ncclSuccess;
};

/// The creator's answer to one registration: where every rank lives, or
/// why the communicator could not form.
struct Reply {
  ncclResult_t Error = ncclSuccess;
  std::vector<int> WorldOf;
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
  std::map<std::pair<TokenKey, int>, Reply> Replies;
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
  ++F.Seen;
  ncclResult_t Refusal = ncclSuccess;
  if (F.NRanks != Reg.NRanks)
    Refusal = fail(ncclInvalidUsage,
                   "ranks of one ncclUniqueId disagree on the rank count "
                   "(%d and %d)",
                   F.NRanks, Reg.NRanks);
  else if (Reg.Rank < 0 || Reg.Rank >= F.NRanks ||
           F.WorldOf[size_t(Reg.Rank)] != -1)
    Refusal = fail(ncclInvalidUsage, "rank %d joined the communicator twice",
                   Reg.Rank);
  if (Refusal) {
    F.Refused.push_back({Reg.Rank, Reg.World});
    if (!F.Error)
      F.GiveUp = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    F.Error = Refusal;
  } else {
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
    Reply &Answer = R.Replies[{keyOf(Head.Token), Head.Rank}];
    // A negative rank count carries the creator's error instead.
    Answer.Error = Head.NRanks < 0 ? ncclResult_t(-Head.NRanks) : ncclSuccess;
    Answer.WorldOf.resize((Bytes - sizeof(Head)) / sizeof(int));
    std::memcpy(Answer.WorldOf.data(), Buffer.data() + sizeof(Head),
                Answer.WorldOf.size() * sizeof(int));
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

/// The creator's side, once every rank registered or the communicator
/// failed: tells each remote rank that registered where all ranks live, or
/// the error (Registry mutex held by Lock; released while sending).
ncclResult_t replyToRemoteRanks(const uint64_t Token[2], Forming &F,
                                std::unique_lock<std::mutex> &Lock) {
  std::vector<int> WorldOf = F.WorldOf;
  std::vector<std::pair<int, int>> Recipients; // (rank, world rank)
  for (int Rank = 0; Rank < int(WorldOf.size()); ++Rank)
    Recipients.push_back({Rank, WorldOf[size_t(Rank)]});
  Recipients.insert(Recipients.end(), F.Refused.begin(), F.Refused.end());
  ncclResult_t Error = F.Error;
  Lock.unlock();
  int Me = mpi::worldRank();
  ncclResult_t Result = ncclSuccess;
  for (auto [Rank, World] : Recipients) {
    if (World == Me || World < 0)
      continue;
    if (Result)
      break;
    Registration Head = {{Token[0], Token[1]},
                         Error ? -int32_t(Error) : int32_t(WorldOf.size()),
                         Rank,
                         Me};
    std::vector<char> Message(sizeof(Head) +
                              (Error ? 0 : WorldOf.size() * sizeof(int)));
    std::memcpy(Message.data(), &Head, sizeof(Head));
    if (!Error)
      std::memcpy(Message.data() + sizeof(Head), WorldOf.data(),
                  WorldOf.size() * sizeof(int));
    Result = sendToWorld(Message.data(), Message.size(), World, ReplyTag);
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
    // An error is recorded in the Forming: the remote ranks must hear it.
    addRegistration(R, Reg);
    Forming *F = &R.Formings[Key];
    waitUntil(R, Lock, UseMpi, [&] {
      F = &R.Formings[Key];
      if (!F->Error)
        return F->Arrived == F->NRanks;
      return !UseMpi || F->Seen >= F->NRanks ||
             std::chrono::steady_clock::now() >= F->GiveUp;
    });
    if (UseMpi) {
      // One local rank answers the remote ones; the others wait until it
      // has (their next MPI call, creating the communicator, would
      // otherwise run while remote ranks still wait for their tables).
      if (!F->Replying) {
        F->Replying = true;
        ncclResult_t Sent = replyToRemoteRanks(Body.Token, *F, Lock);
        F = &R.Formings[Key];
        F->RepliesSent = true;
        if (Sent != ncclSuccess && !F->Error)
          F->Error = Sent;
        R.Changed.notify_all();
      }
      waitUntil(R, Lock, true, [&] {
        F = &R.Formings[Key];
        return F->RepliesSent;
      });
    }
    if (F->Error)
      return F->Error;
    *WorldOf = F->WorldOf;
    return ncclSuccess;
  }
  Lock.unlock();
  TX_NCCL_TRY(sendToWorld(&Reg, sizeof(Reg), Body.RootWorld, RegisterTag));
  Lock.lock();
  auto ReplyKey = std::make_pair(Key, Rank);
  waitUntil(R, Lock, true, [&] { return R.Replies.count(ReplyKey) != 0; });
  Reply Answer = std::move(R.Replies[ReplyKey]);
  R.Replies.erase(ReplyKey);
  if (Answer.Error)
    return fail(Answer.Error,
                "the creator of the ncclUniqueId (world rank %d) could not "
                "form the communicator (its ranks disagree on the rank count, "
                "or one rank joined twice)",
                int(Body.RootWorld));
  *WorldOf = std::move(Answer.WorldOf);
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
    if (mpi::createComm(Processes.data(), int(Processes.size()),
                        Token[0] ^ (Token[1] >> 1),
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
