//===- nccl/mpi/MpiPlugin.cpp - The NCCL library's MPI calls --------------===//
//
// Part of Tongxin. See MpiPlugin.h. Built against the system's MPI (Open MPI
// on Debian) into libtongxin-nccl-mpi.so, which libnccl.so loads only when
// a communicator spans processes. Callers serialise the calls unless MPI
// runs at MPI_THREAD_MULTIPLE.
//
//===----------------------------------------------------------------------===//

#include "../MpiPlugin.h"

#include <mpi.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

thread_local std::string LastError;

int fail(const char *What, int Code) {
  char Text[MPI_MAX_ERROR_STRING];
  int Length = 0;
  if (MPI_Error_string(Code, Text, &Length) != MPI_SUCCESS)
    std::snprintf(Text, sizeof(Text), "MPI error %d", Code);
  LastError = std::string(What) + ": " + Text;
  return TX_MPI_FAILED;
}

MPI_Comm commOf(void *Comm) {
  return Comm ? *static_cast<MPI_Comm *>(Comm) : MPI_COMM_WORLD;
}

void finalizeAtExit() {
  int Finalized = 0;
  MPI_Finalized(&Finalized);
  if (!Finalized)
    MPI_Finalize();
}

int initialize(int *WorldRank, int *WorldSize, int *ThreadMultiple,
               char *Message, size_t MessageBytes) {
  int Initialized = 0, Finalized = 0;
  MPI_Initialized(&Initialized);
  MPI_Finalized(&Finalized);
  if (Finalized) {
    std::snprintf(Message, MessageBytes, "MPI_Finalize was already called");
    return TX_MPI_FAILED;
  }
  int Provided = MPI_THREAD_SINGLE;
  if (!Initialized) {
    int Code =
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &Provided);
    if (Code != MPI_SUCCESS) {
      fail("MPI_Init_thread", Code);
      std::snprintf(Message, MessageBytes, "%s", LastError.c_str());
      return TX_MPI_FAILED;
    }
    std::atexit(finalizeAtExit);
  } else {
    MPI_Query_thread(&Provided);
  }
  *ThreadMultiple = Provided == MPI_THREAD_MULTIPLE;
  MPI_Comm_rank(MPI_COMM_WORLD, WorldRank);
  MPI_Comm_size(MPI_COMM_WORLD, WorldSize);
  return TX_MPI_OK;
}

/// Bytes of MPI_BYTE as one datatype and count, since MPI counts are ints:
/// past 2 GiB, a struct of 1 GiB blocks and the rest. The type, if not
/// MPI_BYTE, is freed after posting (MPI keeps it while in use).
MPI_Datatype byteType(size_t Bytes, int *Count) {
  if (Bytes <= size_t(INT_MAX)) {
    *Count = int(Bytes);
    return MPI_BYTE;
  }
  constexpr size_t Block = size_t(1) << 30;
  MPI_Datatype Gib, Whole;
  MPI_Type_contiguous(int(Block), MPI_BYTE, &Gib);
  int Lengths[2] = {int(Bytes / Block), int(Bytes % Block)};
  MPI_Aint Offsets[2] = {0, MPI_Aint(Bytes / Block * Block)};
  MPI_Datatype Types[2] = {Gib, MPI_BYTE};
  MPI_Type_create_struct(2, Lengths, Offsets, Types, &Whole);
  MPI_Type_commit(&Whole);
  MPI_Type_free(&Gib);
  *Count = 1;
  return Whole;
}

void freeType(MPI_Datatype Type) {
  if (Type != MPI_BYTE)
    MPI_Type_free(&Type);
}

/// A request and whether it sends (sends are never cancelled).
struct Request {
  MPI_Request Handle;
  bool IsSend;
};

int isend(const void *Data, size_t Bytes, int Dest, int Tag, void *Comm,
          void **Out) {
  auto *R = new Request{MPI_REQUEST_NULL, true};
  int Count = 0;
  MPI_Datatype Type = byteType(Bytes, &Count);
  int Code = MPI_Isend(Data, Count, Type, Dest, Tag, commOf(Comm), &R->Handle);
  freeType(Type);
  if (Code != MPI_SUCCESS) {
    delete R;
    return fail("MPI_Isend", Code);
  }
  *Out = R;
  return TX_MPI_OK;
}

int irecv(void *Data, size_t Bytes, int Source, int Tag, void *Comm,
          void **Out) {
  auto *R = new Request{MPI_REQUEST_NULL, false};
  int Count = 0;
  MPI_Datatype Type = byteType(Bytes, &Count);
  int Code =
      MPI_Irecv(Data, Count, Type, Source, Tag, commOf(Comm), &R->Handle);
  freeType(Type);
  if (Code != MPI_SUCCESS) {
    delete R;
    return fail("MPI_Irecv", Code);
  }
  *Out = R;
  return TX_MPI_OK;
}

