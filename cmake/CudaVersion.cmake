# TONGXIN_CUDA_VERSION (12.9.41) and _MAJOR/_MINOR/_BUILD: the CUDA release
# Tongxin presents itself as, read from the one place that defines it
# (include/tongxin/cuda_config.h) so libraries, version files and headers
# cannot disagree.
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/../include/tongxin/cuda_config.h
     TxCudaDefines REGEX "^#define __TX_CUDA_(MAJOR|MINOR|BUILD) [0-9]+$")
foreach(Part MAJOR MINOR BUILD)
  string(REGEX MATCH "__TX_CUDA_${Part} ([0-9]+)" Unused "${TxCudaDefines}")
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "cuda_config.h does not define __TX_CUDA_${Part}")
  endif()
  set(TONGXIN_CUDA_VERSION_${Part} ${CMAKE_MATCH_1})
endforeach()
set(TONGXIN_CUDA_VERSION
    "${TONGXIN_CUDA_VERSION_MAJOR}.${TONGXIN_CUDA_VERSION_MINOR}.${TONGXIN_CUDA_VERSION_BUILD}")
