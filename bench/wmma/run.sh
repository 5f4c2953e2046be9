#!/usr/bin/env bash
#===- bench/wmma/run.sh - Tensor-core GEMMs against the CPU's libraries ---===#
#
# Part of Tongxin. Builds with txcc the textbook WMMA GEMM (wmma_gemm.cu,
# half in, float out) and the int8 mma.sync GEMM (mma_int8_gemm.cu), and
# with g++ their baselines: BLIS SGEMM on the same values (gemm_blis.cpp)
# and oneDNN's s8s8s32 GEMM (gemm_dnnl_s8.cpp). Runs them interleaved
# ROUNDS times (the best median of each size is kept) and prints
#   RATIO wmma_hgemm_<n> <wmma_ms / blis_sgemm_ms>   (issue 15's target: <= 3)
#   RATIO mma_igemm_<n>  <mma_ms / dnnl_s8_gemm_ms>
# Usage: bench/wmma/run.sh [BUILD_DIR]   (ROUNDS=3, BENCH_REPS=5)
#
#===------------------------------------------------------------------------===#
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
rounds=${ROUNDS:-3}
threads=${BENCH_THREADS:-$(nproc)}
export TONGXIN_CPU_THREADS=$threads BENCH_THREADS=$threads OMP_NUM_THREADS=$threads
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bin/txcc" -O3 -arch=sm_80 "$here/wmma_gemm.cu" -o "$work/wmma_gemm"
"$build/bin/txcc" -O3 -arch=sm_80 "$here/mma_int8_gemm.cu" \
  -o "$work/mma_int8_gemm"
blis_include=$(dirname "$(find /usr/include -name blis.h -path '*linux-gnu/blis.h' | head -1)")
g++ -O3 -march=native -I"$blis_include" "$here/gemm_blis.cpp" -lblis \
  -o "$work/gemm_blis"
g++ -O3 -march=native "$here/gemm_dnnl_s8.cpp" -ldnnl -o "$work/gemm_dnnl_s8"

for ((r = 0; r < rounds; r++)); do
  "$work/gemm_blis" >>"$work/results"
  "$work/wmma_gemm" >>"$work/results"
  "$work/gemm_dnnl_s8" >>"$work/results"
  "$work/mma_int8_gemm" >>"$work/results"
done

awk '
  /^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["name"] " " f["impl"]
    if (f["check"] != "ok") failed = 1
    if (!(key in best) || f["ms"] < best[key]) best[key] = f["ms"]
  }
  END {
    for (key in best) { split(key, p, " "); ms[p[1], p[2]] = best[key]; names[p[1]] = 1 }
    for (n in names) {
      if ((n, "wmma") in ms)
        printf "RATIO wmma_%s %.3f   (wmma %.2f ms, blis sgemm %.2f ms)\n", n,
               ms[n, "wmma"] / ms[n, "blis"], ms[n, "wmma"], ms[n, "blis"]
      if ((n, "mma") in ms)
        printf "RATIO mma_%s %.3f   (mma.sync %.2f ms, onednn s8 gemm %.3f ms)\n",
               n, ms[n, "mma"] / ms[n, "dnnl"], ms[n, "mma"], ms[n, "dnnl"]
    }
    exit failed
  }' "$work/results" | sort -k2,2V
