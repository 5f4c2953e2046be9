#!/usr/bin/env bash
# Runs the whole test suite: builds (via setup.sh, without the example),
# then ctest runs the lit pass tests, the runtime gtests, the end-to-end
# CUDA corpus natively (each program's PTX also assembled with ptxas when the
# CUDA toolkit is present) and cross-compiled under qemu-aarch64 and
# qemu-riscv64 (RVV): the ISA-sensitive programs under both, the others
# under one each (tests/cuda/CMakeLists.txt, TONGXIN_CROSS_CORPUS; `cmake
# -DTONGXIN_CROSS_CORPUS=full build` first runs all under both). The runtime and library gtests run a second time,
# built with ASan+UBSan; then each libFuzzer harness (tests/fuzz) runs for
# TONGXIN_FUZZ_SECONDS (default 30), two at a time, from its checked-in
# seeds.
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
        -DTONGXIN_SANITIZE=ON -DTONGXIN_FUZZ=ON
fi
ninja -C "$asan" -j2 tongxin-unit-tests tongxin-fuzzers
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir "$asan" --output-on-failure -j2 -L unit || status=1

# Bounded fuzzing: new inputs go to a scratch folder, the seeds stay as they
# are. A fixed seed keeps the run repeatable. A crash leaves its input in
# the scratch folder and fails the run. Harnesses run TONGXIN_FUZZ_JOBS at
# a time (one per core of a 2-core CI machine), each for
# TONGXIN_FUZZ_SECONDS.
fuzz_seconds=${TONGXIN_FUZZ_SECONDS:-30}
fuzz_jobs=${TONGXIN_FUZZ_JOBS:-2}
fuzz_one() {
  local name=$1 seeds=$2 scratch=$asan/fuzz/$1
  mkdir -p "$scratch"
  (cd "$scratch" && "$asan/bin/tongxin-fuzz-$name" -max_total_time="$fuzz_seconds" \
      -seed=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$scratch" "$seeds" \
      2>&1 | grep -E '^(stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)|Done ') \
      >"$asan/fuzz/$name.log" ||
    { echo "fuzz: $name found a crash (input in $scratch)" >>"$asan/fuzz/$name.log"; return 1; }
}
harnesses=()
for seeds in "$root"/tests/fuzz/corpus/*/; do
  harnesses+=("$(basename "$seeds")")
done
mkdir -p "$asan/fuzz"
for ((first = 0; first < ${#harnesses[@]}; first += fuzz_jobs)); do
  batch=("${harnesses[@]:first:fuzz_jobs}")
  pids=()
  for name in "${batch[@]}"; do
    echo "fuzz: $name for ${fuzz_seconds}s"
    fuzz_one "$name" "$root/tests/fuzz/corpus/$name/" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || status=1
    sed "s/^/fuzz: ${batch[$i]}: /" "$asan/fuzz/${batch[$i]}.log"
  done
done
exit $status
