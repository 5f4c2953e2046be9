#!/usr/bin/env bash
#===- bench/libs/blas/run.sh - cuBLAS GEMMs against BLIS called directly --===#
#
# Part of Tongxin. Builds gemm_cublas.cu with txcc (-lcublas) and
# gemm_blis.cpp with g++ against BLIS, runs them interleaved ROUNDS times
# (the best median of each case is kept) and prints:
#   RATIO cublas_sgemm_<n> <cublas_ms / blis_ms>   (target <= 1.10)
#   RATIO cublas_dgemm_<n> <cublas_ms / blis_ms>   (target <= 1.10)
#   RATE  gemmex_bf16_<n>  <sgemm_ms / bf16_ms>    (FLOP rate vs SGEMM, target >= 0.5)
#   RATE  gemmex_fp16_<n>  <sgemm_ms / fp16_ms>    (target >= 0.5)
#   RATE  gemmex_int8_<n>  <sgemm_ms / int8_ms>    (target >= 1.0)
# Usage: bench/libs/blas/run.sh [BUILD_DIR]   (ROUNDS=3, BENCH_REPS=5)
#
#===------------------------------------------------------------------------===#
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../../../build}" && pwd)
rounds=${ROUNDS:-3}
threads=${BENCH_THREADS:-$(nproc)}
export TONGXIN_CPU_THREADS=$threads BENCH_THREADS=$threads
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bin/txcc" -O3 -arch=sm_80 "$here/gemm_cublas.cu" -lcublas \
  -o "$work/gemm_cublas"
blis_include=$(dirname "$(find /usr/include -name blis.h -path '*linux-gnu/blis.h' | head -1)")
g++ -O3 -march=native -I"$blis_include" "$here/gemm_blis.cpp" -lblis \
  -o "$work/gemm_blis"

for ((r = 0; r < rounds; r++)); do
  "$work/gemm_blis" >>"$work/results"
  "$work/gemm_cublas" >>"$work/results"
done

# Best (lowest) median per name and implementation.
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
      split(n, q, "_"); size = q[length(q)]
      if (n ~ /^[sd]gemm_/ && ((n, "blis") in ms))
        printf "RATIO cublas_%s %.3f\n", n, ms[n, "cublas"] / ms[n, "blis"]
      if (n ~ /^gemmex_/)
        printf "RATE  %s %.3f\n", n, ms["sgemm_" size, "cublas"] / ms[n, "cublas"]
    }
    exit failed
  }' "$work/results" | sort -k2,2V
