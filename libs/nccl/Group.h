//===- nccl/Group.h - Groups and enqueueing on streams ----------*- C++ -*-===//
//
// Part of Tongxin. Between ncclGroupStart and the outermost ncclGroupEnd a
// thread's calls are collected: communicator creations (run concurrently at
// the end, since each waits for the others) and operations (enqueued at the
// end, one stream item per stream, so that the ranks one thread drives and
// a rank's sends and receives never wait on each other).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_GROUP_H
#define TONGXIN_LIBS_NCCL_GROUP_H

#include "Collectives.h"

#include <functional>
#include <memory>

namespace tx {
namespace nccl {

bool inGroup();

/// Runs Task at the outermost ncclGroupEnd, concurrently with the group's
/// other tasks except those with the same Key (splits of one parent rank:
/// they run in order). Key null: no such constraint.
void deferTask(const void *Key, std::function<ncclResult_t()> Task);

/// Issues Op on Stream now, or at the group's end inside a group; Stage:
/// through host copies of its buffers (Staging.h).
ncclResult_t issue(std::shared_ptr<RankState> Rank, cudaStream_t Stream,
                   const Operation &Op, bool Stage);

/// Records an argument error made inside a group: ncclGroupEnd returns it.
ncclResult_t noteGroupError(ncclResult_t Result);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_GROUP_H
