# `cpack -G DEB` in the build tree: a Debian package of the install, the
# toolkit layout under /opt/tongxin (docs/toolkit.md). Its library
# dependencies come from dpkg-shlibdeps; the tools txcc runs are named.
# It does not put lib64/ on the loader's path: its libcudart.so.12 would
# then shadow NVIDIA's for programs built with NVIDIA's toolkit. Programs
# txcc links carry a run path instead.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tongxin)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Tongxin")
set(CPACK_PACKAGE_CONTACT "Tongxin developers <tongxin@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Unmodified CUDA C++ on CPUs: nvcc-compatible compiler, runtime, libraries")
set(CPACK_PACKAGE_DESCRIPTION
    "txcc (also as nvcc) compiles CUDA C++ for x86-64, AArch64 and RISC-V \
CPUs and NVIDIA GPUs; libcudart and the cuBLAS, cuBLASLt, cuRAND, cuFFT, \
cuSPARSE and cuSOLVER libraries run the programs. Installed under \
/opt/tongxin, laid out like a CUDA ${TONGXIN_CUDA_VERSION} toolkit, for \
CMake's CUDA language and Makefiles using CUDA_HOME.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /opt/tongxin)
# The host's toolkit only: not the "cross" component (the AArch64 and
# RISC-V runtimes, whose libraries Debian's tools would take for this
# package's own).
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};Tongxin;Unspecified;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What txcc runs (clang, ld.lld, llvm-objcopy, llvm-ar) and what the
# compilers it runs need to compile C++ for the host.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-19, lld-19, llvm-19, libstdc++-12-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libthrust-dev, libcub-dev, libcu++-dev")
# /usr/bin/txcc and /usr/bin/txinfo (never nvcc: that is NVIDIA's name on
# the PATH).
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/cmake/debian/postinst
    ${CMAKE_SOURCE_DIR}/cmake/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
