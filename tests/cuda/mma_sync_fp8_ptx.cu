// Inline PTX mma.sync with fp8 operands (m16n8k32 e4m3 x e5m2, f32
// accumulators), checked against a host GEMM: the case of
// mma_sync_ptx.cu that needs sm_89 and PTX ISA 8.4 (txcc raises the PTX
// version of this program to 8.4, compiler/passes/PtxIsaVersion.cpp).
// txcc-flags: -arch=sm_90
#define MMA_SYNC_FP8
#include "mma_sync_ptx.cu"
