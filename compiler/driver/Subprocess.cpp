//===- Subprocess.cpp - Run tools without a shell -------------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "Subprocess.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tx {

static bool needsQuoting(const std::string &S) {
  if (S.empty())
    return true;
  for (char C : S)
    if (!(isalnum(static_cast<unsigned char>(C)) || strchr("-_./=:,+@%", C)))
      return true;
  return false;
}

std::string formatCommand(const ArgList &Args) {
  std::string Line;
  for (const std::string &Arg : Args) {
    if (!Line.empty())
      Line += ' ';
    if (!needsQuoting(Arg)) {
      Line += Arg;
      continue;
    }
    Line += '\'';
    for (char C : Arg)
      Line += C == '\'' ? std::string("'\\''") : std::string(1, C);
    Line += '\'';
  }
  return Line;
}

/// Starts Args; the child's pid, or -1 after an error message.
static pid_t spawn(const ArgList &Args,
                   const posix_spawn_file_actions_t *Actions) {
  std::vector<char *> Argv;
  for (const std::string &Arg : Args)
    Argv.push_back(const_cast<char *>(Arg.c_str()));
  Argv.push_back(nullptr);
  pid_t Pid;
  int Err = posix_spawnp(&Pid, Argv[0], Actions, nullptr, Argv.data(), environ);
  if (Err != 0) {
    fprintf(stderr, "txcc: error: cannot run '%s': %s\n", Argv[0],
            strerror(Err));
    return -1;
  }
  return Pid;
}

