#!/usr/bin/env bash
# Builds one corpus program with txcc and runs it.
#   run-test.sh BUILD_DIR SOURCE.cu|MULTI_DIR WORK_DIR
# Passes when the program exits 0 and prints PASS (and, with a NAME.expected
# file beside the source, when its stdout matches that file exactly), and
# when its PTX assembles with ptxas (if the CUDA toolkit is installed).
set -euo pipefail
build=$(cd "$1" && pwd)
source=$2
work=$3
rm -rf "$work" && mkdir -p "$work"
# TX_REQUIRE: a file the program needs that setup.sh may not have been able
# to fetch (CUTLASS's headers); without it the test reports itself skipped
# (exit status 77, ctest's SKIP_RETURN_CODE).
if [ -n "${TX_REQUIRE:-}" ] && [ ! -e "$TX_REQUIRE" ]; then
  echo "run-test: skipped: $TX_REQUIRE is missing"
  exit 77
fi
export PATH="$build/bin:$PATH"
export TX_INCLUDE="$build/include"
export CXX=g++
# txcc's precompiled cuda_runtime.h: in the build tree, shared by the tests.
export TONGXIN_CACHE_DIR=${TONGXIN_CACHE_DIR:-$build/cache}
runner=()
if [ -n "${TX_TARGET:-}" ]; then
  # Cross run: a txcc shim adds the target flags (also for BUILD files), the
  # C++ compiler is the Debian cross compiler, and qemu runs the program.
  mkdir -p "$work/.bin"
  cat >"$work/.bin/txcc" <<SHIM
#!/usr/bin/env bash
exec "$build/bin/txcc" --target=$TX_TARGET ${TX_MARCH:-} --tongxin-cpu-only "\$@"
SHIM
  chmod +x "$work/.bin/txcc"
  export PATH="$work/.bin:$PATH"
  export CXX="$TX_TARGET-g++"
  # Exhaustive sweeps take minutes under emulation: thin them.
  export TONGXIN_TEST_SCALE=${TONGXIN_TEST_SCALE:-16}
  read -r -a runner <<<"$TX_RUNNER"
else
  # Natively every 4th value of the conversion sweeps (every 148th float):
  # the full sweeps (TONGXIN_TEST_SCALE=1) take a minute of the suite.
  export TONGXIN_TEST_SCALE=${TONGXIN_TEST_SCALE:-4}
fi

if [ -d "$source" ]; then
  # Multi-file program: run the BUILD file's commands in a copy of the folder.
  cp -r "$source"/. "$work"/
  (cd "$work" && bash -e ./BUILD)
  app="$work/app"
  expected=""
