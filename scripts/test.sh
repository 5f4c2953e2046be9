#!/usr/bin/env bash
# Runs the whole test suite: builds (via setup.sh, without the example),
# then ctest runs the lit pass tests, the runtime gtests, the end-to-end
# CUDA corpus natively (each program's PTX also assembled with ptxas when the
# CUDA toolkit is present) and cross-compiled under qemu-aarch64 and
# qemu-riscv64 (RVV). The runtime and library gtests run a second time,
# built with ASan+UBSan.
#   scripts/test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TONGXIN_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh" --no-example

status=0
ctest --test-dir "$build" --output-on-failure -j2 || status=1

# Runtime under AddressSanitizer + UndefinedBehaviorSanitizer.
asan=${TONGXIN_ASAN_BUILD_DIR:-$root/build-asan}
if [ ! -f "$asan/build.ninja" ]; then
  cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
        -DTONGXIN_SANITIZE=ON
fi
ninja -C "$asan" -j2 tongxin-unit-tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir "$asan" --output-on-failure -j2 -L unit || status=1
exit $status
