//===- Transfer.cpp - cublasSet/GetVector/Matrix (and Async) --------------===//
//
// Part of Tongxin. Strided copies between host and device memory: each is
// one cudaMemcpy2D(Async), elements as the rows of a pitched copy.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"

#include "cuda_runtime_api.h"

namespace {

cublasStatus_t copied(cudaError_t Err) {
  return Err == cudaSuccess ? CUBLAS_STATUS_SUCCESS
                            : CUBLAS_STATUS_MAPPING_ERROR;
}

/// n elements of ElemSize bytes, IncSrc and IncDst elements apart.
cublasStatus_t copyVector(int N, int ElemSize, const void *Src, int IncSrc,
                          void *Dst, int IncDst, bool Async,
                          cudaStream_t Stream) {
  if (N < 0 || ElemSize <= 0 || IncSrc <= 0 || IncDst <= 0)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  if (!Src || !Dst)
    return CUBLAS_STATUS_INVALID_VALUE;
  size_t Width = size_t(ElemSize);
  size_t DstPitch = Width * size_t(IncDst), SrcPitch = Width * size_t(IncSrc);
  if (Async)
    return copied(cudaMemcpy2DAsync(Dst, DstPitch, Src, SrcPitch, Width,
                                    size_t(N), cudaMemcpyDefault, Stream));
  return copied(cudaMemcpy2D(Dst, DstPitch, Src, SrcPitch, Width, size_t(N),
                             cudaMemcpyDefault));
}

/// A Rows x Cols column-major matrix with leading dimensions LdSrc, LdDst.
cublasStatus_t copyMatrix(int Rows, int Cols, int ElemSize, const void *Src,
                          int LdSrc, void *Dst, int LdDst, bool Async,
                          cudaStream_t Stream) {
  if (Rows < 0 || Cols < 0 || ElemSize <= 0 || LdSrc < (Rows > 1 ? Rows : 1) ||
      LdDst < (Rows > 1 ? Rows : 1))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (Rows == 0 || Cols == 0)
    return CUBLAS_STATUS_SUCCESS;
  if (!Src || !Dst)
    return CUBLAS_STATUS_INVALID_VALUE;
  size_t Size = size_t(ElemSize);
  if (Async)
    return copied(cudaMemcpy2DAsync(Dst, Size * size_t(LdDst), Src,
                                    Size * size_t(LdSrc), Size * size_t(Rows),
                                    size_t(Cols), cudaMemcpyDefault, Stream));
  return copied(cudaMemcpy2D(Dst, Size * size_t(LdDst), Src,
                             Size * size_t(LdSrc), Size * size_t(Rows),
                             size_t(Cols), cudaMemcpyDefault));
}

} // namespace

cublasStatus_t cublasSetVector(int N, int ElemSize, const void *X, int IncX,
                               void *DevicePtr, int IncY) {
  return copyVector(N, ElemSize, X, IncX, DevicePtr, IncY, false, nullptr);
}
cublasStatus_t cublasGetVector(int N, int ElemSize, const void *X, int IncX,
                               void *Y, int IncY) {
  return copyVector(N, ElemSize, X, IncX, Y, IncY, false, nullptr);
}
cublasStatus_t cublasSetMatrix(int Rows, int Cols, int ElemSize, const void *A,
                               int Lda, void *B, int Ldb) {
  return copyMatrix(Rows, Cols, ElemSize, A, Lda, B, Ldb, false, nullptr);
}
cublasStatus_t cublasGetMatrix(int Rows, int Cols, int ElemSize, const void *A,
                               int Lda, void *B, int Ldb) {
  return copyMatrix(Rows, Cols, ElemSize, A, Lda, B, Ldb, false, nullptr);
}
cublasStatus_t cublasSetVectorAsync(int N, int ElemSize, const void *HostPtr,
                                    int IncX, void *DevicePtr, int IncY,
                                    cudaStream_t Stream) {
  return copyVector(N, ElemSize, HostPtr, IncX, DevicePtr, IncY, true, Stream);
}
cublasStatus_t cublasGetVectorAsync(int N, int ElemSize, const void *DevicePtr,
                                    int IncX, void *HostPtr, int IncY,
                                    cudaStream_t Stream) {
  return copyVector(N, ElemSize, DevicePtr, IncX, HostPtr, IncY, true, Stream);
}
cublasStatus_t cublasSetMatrixAsync(int Rows, int Cols, int ElemSize,
                                    const void *A, int Lda, void *B, int Ldb,
                                    cudaStream_t Stream) {
  return copyMatrix(Rows, Cols, ElemSize, A, Lda, B, Ldb, true, Stream);
}
cublasStatus_t cublasGetMatrixAsync(int Rows, int Cols, int ElemSize,
                                    const void *A, int Lda, void *B, int Ldb,
                                    cudaStream_t Stream) {
  return copyMatrix(Rows, Cols, ElemSize, A, Lda, B, Ldb, true, Stream);
}
