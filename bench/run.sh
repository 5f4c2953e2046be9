#!/usr/bin/env bash
#===- bench/run.sh - Tongxin vs. hand-written OpenMP ratio benchmarks ------===#
#
# Part of Tongxin. Builds every benchmark twice -- the CUDA program with txcc,
# the OpenMP baseline of the same algorithm with g++ -- runs the two binaries
# interleaved for a few rounds, and prints txcc time / OpenMP time. Lower is
# better; 1.0 is parity with hand-written OpenMP. See bench/README.md.
#
# Usage: bench/run.sh [BUILD_DIR] [BENCHMARK...]
#   BUILD_DIR   the Tongxin build tree holding bin/txcc (default: build)
#   BENCHMARK   any of: vector_add reduce sgemm (default: all)
# Environment:
#   ROUNDS=3            interleaved rounds per benchmark (best of them is kept)
#   BENCH_THREADS=nproc CPU threads for both sides (OMP_NUM_THREADS and
#                       TONGXIN_CPU_THREADS are both set to it)
#   BENCH_REPS          timed repetitions inside each run (default per program)
#   TXCC, OMP_CXX       compilers (default BUILD_DIR/bin/txcc and g++)
#   BENCH_TIMEOUT=300   seconds before one run is killed
#
# Output: one table, then one line per benchmark for scripts:
#   RATIO <benchmark> <txcc_ms/omp_ms>     (or RATIO <benchmark> FAIL)
# Exits non-zero if any benchmark failed to build, run or verify.
#
#===------------------------------------------------------------------------===#

set -euo pipefail

SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ALL_BENCHES=(vector_add reduce sgemm)

