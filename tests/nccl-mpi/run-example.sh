#!/usr/bin/env bash
# Builds an MPI + CUDA program with txcc (MPI's flags from mpicxx, the
# documented build line) and runs it under mpirun. The libraries come
# before MPI's own (-ltongxin_mpi must: its MPI calls take precedence).
#   run-example.sh BUILD_DIR SOURCE OUTPUT PROCESSES [LIBRARY...]
set -euo pipefail
build=$1 source=$2 output=$3 processes=$4
shift 4
mkdir -p "$(dirname "$output")"
# shellcheck disable=SC2046
"$build/bin/txcc" -O2 "$source" -o "$output" $(mpicxx --showme:compile) \
  "$@" $(mpicxx --showme:link)
exec mpirun --oversubscribe --allow-run-as-root -x TONGXIN_DEVICES \
  -np "$processes" "$output"
