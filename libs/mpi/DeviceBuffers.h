//===- mpi/DeviceBuffers.h - MPI buffers in device memory -------*- C++ -*-===//
//
// Part of Tongxin. CUDA-aware MPI hands device pointers to MPI. Memory of a
// CPU device is host memory, which MPI reads and writes itself; memory of a
// device the host cannot address (a GPU through the CUDA backend, an
// accelerator) is copied into host memory for the call and back after it.
// A StagedBuffer is one buffer argument of one call.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_MPI_DEVICEBUFFERS_H
#define TONGXIN_LIBS_MPI_DEVICEBUFFERS_H

#include <mpi.h>

#include <cstddef>

namespace tx {
namespace mpi {

/// True if Ptr lies in memory of a device the host cannot address. Cheap
/// when no such device exists (the usual case: CPU devices only).
bool inPrivateDeviceMemory(const void *Ptr);

/// Whether a buffer's data goes into the call, comes out of it, or both.
enum class Direction { In, Out, InOut };

class StagedBuffer {
public:
  StagedBuffer() = default;
  StagedBuffer(const StagedBuffer &) = delete;
  StagedBuffer &operator=(const StagedBuffer &) = delete;
  ~StagedBuffer();

  /// Prepares Count elements of Type at Buffer for a call: the pointer to
  /// give MPI instead (a host copy for private device memory, Buffer itself
  /// otherwise, MPI_IN_PLACE and null pointers included), or null with
  /// *Error set when the copy failed.
  void *prepare(const void *Buffer, int Count, MPI_Datatype Type, Direction Dir,
                int *Error);
  /// After the call: copies an Out or InOut buffer back to the device
  /// (all of it: its host copy started as the device's bytes).
  /// Returns Result, or an MPI error if the copy failed.
  int finish(int Result);
  /// Copies the device's bytes into the host copy again (a persistent
  /// request's next start). MPI_SUCCESS, or an MPI error.
  int refresh();
  /// True for a buffer MPI writes (Out or InOut).
  bool written() const { return Dir != Direction::In; }
  /// A host copy stands in for the buffer.
  bool staged() const { return Host != nullptr; }

private:
  char *Device = nullptr; ///< Start of the device bytes the call touches.
  char *Host = nullptr;   ///< Their host copy.
  size_t Bytes = 0;
  Direction Dir = Direction::In;
};

} // namespace mpi
} // namespace tx

#endif // TONGXIN_LIBS_MPI_DEVICEBUFFERS_H
