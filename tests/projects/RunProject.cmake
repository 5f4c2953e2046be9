# cmake -P RunProject.cmake: builds one sample project the way a user's
# build would and runs it; the program must print PASS.
#
#   -DKIND=cmake|make    -DSOURCE=<dir>  -DWORK=<scratch dir>
#   -DPROGRAM=<path of the program, relative to the build directory>
#   cmake: -DCONFIGURE=<;-list of cmake arguments> -DENV=<;-list VAR=value>
#          -DCHECK_COMPILE_COMMANDS=ON -DTOUCH=<header whose change must
#          rebuild the object named by -DREBUILDS=<text>>
#          -DEXPECT=<;-list of regular expressions the build's commands
#          or build.ninja must match (the architecture flags CMake passes;
#          with response files they are only in build.ninja)>
#   make:  -DTOOLKIT_BUILD=<Tongxin build tree>, installed into WORK/toolkit
#          and named to the Makefile by CUDA_PATH only (no CUDA_HOME);
#          with -DPACKAGE=ON packed as a .deb (cpack), whose contents are
#          unpacked (dpkg-deb -x) and used instead. With -DCROSS_TRIPLE=<t>,
#          -DCROSS_QEMU=<qemu-user> and -DCROSS_SYSROOT=<its -L>, the
#          installed txcc also builds the sources for <t>, run under qemu.
#
# The sources are copied into WORK first, so nothing is written into the
# source tree; the CUDA variables of the caller's environment are cleared.

cmake_minimum_required(VERSION 3.20)

set(Clean --unset=CUDA_HOME --unset=CUDA_PATH --unset=CUDACXX --unset=CUDAARCHS
          --unset=CUDAHOSTCXX --unset=CUDAToolkit_ROOT --unset=LIBRARY_PATH)

function(run)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${Clean} ${ENV} ${ARGN}
                  WORKING_DIRECTORY ${Build}
                  RESULT_VARIABLE Status OUTPUT_VARIABLE Out ERROR_VARIABLE Out)
  message("$ ${ARGN}\n${Out}")
  if(NOT Status EQUAL 0)
    message(FATAL_ERROR "failed (${Status}): ${ARGN}")
  endif()
  set(Output "${Out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(COPY ${SOURCE}/ DESTINATION ${WORK}/src)

if(KIND STREQUAL "cmake")
  set(Build ${WORK}/build)
  file(MAKE_DIRECTORY ${Build})
  run(${CMAKE_COMMAND} -G Ninja -S ${WORK}/src -B ${Build} ${CONFIGURE})
  run(${CMAKE_COMMAND} --build ${Build} --verbose)
  file(READ ${Build}/build.ninja Rules)
  foreach(Pattern IN LISTS EXPECT)
    if(NOT "${Output}${Rules}" MATCHES "${Pattern}")
      message(FATAL_ERROR "no build command matches '${Pattern}'")
    endif()
  endforeach()
  if(CHECK_COMPILE_COMMANDS)
    file(READ ${Build}/compile_commands.json Commands)
    if(NOT Commands MATCHES "txcc[^\n]* -c [^\n]*\\.cu")
      message(FATAL_ERROR "compile_commands.json lacks the .cu command")
    endif()
  endif()
  if(TOUCH)
    file(TOUCH ${WORK}/src/${TOUCH})
    run(${CMAKE_COMMAND} --build ${Build} --verbose)
    if(NOT Output MATCHES "${REBUILDS}")
      message(FATAL_ERROR "changing ${TOUCH} did not rebuild ${REBUILDS}")
    endif()
  endif()
elseif(KIND STREQUAL "make" AND PACKAGE)
  set(Build ${WORK})
  run(cpack --config ${TOOLKIT_BUILD}/CPackConfig.cmake -B ${WORK}/package)
  file(GLOB Deb ${WORK}/package/tongxin_*.deb)
  run(dpkg-deb --info ${Deb})
  foreach(Field "Package: tongxin" "Depends: .*clang-19" "Depends: .*libblis"
                "postinst" "prerm")
    if(NOT Output MATCHES "${Field}")
      message(FATAL_ERROR "the package's control data lacks '${Field}'")
    endif()
  endforeach()
  run(dpkg-deb -x ${Deb} ${WORK}/root)
  set(Toolkit ${WORK}/root/opt/tongxin)
  foreach(Link bin/nvcc lib64 lib64/libcudart.so.12)
    if(NOT IS_SYMLINK ${Toolkit}/${Link})
      message(FATAL_ERROR "the package lacks the link ${Link}")
    endif()
  endforeach()
  set(Build ${WORK}/src)
  run(make CUDA_PATH=${Toolkit})
elseif(KIND STREQUAL "make")
  set(Build ${WORK}/src)
  run(${CMAKE_COMMAND} --install ${TOOLKIT_BUILD} --prefix ${WORK}/toolkit)
  run(make CUDA_PATH=${WORK}/toolkit)
  if(CROSS_TRIPLE)
    run(${WORK}/toolkit/bin/txcc --target=${CROSS_TRIPLE} -O2 scale.cu
        main.cpp -lcublas -o app-${CROSS_TRIPLE})
    run(${CROSS_QEMU} -L ${CROSS_SYSROOT} ${Build}/app-${CROSS_TRIPLE})
    if(NOT Output MATCHES "PASS")
      message(FATAL_ERROR "the ${CROSS_TRIPLE} build did not print PASS")
    endif()
  endif()
else()
  message(FATAL_ERROR "unknown KIND '${KIND}'")
endif()

run(${Build}/${PROGRAM})
if(NOT Output MATCHES "PASS")
  message(FATAL_ERROR "${PROGRAM} did not print PASS")
endif()
