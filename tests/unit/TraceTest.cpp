//===- TraceTest.cpp - TONGXIN_TRACE's timeline file ----------------------===//
//
// Part of Tongxin. core/Trace.cpp, compiled into this test from source:
// events on tracks, the JSON it writes, and what it does with a path it
// cannot write. Runs as unit.Trace with TONGXIN_TRACE set; skipped in the
// discovered run, where it is not. (tests/trace checks a whole program's
// trace from the runtime itself.)
//
//===----------------------------------------------------------------------===//

#include "core/Trace.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

using namespace tx;

namespace {

std::string readTrace() {
  std::ifstream In(std::getenv("TONGXIN_TRACE"));
  return std::string(std::istreambuf_iterator<char>(In),
                     std::istreambuf_iterator<char>());
}

class Trace : public ::testing::Test {
protected:
  void SetUp() override {
    if (!trace::enabled())
      GTEST_SKIP() << "runs as unit.Trace, with TONGXIN_TRACE set";
  }
};

TEST_F(Trace, KernelsGoOnTheirStreamsTrack) {
  const unsigned Grid[3] = {4, 2, 1}, Block[3] = {128, 1, 1};
  {
    trace::TrackScope Scope(trace::trackOf(0, 7, /*Legacy=*/false));
    trace::record(trace::Kind::Kernel, "_Z6kernelPf", 100, 250,
                  trace::kernelArgs(Grid, Block, 512, 64));
  }
  trace::flush();
  std::string Text = readTrace();
  EXPECT_NE(Text.find("{\"name\":\"kernel(float*)\",\"cat\":\"kernel\","
                      "\"ph\":\"X\""),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("\"grid\":[4,2,1],\"block\":[128,1,1],"
                      "\"dynamic_shared_bytes\":512,"
                      "\"static_shared_bytes\":64,\"device\":0,\"stream\":7,"
                      "\"mangled\":\"_Z6kernelPf\""),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("\"pid\":1,\"tid\":7,\"args\":{\"name\":\"Stream 7\"}"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("\"pid\":1,\"args\":{\"name\":\"Device 0\"}"),
            std::string::npos);
}

TEST_F(Trace, ScopesNestAndRestore) {
  EXPECT_EQ(trace::currentTrack().Device, -1);
  {
    trace::TrackScope Outer(trace::trackOf(1, 3, true));
    {
      trace::TrackScope Inner(trace::trackOf(2, 9, false));
      EXPECT_EQ(trace::currentTrack().Device, 2);
      EXPECT_EQ(trace::currentTrack().Stream, 9u);
    }
    EXPECT_EQ(trace::currentTrack().Device, 1);
    EXPECT_TRUE(trace::currentTrack().Legacy);
  }
  EXPECT_EQ(trace::currentTrack().Device, -1);
}

TEST_F(Trace, SpansTimeTheirScope) {
  {
    trace::TrackScope Scope(trace::trackOf(0, 1, true));
    trace::Span Copy(trace::Kind::Copy, "memcpy HtoD");
    ASSERT_TRUE(Copy.active());
    Copy.Args = "\"bytes\":4096";
  }
  trace::flush();
  std::string Text = readTrace();
  EXPECT_NE(Text.find("\"name\":\"memcpy HtoD\",\"cat\":\"memcpy\""),
            std::string::npos);
  EXPECT_NE(Text.find("\"bytes\":4096,\"device\":0,\"stream\":1"),
            std::string::npos);
  EXPECT_NE(Text.find("\"args\":{\"name\":\"Default stream 1\"}"),
            std::string::npos);
}

TEST_F(Trace, SynchronisationsGoOnTheHostThread) {
  trace::TrackScope Scope(trace::trackOf(0, 5, false));
  trace::record(trace::Kind::Synchronize, "cudaDeviceSynchronize", 10, 20, "");
  trace::flush();
  std::string Text = readTrace();
  EXPECT_NE(Text.find("{\"name\":\"cudaDeviceSynchronize\",\"cat\":"
                      "\"synchronize\""),
            std::string::npos);
  EXPECT_NE(Text.find("\"pid\":0,\"tid\":1,\"args\":{\"name\":\"Host thread "
                      "1\"}"),
            std::string::npos);
}

TEST_F(Trace, NamesAreEscaped) {
  trace::TrackScope Scope(trace::trackOf(0, 2, false));
  trace::record(trace::Kind::HostFunction, "a \"quoted\"\\name\n", 1, 2, "");
  trace::flush();
  EXPECT_NE(readTrace().find("a \\\"quoted\\\"\\\\name\\u000a"),
            std::string::npos);
}

TEST_F(Trace, UnwritablePathIsReportedNotFatal) {
  std::string Saved = std::getenv("TONGXIN_TRACE");
  setenv("TONGXIN_TRACE", "/nonexistent-dir/trace.json", 1);
  testing::internal::CaptureStderr();
  trace::flush();
  std::string Err = testing::internal::GetCapturedStderr();
  setenv("TONGXIN_TRACE", Saved.c_str(), 1);
  EXPECT_NE(Err.find("cannot write the trace to /nonexistent-dir/trace.json"),
            std::string::npos)
      << Err;
}

} // namespace
