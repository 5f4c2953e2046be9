#!/usr/bin/env bash
#===- scripts/gpu/run.sh - The corpus and benchmarks on an NVIDIA GPU ------===#
#
# Part of Tongxin. Runs, on a machine with an NVIDIA GPU and the CUDA toolkit,
# what scripts/gpu/pack.sh gathered: the backend conformance suite and the
# runtime gtests, every corpus program on the GPU through the PTX path
# (TONGXIN_DEVICES=cuda), and each benchmark built twice, by txcc (packed)
# and by nvcc here, timed in the same run.
#
# Usage: scripts/gpu/run.sh PACK_DIR RESULTS_DIR [JOBS]
#        (pack.sh's folder, or where its .tar.xz was unpacked)
# Results: RESULTS_DIR/summary.txt (one line per program and benchmark),
#          unit.log, corpus-failures.log, bench.txt.
#
#===------------------------------------------------------------------------===#
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pack=$(cd "$1" && pwd)
out=$2
jobs=${3:-8}
# The device the programs run on (another name only to try this script out
# on a machine without a GPU).
export devices=${TX_GPU_DEVICES:-cuda}
mkdir -p "$out"
export LD_LIBRARY_PATH="$pack/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Libraries the programs name by their path in the build (pack.sh).
if [ -f "$pack/absolute-needed.txt" ]; then
  while read -r path; do
    [ -e "$path" ] || { mkdir -p "$(dirname "$path")" &&
      ln -s "$pack/lib/$(basename "$path")" "$path"; }
  done <"$pack/absolute-needed.txt"
fi
# NVIDIA's own libraries (cuBLAS & co.), wherever the image keeps them.
nvlibs=$(find /usr/local /opt /usr/lib \( -name 'libcublas.so.*' -o -name 'libcufft.so.*' \
  -o -name 'libcurand.so.*' -o -name 'libcusolver.so.*' \
  -o -name 'libcusparse.so.*' \) -printf '%h\n' 2>/dev/null | sort -u |
  grep -v -e "^$pack" -e "^$root" | paste -sd:)
export TONGXIN_NVIDIA_LIBRARY_PATH=$nvlibs
{
  nvidia-smi -L
  nvcc --version | tail -2
  echo "NVIDIA libraries: $nvlibs"
} >"$out/summary.txt" 2>&1

# 1. Backend conformance on the GPU, then every runtime gtest with the
#    default device selection (accelerators first), beside the corpus.
if [ -x "$pack/unit/TongxinRuntimeTests" ]; then
  (
    timeout 60 "$pack/unit/TongxinRuntimeTests" \
      --gtest_filter='Backends/Conformance.*/cuda' >"$out/unit.log" 2>&1
    echo "conformance(cuda) exit $?" >"$out/unit.status"
    timeout 150 "$pack/unit/TongxinRuntimeTests" --gtest_brief=1 \
      >>"$out/unit.log" 2>&1
    echo "runtime gtests (GPU first) exit $?" >>"$out/unit.status"
    # NCCL's staged collectives: device 0 the CPU, device 1 the GPU (ranks
    # on the GPU alone, and one rank on each).
    if [ -x "$pack/unit/tongxin-nccl-staging-tests" ]; then
      TONGXIN_DEVICES=cpu,$devices timeout 120 \
        "$pack/unit/tongxin-nccl-staging-tests" >>"$out/unit.log" 2>&1
      echo "NCCL staging gtests (CPU + GPU) exit $?" >>"$out/unit.status"
    fi
  ) &
  unit_pid=$!
fi

