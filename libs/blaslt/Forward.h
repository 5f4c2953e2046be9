//===- Forward.h - cuBLASLt matmuls on NVIDIA GPUs go to NVIDIA's -*- C++
//-*-===//
//
// Part of Tongxin. On a stream of an NVIDIA GPU, cublasLtMatmul goes to
// NVIDIA's own cuBLASLt (libs/common/NvidiaLibrary.h): the descriptors and
// layouts are rebuilt there from ours (every attribute that differs from
// its default) for the call, and NVIDIA's heuristic picks the algorithm.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_FORWARD_H
#define TONGXIN_LIBS_BLASLT_FORWARD_H

#include "cublasLt.h"

namespace tx {
namespace blaslt {

/// cublasLtMatmul's arguments, for forwarding.
struct MatmulCall {
  cublasLtMatmulDesc_t Desc;
  const void *Alpha, *A;
  cublasLtMatrixLayout_t ADesc;
  const void *B;
  cublasLtMatrixLayout_t BDesc;
  const void *Beta, *C;
  cublasLtMatrixLayout_t CDesc;
  void *D;
  cublasLtMatrixLayout_t DDesc;
  void *Workspace;
  size_t WorkspaceBytes;
  cudaStream_t Stream;
};

/// Runs Call with NVIDIA's cuBLASLt on Device (Call.Stream's GPU).
cublasStatus_t forwardMatmul(cublasLtHandle_t Handle, int Device,
                             const MatmulCall &Call);

/// Destroys NVIDIA's handle made for Handle, if any.
void releaseNvidiaHandle(cublasLtHandle_t Handle);

} // namespace blaslt
} // namespace tx

#endif // TONGXIN_LIBS_BLASLT_FORWARD_H
