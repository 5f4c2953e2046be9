#!/usr/bin/env bash
#===- bench/compile_time.sh - txcc's compile time against clang++ -O3 ------===#
#
# Part of Tongxin. For each CUDA source (default: the corpus, tests/cuda/*.cu
# and tests/cuda/libs/*.cu), times `txcc -O3 -c` (the PTX for sm_80 where
# NVIDIA's libdevice is installed, the CPU code, the host code) and, as the
# baseline, clang++ -O3 compiling the same file as plain C++: the host side
# of the file (`-x cuda --cuda-host-only`, the command txcc itself runs for
# it, with Tongxin's headers), which is all a C++ compiler would see of it.
# The baseline parses cuda_runtime.h itself, as a plain C++ compile would;
# txcc's own host compile uses its precompiled header (warmed up first).
# txcc runs the host and device code generation, and the parts of a large
# device module, at once on the CPUs it may use (-t/--split-compile): the
# CPU seconds of txcc and its children are printed beside the wall time.
# Prints per file: txcc seconds, baseline seconds, their ratio, txcc's CPU
# seconds and their ratio to the baseline's; then the largest ratio, the
# geometric means, and one machine-readable line per file:
#   COMPILE <name> txcc_s=<s> clang_s=<s> ratio=<r> txcc_cpu_s=<s> cpu_ratio=<r>
#
# Usage: bench/compile_time.sh [BUILD_DIR] [SOURCE.cu...]
# Environment: TXCC_FLAGS (default "-O3 -arch=sm_80 --extended-lambda"),
#              ROUNDS=1 (rounds, each timing txcc then the baseline;
#              the best of each command is kept).
#
#===------------------------------------------------------------------------===#
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shift || true
sources=("$@")
if [ ${#sources[@]} -eq 0 ]; then
  sources=("$root"/tests/cuda/*.cu "$root"/tests/cuda/libs/*.cu)
fi
read -r -a flags <<<"${TXCC_FLAGS:--O3 -arch=sm_80 --extended-lambda}"
rounds=${ROUNDS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TONGXIN_CACHE_DIR=$work/cache

# "wall cpu": the seconds one run of the command takes and the CPU seconds
# it and its children use; empty if it fails.
time_once() {
  local times t u s
  times=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1) ||
    return 0
  read -r t u s <<<"$times"
  echo "$t $(awk "BEGIN{print $u + $s}")"
}

# Keeps in the variables named $1 (wall) and $2 (CPU) the run with the
# least wall time: "$3 $4" is the latest run's "wall cpu".
keep_best() {
  local -n best_wall=$1 best_cpu=$2
  if [ -z "$best_wall" ] || awk "BEGIN{exit !($3 < $best_wall)}"; then
    best_wall=$3 best_cpu=$4
  fi
}

# The host-side command txcc runs for a source, at -O3 and to an object:
# the baseline. Taken from txcc's own --dryrun so the include paths, macros
# and force-included headers are exactly the ones txcc uses.
host_command() {
  "$build/bin/txcc" --dryrun "${flags[@]}" "$@" -c "$src" -o "$work/x.o" \
    2>&1 | sed -n 's/^#\$ //p' | grep -- '--cuda-host-only' | head -1 |
    sed -e 's/ -Xclang -fcuda-include-gpubinary -Xclang [^ ]*//' \
      -e 's/ -include-pch [^ ]*/ -include cuda_runtime.h/' \
      -e 's/ -emit-llvm//' -e 's/ -O[0-3s]\b//g' \
      -e "s| -o [^ ]*| -O3 -o $work/host.o|"
}

# The corpus's per-program flags (a line "// txcc-flags: ...").
printf '%-40s %8s %8s %6s %8s %6s\n' program txcc_s clang_s ratio txcc_cpu \
  cpu_ratio
lines=()
for src in "${sources[@]}"; do
  name=$(basename "$src" .cu)
  read -r -a extra <<<"$(sed -n 's|^// txcc-flags:||p' "$src")"
  # Warm the header cache once, outside the timing.
  "$build/bin/txcc" "${flags[@]}" ${extra[@]+"${extra[@]}"} -c "$src" \
    -o "$work/x.o" >/dev/null 2>&1 || { echo "$name: txcc failed" >&2; continue; }
  read -r -a host <<<"$(host_command ${extra[@]+"${extra[@]}"})"
  if [ ${#host[@]} -eq 0 ]; then
    echo "$name: no host compile found in txcc --dryrun" >&2
    continue
  fi
  # Rounds alternate the two commands, so that both see the machine as it
  # is at the time (this one's speed drifts by 10-30% over minutes).
  t="" tcpu="" c="" ccpu="" failed=""
  for ((r = 0; r < rounds; ++r)); do
    read -r rt rcpu <<<"$(time_once "$build/bin/txcc" "${flags[@]}" \
      ${extra[@]+"${extra[@]}"} -c "$src" -o "$work/x.o")"
    read -r bt bcpu <<<"$(time_once "${host[@]}")"
    if [ -z "${rt:-}" ] || [ -z "${bt:-}" ]; then
      failed=1
      break
    fi
    keep_best t tcpu "$rt" "$rcpu"
    keep_best c ccpu "$bt" "$bcpu"
  done
  if [ -n "$failed" ]; then
    echo "$name: a compile failed" >&2
    continue
  fi
  ratio=$(awk "BEGIN{printf \"%.2f\", $t / $c}")
  cpu_ratio=$(awk "BEGIN{printf \"%.2f\", $tcpu / $ccpu}")
  printf '%-40s %8.2f %8.2f %6s %8.2f %6s\n' "$name" "$t" "$c" "$ratio" \
    "$tcpu" "$cpu_ratio"
  lines+=("COMPILE $name txcc_s=$t clang_s=$c ratio=$ratio txcc_cpu_s=$tcpu cpu_ratio=$cpu_ratio")
done
printf '%s\n' "${lines[@]}" | awk '{split($5,r,"="); split($7,q,"="); n++;
  s+=log(r[2]); sc+=log(q[2]); above+=(r[2] > 3);
  if (r[2] > max) { max = r[2]; worst = $2 } }
  END { if (n) printf "MAX_RATIO %.2f (%s)\nGEOMEAN %.2f over %d files, " \
        "%d above 3\nCPU_GEOMEAN %.2f\n", max, worst, exp(s / n), n, above,
        exp(sc / n) }'
printf '%s\n' "${lines[@]}"