/// Makes a child started with Actions write its standard error to File.
static void sendErrorsTo(posix_spawn_file_actions_t &Actions,
                         const std::string &File) {
  posix_spawn_file_actions_addopen(&Actions, STDERR_FILENO, File.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
}

/// The exit status of a child wait() reported, or 128 + the signal that
/// killed it (named on stderr).
static int exitStatus(int Status, const std::string &Program) {
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  fprintf(stderr, "txcc: error: '%s' was killed by signal %d\n",
          Program.c_str(), WTERMSIG(Status));
  return 128 + WTERMSIG(Status);
}

static int spawnAndWait(const ArgList &Args,
                        const posix_spawn_file_actions_t *Actions) {
  pid_t Pid = spawn(Args, Actions);
  if (Pid < 0)
    return 127;
  int Status = 0;
  while (waitpid(Pid, &Status, 0) < 0)
    if (errno != EINTR)
      return 127;
  return exitStatus(Status, Args[0]);
}

int runProgram(const ArgList &Args) { return spawnAndWait(Args, nullptr); }

unsigned availableCpus() {
  cpu_set_t Set;
  if (sched_getaffinity(0, sizeof(Set), &Set) == 0 && CPU_COUNT(&Set) > 0)
    return CPU_COUNT(&Set);
  long Online = sysconf(_SC_NPROCESSORS_ONLN);
  return Online > 0 ? unsigned(Online) : 1;
}

bool ParallelRuns::start(const ArgList &Args, const std::string &ErrorFile) {
  while (Running.size() >= Jobs)
    reapOne();
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  if (!ErrorFile.empty())
    sendErrorsTo(Actions, ErrorFile);
  pid_t Pid = spawn(Args, &Actions);
  posix_spawn_file_actions_destroy(&Actions);
  if (Pid < 0) {
    if (!FirstFailure)
      FirstFailure = 127;
    return false;
  }
  Running.push_back({Pid, Args[0]});
  return true;
}

/// Children that ended while another ParallelRuns waited (waitpid(-1)
/// takes whichever ends first), with their wait statuses, for their own.
static std::vector<std::pair<int, int>> &endedForOthers() {
  static std::vector<std::pair<int, int>> Ended;
  return Ended;
}

/// Records the end of Pid if it is one of ours; false if not.
bool ParallelRuns::finish(int Pid, int Status) {
  for (size_t I = 0; I < Running.size(); ++I) {
    if (Running[I].first != Pid)
      continue;
    int Exit = exitStatus(Status, Running[I].second);
    if (Exit && !FirstFailure)
      FirstFailure = Exit;
    Running.erase(Running.begin() + I);
    return true;
  }
  return false;
}

/// Takes back one of ours that another set's wait reaped; false if none.
bool ParallelRuns::takeBackReaped() {
  std::vector<std::pair<int, int>> &Ended = endedForOthers();
  for (size_t I = 0; I < Ended.size(); ++I)
    if (finish(Ended[I].first, Ended[I].second)) {
      Ended.erase(Ended.begin() + I);
      return true;
    }
  return false;
}

/// Reaps the next child of this process to end, waiting for it if Block,
/// and records it for its set. False if none has ended (without Block) or
/// none is left (then none of ours can still be running).
bool ParallelRuns::reapNext(bool Block) {
  int Status = 0;
  pid_t Pid;
  while ((Pid = waitpid(-1, &Status, Block ? 0 : WNOHANG)) < 0)
    if (errno != EINTR) {
      Running.clear();
      if (!FirstFailure)
        FirstFailure = 127;
      return false;
    }
  if (Pid == 0)
    return false; // the rest still run
  if (!finish(Pid, Status))
    endedForOthers().push_back({Pid, Status});
  return true;
}

/// Waits for one of the running commands (any) to end.
void ParallelRuns::reapOne() {
  if (!takeBackReaped())
    reapNext(/*Block=*/true);
}

bool ParallelRuns::ended() {
  while (takeBackReaped())
    ;
  while (!Running.empty() && reapNext(/*Block=*/false))
    ;
  return Running.empty();
}

void ParallelRuns::waitForAnyEnd() {
  int Status = 0;
  pid_t Pid;
  while ((Pid = waitpid(-1, &Status, 0)) < 0)
    if (errno != EINTR)
      return; // no child at all
  endedForOthers().push_back({Pid, Status});
}

int ParallelRuns::wait() {
  while (!Running.empty())
    reapOne();
  return FirstFailure;
}

void ParallelRuns::cancel() {
  // A child another ParallelRuns reaped has ended already (its pid may even
  // be another process's by now): it is only taken back.
  std::vector<std::pair<int, int>> &Ended = endedForOthers();
  std::vector<int> Stopped;
  for (const auto &[Pid, Program] : Running) {
    auto Reaped = std::find_if(
        Ended.begin(), Ended.end(),
        [Pid = Pid](const std::pair<int, int> &E) { return E.first == Pid; });
    if (Reaped != Ended.end()) {
      Ended.erase(Reaped);
      continue;
    }
    kill(Pid, SIGTERM);
    Stopped.push_back(Pid);
  }
  for (int Pid : Stopped) {
    int Status = 0;
    while (waitpid(Pid, &Status, 0) < 0 && errno == EINTR)
      ;
  }
  Running.clear();
}

int runProgramCapturingErrors(const ArgList &Args,
                              const std::string &ErrorFile) {
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  sendErrorsTo(Actions, ErrorFile);
  int Status = spawnAndWait(Args, &Actions);
  posix_spawn_file_actions_destroy(&Actions);
  return Status;
}

int runProgramCapturingOutput(const ArgList &Args,
                              const std::string &OutputFile) {
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, STDOUT_FILENO, OutputFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&Actions, STDERR_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  int Status = spawnAndWait(Args, &Actions);
  posix_spawn_file_actions_destroy(&Actions);
  return Status;
}

TempDir::TempDir(const std::string &Base) {
  std::string Dir = Base;
  if (Dir.empty()) {
    const char *Env = getenv("TMPDIR");
    Dir = Env && *Env ? Env : "/tmp";
  } else if (mkdir(Dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return;
  }
  std::string Template = Dir + "/txcc-XXXXXX";
  std::vector<char> Buffer(Template.begin(), Template.end());
  Buffer.push_back('\0');
  if (mkdtemp(Buffer.data()))
    Path = Buffer.data();
}

TempDir::~TempDir() {
  if (Path.empty())
    return;
  if (Keep) {
    fprintf(stderr, "txcc: intermediate files kept in %s\n", Path.c_str());
    return;
  }
  if (DIR *D = opendir(Path.c_str())) {
    while (dirent *Entry = readdir(D)) {
      std::string Name = Entry->d_name;
      if (Name != "." && Name != "..")
        unlink((Path + "/" + Name).c_str());
    }
    closedir(D);
  }
  rmdir(Path.c_str());
}

std::string TempDir::file(const std::string &Stem) {
  return Path + "/" + std::to_string(Counter++) + "-" + Stem;
}

} // namespace tx
