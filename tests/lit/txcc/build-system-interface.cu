// What CMake's nvcc rules and nvcc Makefiles rely on: the version lines,
// the toolkit layout printed by -v, options files, forwarding of unknown
// options, -cudart, the device link step, -lib and --keep-dir.
// The default runtime is nvcc's, -cudart=static; either way the program
// runs without LD_LIBRARY_PATH, and without a run path when linked by a
// plain C++ compiler with the static one (the filter library's path).
// RUN: %txcc -DWITH_MAIN -c %s -o %t.k.o && c++ %t.k.o -L%tx_lib -lcudart_static -o %t.static && %t.static
// RUN: llvm-readelf-19 -d %t.static | %FileCheck --check-prefix=FILTER %s
// FILTER: NEEDED{{.*}}[{{/.*}}/tongxin-cudart-static.so]

// RUN: %txcc --version | %FileCheck --check-prefix=VERSION %s
// VERSION: nvcc: NVIDIA (R) Cuda compiler driver
// VERSION: Cuda compilation tools, release 12.9, V12.9.41

// -v starts with TOP, NVVMIR_LIBRARY_DIR, INCLUDES, LIBRARIES and the
// architectures; the link line contains the LIBRARIES text and goes
// through tx-c++.
// RUN: %txcc -v --dryrun -arch=sm_75 -gencode arch=compute_86,code=sm_86 %s -o %t 2>&1 | %FileCheck --check-prefix=ENV %s
// ENV: #$ TOP=[[ROOT:.*]]
// ENV-NEXT: #$ NVVMIR_LIBRARY_DIR={{.*}}/nvvm/libdevice
// ENV-NEXT: #$ PATH=
// ENV-NEXT: #$ INCLUDES=-I[[ROOT]]/include
// ENV-NEXT: #$ LIBRARIES=-L[[ROOT]]/lib64
// ENV-NEXT: #$ CUDA_ARCHITECTURES=-arch compute_75 -arch compute_86
// ENV: #$ [[ROOT]]/bin/tx-c++ {{.*}} -L[[ROOT]]/lib64 -lcudart_static -lm

// RUN: %txcc --dryrun -cudart=shared %s -o %t 2>&1 | %FileCheck --check-prefix=SHARED %s
// SHARED: tx-c++ {{.*}}-lcudart -lm
// RUN: %txcc --dryrun -cudart none %s -o %t 2>&1 | %FileCheck --check-prefix=NONE %s
// NONE-NOT: -lcudart
// RUN: %not %txcc --dryrun -cudart=dynamic %s 2>&1 | %FileCheck --check-prefix=BADRT %s
// BADRT: unknown -cudart 'dynamic'

// Unknown options are an error unless forwarded; forwarded ones reach the
// host compiler.
// RUN: %not %txcc --dryrun -c -pthread %s -o %t.o 2>&1 | %FileCheck --check-prefix=UNKNOWN %s
// UNKNOWN: unknown option '-pthread'
// RUN: %txcc --dryrun -c -pthread -forward-unknown-to-host-compiler -fno-strict-aliasing %s -o %t.o 2>&1 | %FileCheck --check-prefix=FORWARD %s
// FORWARD: --cuda-host-only{{.*}} -pthread -fno-strict-aliasing

// Options files, nested and quoted, as CMake writes them.
// RUN: echo '-DFROM_FILE="a b" --options-file %t.inner' > %t.rsp
// RUN: echo "-DINNER=1 '-DQUOTED=x y'" > %t.inner
// RUN: %txcc --dryrun -c --options-file %t.rsp %s -o %t.o 2>&1 | %FileCheck --check-prefix=OPTF %s
// OPTF: --cuda-device-only{{.*}} '-DFROM_FILE=a b' -DINNER=1 '-DQUOTED=x y'
// RUN: %not %txcc -c -optf %t.missing %s 2>&1 | %FileCheck --check-prefix=NOFILE %s
// NOFILE: cannot read options file
// RUN: echo '"unterminated' > %t.bad
// RUN: %not %txcc -c -optf %t.bad %s 2>&1 | %FileCheck --check-prefix=BADFILE %s
// BADFILE: unterminated quote
// RUN: echo '--options-file %t.self' > %t.self
// RUN: %not %txcc -c -optf %t.self %s 2>&1 | %FileCheck --check-prefix=LOOP %s
// LOOP: nested too deeply
// A directory or a device is no options file (a directory used to throw).
// RUN: mkdir -p %t.dir
// RUN: %not %txcc -c -optf %t.dir %s 2>&1 | %FileCheck --check-prefix=OPTFDIR %s
// OPTFDIR: options file '{{.*}}.dir' is not a regular file
// RUN: %not %txcc -c --options-file=/dev/zero %s 2>&1 | %FileCheck --check-prefix=OPTFDEV %s
// OPTFDEV: options file '/dev/zero' is not a regular file

// The device link step makes a real (empty) object from real inputs.
// RUN: %txcc -rdc=true -c %s -o %t.rdc.o
// RUN: %txcc -forward-unknown-to-host-compiler -Xcompiler=-fPIC -Wno-deprecated-gpu-targets -shared -dlink %t.rdc.o -o %t.dlink.o -lcudadevrt -lcudart
// RUN: llvm-readelf-19 -h %t.dlink.o | %FileCheck --check-prefix=DLINK %s
// DLINK: Type: REL
// RUN: %not %txcc -dlink %t.absent.o -o %t.dlink2.o 2>&1 | %FileCheck --check-prefix=DLINKMISSING %s
// DLINKMISSING: cannot read input file
// RUN: %not %txcc -dlink %s -o %t.dlink3.o 2>&1 | %FileCheck --check-prefix=DLINKSRC %s
// DLINKSRC: -dlink takes objects and libraries

// -lib archives the compiled inputs.
// RUN: rm -f %t.a && %txcc -lib %s -o %t.a
// RUN: llvm-nm-19 %t.a | %FileCheck --check-prefix=LIB %s
// LIB: T _Z21__device_stub__kernelPi

// --keep --keep-dir leaves the intermediates there.
// RUN: rm -rf %t.keep && %txcc --keep --keep-dir %t.keep -c %s -o %t.k.o 2>&1 | %FileCheck --check-prefix=KEEP %s
// KEEP: intermediate files kept in {{.*}}.keep/txcc-

__global__ void kernel(int *P) { *P = 1; }

#ifdef WITH_MAIN
int main() {
  int *P;
  cudaMallocManaged(&P, sizeof(int));
  kernel<<<1, 1>>>(P);
  return cudaDeviceSynchronize() != cudaSuccess || *P != 1;
}
#endif
