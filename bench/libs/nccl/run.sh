#!/usr/bin/env bash
#===- bench/libs/nccl/run.sh - ncclAllReduce vs. MPI_Allreduce -------------===#
#
# Part of Tongxin. Builds allreduce.cu with txcc (MPI's flags from mpicxx,
# -lnccl) and runs it under mpirun with 2 and 4 ranks on this machine. Each
# run times ncclAllReduce (Tongxin CPU-device buffers, stream-synchronised)
# and MPI_Allreduce (host buffers) on the same ranks, in alternating batches,
# 4 KiB to 256 MiB of floats. Prints a table, then per size and rank count
#   RATIO nccl_busbw_<bytes>_<N>r <nccl busbw / mpi busbw>   (higher is better)
#   RATIO nccl_latency_<bytes>_<N>r <nccl time / mpi time>   (lower is better)
# busbw is nccl-tests' bus bandwidth. Targets (issue 14): busbw ratio >= 0.9
# for large messages, latency ratio <= 2 for small ones.
#
# Usage: bench/libs/nccl/run.sh [BUILD_DIR]    (default: build)
# Environment: RANKS="2 4", BENCH_MAX_BYTES (default 268435456).
#
#===------------------------------------------------------------------------===#

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=$(cd "${1:-build}" && pwd)
RANKS=${RANKS:-"2 4"}
if ! command -v mpicxx >/dev/null || ! command -v mpirun >/dev/null; then
  echo "run.sh: Open MPI (libopenmpi-dev, openmpi-bin) is not installed" >&2
  exit 77
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2046
"$BUILD/bin/txcc" -O3 "$HERE/allreduce.cu" -o "$WORK/allreduce" \
  $(mpicxx --showme:compile) $(mpicxx --showme:link) -lnccl
# Containers often forbid the cross-process copy Open MPI tries first.
export OMPI_MCA_btl_vader_single_copy_mechanism=none

printf '%-22s %5s %12s %12s %10s %10s\n' size ranks nccl_us mpi_us \
  nccl_GB/s mpi_GB/s
RATIOS=()
for N in $RANKS; do
  declare -A US=() BW=()
  while read -r Line; do
    [[ $Line == RESULT* ]] || continue
    [[ $Line == *check=ok* ]] || { echo "run.sh: $Line" >&2; exit 1; }
    Name=$(sed -n 's/.*name=\([^ ]*\).*/\1/p' <<<"$Line")
    Impl=$(sed -n 's/.*impl=\([^ ]*\).*/\1/p' <<<"$Line")
    US[$Name/$Impl]=$(sed -n 's/.* us=\([^ ]*\).*/\1/p' <<<"$Line")
    BW[$Name/$Impl]=$(sed -n 's/.*busbw=\([^ ]*\).*/\1/p' <<<"$Line")
    if [[ $Impl == mpi ]]; then
      Bytes=${Name#allreduce_}
      printf '%-22s %5s %12s %12s %10s %10s\n' "$Name" "$N" \
        "${US[$Name/nccl]}" "${US[$Name/mpi]}" "${BW[$Name/nccl]}" \
        "${BW[$Name/mpi]}"
      RATIOS+=("$(awk -v b="$Bytes" -v n="$N" -v a="${BW[$Name/nccl]}" \
        -v m="${BW[$Name/mpi]}" 'BEGIN { printf "RATIO nccl_busbw_%s_%sr %.3f", b, n, a / m }')")
      RATIOS+=("$(awk -v b="$Bytes" -v n="$N" -v a="${US[$Name/nccl]}" \
        -v m="${US[$Name/mpi]}" 'BEGIN { printf "RATIO nccl_latency_%s_%sr %.3f", b, n, a / m }')")
    fi
  done < <(mpirun --oversubscribe --allow-run-as-root -np "$N" \
             -x LD_LIBRARY_PATH="$BUILD/lib" "$WORK/allreduce")
  unset US BW
done
printf '%s\n' "${RATIOS[@]}"
