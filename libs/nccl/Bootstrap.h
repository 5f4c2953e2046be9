//===- nccl/Bootstrap.h - How ranks find each other -------------*- C++ -*-===//
//
// Part of Tongxin. An ncclUniqueId names its creator: this process when it
// was not started as part of an MPI job (then every rank must be in this
// process), else the creator's rank in MPI_COMM_WORLD. Each rank registers
// with the creator, in memory or by an MPI message; once all have, the
// creator sends every remote rank the table of where each rank lives, and
// each process builds the communicator's shared state once (with an MPI
// communicator over the member processes when there are several). The id
// itself can travel any way the program likes (MPI_Bcast, a file, a socket).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_BOOTSTRAP_H
#define TONGXIN_LIBS_NCCL_BOOTSTRAP_H

#include "Comm.h"

#include <memory>
#include <vector>

namespace tx {
namespace nccl {

/// A fresh id, naming this process as its creator.
ncclResult_t createUniqueId(ncclUniqueId *Id);

/// The most ranks a communicator may have.
constexpr int MaxRanks = 65536;

/// A fresh random token naming a communicator.
void newToken(uint64_t Token[2]);

/// Joins rank Rank of the NRanks-rank communicator Id names; returns when
/// every rank has joined.
ncclResult_t joinById(const ncclUniqueId &Id, int NRanks, int Rank,
                      std::shared_ptr<CommShared> *Out);

/// Joins rank Rank of a communicator whose members every rank already
/// knows: WorldOf[r] is rank r's process (its MPI world rank; all equal for
/// a communicator within one process). Token names it in every process.
ncclResult_t joinByTable(const uint64_t Token[2],
                         const std::vector<int> &WorldOf, int Rank,
                         std::shared_ptr<CommShared> *Out);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_BOOTSTRAP_H
