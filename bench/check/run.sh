#!/usr/bin/env bash
#===- bench/check/run.sh - What txcc --check=... costs ---------------------===#
#
# Part of Tongxin. Builds every kernel benchmark of bench/ twice with txcc --
# as usual, and with --check=$CHECK (memcheck by default) -- runs the two
# interleaved for a few rounds, and prints checked time / unchecked time per
# result and their geomean (the target for memcheck is at most 10x;
# compute-sanitizer's memcheck often costs 10-100x on a GPU). A checked run
# must also report no errors: the benchmarks are correct programs.
#
# Usage: bench/check/run.sh [BUILD_DIR] [BENCHMARK...]
# Environment: CHECK=memcheck (or synccheck, racecheck, initcheck, or a
#              list: memcheck,synccheck),
#              ROUNDS=2, BENCH_THREADS=nproc, BENCH_TIMEOUT=600, TXCC,
#              BENCH_REPS (timed repetitions per run; default per program:
#              the slower checks want fewer).
# Output: a table, then GEOMEAN <ratio>, then "RATIO <name> <ratio>" lines.
#
#===------------------------------------------------------------------------===#

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-build}" && pwd)
if [[ $# -gt 0 ]]; then
  shift
fi
TXCC=${TXCC:-$BUILD/bin/txcc}
ROUNDS=${ROUNDS:-2}
CHECK=${CHECK:-memcheck}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-600}
THREADS=${BENCH_THREADS:-$(nproc)}
export TONGXIN_CPU_THREADS=$THREADS

BENCHES=("$@")
if [[ ${#BENCHES[@]} -eq 0 ]]; then
  # The kernel benchmarks of bench/run.sh's default set.
  for Dir in "$BENCH_DIR"/*/; do
    B=$(basename "$Dir")
    if [[ -f $Dir/$B.cu && -f $Dir/${B}_omp.cpp && ! -f $Dir/not_default ]]; then
      BENCHES+=("$B")
    fi
  done
fi

OUT=$BUILD/bench/check
mkdir -p "$OUT"
declare -A BEST=()
declare -A FAILED=()
NAMES=()

# Records the median of each RESULT line of one run; $1 bench, $2 variant.
run_one() {
  local B=$1 Variant=$2 Output Status=0 Line Name Ms Key
  Output=$(timeout "$BENCH_TIMEOUT" "$OUT/$B.$Variant" ${BENCH_REPS:-} 2>&1) ||
    Status=$?
  if [[ $Status -ne 0 ]] || { [[ $Variant == checked ]] &&
    ! grep -q '^========= ERROR SUMMARY: 0 errors$' <<<"$Output"; }; then
    printf '%s\n' "$Output" | tail -n 8 | sed 's/^/    | /' >&2
    echo "  $B/$Variant: failed (exit status $Status)" >&2
    FAILED[$B]=1
    return 0
  fi
  while read -r Line; do
    Name=$(sed -n 's/.* name=\([^ ]*\).*/\1/p' <<<"$Line")
    Name=${Name:-$B}
    [[ $Name == latency* ]] && continue
    Ms=$(sed -n 's/.* ms=\([^ ]*\).*/\1/p' <<<"$Line")
    Key="$Name $Variant"
    if [[ -z ${BEST[$Key]:-} ]] ||
      awk -v a="$Ms" -v b="${BEST[$Key]}" 'BEGIN { exit !(a < b) }'; then
      BEST[$Key]=$Ms
    fi
    if [[ $Variant == plain && " ${NAMES[*]} " != *" $Name "* ]]; then
      NAMES+=("$Name")
    fi
  done < <(grep '^RESULT ' <<<"$Output" || true)
}

echo "== $CHECK overhead: txcc --check=$CHECK vs txcc, $THREADS threads"
for B in "${BENCHES[@]}"; do
  Src=$BENCH_DIR/$B/$B.cu
  "$TXCC" -O3 -arch=sm_80 --tongxin-cpu-only -o "$OUT/$B.plain" "$Src" &&
    "$TXCC" -O3 -arch=sm_80 --tongxin-cpu-only --check="$CHECK" \
      -o "$OUT/$B.checked" "$Src" || FAILED[$B]=1
done
for ((Round = 1; Round <= ROUNDS; ++Round)); do
  for B in "${BENCHES[@]}"; do
    [[ -n ${FAILED[$B]:-} ]] && continue
    run_one "$B" plain
    run_one "$B" checked
  done
done

printf '%-16s %12s %12s %8s\n' benchmark "plain ms" "checked ms" ratio
Ratios=()
Lines=()
for Name in "${NAMES[@]}"; do
  Plain=${BEST[$Name plain]:-}
  Checked=${BEST[$Name checked]:-}
  [[ -z $Plain || -z $Checked ]] && continue
  Ratio=$(awk -v a="$Checked" -v b="$Plain" 'BEGIN { printf "%.2f", a / b }')
  printf '%-16s %12s %12s %8s\n' "$Name" "$Plain" "$Checked" "$Ratio"
  Ratios+=("$Ratio")
  Lines+=("RATIO $Name $Ratio")
done
printf '%s\n' "${Ratios[@]}" |
  awk '{ s += log($1); n++ } END { if (n) printf "GEOMEAN %.2f\n", exp(s / n) }'
printf '%s\n' "${Lines[@]}"
for B in "${!FAILED[@]}"; do
  echo "RATIO $B FAIL"
done
[[ ${#FAILED[@]} -eq 0 ]]
