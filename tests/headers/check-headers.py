#!/usr/bin/env python3
"""Compiles Tongxin's public headers in every setting a user may include them.

    check-headers.py BUILD_DIR SUITE [-j N] [-v]

Every check is a syntax-only compile that must succeed without any
diagnostic (a warning fails it, even one that txcc keeps from being an
error). Suites (each a ctest test labelled "headers"):

  cuda       Each public header (include/*.h and the cooperative_groups/*.h
             programs include by name; never include/tongxin/*, which is
             internal) alone in a .cu translation unit, compiled with the
             exact clang command lines txcc runs for the device and the host
             pass (read from `txcc --dryrun`, so this cannot drift from the
             driver) at -std=c++17 with -Wall -Wextra -pedantic -Werror,
             also with -fno-exceptions -fno-rtti -ffast-math, and without
             the cuda_runtime.h that txcc force-includes (the header truly
             alone); then all of them in one translation unit at -std=c++11,
             14 and 20. Headers that only forward to cuda_runtime.h are not
             recompiled where that would be the same translation unit as
             cuda_runtime.h alone.
  plain      The headers meant for plain C++ (host API, vector and library
             types, fp16/bf16/fp8) with g++ and clang++, each alone at C++17
             (also with the flags above) and all together at C++11, 14 and
             20; the C ones with gcc and clang as C99 (and -ffast-math).
  std-order  All of them before and after every C and C++20 standard header
             (CUDA device and host pass, g++, clang++), and the C ones around
             C's headers (gcc and clang, C99).
  boost      The same around common header-only Boost libraries.
  eigen      The same around Eigen/Core and Eigen/Dense (in CUDA mode Eigen
             turns on its CUDA code paths on __CUDACC__/__NVCC__), then
             eigen_host_device.cu, Eigen in host and device code, built by
             txcc and run.

In CUDA mode txcc's forced cuda_runtime.h always comes first (as nvcc's
does, and as clang's own <algorithm>/<cmath> wrappers require); "ours
first/last" places every other header. Libraries are included as system
headers (-isystem), as their CMake packages do. boost and eigen exit with 77
(ctest: skipped) when the library is absent.

Warnings our headers legitimately cannot avoid under -pedantic would be
listed in PEDANTIC_EXCEPTIONS with the evidence; there are none: the only
-pedantic warnings seen (hexadecimal floating literals before C++17) can be
written differently, and -Wnan-infinity-disabled under -ffast-math can be
silenced in the header that implements isinf/nan (NVIDIA's math header is
a system header for the same reason).
"""

import argparse
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77

WARNINGS = ["-Wall", "-Wextra", "-pedantic", "-Werror"]
# -Wno-... flags for warnings our headers cannot avoid under -pedantic, each
# with its evidence (see the module comment: none so far).
PEDANTIC_EXCEPTIONS = []
NO_EH = ["-fno-exceptions", "-fno-rtti", "-ffast-math"]
CXX_STDS = ["c++11", "c++14", "c++17", "c++20"]

# Headers whose own banner says they work without CUDA: C ones (plain
# declarations, usable from C99) and the C++ ones (host API templates and
# the reduced-precision types, "compiles with plain C++ too").
PLAIN_C = [
    "builtin_types.h", "cuda.h", "cuda_profiler_api.h", "cuda_runtime.h",
    "cuda_runtime_api.h", "device_types.h", "driver_types.h",
    "library_types.h", "math_constants.h", "surface_types.h",
    "texture_types.h", "vector_functions.h", "vector_types.h",
    # The CUDA libraries' C headers (libs/).
    "cuComplex.h", "cublas_api.h", "cublas_v2.h", "cublasLt.h", "curand.h",
    "cufft.h", "cusolver_common.h", "cusolverDn.h", "cusparse.h",
    "cusparse_v2.h",
]
PLAIN_CXX = PLAIN_C + [
    "channel_descriptor.h", "cuda_bf16.h", "cuda_fp16.h", "cuda_fp8.h",
]