BUILD=${1:-build}
if [[ $# -gt 0 ]]; then
  shift
fi
if [[ ! -d $BUILD ]]; then
  echo "run.sh: build directory '$BUILD' not found" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)

if [[ $# -gt 0 ]]; then
  BENCHES=("$@")
else
  BENCHES=("${ALL_BENCHES[@]}")
fi
for B in "${BENCHES[@]}"; do
  if [[ ! -f $SRC_DIR/$B/$B.cu || ! -f $SRC_DIR/$B/${B}_omp.cpp ]]; then
    echo "run.sh: unknown benchmark '$B' (known: ${ALL_BENCHES[*]})" >&2
    exit 2
  fi
done

TXCC=${TXCC:-$BUILD/bin/txcc}
OMP_CXX=${OMP_CXX:-g++}
ROUNDS=${ROUNDS:-3}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}
THREADS=${BENCH_THREADS:-$(nproc)}
export OMP_NUM_THREADS=$THREADS
export TONGXIN_CPU_THREADS=$THREADS

if [[ ! -x $TXCC ]]; then
  echo "run.sh: txcc not found at '$TXCC' (build Tongxin first, or set TXCC)" >&2
  exit 2
fi

OUT=$BUILD/bench
mkdir -p "$OUT"

# Benchmarks that failed anywhere; their ratio is reported as FAIL.
declare -A FAILED=()
# Best (lowest) per-run median, keyed "bench impl"; INFO extras keyed alike.
declare -A BEST=()
declare -A EXTRA=()

# Records $2 (ms) under key $1 if it is lower than what is there.
keep_best() {
  local Key=$1 Ms=$2 Table=$3
  local -n Map=$Table
  if [[ -z ${Map[$Key]:-} ]] ||
    awk -v a="$Ms" -v b="${Map[$Key]}" 'BEGIN { exit !(a < b) }'; then
    Map[$Key]=$Ms
  fi
}

# Prints the value of field NAME=... from a RESULT/INFO line.
field() {
  sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"
}

# Runs one binary; on success records its median time. Args: bench impl exe.
run_one() {
  local B=$1 Impl=$2 Exe=$3 Output Line Ms Check
  if ! Output=$(timeout "$BENCH_TIMEOUT" "$Exe" 2>&1); then
    printf '%s\n' "$Output" | tail -n 5 | sed 's/^/    | /' >&2
    echo "  $B/$Impl: run failed" >&2
    FAILED[$B]=1
    return 0
  fi
  Line=$(grep -m1 '^RESULT ' <<<"$Output" || true)
  Ms=$(field ms "$Line")
  Check=$(field check "$Line")
  if [[ -z $Ms || $Check != ok ]]; then
    printf '%s\n' "$Output" | tail -n 5 | sed 's/^/    | /' >&2
    echo "  $B/$Impl: check=${Check:-missing}" >&2
    FAILED[$B]=1
    return 0
  fi
  printf '  %-10s %-5s %10s ms\n' "$B" "$Impl" "$Ms"
  keep_best "$B $Impl" "$Ms" BEST
  while read -r Info; do
    local Extra ExtraMs
    Extra=$(field impl "$Info")
    ExtraMs=$(field ms "$Info")
    if [[ -n $ExtraMs && $(field check "$Info") == ok ]]; then
      keep_best "$B $Extra" "$ExtraMs" EXTRA
    fi
  done < <(grep '^INFO .* ms=' <<<"$Output" || true)
}

echo "== Tongxin benchmarks: txcc vs OpenMP, $THREADS threads, $ROUNDS rounds"
echo "   cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- |
  sed 's/^ *//')"

echo "== Building into $OUT"
for B in "${BENCHES[@]}"; do
  if ! "$TXCC" -O3 -arch=sm_80 -o "$OUT/$B.txcc" "$SRC_DIR/$B/$B.cu"; then
    echo "  $B: txcc failed to compile $B.cu" >&2
    FAILED[$B]=1
  fi
  if ! "$OMP_CXX" -O3 -march=native -fopenmp -o "$OUT/$B.omp" \
    "$SRC_DIR/$B/${B}_omp.cpp"; then
    echo "  $B: $OMP_CXX failed to compile ${B}_omp.cpp" >&2
    FAILED[$B]=1
  fi
done

echo "== Running (each run prints the median of its repetitions)"
for B in "${BENCHES[@]}"; do
  if [[ -n ${FAILED[$B]:-} ]]; then
    continue
  fi
  for ((Round = 1; Round <= ROUNDS; ++Round)); do
    run_one "$B" txcc "$OUT/$B.txcc"
    run_one "$B" omp "$OUT/$B.omp"
  done
done

echo
echo "== Results (best of $ROUNDS runs; ratio = txcc / omp, lower is better)"
printf '%-12s %12s %12s %10s\n' benchmark "txcc ms" "omp ms" txcc/omp
Status=0
Summary=()
for B in "${BENCHES[@]}"; do
  Txcc=${BEST[$B txcc]:-}
  Omp=${BEST[$B omp]:-}
  if [[ -n ${FAILED[$B]:-} || -z $Txcc || -z $Omp ]]; then
    printf '%-12s %12s %12s %10s\n' "$B" "${Txcc:--}" "${Omp:--}" FAIL
    Summary+=("RATIO $B FAIL")
    Status=1
    continue
  fi
  Ratio=$(awk -v a="$Txcc" -v b="$Omp" 'BEGIN { printf "%.2f", a / b }')
  printf '%-12s %12.3f %12.3f %10s\n' "$B" "$Txcc" "$Omp" "$Ratio"
  Summary+=("RATIO $B $Ratio")
done

if [[ ${#EXTRA[@]} -gt 0 ]]; then
  echo
  echo "Extra (not ranked):"
  while read -r B Impl; do
    printf '  %-10s %-14s %10.3f ms\n' "$B" "$Impl" "${EXTRA[$B $Impl]}"
  done < <(printf '%s\n' "${!EXTRA[@]}" | sort)
fi

echo
printf '%s\n' "${Summary[@]}"
exit $Status
