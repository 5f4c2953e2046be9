//===- SubprocessTest.cpp - txcc's process runner ------------------------===//
//
// Part of Tongxin. txcc runs its steps through ParallelRuns, several at
// once: the host front end beside the device front end, the lowering beside
// the PTX, code generation. Each ParallelRuns must report its own commands'
// exit statuses although waitpid(-1) hands any child to whichever waits.
//
//===----------------------------------------------------------------------===//

#include "../../compiler/driver/Subprocess.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/wait.h>

using namespace tx;

namespace {

ArgList shell(const std::string &Script) { return {"/bin/sh", "-c", Script}; }

std::string contents(const std::string &Path) {
  std::ifstream In(Path);
  return std::string(std::istreambuf_iterator<char>(In),
                     std::istreambuf_iterator<char>());
}

} // namespace

TEST(Subprocess, EachRunsReportsItsOwnCommands) {
  // Slow's wait() is the first to call waitpid(-1) and gets Fast's child
  // (it ends first); Fast must still see its status, Slow its own.
  ParallelRuns Slow(1), Fast(1);
  ASSERT_TRUE(Slow.start(shell("sleep 0.3; exit 3")));
  ASSERT_TRUE(Fast.start(shell("exit 5")));
  EXPECT_EQ(Slow.wait(), 3);
  EXPECT_EQ(Fast.wait(), 5);
}

TEST(Subprocess, StartWaitsForAFreeSlotAmongItsOwn) {
  ParallelRuns Other(1), Runs(1);
  ASSERT_TRUE(Other.start(shell("exit 7")));
  ASSERT_TRUE(Runs.start(shell("sleep 0.2; exit 0")));
  // Full: start() reaps a command first (possibly Other's, kept for it).
  ASSERT_TRUE(Runs.start(shell("exit 2")));
  EXPECT_EQ(Runs.wait(), 2);
  EXPECT_EQ(Other.wait(), 7);
}

TEST(Subprocess, FirstFailureInOrderOfEnding) {
  ParallelRuns Runs(2);
  ASSERT_TRUE(Runs.start(shell("sleep 0.3; exit 4")));
  ASSERT_TRUE(Runs.start(shell("exit 6")));
  EXPECT_EQ(Runs.wait(), 6);
  EXPECT_EQ(Runs.wait(), 6); // nothing left to wait for: the same answer
}

TEST(Subprocess, ErrorsGoToTheNamedFile) {
  std::string File = testing::TempDir() + "tx-subprocess-errors.txt";
  ParallelRuns Runs(1);
  ASSERT_TRUE(Runs.start(shell("echo held back >&2; exit 1"), File));
  EXPECT_EQ(Runs.wait(), 1);
  EXPECT_EQ(contents(File), "held back\n");
  std::remove(File.c_str());
}

TEST(Subprocess, ProgramThatCannotStart) {
  ParallelRuns Runs(1);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(Runs.start({"/nonexistent/tx-no-such-program"}));
  EXPECT_NE(testing::internal::GetCapturedStderr().find("cannot run"),
            std::string::npos);
  EXPECT_EQ(Runs.wait(), 127);
}

TEST(Subprocess, KilledBySignal) {
  ParallelRuns Runs(1);
  testing::internal::CaptureStderr();
  ASSERT_TRUE(Runs.start(shell("kill -9 $$")));
  EXPECT_EQ(Runs.wait(), 128 + 9);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("signal 9"),
            std::string::npos);
}

TEST(Subprocess, CancelStopsWhatIsRunningWithoutAFailure) {
  // A compile that failed does not wait for its PTX: cancel() stops the
  // command at once, reports nothing, and leaves no child behind.
  ParallelRuns Runs(2);
  ASSERT_TRUE(Runs.start(shell("exec sleep 30")));
  ASSERT_TRUE(Runs.start(shell("exec sleep 30")));
  auto Start = std::chrono::steady_clock::now();
  Runs.cancel();
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(5));
  EXPECT_EQ(Runs.wait(), 0);
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1); // no child left
}

TEST(Subprocess, CancelTakesBackAChildAnotherRunsReaped) {
  // Other's wait() reaps Runs' child, which ended first; cancel() must not
  // wait for it again.
  ParallelRuns Runs(1), Other(1);
  ASSERT_TRUE(Runs.start(shell("exit 0")));
  ASSERT_TRUE(Other.start(shell("sleep 0.2; exit 0")));
  EXPECT_EQ(Other.wait(), 0);
  Runs.cancel();
  EXPECT_EQ(Runs.wait(), 0);
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
}

TEST(Subprocess, EndedSaysWithoutWaitingAndKeepsTheStatus) {
  // txcc watches the lowering and the PTX at once: ended() must not block
  // while a command runs, and a status it takes back stays wait()'s.
  ParallelRuns Slow(1), Fast(1);
  ASSERT_TRUE(Slow.start(shell("sleep 0.5; exit 3")));
  ASSERT_TRUE(Fast.start(shell("exit 5")));
  auto Start = std::chrono::steady_clock::now();
  EXPECT_FALSE(Slow.ended());
  EXPECT_LT(std::chrono::steady_clock::now() - Start,
            std::chrono::milliseconds(400));
  while (!Fast.ended())
    ParallelRuns::waitForAnyEnd();
  EXPECT_EQ(Fast.wait(), 5);
  while (!Slow.ended())
    ParallelRuns::waitForAnyEnd();
  EXPECT_EQ(Slow.wait(), 3);
  EXPECT_TRUE(Slow.ended()); // nothing left: at once, the same answer
  EXPECT_EQ(Slow.wait(), 3);
}

TEST(Subprocess, WaitForAnyEndLeavesTheChildToItsRuns) {
  // The child waitForAnyEnd() reaps belongs to Runs, which finds it in its
  // wait() and cancel(), and which must not wait for it again.
  ParallelRuns Runs(1), Other(1);
  ASSERT_TRUE(Runs.start(shell("exit 9")));
  ParallelRuns::waitForAnyEnd();
  EXPECT_EQ(Runs.wait(), 9);
  ASSERT_TRUE(Other.start(shell("exit 0")));
  ParallelRuns::waitForAnyEnd();
  Other.cancel();
  EXPECT_EQ(Other.wait(), 0);
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  ParallelRuns::waitForAnyEnd(); // no child at all: returns at once
}
