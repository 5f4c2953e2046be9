//===- Plan.cpp - Checking a cublasLtMatmul call --------------------------===//
//
// Part of Tongxin. See Plan.h. Bad values return CUBLAS_STATUS_INVALID_VALUE;
// valid combinations this library does not implement return
// CUBLAS_STATUS_NOT_SUPPORTED.
//
//===----------------------------------------------------------------------===//

#include "Plan.h"
#include "BlockScaling.h"
#include "Convert.h"
#include "blas/Status.h"

#include <initializer_list>

using namespace tx;
using namespace tx::blaslt;

namespace tx {
namespace blaslt {

gemm::Scalar loadScale(cudaDataType T, const void *Pointer) {
  gemm::Scalar S;
  switch (T) {
  case CUDA_R_16F:
    S.Re = gemm::loadReal(gemm::Type::F16, Pointer, 0);
    break;
  case CUDA_R_32F:
    S.Re = gemm::loadReal(gemm::Type::F32, Pointer, 0);
    break;
  case CUDA_R_64F:
    S.Re = gemm::loadReal(gemm::Type::F64, Pointer, 0);
    break;
  case CUDA_R_32I:
    S.Re = gemm::loadReal(gemm::Type::I32, Pointer, 0);
    break;
  case CUDA_C_32F:
    S.Re = gemm::loadReal(gemm::Type::F32, Pointer, 0);
    S.Im = gemm::loadReal(gemm::Type::F32, Pointer, 1);
    break;
  case CUDA_C_64F:
    S.Re = gemm::loadReal(gemm::Type::F64, Pointer, 0);
    S.Im = gemm::loadReal(gemm::Type::F64, Pointer, 1);
    break;
  default:
    break;
  }
  return S;
}

} // namespace blaslt
} // namespace tx

//===--- Types ------------------------------------------------------------===//

static bool toElem(uint32_t T, gemm::Type *Out) {
  return gemm::typeOfCudaDataType(int(T), Out);
}

