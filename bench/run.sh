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
#   BENCHMARK   directory names under bench/ (default: every directory D that
#               holds D/D.cu and D/D_omp.cpp, except those with D/not_default)
# Environment:
#   ROUNDS=3            interleaved rounds per benchmark (best of them is kept)
#   BENCH_THREADS=nproc CPU threads for both sides (OMP_NUM_THREADS and
#                       TONGXIN_CPU_THREADS are both set to it)
#   BENCH_REPS          timed repetitions inside each run (default per program)
#   TXCC, OMP_CXX       compilers (default BUILD_DIR/bin/txcc and g++)
#   OMP_CXXFLAGS        flags for the baselines (default: -O3 -march=native
#                       -fopenmp -fno-math-errno)
#   BENCH_TIMEOUT=300   seconds before one run is killed
#
# A program prints one RESULT line per measurement (most print one, named
# after their directory; latency/ prints latency_sync, latency_grid and
# latency_async). Results whose name starts with "latency" are launch-latency
# measurements: they get their own table, in microseconds, and stay out of
# the geomean.
#
# Output: the table of kernel benchmarks, then
#   GEOMEAN <geometric mean of the kernel benchmarks' ratios>
# (over those that passed), the latency table, and one line per result:
#   RATIO <name> <txcc_ms/omp_ms>          (or RATIO <name> FAIL)
# Exits non-zero if any benchmark failed to build, run or verify.
#
#===------------------------------------------------------------------------===#

set -euo pipefail

SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Every directory D of bench/ with D/D.cu and D/D_omp.cpp, in name order.
# The default set leaves out pairs marked D/not_default (library-level
# comparisons whose baseline is another algorithm, such as thrust/: they
# would skew the kernel geomean); name them to run them.
ALL_BENCHES=()
DEFAULT_BENCHES=()
while read -r Dir; do
  B=$(basename "$Dir")
  if [[ -f $Dir/$B.cu && -f $Dir/${B}_omp.cpp ]]; then
    ALL_BENCHES+=("$B")
    if [[ ! -f $Dir/not_default ]]; then
      DEFAULT_BENCHES+=("$B")
    fi
  fi
done < <(find "$SRC_DIR" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort)

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
  BENCHES=("${DEFAULT_BENCHES[@]}")
fi
for B in "${BENCHES[@]}"; do
  if [[ ! -f $SRC_DIR/$B/$B.cu || ! -f $SRC_DIR/$B/${B}_omp.cpp ]]; then
    echo "run.sh: unknown benchmark '$B' (known: ${ALL_BENCHES[*]})" >&2
    exit 2
  fi
done

TXCC=${TXCC:-$BUILD/bin/txcc}
OMP_CXX=${OMP_CXX:-g++}
OMP_CXXFLAGS=${OMP_CXXFLAGS:--O3 -march=native -fopenmp -fno-math-errno}
read -r -a OMP_FLAGS <<<"$OMP_CXXFLAGS"
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

# Failures, keyed by benchmark directory (build or run failed) or by result
# name (its check failed); a failed result's ratio is reported as FAIL.
declare -A FAILED=()
# Best (lowest) per-run median, keyed "name impl"; INFO extras keyed alike.
declare -A BEST=()
declare -A EXTRA=()
# Result names each directory printed, in order, and the reverse map.
declare -A NAMES=()
declare -A DIR_OF=()

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

# Remembers that directory $1 printed result $2.
note_name() {
  local B=$1 Name=$2
  if [[ -z ${DIR_OF[$Name]:-} ]]; then
    DIR_OF[$Name]=$B
    NAMES[$B]="${NAMES[$B]:-} $Name"
  fi
}

# Shows the tail of a failed run's output.
show_tail() {
  printf '%s\n' "$1" | tail -n 5 | sed 's/^/    | /' >&2
}

