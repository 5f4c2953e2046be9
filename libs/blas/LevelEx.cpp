//===- LevelEx.cpp - cuBLAS's Ex vector routines (any element type) -------===//
//
// Part of Tongxin. DotEx, DotcEx, AxpyEx, ScalEx and Nrm2Ex take their
// element types at run time. Elements are widened to double (complex
// double) for the arithmetic -- at least the precision of every execution
// type cuBLAS allows -- and narrowed once when stored.
//
//===----------------------------------------------------------------------===//

#include "Convert.h"
#include "Handle.h"
#include "Types.h"

#include <cmath>
#include <complex>

using namespace tx;
using namespace tx::blas;

namespace {

using Value = std::complex<double>;

/// The element types of these routines, as the engine names them;
/// validExecution() below limits them to those cuBLAS accepts.
bool elementType(cudaDataType T, gemm::Type *Out) {
  return gemm::typeOfCudaDataType(T, Out);
}

bool isComplex(cudaDataType T) { return T == CUDA_C_32F || T == CUDA_C_64F; }

Value load(gemm::Type T, const void *Base, int64_t Index) {
  if (gemm::isComplexType(T))
    return Value(gemm::loadReal(gemm::scalarTypeOf(T), Base, 2 * Index),
                 gemm::loadReal(gemm::scalarTypeOf(T), Base, 2 * Index + 1));
  return gemm::loadReal(T, Base, Index);
}

void store(gemm::Type T, void *Base, int64_t Index, Value V) {
  char *At = static_cast<char *>(Base) + Index * int64_t(gemm::elementSize(T));
  switch (gemm::scalarTypeOf(T)) {
  case gemm::Type::F64:
    static_cast<double *>(static_cast<void *>(At))[0] = V.real();
    if (gemm::isComplexType(T))
      static_cast<double *>(static_cast<void *>(At))[1] = V.imag();
    return;
  default: {
    float Parts[2] = {float(V.real()), float(V.imag())};
    gemm::narrow(Parts, gemm::isComplexType(T) ? 2 : 1, gemm::scalarTypeOf(T),
                 At);
  }
  }
}

/// Execution types cuBLAS allows for a data type: fp32 for the 16-bit
/// and fp32 types, the data type itself otherwise.
bool validExecution(cudaDataType Data, cudaDataType Exec) {
  switch (Data) {
  case CUDA_R_16F:
  case CUDA_R_16BF:
  case CUDA_R_32F:
    return Exec == CUDA_R_32F;
  case CUDA_R_64F:
    return Exec == CUDA_R_64F;
  case CUDA_C_32F:
    return Exec == CUDA_C_32F;
  case CUDA_C_64F:
    return Exec == CUDA_C_64F;
  default:
    return false;
  }
}

cublasStatus_t dotEx(cublasHandle_t H, int N, const void *X, cudaDataType XT,
                     int IncX, const void *Y, cudaDataType YT, int IncY,
                     void *Result, cudaDataType RT, cudaDataType Exec,
                     bool Conjugate) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  gemm::Type XE, YE, RE;
  if (!elementType(XT, &XE) || !elementType(YT, &YE) || !elementType(RT, &RE) ||
      XT != YT || XT != RT || !validExecution(XT, Exec))
    return CUBLAS_STATUS_NOT_SUPPORTED;
  TX_REQUIRE(N <= 0 || (X && Y));
  return runWithResult(H, [=](int) {
    Value Sum = 0;
    int64_t X0 = IncX < 0 ? -(int64_t(N) - 1) * IncX : 0;
    int64_t Y0 = IncY < 0 ? -(int64_t(N) - 1) * IncY : 0;
    for (int64_t I = 0; I < N; ++I) {
      Value A = load(XE, X, X0 + I * IncX), B = load(YE, Y, Y0 + I * IncY);
      Sum += (Conjugate ? std::conj(A) : A) * B;
    }
    store(RE, Result, 0, Sum);
  });
}

} // namespace

cublasStatus_t cublasDotEx(cublasHandle_t H, int N, const void *X,
                           cudaDataType XType, int IncX, const void *Y,
                           cudaDataType YType, int IncY, void *Result,
                           cudaDataType ResultType, cudaDataType Execution) {

  TX_BLAS_FORWARD(cublasDotEx, H, N, X, XType, IncX, Y, YType, IncY, Result,
                  ResultType, Execution);
  return dotEx(H, N, X, XType, IncX, Y, YType, IncY, Result, ResultType,
               Execution, false);
}

