//===- MpiWrapper.h - -ccbin mpicxx: MPI flags for .cu files ----*- C++ -*-===//
//
// Part of Tongxin. nvcc users build MPI programs with `nvcc -ccbin mpicxx`:
// nvcc runs the wrapper for the host side of every file, so <mpi.h> is
// found. txcc compiles .cu files with its own clang, so when -ccbin names
// an MPI compiler wrapper it asks the wrapper for the flags it would add
// (Open MPI's --showme:compile, MPICH's -compile_info) and passes the
// include directories and macros among them to every compile. Linking goes
// through the wrapper itself, which adds MPI's libraries.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_MPIWRAPPER_H
#define TONGXIN_DRIVER_MPIWRAPPER_H

#include "Subprocess.h"

#include <string>

namespace tx {

/// True if Compiler's file name is that of an MPI compiler wrapper
/// (mpicxx, mpic++, mpiCC, mpicc, mpiicpc, ...).
bool isMpiWrapper(const std::string &Compiler);

/// The -I, -D and -pthread flags among the words of a wrapper's compile
/// line (the compiler's own name and other options left out).
ArgList preprocessorFlagsIn(const std::string &CompileLine);

/// The preprocessor flags the MPI wrapper Compiler adds to a compile, asked
/// of the wrapper (its output goes through Scratch); empty if Compiler is
/// not a wrapper or does not answer.
ArgList mpiWrapperFlags(const std::string &Compiler,
                        const std::string &Scratch);

} // namespace tx

#endif // TONGXIN_DRIVER_MPIWRAPPER_H
