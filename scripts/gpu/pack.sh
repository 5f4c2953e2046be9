#!/usr/bin/env bash
#===- scripts/gpu/pack.sh - Programs to run on a machine with an NVIDIA GPU -===#
#
# Part of Tongxin. Gathers what scripts/gpu/run.sh needs on a machine with an
# NVIDIA GPU and without Tongxin's build: the corpus programs the last
# `ctest -L cuda` built (their embedded PTX is what the GPU runs), the
# benchmarks compiled with txcc for sm_90 (run.sh builds the same sources
# with nvcc there), the runtime's gtests, the CUDA libraries of build/lib64
# and the shared libraries they need that a CUDA machine's image may lack.
#
# Usage: scripts/gpu/pack.sh [BUILD_DIR] [PACK_DIR]   (default build gpu-pack)
# The folder is ~90 MB (oneDNN and BLIS are most of it); `tar -cJf` makes
# it ~23 MB to move to the GPU machine.
#
#===------------------------------------------------------------------------===#
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
pack=${2:-$root/gpu-pack}
rm -rf "$pack"
mkdir -p "$pack"/{lib,corpus,expected,bench,unit}

# Corpus programs: single files (NAME/NAME), library programs (libs/NAME/
# NAME), multi-file programs (NAME/app); the .expected files beside them.
for dir in "$build"/tests/cuda/* "$build"/tests/cuda/libs/*; do
  name=$(basename "$dir")
  for app in "$dir/$name" "$dir/app"; do
    if [ -f "$app" ] && [ -x "$app" ]; then
      cp "$app" "$pack/corpus/$name"
      break
    fi
  done
done
cp "$root"/tests/cuda/*.expected "$pack/expected/" 2>/dev/null || true

for dir in "$root"/bench/*/; do
  b=$(basename "$dir")
  [ -f "$dir/$b.cu" ] || continue
  "$build/bin/txcc" -O3 -arch=sm_90 "$dir/$b.cu" -o "$pack/bench/$b" ||
    echo "pack: $b did not compile" >&2
done

cp "$build"/bin/TongxinRuntimeTests "$pack/unit/" 2>/dev/null || true
# NCCL through host copies, with a rank on the GPU (run.sh).
cp "$build"/bin/tongxin-nccl-staging-tests "$pack/unit/" 2>/dev/null || true

# The libraries: Tongxin's own, then every library they or the programs
# need outside the C runtime (which the GPU machine has, newer).
cp -P "$build"/lib64/*.so* "$pack/lib/"
system='^(libc|libm|libdl|librt|libpthread|ld-linux-x86-64|libstdc\+\+|libgcc_s|libcuda|libresolv|libutil)\.so'
find "$pack" -type f -perm -u+x -o -type f -name '*.so*' |
  xargs -r ldd 2>/dev/null | awk '/=> \//{print $1, $3}' | sort -u |
  while read -r soname path; do
    if ! [[ $soname =~ $system ]] && [ ! -e "$pack/lib/$soname" ]; then
      cp -L "$path" "$pack/lib/$soname"
    fi
  done || true # ldd fails on files that are not dynamic executables.
# Programs linked with the static runtime (nvcc's default) name its
# library by its absolute path in the build: run.sh recreates that path.
find "$pack" -type f -perm -u+x | xargs -r readelf -d 2>/dev/null |
  sed -n 's/.*(NEEDED).*\[\(\/[^]]*\)\]/\1/p' | sort -u \
  >"$pack/absolute-needed.txt" || true
while read -r path; do
  [ -e "$pack/lib/$(basename "$path")" ] || cp -L "$path" "$pack/lib/"
done <"$pack/absolute-needed.txt"
du -sh "$pack"