# 2. The corpus on the GPU.
run_program() {
  local app=$1 out=$2 pack=$3
  local name
  name=$(basename "$app")
  local dir
  dir=$(mktemp -d)
  local start end status verdict=PASS
  start=$(date +%s.%N)
  (cd "$dir" && TONGXIN_DEVICES=$devices TONGXIN_TEST_SCALE=4 timeout 60 "$app") \
    >"$dir/stdout" 2>"$dir/stderr"
  status=$?
  end=$(date +%s.%N)
  if [ $status -ne 0 ]; then
    verdict="FAIL(exit $status)"
  elif ! grep -q '^PASS' "$dir/stdout"; then
    verdict="FAIL(no PASS)"
  elif [ -f "$pack/expected/$name.expected" ] &&
    ! diff -q "$pack/expected/$name.expected" "$dir/stdout" >/dev/null; then
    verdict="FAIL(stdout differs)"
  fi
  printf 'corpus %-40s %-24s %6.2fs\n' "$name" "$verdict" \
    "$(awk "BEGIN{print $end - $start}")"
  if [ "$verdict" != PASS ]; then
    {
      echo "=== $name: $verdict"
      tail -c 1500 "$dir/stdout"
      tail -c 2500 "$dir/stderr"
    } >"$out/fail.$name.log"
  fi
  rm -rf "$dir"
}
export -f run_program
ls "$pack"/corpus/* | xargs -P "$jobs" -I{} bash -c \
  'run_program "$@"' _ {} "$out" "$pack" | sort >"$out/corpus.txt"
cat "$out"/fail.*.log >"$out/corpus-failures.log" 2>/dev/null
rm -f "$out"/fail.*.log
echo "corpus: $(grep -c ' PASS ' "$out/corpus.txt") passed of" \
  "$(wc -l <"$out/corpus.txt")" >>"$out/summary.txt"
grep -v ' PASS ' "$out/corpus.txt" >>"$out/summary.txt"
if [ -n "${unit_pid:-}" ]; then
  wait "$unit_pid"
  cat "$out/unit.status" >>"$out/summary.txt"
  rm -f "$out/unit.status"
fi

# 3. Benchmarks: txcc's build against nvcc's of the same source, same run
#    (TX_GPU_SKIP_BENCH=1 skips them).
if [ "${TX_GPU_SKIP_BENCH:-0}" = 1 ]; then
  cat "$out/summary.txt"
  exit 0
fi
nvbench=$(mktemp -d)
for b in "$pack"/bench/*; do
  name=$(basename "$b")
  nvcc -O3 -arch=sm_90 -std=c++17 "$root/bench/$name/$name.cu" \
    -o "$nvbench/$name" >"$nvbench/$name.log" 2>&1 &
  while [ "$(jobs -rp | wc -l)" -ge 16 ]; do sleep 0.2; done
done
wait
for b in "$pack"/bench/*; do
  name=$(basename "$b")
  for round in 1 2; do
    for impl in txcc nvcc; do
      app=$b
      [ $impl = nvcc ] && app=$nvbench/$name
      [ -x "$app" ] || { echo "NOBUILD name=$name impl=$impl"; continue; }
      (cd "$nvbench" && TONGXIN_DEVICES=$devices timeout 60 "$app" 2>&1) |
        grep '^RESULT' | sed "s/impl=[a-z_]*/impl=$impl/"
    done
  done
done >"$out/bench.txt" 2>&1
# Best of the rounds per (name, impl), then txcc/nvcc.
awk '{for(i=2;i<=NF;i++){split($i,kv,"=");v[kv[1]]=kv[2]}
      k=v["name"]; if(v["impl"]=="") next
      t=v["ms"]+0; key=k" "v["impl"]
      if(!(key in best)||t<best[key]) best[key]=t
      if(v["check"]!="ok") bad[key]=1; names[k]=1}
     END{for(k in names){a=best[k" txcc"]; b=best[k" nvcc"]
       printf "bench %-16s txcc %.4f ms  nvcc %.4f ms  ratio %s%s\n", k, a, b,
         (b>0 && a>0)? sprintf("%.2f", a/b) : "n/a",
         (bad[k" txcc"]||bad[k" nvcc"])? "  CHECK FAILED" : ""}}' \
  "$out/bench.txt" | sort >>"$out/summary.txt"
cat "$out/summary.txt"
