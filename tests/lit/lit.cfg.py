# lit configuration for Tongxin's pass tests: tx-opt runs one pass by name,
# FileCheck checks the result.
import os
import platform
import lit.formats

config.name = "Tongxin"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".ll", ".cu"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "Inputs"]
# Keep Output/ folders in the build tree, not beside the sources.
exec_root = lit_config.params.get("exec_root")
if exec_root:
    config.test_exec_root = exec_root

bin_dir = lit_config.params.get("tx_bin_dir", "")
tools_dir = lit_config.params.get("llvm_tools_dir", "/usr/lib/llvm-19/bin")
config.substitutions.append(("%tx-opt", os.path.join(bin_dir, "tx-opt")))
config.substitutions.append(("%txcc", os.path.join(bin_dir, "txcc")))
config.substitutions.append(("%txmigrate", os.path.join(bin_dir, "txmigrate")))
config.substitutions.append(("%tx_lib", os.path.join(os.path.dirname(bin_dir), "lib64")))
config.substitutions.append(("%FileCheck", os.path.join(tools_dir, "FileCheck")))
config.substitutions.append(("%not", os.path.join(tools_dir, "not")))
config.substitutions.append(("%llvm-nm", os.path.join(tools_dir, "llvm-nm")))
config.substitutions.append(("%llvm-dis", os.path.join(tools_dir, "llvm-dis")))

# txcc's precompiled headers go to the build tree, not the user's cache.
if exec_root:
    config.environment["TONGXIN_CACHE_DIR"] = os.path.join(exec_root, "cache")

# PTX output needs NVIDIA's libdevice (a CUDA toolkit).
if any(os.path.exists(p) for p in (
        "/usr/local/cuda/nvvm/libdevice/libdevice.10.bc",
        "/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc")):
    config.available_features.add("libdevice")

# libtongxin_mpi is built where MPI is installed (setup.sh installs it).
tx_lib_dir = os.path.join(os.path.dirname(bin_dir), "lib")
if os.path.exists(os.path.join(tx_lib_dir, "libtongxin_mpi.so")):
    config.available_features.add("tongxin-mpi")

# Tests of x86-64-only code generation choices.
if platform.machine() == "x86_64":
    config.available_features.add("x86_64-host")