/// cuBLASLt's table of compute type, scale type and A/B/C/D types.
static cublasStatus_t checkTypes(const MatmulDescState &Desc, uint32_t A,
                                 uint32_t B, uint32_t C, uint32_t D,
                                 gemm::Compute *Acc) {
  auto Data = [&](uint32_t AB, uint32_t CD) {
    return A == AB && B == AB && C == CD && D == CD;
  };
  uint32_t Scale = uint32_t(Desc.Scale);
  switch (Desc.Compute) {
  case CUBLAS_COMPUTE_16F:
  case CUBLAS_COMPUTE_16F_PEDANTIC:
    *Acc = gemm::Compute::F32; // at least fp16's precision
    TX_SUPPORTED(Scale == CUDA_R_16F && Data(CUDA_R_16F, CUDA_R_16F));
    return CUBLAS_STATUS_SUCCESS;
  case CUBLAS_COMPUTE_32I:
  case CUBLAS_COMPUTE_32I_PEDANTIC:
    *Acc = gemm::Compute::I32;
    TX_SUPPORTED(Scale == CUDA_R_32I && Data(CUDA_R_8I, CUDA_R_32I));
    return CUBLAS_STATUS_SUCCESS;
  case CUBLAS_COMPUTE_64F:
  case CUBLAS_COMPUTE_64F_PEDANTIC:
    if (Scale == CUDA_C_64F) {
      *Acc = gemm::Compute::C64;
      TX_SUPPORTED(Data(CUDA_C_64F, CUDA_C_64F));
      return CUBLAS_STATUS_SUCCESS;
    }
    *Acc = gemm::Compute::F64;
    TX_SUPPORTED(Scale == CUDA_R_64F && Data(CUDA_R_64F, CUDA_R_64F));
    return CUBLAS_STATUS_SUCCESS;
  case CUBLAS_COMPUTE_32F_FAST_16F:
  case CUBLAS_COMPUTE_32F_FAST_16BF:
  case CUBLAS_COMPUTE_32F_FAST_TF32:
    // Reduced-precision inner products of fp32 data: done in full fp32.
    TX_SUPPORTED(Data(CUDA_R_32F, CUDA_R_32F) || Data(CUDA_C_32F, CUDA_C_32F));
    [[fallthrough]];
  case CUBLAS_COMPUTE_32F:
  case CUBLAS_COMPUTE_32F_PEDANTIC:
    break;
  default:
    return CUBLAS_STATUS_INVALID_VALUE;
  }
  if (Scale == CUDA_C_32F) {
    *Acc = gemm::Compute::C32;
    TX_SUPPORTED(Data(CUDA_C_32F, CUDA_C_32F));
    return CUBLAS_STATUS_SUCCESS;
  }
  *Acc = gemm::Compute::F32;
  TX_SUPPORTED(Scale == CUDA_R_32F);
  if (Data(CUDA_R_32F, CUDA_R_32F) || Data(CUDA_R_16F, CUDA_R_16F) ||
      Data(CUDA_R_16BF, CUDA_R_16BF) || Data(CUDA_R_16F, CUDA_R_32F) ||
      Data(CUDA_R_16BF, CUDA_R_32F) || Data(CUDA_R_8I, CUDA_R_32F))
    return CUBLAS_STATUS_SUCCESS;
  bool Wide = C == CUDA_R_32F || C == CUDA_R_16F || C == CUDA_R_16BF;
  // E2M1 (NVFP4) only with its block scale factors; D is C's type.
  if (A == CUDA_R_4F_E2M1 || B == CUDA_R_4F_E2M1) {
    TX_SUPPORTED(A == B && isBlockScaled(Desc) && Wide && D == C);
    return CUBLAS_STATUS_SUCCESS;
  }
  // fp8: any pair but E5M2 x E5M2; D is C's type, or fp8 when C is 16-bit.
  bool Inputs =
      isFp8(A) && isFp8(B) && !(A == CUDA_R_8F_E5M2 && B == CUDA_R_8F_E5M2);
  bool Out = D == C || ((C == CUDA_R_16F || C == CUDA_R_16BF) && isFp8(D));
  TX_SUPPORTED(Inputs && Wide && Out);
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t tx::blaslt::checkTypeCombination(int32_t Compute, int32_t Scale,
                                                uint32_t A, uint32_t B,
                                                uint32_t C, uint32_t D) {
  MatmulDescState Desc;
  Desc.Compute = Compute;
  Desc.Scale = Scale;
  gemm::Compute Acc;
  return checkTypes(Desc, A, B, C, D, &Acc);
}

//===--- Epilogues --------------------------------------------------------===//

static cublasStatus_t epilogueSteps(uint32_t Epilogue, EpilogueSteps *S) {
  switch (Epilogue) {
  case CUBLASLT_EPILOGUE_DEFAULT:
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_RELU_AUX_BIAS:
    S->StoreAux = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_RELU_BIAS:
    S->Bias = S->Relu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_RELU_AUX:
    S->StoreAux = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_RELU:
    S->Relu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_BIAS:
    S->Bias = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_GELU_AUX_BIAS:
    S->StoreAux = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_GELU_BIAS:
    S->Bias = S->Gelu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_GELU_AUX:
    S->StoreAux = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_GELU:
    S->Gelu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_DRELU_BGRAD:
    S->BiasGradD = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_DRELU:
    S->DRelu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_DGELU_BGRAD:
    S->BiasGradD = true;
    [[fallthrough]];
  case CUBLASLT_EPILOGUE_DGELU:
    S->DGelu = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_BGRADA:
    S->BiasGradA = true;
    return CUBLAS_STATUS_SUCCESS;
  case CUBLASLT_EPILOGUE_BGRADB:
    S->BiasGradB = true;
    return CUBLAS_STATUS_SUCCESS;
  default:
    return CUBLAS_STATUS_INVALID_VALUE;
  }
}

static bool isEpilogueVectorType(gemm::Type T) {
  return T == gemm::Type::F32 || T == gemm::Type::F16 || T == gemm::Type::BF16;
}

/// The bias and aux operands of the epilogue.
static cublasStatus_t planEpilogue(const MatmulDescState &Desc,
                                   const Buffers *Ptrs, int64_t Rows,
                                   Plan *Pl) {
  EpilogueSteps &S = Pl->Steps;
  bool Any = S.elementwise() || S.BiasGradD || S.BiasGradA || S.BiasGradB;
  if (!Any)
    return CUBLAS_STATUS_SUCCESS;
  // Epilogues are computed in fp32 on real fp32/fp16/bf16 results.
  TX_SUPPORTED(Pl->P.Acc == gemm::Compute::F32 &&
               isEpilogueVectorType(Pl->D.Elem));
  // A row-major D gets the elementwise forward epilogues only.
  TX_SUPPORTED(!Pl->Transposed || !(S.StoreAux || S.DRelu || S.DGelu ||
                                    S.BiasGradD || S.BiasGradA || S.BiasGradB));
  bool UsesBias = S.Bias || S.BiasGradD || S.BiasGradA || S.BiasGradB;
  if (UsesBias) {
    Pl->BiasType = Pl->D.Elem;
    if (Desc.BiasType != -1)
      TX_REQUIRE(toElem(uint32_t(Desc.BiasType), &Pl->BiasType));
    TX_SUPPORTED(isEpilogueVectorType(Pl->BiasType));
    TX_REQUIRE(!Ptrs || Desc.Bias);
    Pl->Bias = Desc.Bias;
    Pl->BiasStride = Desc.BiasBatchStride;
  }
  bool UsesAux = S.StoreAux || S.DRelu || S.DGelu;
  if (!UsesAux)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(!Ptrs || Desc.Aux);
  TX_REQUIRE(Desc.AuxLd >= Rows);
  Pl->Aux = Desc.Aux;
  Pl->AuxLd = Desc.AuxLd;
  Pl->AuxStride = Desc.AuxBatchStride;
  if (S.ReluMask()) {
    // A bit per element; columns and matrices start on whole bytes.
    TX_REQUIRE(Desc.AuxLd % 128 == 0 && Desc.AuxBatchStride % 128 == 0);
    return CUBLAS_STATUS_SUCCESS;
  }
  Pl->AuxType = Pl->D.Elem;
  if (Desc.AuxType != -1)
    TX_REQUIRE(toElem(uint32_t(Desc.AuxType), &Pl->AuxType));
  TX_SUPPORTED(isEpilogueVectorType(Pl->AuxType));
  return CUBLAS_STATUS_SUCCESS;
}

/// The fp8 scale factors and amax: only for fp8 inputs, as in cuBLASLt.
/// Block scale factors of A and B (BlockScaling.h) are not scalars.
static cublasStatus_t planScaling(const MatmulDescState &Desc, bool Fp8,
                                  Plan *Pl) {
  const bool Blocks = isBlockScaled(Desc);
  bool Any = (!Blocks && (Desc.ScaleA || Desc.ScaleB)) || Desc.ScaleC ||
             Desc.ScaleD || Desc.AmaxD;
  TX_REQUIRE(!Any || Fp8 || Blocks);
  TX_SUPPORTED(!Desc.AuxScale && !Desc.AuxAmax && !Desc.DOutScale);
  TX_SUPPORTED(Desc.ScaleModeC == 0 && Desc.ScaleModeD == 0 &&
               Desc.ScaleModeAux == 0 && Desc.ScaleModeDOut == 0);
  if (!Blocks) {
    TX_SUPPORTED(Desc.ScaleModeA == 0 && Desc.ScaleModeB == 0);
    Pl->ScaleA = static_cast<const float *>(Desc.ScaleA);
    Pl->ScaleB = static_cast<const float *>(Desc.ScaleB);
  }
  Pl->ScaleC = static_cast<const float *>(Desc.ScaleC);
  Pl->ScaleD = static_cast<const float *>(Desc.ScaleD);
  Pl->AmaxD = static_cast<float *>(Desc.AmaxD);
  return CUBLAS_STATUS_SUCCESS;
}

//===--- Shapes -----------------------------------------------------------===//

static bool isRow(const LayoutState &L) {
  return L.Order == CUBLASLT_ORDER_ROW;
}

static cublasStatus_t checkLayout(const LayoutState &L) {
  TX_SUPPORTED(L.Order == CUBLASLT_ORDER_COL || L.Order == CUBLASLT_ORDER_ROW);
  TX_SUPPORTED(L.BatchMode == CUBLASLT_BATCH_MODE_STRIDED &&
               L.PlaneOffset == 0);
  TX_REQUIRE(L.Rows <= uint64_t(INT64_MAX / 2) &&
             L.Cols <= uint64_t(INT64_MAX / 2) && L.BatchCount >= 1);
  uint64_t Inner = isRow(L) ? L.Cols : L.Rows;
  TX_REQUIRE(L.Ld >= 1 && uint64_t(L.Ld) >= Inner);
  return CUBLAS_STATUS_SUCCESS;
}

/// The engine's operation on X's column-major view: a row-major X is
/// stored as X^T, and a row-major D swaps the operands (D^T = B^T A^T).
static cublasStatus_t engineOp(int32_t Trans, bool RowX, bool RowD,
                               bool Complex, gemm::Op *Out) {
  TX_REQUIRE(Trans == CUBLAS_OP_N || Trans == CUBLAS_OP_T ||
             Trans == CUBLAS_OP_C);
  if (RowX == RowD) {
    *Out = Trans == CUBLAS_OP_N
               ? gemm::Op::N
               : (Trans == CUBLAS_OP_T || !Complex ? gemm::Op::T : gemm::Op::C);
    return CUBLAS_STATUS_SUCCESS;
  }
  // Conjugation without transposition has no engine form.
  TX_SUPPORTED(!(Complex && Trans == CUBLAS_OP_C));
  *Out = Trans == CUBLAS_OP_N ? gemm::Op::T : gemm::Op::N;
  return CUBLAS_STATUS_SUCCESS;
}

static gemm::Operand operandOf(const LayoutState &L, const void *Data) {
  gemm::Operand O;
  O.Data = Data;
  O.Ld = L.Ld;
  O.Stride = L.BatchStride;
  toElem(L.Type, &O.Elem);
  return O;
}

static cublasStatus_t planShape(const MatmulDescState &Desc,
                                const LayoutState &A, const LayoutState &B,
                                const LayoutState &C, const LayoutState &D,
                                const Buffers *Ptrs, Plan *Pl) {
  for (const LayoutState *L : {&A, &B, &C, &D})
    TX_TRY(checkLayout(*L));
  TX_SUPPORTED(isRow(C) == isRow(D));
  int64_t M = int64_t(D.Rows), N = int64_t(D.Cols);
  bool TA = Desc.TransA != CUBLAS_OP_N, TB = Desc.TransB != CUBLAS_OP_N;
  int64_t K = int64_t(TA ? A.Rows : A.Cols);
  TX_REQUIRE(int64_t(TA ? A.Cols : A.Rows) == M);
  TX_REQUIRE(int64_t(TB ? B.Cols : B.Rows) == K &&
             int64_t(TB ? B.Rows : B.Cols) == N);
  TX_REQUIRE(int64_t(C.Rows) == M && int64_t(C.Cols) == N);
  TX_REQUIRE(A.BatchCount == D.BatchCount && B.BatchCount == D.BatchCount &&
             C.BatchCount == D.BatchCount);
  bool Complex = A.Type == CUDA_C_32F || A.Type == CUDA_C_64F;
  bool RowD = isRow(D);
  gemm::Problem &P = Pl->P;
  gemm::Op OpA, OpB;
  TX_TRY(engineOp(Desc.TransA, isRow(A), RowD, Complex, &OpA));
  TX_TRY(engineOp(Desc.TransB, isRow(B), RowD, Complex, &OpB));
  const Buffers NoPointers{};
  const Buffers &Bu = Ptrs ? *Ptrs : NoPointers;
  gemm::Operand OA = operandOf(A, Bu.A), OB = operandOf(B, Bu.B);
  Pl->Transposed = RowD;
  P.M = RowD ? N : M;
  P.N = RowD ? M : N;
  P.K = K;
  P.TransA = RowD ? OpB : OpA;
  P.TransB = RowD ? OpA : OpB;
  P.A = RowD ? OB : OA;
  P.B = RowD ? OA : OB;
  P.C = operandOf(C, Bu.C);
  P.D = operandOf(D, Bu.D);
  P.Batch = D.BatchCount;
  Pl->D = P.D;
  // In place (C == D) needs C and D to be the same matrix.
  if (Ptrs && Bu.C && Bu.C == Bu.D)
    TX_REQUIRE(C.Ld == D.Ld && C.Type == D.Type &&
               (D.BatchCount == 1 || C.BatchStride == D.BatchStride));
  return CUBLAS_STATUS_SUCCESS;
}

/// Pointer arguments: what must be there for the product to be computed.
static cublasStatus_t checkPointers(const Buffers &Ptrs, Plan *Pl) {
  TX_REQUIRE(Ptrs.Alpha && Ptrs.Beta);
  const gemm::Problem &P = Pl->P;
  bool Empty = P.M == 0 || P.N == 0;
  TX_REQUIRE(Empty || Ptrs.D);
  TX_REQUIRE(Empty || P.K == 0 || (Ptrs.A && Ptrs.B));
  Pl->Alpha = Ptrs.Alpha;
  Pl->Beta = Ptrs.Beta;
  if (Pl->DevicePointers)
    return CUBLAS_STATUS_SUCCESS;
  Pl->AlphaValue = loadScale(Pl->ScaleType, Ptrs.Alpha);
  Pl->BetaValue = loadScale(Pl->ScaleType, Ptrs.Beta);
  // A missing C is read as zeros; with a non-zero beta it is an error.
  TX_REQUIRE(Empty || Ptrs.C || Pl->BetaValue.isZero());
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t tx::blaslt::makePlan(const MatmulDescState &Desc,
                                    const LayoutState &A, const LayoutState &B,
                                    const LayoutState &C, const LayoutState &D,
                                    const Buffers *Ptrs, Plan *Out) {
  Plan Pl;
  gemm::Compute Acc;
  TX_TRY(checkTypes(Desc, A.Type, B.Type, C.Type, D.Type, &Acc));
  TX_REQUIRE(
      Desc.PointerMode == CUBLASLT_POINTER_MODE_HOST ||
      Desc.PointerMode == CUBLASLT_POINTER_MODE_DEVICE ||
      Desc.PointerMode == CUBLASLT_POINTER_MODE_DEVICE_VECTOR ||
      Desc.PointerMode == CUBLASLT_POINTER_MODE_ALPHA_DEVICE_VECTOR_BETA_ZERO ||
      Desc.PointerMode == CUBLASLT_POINTER_MODE_ALPHA_DEVICE_VECTOR_BETA_HOST);
  TX_SUPPORTED(Desc.PointerMode == CUBLASLT_POINTER_MODE_HOST ||
               Desc.PointerMode == CUBLASLT_POINTER_MODE_DEVICE);
  TX_SUPPORTED(Desc.TransC == CUBLAS_OP_N &&
               Desc.FillMode == CUBLAS_FILL_MODE_FULL);
  TX_SUPPORTED(!Desc.InCounters && !Desc.OutCounters);
  Pl.ScaleType = cudaDataType(Desc.Scale);
  Pl.DevicePointers = Desc.PointerMode == CUBLASLT_POINTER_MODE_DEVICE;
  TX_TRY(planShape(Desc, A, B, C, D, Ptrs, &Pl));
  Pl.P.Acc = Acc;
  gemm::Type EngineC = Pl.P.C.Elem;
  if (isBlockScaled(Desc)) {
    TX_TRY(planBlockScaling(Desc, A, B, D, Ptrs, &Pl.Blocks));
    // The engine multiplies them widened, scale factors applied, with C
    // widened too and D in fp32 (the epilogue narrows it).
    Pl.P.A.Elem = Pl.P.B.Elem = EngineC = gemm::Type::F32;
  }
  TX_SUPPORTED(gemm::supported(Pl.P.A.Elem, Pl.P.B.Elem, EngineC, Acc));
  TX_TRY(epilogueSteps(Desc.Epilogue, &Pl.Steps));
  TX_TRY(planEpilogue(Desc, Ptrs, int64_t(D.Rows), &Pl));
  TX_TRY(planScaling(Desc, isFp8(A.Type), &Pl));
  bool Elementwise = Pl.Steps.elementwise();
  Pl.FoldScaleD = Pl.ScaleD && !Elementwise && !Pl.AmaxD;
  Pl.TilePass = Elementwise || Pl.AmaxD || (Pl.ScaleD && !Pl.FoldScaleD) ||
                (Pl.Blocks.BlockSize && Pl.D.Elem != gemm::Type::F32);
  // Row sums of the result need it in fp32 as well.
  Pl.UseTemp =
      Pl.D.Elem != gemm::Type::F32 && (Pl.TilePass || Pl.Steps.BiasGradD);
  if (Ptrs)
    TX_TRY(checkPointers(*Ptrs, &Pl));
  *Out = Pl;
  return CUBLAS_STATUS_SUCCESS;
}
