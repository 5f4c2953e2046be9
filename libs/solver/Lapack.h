//===- solver/Lapack.h - Reference LAPACK and BLAS, by element type -*- C++
//-*-===//
//
// Part of Tongxin. The Fortran LAPACK and BLAS routines cuSOLVER is built
// on (Debian's reference LAPACK 3.11, BLAS through the system alternative,
// BLIS by default), called directly rather than through LAPACKE so that
// the caller's workspace is used as is. Lapack<T> names them by element
// type: float, double, Complex8, Complex16 (std::complex, laid out as
// cuComplex and cuDoubleComplex). Character arguments pass their hidden
// Fortran lengths explicitly, as gfortran's calling convention expects.
//
// Reference LAPACK stops the process (XERBLA) on an illegal argument, so
// every argument is validated before a routine is called.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SOLVER_LAPACK_H
#define TONGXIN_LIBS_SOLVER_LAPACK_H

#include <complex>
#include <cstddef>

namespace tx {
namespace solver {

using Complex8 = std::complex<float>;
using Complex16 = std::complex<double>;

extern "C" {
void spotrf_(const char *Uplo, const int *N, float *A, const int *Lda,
             int *Info, size_t);
void dpotrf_(const char *Uplo, const int *N, double *A, const int *Lda,
             int *Info, size_t);
void cpotrf_(const char *Uplo, const int *N, Complex8 *A, const int *Lda,
             int *Info, size_t);
void zpotrf_(const char *Uplo, const int *N, Complex16 *A, const int *Lda,
             int *Info, size_t);
void spotrs_(const char *Uplo, const int *N, const int *Nrhs, const float *A,
             const int *Lda, float *B, const int *Ldb, int *Info, size_t);
void dpotrs_(const char *Uplo, const int *N, const int *Nrhs, const double *A,
             const int *Lda, double *B, const int *Ldb, int *Info, size_t);
void cpotrs_(const char *Uplo, const int *N, const int *Nrhs, const Complex8 *A,
             const int *Lda, Complex8 *B, const int *Ldb, int *Info, size_t);
void zpotrs_(const char *Uplo, const int *N, const int *Nrhs,
             const Complex16 *A, const int *Lda, Complex16 *B, const int *Ldb,
             int *Info, size_t);
void spotri_(const char *Uplo, const int *N, float *A, const int *Lda,
             int *Info, size_t);
void dpotri_(const char *Uplo, const int *N, double *A, const int *Lda,
             int *Info, size_t);
void cpotri_(const char *Uplo, const int *N, Complex8 *A, const int *Lda,
             int *Info, size_t);
void zpotri_(const char *Uplo, const int *N, Complex16 *A, const int *Lda,
             int *Info, size_t);
void sgetrf_(const int *M, const int *N, float *A, const int *Lda, int *Ipiv,
             int *Info);
void dgetrf_(const int *M, const int *N, double *A, const int *Lda, int *Ipiv,
             int *Info);
void cgetrf_(const int *M, const int *N, Complex8 *A, const int *Lda, int *Ipiv,
             int *Info);
void zgetrf_(const int *M, const int *N, Complex16 *A, const int *Lda,
             int *Ipiv, int *Info);
void sgetrs_(const char *Trans, const int *N, const int *Nrhs, const float *A,
             const int *Lda, const int *Ipiv, float *B, const int *Ldb,
             int *Info, size_t);
void dgetrs_(const char *Trans, const int *N, const int *Nrhs, const double *A,
             const int *Lda, const int *Ipiv, double *B, const int *Ldb,
             int *Info, size_t);
void cgetrs_(const char *Trans, const int *N, const int *Nrhs,
             const Complex8 *A, const int *Lda, const int *Ipiv, Complex8 *B,
             const int *Ldb, int *Info, size_t);
void zgetrs_(const char *Trans, const int *N, const int *Nrhs,
             const Complex16 *A, const int *Lda, const int *Ipiv, Complex16 *B,
             const int *Ldb, int *Info, size_t);
void sgeqrf_(const int *M, const int *N, float *A, const int *Lda, float *Tau,
             float *Work, const int *LWork, int *Info);
void dgeqrf_(const int *M, const int *N, double *A, const int *Lda, double *Tau,
             double *Work, const int *LWork, int *Info);
void cgeqrf_(const int *M, const int *N, Complex8 *A, const int *Lda,
             Complex8 *Tau, Complex8 *Work, const int *LWork, int *Info);
void zgeqrf_(const int *M, const int *N, Complex16 *A, const int *Lda,
             Complex16 *Tau, Complex16 *Work, const int *LWork, int *Info);
void sorgqr_(const int *M, const int *N, const int *K, float *A, const int *Lda,
             const float *Tau, float *Work, const int *LWork, int *Info);
void dorgqr_(const int *M, const int *N, const int *K, double *A,
             const int *Lda, const double *Tau, double *Work, const int *LWork,
             int *Info);
void cungqr_(const int *M, const int *N, const int *K, Complex8 *A,
             const int *Lda, const Complex8 *Tau, Complex8 *Work,
             const int *LWork, int *Info);
void zungqr_(const int *M, const int *N, const int *K, Complex16 *A,
             const int *Lda, const Complex16 *Tau, Complex16 *Work,
             const int *LWork, int *Info);
void sormqr_(const char *Side, const char *Trans, const int *M, const int *N,
             const int *K, const float *A, const int *Lda, const float *Tau,
             float *C, const int *Ldc, float *Work, const int *LWork, int *Info,
             size_t, size_t);
void dormqr_(const char *Side, const char *Trans, const int *M, const int *N,
             const int *K, const double *A, const int *Lda, const double *Tau,
             double *C, const int *Ldc, double *Work, const int *LWork,
             int *Info, size_t, size_t);
void cunmqr_(const char *Side, const char *Trans, const int *M, const int *N,
             const int *K, const Complex8 *A, const int *Lda,
             const Complex8 *Tau, Complex8 *C, const int *Ldc, Complex8 *Work,
             const int *LWork, int *Info, size_t, size_t);
void zunmqr_(const char *Side, const char *Trans, const int *M, const int *N,
             const int *K, const Complex16 *A, const int *Lda,
             const Complex16 *Tau, Complex16 *C, const int *Ldc,
             Complex16 *Work, const int *LWork, int *Info, size_t, size_t);
void sgesvd_(const char *JobU, const char *JobVT, const int *M, const int *N,
             float *A, const int *Lda, float *S, float *U, const int *Ldu,
             float *VT, const int *Ldvt, float *Work, const int *LWork,
             int *Info, size_t, size_t);
void dgesvd_(const char *JobU, const char *JobVT, const int *M, const int *N,
             double *A, const int *Lda, double *S, double *U, const int *Ldu,
             double *VT, const int *Ldvt, double *Work, const int *LWork,
             int *Info, size_t, size_t);
void cgesvd_(const char *JobU, const char *JobVT, const int *M, const int *N,
             Complex8 *A, const int *Lda, float *S, Complex8 *U, const int *Ldu,
             Complex8 *VT, const int *Ldvt, Complex8 *Work, const int *LWork,
             float *RWork, int *Info, size_t, size_t);
void zgesvd_(const char *JobU, const char *JobVT, const int *M, const int *N,
             Complex16 *A, const int *Lda, double *S, Complex16 *U,
             const int *Ldu, Complex16 *VT, const int *Ldvt, Complex16 *Work,
             const int *LWork, double *RWork, int *Info, size_t, size_t);
void ssyevd_(const char *JobZ, const char *Uplo, const int *N, float *A,
             const int *Lda, float *W, float *Work, const int *LWork,
             int *IWork, const int *LIWork, int *Info, size_t, size_t);
void dsyevd_(const char *JobZ, const char *Uplo, const int *N, double *A,
             const int *Lda, double *W, double *Work, const int *LWork,
             int *IWork, const int *LIWork, int *Info, size_t, size_t);
void cheevd_(const char *JobZ, const char *Uplo, const int *N, Complex8 *A,
             const int *Lda, float *W, Complex8 *Work, const int *LWork,
             float *RWork, const int *LRWork, int *IWork, const int *LIWork,
             int *Info, size_t, size_t);
void zheevd_(const char *JobZ, const char *Uplo, const int *N, Complex16 *A,
             const int *Lda, double *W, Complex16 *Work, const int *LWork,
             double *RWork, const int *LRWork, int *IWork, const int *LIWork,
             int *Info, size_t, size_t);
void strsm_(const char *Side, const char *Uplo, const char *TransA,
            const char *Diag, const int *M, const int *N, const float *Alpha,
            const float *A, const int *Lda, float *B, const int *Ldb, size_t,
            size_t, size_t, size_t);
void dtrsm_(const char *Side, const char *Uplo, const char *TransA,
            const char *Diag, const int *M, const int *N, const double *Alpha,
            const double *A, const int *Lda, double *B, const int *Ldb, size_t,
            size_t, size_t, size_t);
void ctrsm_(const char *Side, const char *Uplo, const char *TransA,
            const char *Diag, const int *M, const int *N, const Complex8 *Alpha,
            const Complex8 *A, const int *Lda, Complex8 *B, const int *Ldb,
            size_t, size_t, size_t, size_t);
void ztrsm_(const char *Side, const char *Uplo, const char *TransA,
            const char *Diag, const int *M, const int *N,
            const Complex16 *Alpha, const Complex16 *A, const int *Lda,
            Complex16 *B, const int *Ldb, size_t, size_t, size_t, size_t);
void sgemm_(const char *TransA, const char *TransB, const int *M, const int *N,
            const int *K, const float *Alpha, const float *A, const int *Lda,
            const float *B, const int *Ldb, const float *Beta, float *C,
            const int *Ldc, size_t, size_t);
void dgemm_(const char *TransA, const char *TransB, const int *M, const int *N,
            const int *K, const double *Alpha, const double *A, const int *Lda,
            const double *B, const int *Ldb, const double *Beta, double *C,
            const int *Ldc, size_t, size_t);
void cgemm_(const char *TransA, const char *TransB, const int *M, const int *N,
            const int *K, const Complex8 *Alpha, const Complex8 *A,
            const int *Lda, const Complex8 *B, const int *Ldb,
            const Complex8 *Beta, Complex8 *C, const int *Ldc, size_t, size_t);
void zgemm_(const char *TransA, const char *TransB, const int *M, const int *N,
            const int *K, const Complex16 *Alpha, const Complex16 *A,
            const int *Lda, const Complex16 *B, const int *Ldb,
            const Complex16 *Beta, Complex16 *C, const int *Ldc, size_t,
            size_t);
}

template <typename T> struct Lapack;

template <> struct Lapack<float> {
  using Real = float;
  static constexpr bool IsComplex = false;
  static void potrf(char Uplo, int N, float *A, int Lda, int *Info) {
    spotrf_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void potrs(char Uplo, int N, int Nrhs, const float *A, int Lda,
                    float *B, int Ldb, int *Info) {
    spotrs_(&Uplo, &N, &Nrhs, A, &Lda, B, &Ldb, Info, 1);
  }
  static void potri(char Uplo, int N, float *A, int Lda, int *Info) {
    spotri_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void getrf(int M, int N, float *A, int Lda, int *Ipiv, int *Info) {
    sgetrf_(&M, &N, A, &Lda, Ipiv, Info);
  }
  static void getrs(char Trans, int N, int Nrhs, const float *A, int Lda,
                    const int *Ipiv, float *B, int Ldb, int *Info) {
    sgetrs_(&Trans, &N, &Nrhs, A, &Lda, Ipiv, B, &Ldb, Info, 1);
  }
  static void geqrf(int M, int N, float *A, int Lda, float *Tau, float *Work,
                    int LWork, int *Info) {
    sgeqrf_(&M, &N, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void orgqr(int M, int N, int K, float *A, int Lda, const float *Tau,
                    float *Work, int LWork, int *Info) {
    sorgqr_(&M, &N, &K, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void ormqr(char Side, char Trans, int M, int N, int K, const float *A,
                    int Lda, const float *Tau, float *C, int Ldc, float *Work,
                    int LWork, int *Info) {
    sormqr_(&Side, &Trans, &M, &N, &K, A, &Lda, Tau, C, &Ldc, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork (5 min(M, N) reals) is used by the complex routines only.
  static void gesvd(char JobU, char JobVT, int M, int N, float *A, int Lda,
                    float *S, float *U, int Ldu, float *VT, int Ldvt,
                    float *Work, int LWork, float *RWork, int *Info) {
    (void)RWork;
    sgesvd_(&JobU, &JobVT, &M, &N, A, &Lda, S, U, &Ldu, VT, &Ldvt, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork is used by the complex (Hermitian) routines only.
  static void syevd(char JobZ, char Uplo, int N, float *A, int Lda, float *W,
                    float *Work, int LWork, float *RWork, int LRWork,
                    int *IWork, int LIWork, int *Info) {
    (void)RWork;
    (void)LRWork;
    ssyevd_(&JobZ, &Uplo, &N, A, &Lda, W, Work, &LWork, IWork, &LIWork, Info, 1,
            1);
  }
  static void trsm(char Side, char Uplo, char TransA, char Diag, int M, int N,
                   float Alpha, const float *A, int Lda, float *B, int Ldb) {
    strsm_(&Side, &Uplo, &TransA, &Diag, &M, &N, &Alpha, A, &Lda, B, &Ldb, 1, 1,
           1, 1);
  }
  static void gemm(char TransA, char TransB, int M, int N, int K, float Alpha,
                   const float *A, int Lda, const float *B, int Ldb, float Beta,
                   float *C, int Ldc) {
    sgemm_(&TransA, &TransB, &M, &N, &K, &Alpha, A, &Lda, B, &Ldb, &Beta, C,
           &Ldc, 1, 1);
  }
};

template <> struct Lapack<double> {
  using Real = double;
  static constexpr bool IsComplex = false;
  static void potrf(char Uplo, int N, double *A, int Lda, int *Info) {
    dpotrf_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void potrs(char Uplo, int N, int Nrhs, const double *A, int Lda,
                    double *B, int Ldb, int *Info) {
    dpotrs_(&Uplo, &N, &Nrhs, A, &Lda, B, &Ldb, Info, 1);
  }
  static void potri(char Uplo, int N, double *A, int Lda, int *Info) {
    dpotri_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void getrf(int M, int N, double *A, int Lda, int *Ipiv, int *Info) {
    dgetrf_(&M, &N, A, &Lda, Ipiv, Info);
  }
  static void getrs(char Trans, int N, int Nrhs, const double *A, int Lda,
                    const int *Ipiv, double *B, int Ldb, int *Info) {
    dgetrs_(&Trans, &N, &Nrhs, A, &Lda, Ipiv, B, &Ldb, Info, 1);
  }
  static void geqrf(int M, int N, double *A, int Lda, double *Tau, double *Work,
                    int LWork, int *Info) {
    dgeqrf_(&M, &N, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void orgqr(int M, int N, int K, double *A, int Lda, const double *Tau,
                    double *Work, int LWork, int *Info) {
    dorgqr_(&M, &N, &K, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void ormqr(char Side, char Trans, int M, int N, int K, const double *A,
                    int Lda, const double *Tau, double *C, int Ldc,
                    double *Work, int LWork, int *Info) {
    dormqr_(&Side, &Trans, &M, &N, &K, A, &Lda, Tau, C, &Ldc, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork (5 min(M, N) reals) is used by the complex routines only.
  static void gesvd(char JobU, char JobVT, int M, int N, double *A, int Lda,
                    double *S, double *U, int Ldu, double *VT, int Ldvt,
                    double *Work, int LWork, double *RWork, int *Info) {
    (void)RWork;
    dgesvd_(&JobU, &JobVT, &M, &N, A, &Lda, S, U, &Ldu, VT, &Ldvt, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork is used by the complex (Hermitian) routines only.
  static void syevd(char JobZ, char Uplo, int N, double *A, int Lda, double *W,
                    double *Work, int LWork, double *RWork, int LRWork,
                    int *IWork, int LIWork, int *Info) {
    (void)RWork;
    (void)LRWork;
    dsyevd_(&JobZ, &Uplo, &N, A, &Lda, W, Work, &LWork, IWork, &LIWork, Info, 1,
            1);
  }
  static void trsm(char Side, char Uplo, char TransA, char Diag, int M, int N,
                   double Alpha, const double *A, int Lda, double *B, int Ldb) {
    dtrsm_(&Side, &Uplo, &TransA, &Diag, &M, &N, &Alpha, A, &Lda, B, &Ldb, 1, 1,
           1, 1);
  }
  static void gemm(char TransA, char TransB, int M, int N, int K, double Alpha,
                   const double *A, int Lda, const double *B, int Ldb,
                   double Beta, double *C, int Ldc) {
    dgemm_(&TransA, &TransB, &M, &N, &K, &Alpha, A, &Lda, B, &Ldb, &Beta, C,
           &Ldc, 1, 1);
  }
};

template <> struct Lapack<Complex8> {
  using Real = float;
  static constexpr bool IsComplex = true;
  static void potrf(char Uplo, int N, Complex8 *A, int Lda, int *Info) {
    cpotrf_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void potrs(char Uplo, int N, int Nrhs, const Complex8 *A, int Lda,
                    Complex8 *B, int Ldb, int *Info) {
    cpotrs_(&Uplo, &N, &Nrhs, A, &Lda, B, &Ldb, Info, 1);
  }
  static void potri(char Uplo, int N, Complex8 *A, int Lda, int *Info) {
    cpotri_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void getrf(int M, int N, Complex8 *A, int Lda, int *Ipiv, int *Info) {
    cgetrf_(&M, &N, A, &Lda, Ipiv, Info);
  }
  static void getrs(char Trans, int N, int Nrhs, const Complex8 *A, int Lda,
                    const int *Ipiv, Complex8 *B, int Ldb, int *Info) {
    cgetrs_(&Trans, &N, &Nrhs, A, &Lda, Ipiv, B, &Ldb, Info, 1);
  }
  static void geqrf(int M, int N, Complex8 *A, int Lda, Complex8 *Tau,
                    Complex8 *Work, int LWork, int *Info) {
    cgeqrf_(&M, &N, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void orgqr(int M, int N, int K, Complex8 *A, int Lda,
                    const Complex8 *Tau, Complex8 *Work, int LWork, int *Info) {
    cungqr_(&M, &N, &K, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void ormqr(char Side, char Trans, int M, int N, int K,
                    const Complex8 *A, int Lda, const Complex8 *Tau,
                    Complex8 *C, int Ldc, Complex8 *Work, int LWork,
                    int *Info) {
    cunmqr_(&Side, &Trans, &M, &N, &K, A, &Lda, Tau, C, &Ldc, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork (5 min(M, N) reals) is used by the complex routines only.
  static void gesvd(char JobU, char JobVT, int M, int N, Complex8 *A, int Lda,
                    float *S, Complex8 *U, int Ldu, Complex8 *VT, int Ldvt,
                    Complex8 *Work, int LWork, float *RWork, int *Info) {
    cgesvd_(&JobU, &JobVT, &M, &N, A, &Lda, S, U, &Ldu, VT, &Ldvt, Work, &LWork,
            RWork, Info, 1, 1);
  }
  /// RWork is used by the complex (Hermitian) routines only.
  static void syevd(char JobZ, char Uplo, int N, Complex8 *A, int Lda, float *W,
                    Complex8 *Work, int LWork, float *RWork, int LRWork,
                    int *IWork, int LIWork, int *Info) {
    cheevd_(&JobZ, &Uplo, &N, A, &Lda, W, Work, &LWork, RWork, &LRWork, IWork,
            &LIWork, Info, 1, 1);
  }
  static void trsm(char Side, char Uplo, char TransA, char Diag, int M, int N,
                   Complex8 Alpha, const Complex8 *A, int Lda, Complex8 *B,
                   int Ldb) {
    ctrsm_(&Side, &Uplo, &TransA, &Diag, &M, &N, &Alpha, A, &Lda, B, &Ldb, 1, 1,
           1, 1);
  }
  static void gemm(char TransA, char TransB, int M, int N, int K,
                   Complex8 Alpha, const Complex8 *A, int Lda,
                   const Complex8 *B, int Ldb, Complex8 Beta, Complex8 *C,
                   int Ldc) {
    cgemm_(&TransA, &TransB, &M, &N, &K, &Alpha, A, &Lda, B, &Ldb, &Beta, C,
           &Ldc, 1, 1);
  }
};

template <> struct Lapack<Complex16> {
  using Real = double;
  static constexpr bool IsComplex = true;
  static void potrf(char Uplo, int N, Complex16 *A, int Lda, int *Info) {
    zpotrf_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void potrs(char Uplo, int N, int Nrhs, const Complex16 *A, int Lda,
                    Complex16 *B, int Ldb, int *Info) {
    zpotrs_(&Uplo, &N, &Nrhs, A, &Lda, B, &Ldb, Info, 1);
  }
  static void potri(char Uplo, int N, Complex16 *A, int Lda, int *Info) {
    zpotri_(&Uplo, &N, A, &Lda, Info, 1);
  }
  static void getrf(int M, int N, Complex16 *A, int Lda, int *Ipiv, int *Info) {
    zgetrf_(&M, &N, A, &Lda, Ipiv, Info);
  }
  static void getrs(char Trans, int N, int Nrhs, const Complex16 *A, int Lda,
                    const int *Ipiv, Complex16 *B, int Ldb, int *Info) {
    zgetrs_(&Trans, &N, &Nrhs, A, &Lda, Ipiv, B, &Ldb, Info, 1);
  }
  static void geqrf(int M, int N, Complex16 *A, int Lda, Complex16 *Tau,
                    Complex16 *Work, int LWork, int *Info) {
    zgeqrf_(&M, &N, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void orgqr(int M, int N, int K, Complex16 *A, int Lda,
                    const Complex16 *Tau, Complex16 *Work, int LWork,
                    int *Info) {
    zungqr_(&M, &N, &K, A, &Lda, Tau, Work, &LWork, Info);
  }
  static void ormqr(char Side, char Trans, int M, int N, int K,
                    const Complex16 *A, int Lda, const Complex16 *Tau,
                    Complex16 *C, int Ldc, Complex16 *Work, int LWork,
                    int *Info) {
    zunmqr_(&Side, &Trans, &M, &N, &K, A, &Lda, Tau, C, &Ldc, Work, &LWork,
            Info, 1, 1);
  }
  /// RWork (5 min(M, N) reals) is used by the complex routines only.
  static void gesvd(char JobU, char JobVT, int M, int N, Complex16 *A, int Lda,
                    double *S, Complex16 *U, int Ldu, Complex16 *VT, int Ldvt,
                    Complex16 *Work, int LWork, double *RWork, int *Info) {
    zgesvd_(&JobU, &JobVT, &M, &N, A, &Lda, S, U, &Ldu, VT, &Ldvt, Work, &LWork,
            RWork, Info, 1, 1);
  }
  /// RWork is used by the complex (Hermitian) routines only.
  static void syevd(char JobZ, char Uplo, int N, Complex16 *A, int Lda,
                    double *W, Complex16 *Work, int LWork, double *RWork,
                    int LRWork, int *IWork, int LIWork, int *Info) {
    zheevd_(&JobZ, &Uplo, &N, A, &Lda, W, Work, &LWork, RWork, &LRWork, IWork,
            &LIWork, Info, 1, 1);
  }
  static void trsm(char Side, char Uplo, char TransA, char Diag, int M, int N,
                   Complex16 Alpha, const Complex16 *A, int Lda, Complex16 *B,
                   int Ldb) {
    ztrsm_(&Side, &Uplo, &TransA, &Diag, &M, &N, &Alpha, A, &Lda, B, &Ldb, 1, 1,
           1, 1);
  }
  static void gemm(char TransA, char TransB, int M, int N, int K,
                   Complex16 Alpha, const Complex16 *A, int Lda,
                   const Complex16 *B, int Ldb, Complex16 Beta, Complex16 *C,
                   int Ldc) {
    zgemm_(&TransA, &TransB, &M, &N, &K, &Alpha, A, &Lda, B, &Ldb, &Beta, C,
           &Ldc, 1, 1);
  }
};

} // namespace solver
} // namespace tx

#endif // TONGXIN_LIBS_SOLVER_LAPACK_H