# Runs one binary and records the median of each of its RESULT lines.
# Args: bench impl exe.
run_one() {
  local B=$1 Impl=$2 Exe=$3 Output Status=0 Line Name Ms Check Count=0
  Output=$(timeout "$BENCH_TIMEOUT" "$Exe" 2>&1) || Status=$?
  while read -r Line; do
    Name=$(field name "$Line")
    Name=${Name:-$B}
    Ms=$(field ms "$Line")
    Check=$(field check "$Line")
    note_name "$B" "$Name"
    Count=$((Count + 1))
    if [[ -z $Ms || $Check != ok ]]; then
      echo "  $Name/$Impl: check=${Check:-missing}" >&2
      FAILED[$Name]=1
      continue
    fi
    printf '  %-16s %-5s %12s ms\n' "$Name" "$Impl" "$Ms"
    keep_best "$Name $Impl" "$Ms" BEST
  done < <(grep '^RESULT ' <<<"$Output" || true)
  if [[ $Status -ne 0 || $Count -eq 0 ]]; then
    show_tail "$Output"
    echo "  $B/$Impl: run failed (exit status $Status)" >&2
    FAILED[$B]=1
  fi
  while read -r Info; do
    local Extra ExtraMs
    Extra=$(field impl "$Info")
    ExtraMs=$(field ms "$Info")
    if [[ -n $ExtraMs && $(field check "$Info") == ok ]]; then
      keep_best "$(field name "$Info") $Extra" "$ExtraMs" EXTRA
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
  # A baseline that needs libraries (TBB for the parallel algorithms) names
  # them in D/omp_libs.
  OmpLibs=()
  if [[ -f $SRC_DIR/$B/omp_libs ]]; then
    read -r -a OmpLibs <"$SRC_DIR/$B/omp_libs"
  fi
  if ! "$OMP_CXX" "${OMP_FLAGS[@]}" -o "$OUT/$B.omp" \
    "$SRC_DIR/$B/${B}_omp.cpp" "${OmpLibs[@]}"; then
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

# Every result name, in directory order; a directory that printed nothing
# stands for itself.
RESULTS=()
for B in "${BENCHES[@]}"; do
  if [[ -z ${NAMES[$B]:-} ]]; then
    note_name "$B" "$B"
  fi
  read -r -a Names <<<"${NAMES[$B]}"
  RESULTS+=("${Names[@]}")
done

Status=0
Summary=()
Ratios=()
NumKernel=0
# Prints one table row for result $1 and records its RATIO line; $2 is the
# unit the times are shown in (ms, or us for the latency table).
summary_row() {
  local Name=$1 Unit=$2 B=${DIR_OF[$1]} Txcc Omp Ratio Scale=1
  Txcc=${BEST[$Name txcc]:-}
  Omp=${BEST[$Name omp]:-}
  if [[ -n ${FAILED[$B]:-} || -n ${FAILED[$Name]:-} || -z $Txcc ||
    -z $Omp ]]; then
    printf '%-16s %12s %12s %10s\n' "$Name" "${Txcc:--}" "${Omp:--}" FAIL
    Summary+=("RATIO $Name FAIL")
    Status=1
    return 0
  fi
  if [[ $Unit == us ]]; then
    Scale=1000
  fi
  Ratio=$(awk -v a="$Txcc" -v b="$Omp" 'BEGIN { printf "%.2f", a / b }')
  awk -v a="$Txcc" -v b="$Omp" -v s="$Scale" -v n="$Name" -v r="$Ratio" \
    'BEGIN { printf "%-16s %12.3f %12.3f %10s\n", n, a * s, b * s, r }'
  Summary+=("RATIO $Name $Ratio")
  if [[ $Unit == ms ]]; then
    Ratios+=("$(awk -v a="$Txcc" -v b="$Omp" 'BEGIN { printf "%.6g", a / b }')")
  fi
}

echo
echo "== Results (best of $ROUNDS runs; ratio = txcc / omp, lower is better)"
printf '%-16s %12s %12s %10s\n' benchmark "txcc ms" "omp ms" txcc/omp
for Name in "${RESULTS[@]}"; do
  if [[ $Name != latency* ]]; then
    NumKernel=$((NumKernel + 1))
    summary_row "$Name" ms
  fi
done
if [[ $NumKernel -gt 0 ]]; then
  if [[ ${#Ratios[@]} -gt 0 ]]; then
    Geomean=$(printf '%s\n' "${Ratios[@]}" |
      awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')
  else
    Geomean=FAIL
  fi
  echo "(geometric mean of the ratios of the ${#Ratios[@]} of $NumKernel" \
    "kernel benchmarks that passed)"
  echo "GEOMEAN $Geomean"
fi

Latency=()
for Name in "${RESULTS[@]}"; do
  if [[ $Name == latency* ]]; then
    Latency+=("$Name")
  fi
done
if [[ ${#Latency[@]} -gt 0 ]]; then
  echo
  echo "Launch latency (per launch or parallel region; not in the geomean)"
  printf '%-16s %12s %12s %10s\n' benchmark "txcc us" "omp us" txcc/omp
  for Name in "${Latency[@]}"; do
    summary_row "$Name" us
  done
fi

if [[ ${#EXTRA[@]} -gt 0 ]]; then
  echo
  echo "Extra (not ranked):"
  while read -r Name Impl; do
    printf '  %-16s %-16s %10.3f ms\n' "$Name" "$Impl" "${EXTRA[$Name $Impl]}"
  done < <(printf '%s\n' "${!EXTRA[@]}" | sort)
fi

echo
printf '%s\n' "${Summary[@]}"
exit $Status
