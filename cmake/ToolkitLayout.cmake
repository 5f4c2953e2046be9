# The build tree and the install prefix are both laid out like a CUDA
# toolkit (docs/toolkit.md): bin/nvcc (txcc under nvcc's name), include/,
# lib64/ with libcudart.so.12 and the math libraries, version.txt and
# version.json. Makefiles written for $(CUDA_HOME)/bin/nvcc and
# -L$(CUDA_HOME)/lib64, CMake's CUDA language and find_package(CUDAToolkit)
# find what they look for. The real library directory is lib/; lib64 is a
# link to it, as in NVIDIA's toolkit (lib64 -> targets/<arch>/lib).

set(TxVersionText "CUDA Version ${TONGXIN_CUDA_VERSION}\n")
string(CONCAT TxVersionJson
  "{\n"
  "  \"cuda\" : {\n"
  "    \"name\" : \"CUDA SDK (Tongxin ${PROJECT_VERSION})\",\n"
  "    \"version\" : \"${TONGXIN_CUDA_VERSION}\"\n"
  "  },\n"
  "  \"cuda_cudart\" : {\n"
  "    \"name\" : \"CUDA Runtime (cudart)\",\n"
  "    \"version\" : \"${TONGXIN_CUDA_VERSION}\"\n"
  "  },\n"
  "  \"cuda_nvcc\" : {\n"
  "    \"name\" : \"CUDA NVCC (Tongxin txcc)\",\n"
  "    \"version\" : \"${TONGXIN_CUDA_VERSION}\"\n"
  "  },\n"
  "  \"tongxin\" : {\n"
  "    \"name\" : \"Tongxin\",\n"
  "    \"version\" : \"${PROJECT_VERSION}\"\n"
  "  }\n"
  "}\n")

file(WRITE ${CMAKE_BINARY_DIR}/version.txt "${TxVersionText}")
file(WRITE ${CMAKE_BINARY_DIR}/version.json "${TxVersionJson}")
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/bin ${CMAKE_BINARY_DIR}/lib)
file(CREATE_LINK lib ${CMAKE_BINARY_DIR}/lib64 SYMBOLIC)
file(CREATE_LINK txcc ${CMAKE_BINARY_DIR}/bin/nvcc SYMBOLIC)

install(FILES ${CMAKE_BINARY_DIR}/version.txt ${CMAKE_BINARY_DIR}/version.json
        DESTINATION .)
install(CODE "
  set(Prefix \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  file(MAKE_DIRECTORY \"\${Prefix}/bin\" \"\${Prefix}/lib\")
  if(IS_DIRECTORY \"\${Prefix}/lib64\" AND NOT IS_SYMLINK \"\${Prefix}/lib64\")
    message(WARNING \"\${Prefix}/lib64 is a directory: not linking it to lib\")
  else()
    file(CREATE_LINK lib \"\${Prefix}/lib64\" SYMBOLIC)
  endif()
  file(CREATE_LINK txcc \"\${Prefix}/bin/nvcc\" SYMBOLIC)")