C_STD_HEADERS = [
    "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h",
    "inttypes.h", "limits.h", "locale.h", "math.h", "setjmp.h", "signal.h",
    "stdarg.h", "stdbool.h", "stddef.h", "stdint.h", "stdio.h", "stdlib.h",
    "string.h", "time.h", "wchar.h", "wctype.h",
]
CXX_STD_HEADERS = {
    "c++11": [
        "algorithm", "array", "atomic", "bitset", "cassert", "cctype",
        "cerrno", "cfenv", "cfloat", "chrono", "cinttypes", "climits",
        "clocale", "cmath", "complex", "condition_variable", "csetjmp",
        "csignal", "cstdarg", "cstddef", "cstdint", "cstdio", "cstdlib",
        "cstring", "ctime", "cwchar", "cwctype", "deque", "exception",
        "forward_list", "fstream", "functional", "future",
        "initializer_list", "iomanip", "ios", "iosfwd", "iostream",
        "istream", "iterator", "limits", "list", "locale", "map", "memory",
        "mutex", "new", "numeric", "ostream", "queue", "random", "ratio",
        "regex", "scoped_allocator", "set", "sstream", "stack", "stdexcept",
        "streambuf", "string", "system_error", "thread", "tuple",
        "type_traits", "typeindex", "typeinfo", "unordered_map",
        "unordered_set", "utility", "valarray", "vector",
    ],
    "c++14": ["shared_mutex"],
    "c++17": ["any", "charconv", "filesystem", "memory_resource", "optional",
              "string_view", "variant"],
    "c++20": ["barrier", "bit", "compare", "concepts", "latch", "numbers",
              "ranges", "semaphore", "source_location", "span", "stop_token",
              "version"],
}
BOOST_HEADERS = [
    "boost/shared_ptr.hpp", "boost/make_shared.hpp", "boost/optional.hpp",
    "boost/format.hpp", "boost/lexical_cast.hpp",
    "boost/algorithm/string.hpp", "boost/range/irange.hpp",
]
EIGEN_HEADERS = ["Eigen/Core", "Eigen/Dense"]


def cxx_std_headers(std):
    """The C++ standard headers of `std` and before, plus C's."""
    out = []
    for s in CXX_STDS:
        out += CXX_STD_HEADERS[s]
        if s == std:
            break
    return out + C_STD_HEADERS


