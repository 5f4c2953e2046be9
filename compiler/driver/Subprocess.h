//===- Subprocess.h - Run tools without a shell -----------------*- C++ -*-===//
//
// Part of Tongxin. txcc never runs a shell: commands are argv vectors given
// to posix_spawn, and temporary files live in a private mkdtemp directory.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_SUBPROCESS_H
#define TONGXIN_DRIVER_SUBPROCESS_H

#include <string>
#include <vector>

namespace tx {

using ArgList = std::vector<std::string>;

/// Prints Args as a command line a user could paste into a shell.
std::string formatCommand(const ArgList &Args);

/// Runs Args[0] (searched in PATH when it has no '/') and waits. Returns the
/// exit status, or 127 when it could not be started.
int runProgram(const ArgList &Args);

/// runProgram with the program's standard error written to ErrorFile.
int runProgramCapturingErrors(const ArgList &Args,
                              const std::string &ErrorFile);

/// Runs Args with its standard output in OutputFile and its errors
/// discarded; returns its exit status.
int runProgramCapturingOutput(const ArgList &Args,
                              const std::string &OutputFile);

/// The CPUs this process may run on (at least 1).
unsigned availableCpus();

/// Runs commands side by side, at most Jobs at once: start() waits for one
/// to end when Jobs are running. The destructor waits for the rest.
/// Several may be in use at once: each waits only for its own commands.
class ParallelRuns {
public:
  explicit ParallelRuns(unsigned Jobs) : Jobs(Jobs ? Jobs : 1) {}
  ParallelRuns(const ParallelRuns &) = delete;
  ParallelRuns &operator=(const ParallelRuns &) = delete;
  ~ParallelRuns() { wait(); }
  /// Starts Args (searched in PATH when it has no '/'), with its standard
  /// error in ErrorFile if one is named; false if it could not be started,
  /// after an error message.
  bool start(const ArgList &Args, const std::string &ErrorFile = "");
  /// Waits for every command started; returns the first failure's exit
  /// status (in the order they ended), or 0.
  int wait();
  /// Stops every command still running (SIGTERM) and waits for them,
  /// without a message: their work is no longer wanted.
  void cancel();
  /// Takes back the commands of this set that have ended, without waiting
  /// for the others; true once none is running (wait() then returns at
  /// once).
  bool ended();
  /// Waits until some child of this process, of any set, ends: its set
  /// takes it back in its next wait() or ended().
  static void waitForAnyEnd();

private:
  bool takeBackReaped();
  bool reapNext(bool Block);
  void reapOne();
  bool finish(int Pid, int Status);
  unsigned Jobs;
  std::vector<std::pair<int, std::string>> Running; ///< pid, program.
  int FirstFailure = 0;
};

/// A private directory for intermediate files, removed on destruction
/// unless kept. It is made in Base (created if missing; nvcc's --keep-dir)
/// or else in $TMPDIR.
class TempDir {
public:
  explicit TempDir(const std::string &Base = "");
  ~TempDir();
  bool valid() const { return !Path.empty(); }
  const std::string &path() const { return Path; }
  /// A path inside the directory; Stem keeps names readable with --keep.
  std::string file(const std::string &Stem);
  void keep() { Keep = true; }

private:
  std::string Path;
  bool Keep = false;
  unsigned Counter = 0;
};

} // namespace tx

#endif // TONGXIN_DRIVER_SUBPROCESS_H
