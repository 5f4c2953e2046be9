/* cusolverSp.h: not provided by Tongxin.
 *
 * cuSOLVER's sparse solvers is not part of Tongxin yet. Including this
 * header stops the build with that message, instead of letting the compiler
 * pick up another CUDA toolkit's header, which would fail later with
 * redefinitions. See docs/libraries.md. (TONGXIN_NOT_PROVIDED)
 */

#error "Tongxin does not provide <cusolverSp.h>: cuSOLVER's sparse solvers; use <cusolverDn.h> or cuSPARSE's SpSV (see docs/libraries.md)"
