// A fetch or surface access with a type CUDA's texture hardware cannot
// return is a compile error that names the allowed types, with a note at
// the line of the call.
// RUN: %not %txcc -c %s -o %t.o 2>&1 | %FileCheck %s

__global__ void k(cudaTextureObject_t tex, cudaSurfaceObject_t surf,
                  double *out) {
  out[0] = tex2D<double>(tex, 1.0f, 2.0f);
  out[1] = surf2Dread<double>(surf, 0, 0);
}

// CHECK: error: static assertion failed {{.*}}: not a texture fetch type: use a 1-, 2- or 4-component char, short, int or float type
// CHECK: textures-bad-types.cu:8:12: note: in instantiation of function template specialization 'tex2D<double>'
// CHECK: error: static assertion failed {{.*}}: not a surface element type
// CHECK: textures-bad-types.cu:9:12: note: in instantiation of function template specialization 'surf2Dread<double>'
// CHECK-NOT: error:
