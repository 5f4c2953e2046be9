/* cusolverRf.h: not provided by Tongxin.
 *
 * cuSOLVER's refactorisation API is not part of Tongxin yet. Including this
 * header stops the build with that message, instead of letting the compiler
 * pick up another CUDA toolkit's header, which would fail later with
 * redefinitions. See docs/libraries.md. (TONGXIN_NOT_PROVIDED)
 */

#error "Tongxin does not provide <cusolverRf.h>: cuSOLVER's refactorisation API; use <cusolverDn.h> (see docs/libraries.md)"
