// -mprefer-vector-width (clang's spelling) sets the vector width of the CPU
// thread loops: txcc hands it to tx-opt, which gives every device function
// the "prefer-vector-width" attribute (clang's own flag does not reach IR
// compiled as IR). Without it, an x86-64 host with AVX-512 gets 512 and
// others none (a machine-dependent default, not checked here); "none"
// leaves the target's own preference, as does a cross target, for which a
// width given is ignored with a warning (only the X86 backend reads it). A
// width that is no vector width is an error, named.
// REQUIRES: x86_64-host
// RUN: %txcc --dryrun -mprefer-vector-width=256 -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %txcc --dryrun -mprefer-vector-width=none -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=NONE
// RUN: %txcc --dryrun --target=aarch64-linux-gnu -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=NONE
// RUN: %txcc --dryrun --target=aarch64-linux-gnu -mprefer-vector-width=512 -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefixes=CROSS,NONE
// RUN: %not %txcc -mprefer-vector-width=300 -c %s -o %t.o 2>&1 | %FileCheck %s --check-prefix=BAD
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %txcc --keep --keep-dir %t.dir -mprefer-vector-width=128 -c %s -o %t.o
// RUN: %llvm-dis %t.dir/txcc-*/2-prefer-vector-width.lowered.bc -o - | %FileCheck %s --check-prefix=IR

__global__ void k(float *X) { X[threadIdx.x] *= 2.0f; }

// CHECK: tx-opt --cpu-pipeline {{.*}}--prefer-vector-width=256
// CROSS: txcc: warning: -mprefer-vector-width is for x86-64; ignored for aarch64-linux-gnu
// NONE: tx-opt --cpu-pipeline
// NONE-NOT: --prefer-vector-width
// NONE-SAME: {{$}}
// BAD: txcc: error: unknown -mprefer-vector-width '300' (128, 256, 512 or none)
// IR: define internal void @__txblk__Z1kPf({{.*}}) [[ATTRS:#[0-9]+]]
// IR: attributes [[ATTRS]] = {{{.*}}"prefer-vector-width"="128"