class Checker:
    def __init__(self, build, jobs, verbose):
        self.build = os.path.abspath(build)
        self.txcc = os.path.join(self.build, "bin", "txcc")
        self.jobs = jobs
        self.verbose = verbose
        self.tmp = tempfile.mkdtemp(prefix="tx-headers-")
        self.cuda_cmds = {}
        self.pchs = {}
        self.failures = []
        self.count = 0
        self.include, self.clang = self._probe()

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- txcc's own command lines -----------------------------------------

    def _dryrun(self, extra):
        probe = os.path.join(self.tmp, "probe.cu")
        with open(probe, "w") as f:
            f.write("\n")
        argv = [self.txcc, "--dryrun"] + extra + ["-c", probe, "-o",
                                                  probe + ".o"]
        res = subprocess.run(argv, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit("check-headers: %s failed:\n%s" % (shlex.join(argv),
                                                        res.stderr))
        out = (res.stdout + res.stderr).splitlines()
        lines = [shlex.split(l[3:]) for l in out if l.startswith("#$ ")]
        dev = [l for l in lines if "--cuda-device-only" in l]
        host = [l for l in lines if "--cuda-host-only" in l]
        if len(dev) != 1 or len(host) != 1:
            sys.exit("check-headers: unexpected `txcc --dryrun` output:\n" +
                     res.stdout + res.stderr)
        return {"device": self._syntax_only(dev[0], probe),
                "host": self._syntax_only(host[0], probe)}

    @staticmethod
    def _syntax_only(argv, probe):
        """txcc's clang line minus its input, output and code generation."""
        out, i = [], 0
        while i < len(argv):
            a = argv[i]
            if a == "-o":
                i += 2
                continue
            if a in ("-c", "-emit-llvm") or a == probe:
                i += 1
                continue
            if (a == "-Xclang" and i + 1 < len(argv) and
                    argv[i + 1] == "-fcuda-include-gpubinary"):
                i += 4
                continue
            out.append(a)
            i += 1
        return out + ["-fsyntax-only"]

    def _probe(self):
        if not os.access(self.txcc, os.X_OK):
            sys.exit("check-headers: no txcc at " + self.txcc)
        cmds = self._dryrun(["-std=c++17"])
        dev = cmds["device"]
        include = None
        for a in dev:
            if a.startswith("-I") and os.path.exists(
                    os.path.join(a[2:], "cuda_runtime.h")):
                include = a[2:]
        if include is None:
            sys.exit("check-headers: txcc passes no include directory")
        return include, dev[0]

    def cuda(self, std, variant="", bare=False, precompiled=True):
        """txcc's device and host syntax-only command lines for `std`.

        As txcc does, the forced cuda_runtime.h comes from a precompiled
        header made with exactly the same flags (once per pass, standard
        and variant, and itself checked for diagnostics), except at C++20,
        where clang 19 loads such a PCH wrongly (txcc does not use one
        there either)."""
        if std not in self.cuda_cmds:
            self.cuda_cmds[std] = self._dryrun(["-std=" + std])
        cmds = {}
        for p, argv in self.cuda_cmds[std].items():
            if bare:  # the header alone, without txcc's forced include
                argv = [a for j, a in enumerate(argv)
                        if not (a == "-include" or
                                (j > 0 and argv[j - 1] == "-include"))]
            argv = argv + ({"noeh": NO_EH}.get(variant, []))
            if not bare and precompiled and not std.endswith("20"):
                argv = self.with_pch(argv, "%s_%s_%s" % (std, variant, p))
            cmds[p] = argv
        return cmds

    def with_pch(self, argv, tag):
        """argv with its `-include cuda_runtime.h` replaced by a PCH of it."""
        at = argv.index("-include")
        if tag not in self.pchs:
            pch = os.path.join(self.tmp, "runtime_%s.pch" % tag)
            build = ([a for a in argv[:at] + argv[at + 2:]
                      if a != "-fsyntax-only"] + WARNINGS +
                     PEDANTIC_EXCEPTIONS +
                     ["-emit-llvm", "-c", "-Xclang", "-emit-pch", "-x", "cuda",
                      os.path.join(self.include, argv[at + 1]), "-o", pch])
            res = subprocess.run(build, capture_output=True, text=True)
            self.count += 1
            diag = (res.stdout + res.stderr).strip()
            if res.returncode != 0 or diag:
                self.fail("cuda %s precompiled (%s)" % (argv[at + 1], tag),
                          build, diag)
                pch = None
            self.pchs[tag] = pch
        if self.pchs[tag] is None:
            return argv
        return argv[:at] + ["-include-pch", self.pchs[tag]] + argv[at + 2:]

    # --- headers ------------------------------------------------------------

    def public_headers(self):
        top = sorted(f for f in os.listdir(self.include)
                     if f.endswith(".h") and
                     os.path.isfile(os.path.join(self.include, f)) and
                     not self.not_provided(f))
        cg = os.path.join(self.include, "cooperative_groups")
        sub = sorted("cooperative_groups/" + f for f in os.listdir(cg)
                     if f.endswith(".h")) if os.path.isdir(cg) else []
        return top + sub

    def not_provided(self, header):
        """Headers that only stop the build with an #error naming a CUDA
        library Tongxin lacks (include/cudnn.h, ...)."""
        with open(os.path.join(self.include, header)) as f:
            return "TONGXIN_NOT_PROVIDED" in f.read(2048)

    # --- running ------------------------------------------------------------

    def tu(self, name, lines, ext):
        path = os.path.join(self.tmp, name + ext)
        with open(path, "w") as f:
            for header in lines:
                f.write("#include <%s>\n" % header)
            # C forbids an empty translation unit (math_constants.h has
            # only macros).
            f.write("typedef int tx_header_check_nonempty;\n")
        return path

    def add(self, jobs, label, argv, src):
        jobs.append((label, argv + WARNINGS + PEDANTIC_EXCEPTIONS + [src]))

    def run(self, jobs):
        def one(job):
            label, argv = job
            res = subprocess.run(argv, capture_output=True, text=True)
            return label, argv, res

        with concurrent.futures.ThreadPoolExecutor(self.jobs) as pool:
            for label, argv, res in pool.map(one, jobs):
                self.count += 1
                diag = (res.stdout + res.stderr).strip()
                ok = res.returncode == 0 and not diag
                if ok and self.verbose:
                    print("ok: " + label)
                if not ok:
                    self.fail(label, argv, diag)

    def fail(self, label, argv, diag):
        self.failures.append(label)
        print("FAIL: %s\n  $ %s" % (label, shlex.join(argv)))
        print("\n".join("  " + l for l in diag.splitlines()[:40]))
        sys.stdout.flush()

    # --- suites -------------------------------------------------------------

    def is_forwarder(self, header):
        """True for headers that only include cuda_runtime.h (CUDA splits its
        device functions over many headers; here they all forward): with
        txcc's forced cuda_runtime.h they are the same translation unit as
        cuda_runtime.h alone, so that compile is not repeated."""
        code = []
        with open(os.path.join(self.include, header)) as f:
            for line in f:
                line = line.split("//")[0].strip()
                if line:
                    code.append(line)
        code = [l for l in code if not l.startswith(("#ifndef", "#define",
                                                     "#endif"))]
        return code == ['#include "cuda_runtime.h"']

    def suite_cuda(self):
        jobs = []
        headers = self.public_headers()
        for h in headers:
            src = self.tu("cuda_" + h.replace("/", "_"), [h], ".cu")
            runs = [] if self.is_forwarder(h) else [("c++17", "", False),
                                                    ("c++17", "noeh", False)]
            runs.append(("c++17", "", True))
            for std, variant, bare in runs:
                self.add_cuda(jobs, h, std, variant, bare, src)
        # The other standards see every header at once: what a standard
        # changes is the language, and a header that needs another before
        # it is caught alone at C++17.
        src = self.tu("cuda_all", headers, ".cu")
        for std in CXX_STDS:
            if std != "c++17":
                self.add_cuda(jobs, "(all)", std, "", False, src)
        self.run(jobs)

    def add_cuda(self, jobs, header, std, variant, bare, src):
        for p, argv in self.cuda(std, variant, bare).items():
            label = "cuda %s %s %s%s%s" % (
                header, std, p, " alone" if bare else "",
                " " + " ".join(NO_EH) if variant else "")
            self.add(jobs, label, argv, src)

    def suite_plain(self):
        jobs = []
        gxx, clangxx = "g++", os.path.join(os.path.dirname(self.clang),
                                           "clang++")
        # Each header alone at C++17, all of them together at the other
        # standards (as in the cuda suite).
        runs = [(h, self.tu("cxx_" + h, [h], ".cpp"), std, variant)
                for h in PLAIN_CXX for std, variant in (("c++17", ""),
                                                        ("c++17", "noeh"))]
        together = self.tu("cxx_all", PLAIN_CXX, ".cpp")
        runs += [("(all)", together, std, "") for std in CXX_STDS
                 if std != "c++17"]
        for h, src, std, variant in runs:
            for cxx in (gxx, clangxx):
                argv = [cxx, "-std=" + std, "-I" + self.include,
                        "-fsyntax-only"] + (NO_EH if variant else [])
                self.add(jobs, "plain %s %s %s%s" % (
                    h, os.path.basename(cxx), std,
                    " " + variant if variant else ""), argv, src)
        for h in PLAIN_C:
            src = self.tu("c_" + h, [h], ".c")
            for cc in ("gcc", self.clang):
                for variant in ("", "fast"):
                    argv = [cc, "-x", "c", "-std=c99", "-I" + self.include,
                            "-fsyntax-only"] + (["-ffast-math"] if variant
                                                else [])
                    self.add(jobs, "plain %s %s c99%s" % (
                        h, os.path.basename(cc), " " + variant
                        if variant else ""), argv, src)
        self.run(jobs)

    def ordered(self, jobs, tag, libs, ours_cuda, ours_cxx, stds,
                extra_flags=(), cuda_libs=None):
        """Our headers first and last around `libs`, in CUDA mode and with
        g++ and clang++. In CUDA mode txcc's forced cuda_runtime.h stays
        first, as with nvcc (clang's own <algorithm>, <cmath>, ... wrappers
        need the CUDA qualifiers before them); every other header of ours
        comes before or after the libraries."""
        extra = list(extra_flags)
        clangxx = os.path.join(os.path.dirname(self.clang), "clang++")
        for std in stds:
            lib = libs(std) if callable(libs) else libs
            culib = lib if cuda_libs is None else cuda_libs
            for first in (True, False):
                order = "first" if first else "last"
                cu = self.tu("%s_cuda_%s_%s" % (tag, std, order),
                             ours_cuda + culib if first else culib + ours_cuda,
                             ".cu")
                # Extra flags (Eigen's -isystem) are not in the PCH.
                cuda = self.cuda(std, precompiled=not extra)
                for p, argv in cuda.items():
                    self.add(jobs, "%s cuda %s %s: ours %s" % (
                        tag, std, p, order), argv + extra, cu)
                cpp = self.tu("%s_cxx_%s_%s" % (tag, std, order),
                              ours_cxx + lib if first else lib + ours_cxx,
                              ".cpp")
                for cxx in ("g++", clangxx):
                    argv = [cxx, "-std=" + std, "-I" + self.include,
                            "-fsyntax-only"] + extra
                    self.add(jobs, "%s %s %s: ours %s" % (
                        tag, os.path.basename(cxx), std, order), argv, cpp)

    def suite_std_order(self):
        jobs = []
        # C++20's list holds every earlier standard's headers.
        self.ordered(jobs, "std", cxx_std_headers, self.public_headers(),
                     PLAIN_CXX, ["c++20"])
        for first in (True, False):
            order = "first" if first else "last"
            src = self.tu("std_c99_" + order, PLAIN_C + C_STD_HEADERS
                          if first else C_STD_HEADERS + PLAIN_C, ".c")
            for cc in ("gcc", self.clang):
                self.add(jobs, "std %s c99: ours %s" % (
                    os.path.basename(cc), order),
                    [cc, "-x", "c", "-std=c99", "-I" + self.include,
                     "-fsyntax-only"], src)
        self.run(jobs)

    def suite_boost(self):
        if not os.path.exists("/usr/include/boost/version.hpp"):
            print("SKIP: Boost headers not found (Debian: libboost-dev)")
            return SKIP
        jobs = []
        self.ordered(jobs, "boost", BOOST_HEADERS, self.public_headers(),
                     PLAIN_CXX, ["c++17"], cuda_libs=self.boost_cuda_headers())
        self.run(jobs)

    @staticmethod
    def boost_cuda_headers():
        """Boost before 1.78 turns off its type-trait intrinsics for any
        clang that defines __CUDACC__ (it took that for nvcc's front end),
        and boost::optional (used by Boost.Format) then applies its
        sizeof-based is_base_of to an incomplete type: a Boost bug that hits
        every clang-based CUDA compiler, not our headers
        (github.com/boostorg/config/issues/406, boostorg/optional#97).
        Those two are left out of the CUDA-mode checks on such a Boost."""
        intrinsics = "/usr/include/boost/type_traits/intrinsics.hpp"
        try:
            with open(intrinsics) as f:
                broken = ("defined(__has_feature) && !defined(__CUDACC__)"
                          in f.read())
        except OSError:
            broken = False
        if not broken:
            return BOOST_HEADERS
        print("note: this Boost disables its type-trait intrinsics under "
              "clang CUDA (boostorg/config#406); boost/optional.hpp and "
              "boost/format.hpp are checked in plain C++ only")
        return [h for h in BOOST_HEADERS
                if h not in ("boost/optional.hpp", "boost/format.hpp")]

    def suite_eigen(self):
        eigen = "/usr/include/eigen3"
        if not os.path.exists(os.path.join(eigen, "Eigen", "Core")):
            print("SKIP: Eigen headers not found (Debian: libeigen3-dev)")
            return SKIP
        jobs = []
        self.ordered(jobs, "eigen", EIGEN_HEADERS, self.public_headers(),
                     PLAIN_CXX, ["c++17"], ["-isystem", eigen])
        self.run(jobs)
        # Eigen used on both sides of a real program, built as a user would.
        exe = os.path.join(self.tmp, "eigen_host_device")
        argv = [self.txcc, "-O1", "--tongxin-cpu-only", "-I" + eigen,
                os.path.join(HERE, "eigen_host_device.cu"), "-o", exe]
        self.count += 1
        res = subprocess.run(argv, capture_output=True, text=True)
        if res.returncode == 0:
            res = subprocess.run([exe], capture_output=True, text=True)
        if res.returncode != 0 or "PASS" not in res.stdout:
            self.failures.append("eigen_host_device.cu")
            print("FAIL: eigen_host_device.cu\n  $ " + shlex.join(argv))
            diag = (res.stdout + res.stderr).strip().splitlines()
            print("\n".join("  " + l for l in diag[:40]))
        elif self.verbose:
            print("ok: eigen_host_device.cu")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build")
    ap.add_argument("suite", choices=["cuda", "plain", "std-order", "boost",
                                      "eigen"])
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    checker = Checker(args.build, args.jobs, args.verbose)
    start = time.time()
    try:
        rc = getattr(checker, "suite_" + args.suite.replace("-", "_"))()
    finally:
        checker.close()
    if rc == SKIP:
        return SKIP
    print("check-headers %s: %d compiles, %d failed, %.1f s" % (
        args.suite, checker.count, len(checker.failures),
        time.time() - start))
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
