# tongxin_sanitize(<target> [PUBLIC])
#
# Under TONGXIN_SANITIZE, builds <target> with AddressSanitizer and
# UndefinedBehaviorSanitizer (no vptr check: the runtime is built without
# RTTI, LLVM style, so UBSan cannot tell dynamic types across the library
# boundary). PUBLIC passes the flags on to whatever links the target (the
# runtime: an executable using a sanitized shared library needs the
# sanitizer runtimes itself).
function(tongxin_sanitize Target)
  if(NOT TONGXIN_SANITIZE)
    return()
  endif()
  cmake_parse_arguments(ARG "PUBLIC" "" "" ${ARGN})
  set(Scope PRIVATE)
  if(ARG_PUBLIC)
    set(Scope PUBLIC)
  endif()
  set(Sanitizers -fsanitize=address,undefined -fno-sanitize=vptr)
  target_compile_options(${Target} ${Scope} ${Sanitizers}
                         -fno-omit-frame-pointer)
  get_target_property(Type ${Target} TYPE)
  if(NOT Type STREQUAL "STATIC_LIBRARY")
    target_link_options(${Target} ${Scope} ${Sanitizers})
  endif()
endfunction()

# tongxin_sanitize_optimize(<target> [SOURCES <files>...])
#
# The sanitizer build is a Debug build (-O0), which keeps compiling fast
# (optimised, gtest-heavy files take seven times longer). Code that does the
# heavy arithmetic of the sanitized tests (cuRAND's MT19937 jumps, a naive
# DFT reference, a double-precision reference GEMM) is optimised with -O2
# instead, which keeps every check and made the sanitized run three times
# shorter: the whole target, or only the given sources of it (call this in
# the directory that creates the target). Those sources skip the target's
# precompiled header, which was built at -O0.
function(tongxin_sanitize_optimize Target)
  if(NOT TONGXIN_SANITIZE)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  if(ARG_SOURCES)
    set_source_files_properties(${ARG_SOURCES} TARGET_DIRECTORY ${Target}
                                PROPERTIES COMPILE_OPTIONS -O2
                                           SKIP_PRECOMPILE_HEADERS ON)
  else()
    target_compile_options(${Target} PRIVATE -O2)
  endif()
endfunction()