bool isTruncation(int Code) {
  int Class = Code;
  MPI_Error_class(Code, &Class);
  return Class == MPI_ERR_TRUNCATE;
}

int test(void *Request, int *Done, size_t *Bytes) {
  auto *R = static_cast<struct Request *>(Request);
  MPI_Status Status;
  Status.MPI_ERROR = MPI_SUCCESS; // Not set by a one-request MPI_Test.
  int Flag = 0;
  int Code = MPI_Test(&R->Handle, &Flag, &Status);
  *Done = Flag;
  if (Code != MPI_SUCCESS) {
    *Done = 1;
    delete R;
    if (isTruncation(Code))
      return TX_MPI_TRUNCATED;
    return fail("MPI_Test", Code);
  }
  if (!Flag)
    return TX_MPI_OK;
  delete R;
  if (Status.MPI_ERROR != MPI_SUCCESS && isTruncation(Status.MPI_ERROR))
    return TX_MPI_TRUNCATED;
  MPI_Count Count = 0;
  MPI_Get_elements_x(&Status, MPI_BYTE, &Count);
  *Bytes = size_t(Count < 0 ? 0 : Count);
  return TX_MPI_OK;
}

void cancel(void *Request) {
  auto *R = static_cast<struct Request *>(Request);
  if (R->Handle != MPI_REQUEST_NULL) {
    // A receive is cancelled; a send cannot be (Open MPI does not, and
    // MPI-4 deprecates it): freed, it completes in the background, so its
    // buffer must stay allocated (the caller keeps it).
    if (!R->IsSend)
      MPI_Cancel(&R->Handle);
    MPI_Request_free(&R->Handle);
  }
  delete R;
}

int receiveAny(int Tag, void *Buffer, size_t Capacity, int *Received,
               int *Source, size_t *Bytes) {
  int Flag = 0;
  MPI_Message Message;
  MPI_Status Status;
  *Received = 0;
  int Code = MPI_Improbe(MPI_ANY_SOURCE, Tag, MPI_COMM_WORLD, &Flag, &Message,
                         &Status);
  if (Code != MPI_SUCCESS)
    return fail("MPI_Improbe", Code);
  if (!Flag)
    return TX_MPI_OK;
  int Count = 0;
  MPI_Get_count(&Status, MPI_BYTE, &Count);
  if (size_t(Count) > Capacity) {
    // Consume it anyway, so that it does not block the queue forever.
    std::string Sink(size_t(Count), '\0');
    MPI_Mrecv(&Sink[0], Count, MPI_BYTE, &Message, MPI_STATUS_IGNORE);
    return TX_MPI_TRUNCATED;
  }
  Code = MPI_Mrecv(Buffer, Count, MPI_BYTE, &Message, MPI_STATUS_IGNORE);
  if (Code != MPI_SUCCESS)
    return fail("MPI_Mrecv", Code);
  *Received = 1;
  *Source = Status.MPI_SOURCE;
  *Bytes = size_t(Count);
  return TX_MPI_OK;
}

int createComm(const int *WorldRanks, int Count, unsigned long long Key,
               void **Comm) {
  // Any valid tag; distinct keys make concurrent creations over shared
  // processes distinct too.
  int *Bound = nullptr, Found = 0;
  MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &Bound, &Found);
  long long TagBound = Found && Bound ? *Bound : 32767;
  int Tag = int(Key % (unsigned long long)(TagBound + 1));
  MPI_Group World, Members;
  MPI_Comm_group(MPI_COMM_WORLD, &World);
  int Code = MPI_Group_incl(World, Count, WorldRanks, &Members);
  MPI_Group_free(&World);
  if (Code != MPI_SUCCESS)
    return fail("MPI_Group_incl", Code);
  auto *C = new MPI_Comm;
  Code = MPI_Comm_create_group(MPI_COMM_WORLD, Members, Tag, C);
  MPI_Group_free(&Members);
  if (Code != MPI_SUCCESS) {
    delete C;
    return fail("MPI_Comm_create_group", Code);
  }
  // Errors (a truncated message: mismatched counts) come back as codes.
  MPI_Comm_set_errhandler(*C, MPI_ERRORS_RETURN);
  *Comm = C;
  return TX_MPI_OK;
}

void freeComm(void *Comm) {
  auto *C = static_cast<MPI_Comm *>(Comm);
  int Finalized = 0;
  MPI_Finalized(&Finalized);
  if (!Finalized)
    MPI_Comm_free(C);
  delete C;
}

const char *lastError() { return LastError.c_str(); }

const TxNcclMpiPlugin Plugin = {TX_NCCL_MPI_PLUGIN_VERSION,
                                initialize,
                                isend,
                                irecv,
                                test,
                                cancel,
                                receiveAny,
                                createComm,
                                freeComm,
                                lastError};

} // namespace

extern "C" __attribute__((visibility("default"))) const TxNcclMpiPlugin *
txNcclMpiPlugin(void) {
  return &Plugin;
}
