//===- Subprocess.cpp - Run tools without a shell -------------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "Subprocess.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
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

static int spawnAndWait(const ArgList &Args,
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
    return 127;
  }
  int Status = 0;
  while (waitpid(Pid, &Status, 0) < 0)
    if (errno != EINTR)
      return 127;
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  fprintf(stderr, "txcc: error: '%s' was killed by signal %d\n", Argv[0],
          WTERMSIG(Status));
  return 128 + WTERMSIG(Status);
}

int runProgram(const ArgList &Args) { return spawnAndWait(Args, nullptr); }

int runProgramCapturingErrors(const ArgList &Args,
                              const std::string &ErrorFile) {
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, STDERR_FILENO, ErrorFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
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
