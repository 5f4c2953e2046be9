/* cublas.h: not provided by Tongxin.
 *
 * cuBLAS's legacy API (cublasInit, cublasSgemm without a handle) is not part of Tongxin yet. Including this
 * header stops the build with that message, instead of letting the compiler
 * pick up another CUDA toolkit's header, which would fail later with
 * redefinitions. See docs/libraries.md. (TONGXIN_NOT_PROVIDED)
 */

#error "Tongxin does not provide <cublas.h>: cuBLAS's legacy API (cublasInit, cublasSgemm without a handle); include <cublas_v2.h>, the handle-based API, which Tongxin provides (see docs/libraries.md)"
