#!/usr/bin/env bash
# Sets up Tongxin on Debian 12: installs the Debian packages it needs (only
# the missing ones: LLVM/clang 19, the AArch64 and RISC-V cross toolchains
# and qemu-user for the cross-ISA runtimes and tests, Boost and Eigen headers
# for the header tests, and what the CUDA libraries under libs/ are built on:
# BLIS, LAPACK, oneDNN, Open MPI, and kissfft for the FFT benchmark),
# configures and builds with CMake + Ninja (-j2), then compiles and runs
# examples/vector_add.cu on the CPU with txcc.
# Idempotent: a second run only rebuilds what changed.
#   scripts/setup.sh [--no-example]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TONGXIN_BUILD_DIR:-$root/build}
run_example=1
[ "${1:-}" = "--no-example" ] && run_example=0

# docs/dependencies.md says what each is for and under which license
# (libboost-dev and libeigen3-dev: test-only, tests/headers).
packages=(clang-19 llvm-19-dev llvm-19-tools lld-19 libomp-19-dev
          # clang's C++ API (AST, tooling), for txmigrate's report.
          libclang-19-dev libclang-cpp19-dev
          # ASan/UBSan and libFuzzer runtimes for the test command.
          libclang-rt-19-dev
          cmake ninja-build g++ python3 libgtest-dev
          # Vector math for vectorised thread loops (x86-64; in libcudart).
          libsleef-dev
          # pip only downloads CUTLASS's headers for the tests (below).
          python3-pip
          # dpkg-shlibdeps, for the .deb package's dependencies (CPack).
          dpkg-dev
          g++-aarch64-linux-gnu g++-riscv64-linux-gnu qemu-user
          libboost-dev libeigen3-dev
          libblis-dev liblapack-dev libdnnl-dev libkissfft-dev
          # Open MPI: NCCL's transport between processes (loaded at run
          # time by libnccl.so) and mpirun for its multi-process tests.
          libopenmpi-dev openmpi-bin
          # Thrust, CUB and libcu++ (header-only), compiled by txcc.
          libthrust-dev libcub-dev libcu++-dev
          # The same for the AArch64 builds of libs/ (Debian multiarch;
          # oneDNN's -dev package cannot be co-installed, its library can).
          libblis-dev:arm64 liblapack-dev:arm64 libdnnl2:arm64)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $sudo_cmd dpkg --add-architecture arm64
  fi
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${missing[@]}"
fi

# CUTLASS's headers (BSD-3-Clause), for the tests that compile CUTLASS
# only: Debian has no package, so NVIDIA's nvidia-cutlass release on PyPI.
# Nothing in Tongxin's build or use needs them; without them (offline) the
# CUTLASS tests report themselves skipped.
cutlass_version=4.2.0.0
cutlass_dir="$build/third_party/cutlass-$cutlass_version"
if [ ! -f "$cutlass_dir/include/cutlass/cutlass.h" ]; then
  wheels=$(mktemp -d)
  if python3 -m pip download -q --no-deps --only-binary=:all: \
       -d "$wheels" "nvidia-cutlass==$cutlass_version" 2>/dev/null; then
    python3 - "$wheels" "$cutlass_dir" <<'PY'
import glob, os, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], "nvidia_cutlass-*.whl"))[0]
prefix = "cutlass_library/source/include/"
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            target = os.path.join(sys.argv[2], "include", name[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(name) as src, open(target, "wb") as dst:
                dst.write(src.read())
PY
    echo "setup: CUTLASS $cutlass_version headers in $cutlass_dir"
  else
    echo "setup: could not download CUTLASS (offline?); its tests are skipped"
  fi
  rm -rf "$wheels"
fi

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
ninja -C "$build" -j2

if [ $run_example -eq 1 ]; then
  echo "setup: compiling examples/vector_add.cu with txcc and running it"
  "$build/bin/txcc" -O2 "$root/examples/vector_add.cu" -o "$build/vector_add"
  "$build/vector_add"
fi
