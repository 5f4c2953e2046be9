#!/usr/bin/env bash
#===- bench/libs/fft/run.sh - cuFFT vs. kissfft ratio benchmark ------------===#
#
# Part of Tongxin. Builds fft_cufft.cu with txcc -lcufft and fft_kiss.cpp
# with g++ against Debian's kissfft, runs them interleaved for a few rounds
# with the same thread count, and prints cuFFT time / kissfft time (best
# of the rounds' minima). Lower is better.
#
# Usage: bench/libs/fft/run.sh [BUILD_DIR]     (default: build)
# Environment: ROUNDS=3, BENCH_THREADS=nproc, BENCH_REPS (timed reps/run).
# Output: a table, then `RATIO fft_<case> <cufft_ms/kissfft_ms>` lines.
#
#===------------------------------------------------------------------------===#

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=$(cd "${1:-build}" && pwd)
ROUNDS=${ROUNDS:-3}
export BENCH_THREADS=${BENCH_THREADS:-$(nproc)}
export TONGXIN_CPU_THREADS=$BENCH_THREADS
if [[ ! -f /usr/include/kissfft/kiss_fft.h ]]; then
  echo "run.sh: kissfft (libkissfft-dev) is not installed" >&2
  exit 77
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TX_INCLUDE="$BUILD/include"
"$BUILD/bin/txcc" -O3 -arch=sm_80 "$HERE/fft_cufft.cu" -o "$WORK/fft_cufft" \
  -lcufft
g++ -O3 -march=native -std=c++17 "$HERE/fft_kiss.cpp" -o "$WORK/fft_kiss" \
  -lkissfft-float -pthread

declare -A BEST
for ((R = 0; R < ROUNDS; ++R)); do
  for PROG in fft_cufft fft_kiss; do
    while read -r Line; do
      [[ $Line == RESULT* ]] || continue
      echo "$Line"
      [[ $Line == *check=ok* ]] || { echo "run.sh: $PROG failed its check" >&2; exit 1; }
      Name=$(sed -n 's/.*name=\([^ ]*\).*/\1/p' <<<"$Line")
      Impl=$(sed -n 's/.*impl=\([^ ]*\).*/\1/p' <<<"$Line")
      Ms=$(sed -n 's/.*min_ms=\([^ ]*\).*/\1/p' <<<"$Line")
      Key="$Name/$Impl"
      if [[ -z ${BEST[$Key]:-} ]] ||
         awk -v a="$Ms" -v b="${BEST[$Key]}" 'BEGIN { exit !(a < b) }'; then
        BEST[$Key]=$Ms
      fi
    done < <(LD_LIBRARY_PATH="$BUILD/lib" "$WORK/$PROG")
  done
done

printf '%-16s %12s %12s\n' case cufft_ms kissfft_ms
for Case in fft_1m fft_1009x1009; do
  printf '%-16s %12s %12s\n' "$Case" "${BEST[$Case/cufft]}" \
    "${BEST[$Case/kissfft]}"
done
for Case in fft_1m fft_1009x1009; do
  awk -v c="$Case" -v a="${BEST[$Case/cufft]}" -v b="${BEST[$Case/kissfft]}" \
    'BEGIN { printf "RATIO %s %.3f\n", c, a / b }'
done