cublasStatus_t cublasDotcEx(cublasHandle_t H, int N, const void *X,
                            cudaDataType XType, int IncX, const void *Y,
                            cudaDataType YType, int IncY, void *Result,
                            cudaDataType ResultType, cudaDataType Execution) {

  TX_BLAS_FORWARD(cublasDotcEx, H, N, X, XType, IncX, Y, YType, IncY, Result,
                  ResultType, Execution);
  return dotEx(H, N, X, XType, IncX, Y, YType, IncY, Result, ResultType,
               Execution, true);
}

cublasStatus_t cublasAxpyEx(cublasHandle_t H, int N, const void *Alpha,
                            cudaDataType AlphaType, const void *X,
                            cudaDataType XType, int IncX, void *Y,
                            cudaDataType YType, int IncY,
                            cudaDataType Execution) {

  TX_BLAS_FORWARD(cublasAxpyEx, H, N, Alpha, AlphaType, X, XType, IncX, Y,
                  YType, IncY, Execution);
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Alpha);
  gemm::Type AE, XE, YE;
  if (!elementType(AlphaType, &AE) || !elementType(XType, &XE) ||
      !elementType(YType, &YE) || XType != YType || AlphaType != Execution ||
      !validExecution(XType, Execution))
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (N <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X && Y);
  bool DeviceScalar = H->PointerMode == CUBLAS_POINTER_MODE_DEVICE;
  Value HostAlpha = DeviceScalar ? Value() : load(AE, Alpha, 0);
  return run(H, [=](int) {
    Value A = DeviceScalar ? load(AE, Alpha, 0) : HostAlpha;
    int64_t X0 = IncX < 0 ? -(int64_t(N) - 1) * IncX : 0;
    int64_t Y0 = IncY < 0 ? -(int64_t(N) - 1) * IncY : 0;
    for (int64_t I = 0; I < N; ++I) {
      int64_t YI = Y0 + I * IncY;
      store(YE, Y, YI, load(YE, Y, YI) + A * load(XE, X, X0 + I * IncX));
    }
  });
}

cublasStatus_t cublasScalEx(cublasHandle_t H, int N, const void *Alpha,
                            cudaDataType AlphaType, void *X, cudaDataType XType,
                            int IncX, cudaDataType Execution) {

  TX_BLAS_FORWARD(cublasScalEx, H, N, Alpha, AlphaType, X, XType, IncX,
                  Execution);
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Alpha);
  gemm::Type AE, XE;
  // A real scale of a complex vector (Csscal's form) is allowed too.
  bool RealOfComplex = isComplex(XType) && !isComplex(AlphaType);
  if (!elementType(AlphaType, &AE) || !elementType(XType, &XE) ||
      (AlphaType != Execution && !RealOfComplex) ||
      !validExecution(XType, RealOfComplex ? XType : Execution))
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (N <= 0 || IncX <= 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(X);
  bool DeviceScalar = H->PointerMode == CUBLAS_POINTER_MODE_DEVICE;
  Value HostAlpha = DeviceScalar ? Value() : load(AE, Alpha, 0);
  return run(H, [=](int) {
    Value A = DeviceScalar ? load(AE, Alpha, 0) : HostAlpha;
    for (int64_t I = 0; I < N; ++I)
      store(XE, X, I * IncX, A * load(XE, X, I * IncX));
  });
}

cublasStatus_t cublasNrm2Ex(cublasHandle_t H, int N, const void *X,
                            cudaDataType XType, int IncX, void *Result,
                            cudaDataType ResultType, cudaDataType Execution) {

  TX_BLAS_FORWARD(cublasNrm2Ex, H, N, X, XType, IncX, Result, ResultType,
                  Execution);
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Result);
  gemm::Type XE, RE;
  bool RealResult = ResultType == XType ||
                    (XType == CUDA_C_32F && ResultType == CUDA_R_32F) ||
                    (XType == CUDA_C_64F && ResultType == CUDA_R_64F);
  if (!elementType(XType, &XE) || !elementType(ResultType, &RE) ||
      !RealResult || isComplex(ResultType))
    return CUBLAS_STATUS_NOT_SUPPORTED;
  (void)Execution;
  return runWithResult(H, [=](int) {
    // Scaled sum of squares: no overflow for large elements.
    double Scale = 0, SumSquares = 1;
    for (int64_t I = 0; N > 0 && IncX > 0 && I < N; ++I) {
      Value V = load(XE, X, I * IncX);
      for (double Part : {V.real(), V.imag()}) {
        double A = std::fabs(Part);
        if (A == 0)
          continue;
        if (Scale < A) {
          SumSquares = 1 + SumSquares * (Scale / A) * (Scale / A);
          Scale = A;
        } else {
          SumSquares += (A / Scale) * (A / Scale);
        }
      }
    }
    store(RE, Result, 0, Scale * std::sqrt(SumSquares));
  });
}
