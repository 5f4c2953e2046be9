/* nvrtc.h: not provided by Tongxin.
 *
 * NVRTC (run-time compilation) is not part of Tongxin yet. Including this
 * header stops the build with that message, instead of letting the compiler
 * pick up another CUDA toolkit's header, which would fail later with
 * redefinitions. See docs/libraries.md. (TONGXIN_NOT_PROVIDED)
 */

#error "Tongxin does not provide <nvrtc.h>: NVRTC (run-time compilation); not available yet (see docs/libraries.md)"