else
  name=$(basename "$source" .cu)
  # Per-program flags: a line "// txcc-flags: -std=c++14 -arch=sm_90" in the
  # source adds them to both compiles; an -arch there replaces sm_80.
  read -r -a extra <<<"$(sed -n 's|^// txcc-flags:||p' "$source")"
  arch=sm_80 flags=(--extended-lambda)
  # TX_EXTRA_FLAGS: flags for a group of programs (CUTLASS's -I).
  read -r -a group <<<"${TX_EXTRA_FLAGS:-}"
  for f in ${extra[@]+"${extra[@]}"} ${group[@]+"${group[@]}"}; do
    case $f in -arch=*) arch=${f#-arch=} ;; *) flags+=("$f") ;; esac
  done
  flags=(-arch="$arch" "${flags[@]}")
  # TX_CHECK=memcheck[,synccheck]: built checked (CPU only); the run must
  # then also end with the checkers' "ERROR SUMMARY: 0 errors".
  if [ -n "${TX_CHECK:-}" ]; then
    flags+=(--check="$TX_CHECK" --tongxin-cpu-only)
  fi
  # --keep leaves the intermediate files, among them the PTX embedded in
  # the program, in a txcc-* folder under TMPDIR.
  mkdir -p "$work/keep"
  TMPDIR="$work/keep" txcc --keep -O2 "${flags[@]}" "$source" \
    -o "$work/$name" 2>"$work/keep/stderr" ||
    { cat "$work/keep/stderr" >&2; exit 1; }
  grep -v '^txcc: intermediate files kept in' "$work/keep/stderr" >&2 || true
  app="$work/$name"
  expected="${source%.cu}.expected"
  # The embedded PTX for NVIDIA GPUs must assemble with ptxas (when the
  # CUDA toolkit is installed; CI machines have it, GPUs they lack).
  # A line "// ptxas-flags: -O1" passes flags to ptxas (a program whose
  # PTX takes ptxas minutes to optimise is checked at a lower level).
  ptxas=$(command -v ptxas || echo /usr/local/cuda/bin/ptxas)
  read -r -a ptxas_flags <<<"$(sed -n 's|^// ptxas-flags:||p' "$source")"
  # A line "// ptxas-skip: <why>" skips the check for a program whose PTX
  # cannot assemble here (say why); the reason is printed.
  ptxas_skip=$(sed -n 's|^// ptxas-skip:||p' "$source")
  if [ -n "$ptxas_skip" ]; then
    echo "run-test: ptxas check skipped:$ptxas_skip" >&2
    ptxas=/nonexistent
  fi
  if [ -z "${TX_TARGET:-}" ] && [ -z "${TX_CHECK:-}" ] && [ -x "$ptxas" ]; then
    ptx=("$work"/keep/txcc-*/*."$arch".ptx)
    if [ ! -f "${ptx[0]}" ]; then
      echo "run-test: txcc embedded no PTX for $arch" >&2
      exit 1
    fi
    "$ptxas" ${ptxas_flags[@]+"${ptxas_flags[@]}"} -arch=$arch \
      "${ptx[0]}" -o "$work/$name.cubin"
  fi
fi

set +e
(cd "$work" && "${runner[@]}" "$app") >"$work/stdout" 2>"$work/stderr"
status=$?
set -e
cat "$work/stdout"
cat "$work/stderr" >&2
if [ $status -ne 0 ]; then
  echo "run-test: exit status $status" >&2
  exit 1
fi
if [ -n "$expected" ] && [ -f "$expected" ]; then
  diff -u "$expected" "$work/stdout" || { echo "run-test: stdout differs"; exit 1; }
fi
grep -q '^PASS' "$work/stdout" || { echo "run-test: no PASS line"; exit 1; }
if [ -n "${TX_CHECK:-}" ]; then
  grep -q '^========= ERROR SUMMARY: 0 errors$' "$work/stderr" ||
    { echo "run-test: $TX_CHECK found errors (or did not run)"; exit 1; }
fi

# Natively, the program runs again on the CPU device with private memory
# (TONGXIN_DEVICES=cpu-private): the runtime then takes the paths of a GPU
# or an accelerator whose memory the host cannot address (copies through the
# device, managed and pinned memory apart from device memory), which CUDA
# programs must not notice. Not where the test chose its devices, and not for
# a program with a line "// private-memory-skip: <why>".
private_skip=""
[ -f "$source" ] && private_skip=$(sed -n 's|^// private-memory-skip:||p' "$source")
if [ -z "${TX_TARGET:-}" ] && [ -z "${TX_CHECK:-}" ] &&
  [ -z "${TONGXIN_DEVICES:-}" ] && [ -z "$private_skip" ]; then
  set +e
  (cd "$work" && TONGXIN_DEVICES=cpu-private "$app") >"$work/stdout.private" \
    2>"$work/stderr.private"
  status=$?
  set -e
  if [ $status -ne 0 ] || ! grep -q '^PASS' "$work/stdout.private"; then
    cat "$work/stdout.private"
    cat "$work/stderr.private" >&2
    echo "run-test: failed on the private-memory device (exit status $status)" >&2
    exit 1
  fi
  if [ -n "$expected" ] && [ -f "$expected" ]; then
    diff -u "$expected" "$work/stdout.private" ||
      { echo "run-test: stdout differs on the private-memory device"; exit 1; }
  fi
fi
