//===- Matmul.cpp - cublasLtMatmul ----------------------------------------===//
//
// Part of Tongxin. The call is checked and planned on the calling thread
// (Plan.h); the work enqueued on the stream reads device-side scalars,
// runs the bias-gradient passes and the GEMM engine with the epilogue on
// each tile (Epilogue.h).
//
//===----------------------------------------------------------------------===//

#include "Epilogue.h"
#include "Forward.h"
#include "LibraryCall.h"
#include "Plan.h"

#include <vector>

using namespace tx;
using namespace tx::blaslt;

static float scaleFactor(const float *Pointer) {
  return Pointer ? *Pointer : 1.0f;
}

static void scale(gemm::Scalar &S, double By) {
  S.Re *= By;
  S.Im *= By;
}

/// Runs a planned call on Device's workers (inside work on the stream).
static void execute(int Device, const Plan &Pl) {
  gemm::Problem P = Pl.P;
  P.Alpha =
      Pl.DevicePointers ? loadScale(Pl.ScaleType, Pl.Alpha) : Pl.AlphaValue;
  P.Beta = Pl.DevicePointers ? loadScale(Pl.ScaleType, Pl.Beta) : Pl.BetaValue;
  // D = scaleD * (alpha scaleA scaleB op(A) op(B) + beta scaleC C).
  scale(P.Alpha, double(scaleFactor(Pl.ScaleA)) * scaleFactor(Pl.ScaleB));
  scale(P.Beta, scaleFactor(Pl.ScaleC));
  // A missing C (allowed when beta is zero) reads as zeros.
  if (!P.C.Data)
    P.Beta = gemm::Scalar();
  float ScaleD = scaleFactor(Pl.ScaleD);
  if (Pl.FoldScaleD) {
    scale(P.Alpha, ScaleD);
    scale(P.Beta, ScaleD);
  }
  if (Pl.Steps.BiasGradA || Pl.Steps.BiasGradB)
    reduceInputBiasGradient(Device, Pl);
  std::vector<float> Temp;
  if (Pl.UseTemp) {
    Temp.resize(size_t(P.M * P.N * P.Batch));
    P.D.Data = Temp.data();
    P.D.Ld = P.M;
    P.D.Stride = P.M * P.N;
    P.D.Elem = gemm::Type::F32;
  }
  std::vector<float> ScaledA, ScaledB, WideC;
  if (Pl.Blocks.BlockSize)
    widenBlockScaled(Pl.Blocks, P, ScaledA, ScaledB, WideC);
  TileEpilogue Epilogue(Pl, P.D, ScaleD);
  if (Pl.TilePass) {
    P.AfterTile = &TileEpilogue::afterTile;
    P.AfterTileContext = &Epilogue;
  }
  gemm::run(Device, P);
  if (Pl.Steps.BiasGradD)
    reduceResultBiasGradient(Device, Pl, P.D);
  if (Pl.AmaxD)
    *Pl.AmaxD = Epilogue.amax();
}

cublasStatus_t
cublasLtMatmul(cublasLtHandle_t Handle, cublasLtMatmulDesc_t Desc,
               const void *Alpha, const void *A, cublasLtMatrixLayout_t ADesc,
               const void *B, cublasLtMatrixLayout_t BDesc, const void *Beta,
               const void *C, cublasLtMatrixLayout_t CDesc, void *D,
               cublasLtMatrixLayout_t DDesc, const cublasLtMatmulAlgo_t *Algo,
               void *Workspace, size_t WorkspaceBytes, cudaStream_t Stream) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!Desc || !ADesc || !BDesc || !CDesc || !DDesc)
    return CUBLAS_STATUS_INVALID_VALUE;
  // An algorithm must come from this library (heuristics or AlgoInit).
  if (Algo && (state(Algo)->Magic != AlgoMagic || state(Algo)->Id != 0))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (WorkspaceBytes && !Workspace)
    return CUBLAS_STATUS_INVALID_VALUE;
  lib::Placement Where;
  if (lib::placeStream(Stream, &Where) != cudaSuccess)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (Where.Kind == txLibraryDeviceCuda)
    return forwardMatmul(Handle, Where.Device,
                         {Desc, Alpha, A, ADesc, B, BDesc, Beta, C, CDesc, D,
                          DDesc, Workspace, WorkspaceBytes, Stream});
  Buffers Ptrs{Alpha, A, B, Beta, C, D};
  Plan Pl;
  if (cublasStatus_t S = makePlan(*state(Desc), *state(ADesc), *state(BDesc),
                                  *state(CDesc), *state(DDesc), &Ptrs, &Pl))
    return S;
  // Other accelerators: Tongxin has no cuBLASLt for them.
  if (Where.Kind != txLibraryDeviceHost)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (Pl.P.M == 0 || Pl.P.N == 0)
    return CUBLAS_STATUS_SUCCESS;
  int Device = Where.Device;
  cudaError_t Err = lib::enqueue(Stream, [Device, Pl] { execute(Device, Pl); });
  return Err == cudaSuccess ? CUBLAS_STATUS_SUCCESS
                            : CUBLAS_STATUS_EXECUTION_FAILED;
}
