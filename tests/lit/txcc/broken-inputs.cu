// Broken input never crashes txcc or hangs it: each of these ends with a
// diagnostic at its file:line and a non-zero exit (`not` fails on a crash).
// RUN: %not %txcc -c %S/Inputs/broken/truncated.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: truncated.cu:3:17: error: expected expression
// RUN: %not %txcc -c %S/Inputs/broken/unterminated.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=COMMENT
// COMMENT: unterminated.cu:2:3: error: unterminated /* comment
// RUN: %not %txcc -c %S/Inputs/broken/launch-syntax.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=LAUNCH
// LAUNCH: launch-syntax.cu:5:15: error: expected expression
// RUN: %not %txcc -c %S/Inputs/broken/missing-include.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=INCLUDE
// INCLUDE: missing-include.cu:1:10: fatal error: 'this_header_does_not_exist.cuh' file not found
// RUN: %not %txcc -c %S/Inputs/broken/template-depth.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=DEPTH
// DEPTH: template-depth.cu:2:42: fatal error: recursive template instantiation exceeded maximum depth
// RUN: %not %txcc -c %S/Inputs/broken/device-launch.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=DEVLAUNCH
// DEVLAUNCH: device-launch.cu:3:36: error: reference to __global__ function 'child' in __global__ function
// RUN: %not %txcc -c %S/Inputs/broken/bad-ptx.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=PTX
// PTX: bad-ptx.cu:3:3: error: inline PTX instruction 'frobnicate.b32' is not supported
// RUN: %not %txcc -c %S/Inputs/broken/huge-launch-bounds.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=BOUNDS
// BOUNDS: huge-launch-bounds.cu:1:{{[0-9]+}}: error: __launch_bounds__ allows 1073741824 threads per block, more than the 1024 a block can have
//
// Binary junk (an ELF header, NULs, bytes that are not UTF-8) and a file
// that does not exist.
// RUN: printf '\177ELF\002\001\001\000\000\000\000\003\000>\000\377\376__global__ {{<<<\000\n' > %t.junk.cu
// RUN: %not %txcc -c %t.junk.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=JUNK
// JUNK: junk.cu:1:1: error: expected unqualified-id
// RUN: %not %txcc -c %t.does-not-exist.cu -o %t.o 2>&1 | %FileCheck %s --check-prefix=MISSING
// MISSING: txcc: error: cannot read input file '{{.*}}does-not-exist.cu'
