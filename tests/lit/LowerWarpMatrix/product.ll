; A warp product: each lane copies its A, B and C registers, widened, into
; its warp's exchange area, __syncwarp, lane 0 calls __tx_warp_mma with the
; product's descriptor, __syncwarp, each lane copies its part of D back.
; RUN: %tx-opt -passes=tx-lower-warp-matrix -S %s | %FileCheck %s
; A form the pass does not know is an error at its source line:
; RUN: %not %tx-opt -passes=tx-lower-warp-matrix -S %S/Inputs/unknown-product.ll 2>&1 | %FileCheck %s --check-prefix=ERR
; ERR: wmma.cu:3:5: error: CUDA device intrinsic 'llvm.nvvm.wmma.m99.mma.row.row.s8' is not supported on the CPU backend

define { i32, i32, i32, i32, i32, i32, i32, i32 } @mma_s8(i32 %a0, i32 %a1, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3, i32 %c4, i32 %c5, i32 %c6, i32 %c7) {
  %d = call { i32, i32, i32, i32, i32, i32, i32, i32 } @llvm.nvvm.wmma.m16n16k16.mma.row.col.s8.satfinite(i32 %a0, i32 %a1, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3, i32 %c4, i32 %c5, i32 %c6, i32 %c7)
  ret { i32, i32, i32, i32, i32, i32, i32, i32 } %d
}
; M=16 N=16 K=16, A and B s8 (6), C and D s32 (11), B column-major,
; saturating.
; CHECK: @wmma.op = private constant { i16, i16, i16, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8 } { i16 16, i16 16, i16 16, i8 6, i8 6, i8 11, i8 11, i8 0, i8 1, i8 1, i8 0, i8 0, i8 0 }
; The second product's descriptor (below): f16 A and B (1), C f16, D f32
; (4), A column-major. Then the f64 products' (two_products): the second
; has the first one's A (the same register, B in another layout), which the
; lanes publish once: its A is in the area one before its own (the last
; two fields, AreaOfA and AreaOfB).
; CHECK: @wmma.op.1 = {{.*}} { i16 16, i16 16, i16 16, i8 1, i8 1, i8 1, i8 4, i8 1, i8 0, i8 0, i8 0, i8 0, i8 0 }
; CHECK: @wmma.op.2 = {{.*}} { i16 8, i16 8, i16 4, i8 5, i8 5, i8 5, i8 5, i8 0, i8 0, i8 0, i8 0, i8 0, i8 0 }
; CHECK: @wmma.op.3 = {{.*}} { i16 8, i16 8, i16 4, i8 5, i8 5, i8 5, i8 5, i8 0, i8 1, i8 0, i8 0, i8 1, i8 0 }
; mma_sync_b1's: b1 (10) operands, s32 (11) C and D, B column-major, AND (2).
; CHECK: @[[B1OP:wmma.op.[0-9]+]] = {{.*}} { i16 16, i16 8, i16 128, i8 10, i8 10, i8 11, i8 11, i8 0, i8 1, i8 0, i8 2, i8 0, i8 0 }
; CHECK-LABEL: define { i32, i32, i32, i32, i32, i32, i32, i32 } @mma_s8(
; The lane and warp of the linear thread index; the warp's first area.
; CHECK: %[[LANE:.*]] = and i32 %[[LINEAR:.*]], 31
; CHECK: %[[LANE64:.*]] = zext i32 %[[LANE]] to i64
; CHECK: %[[WARP:.*]] = lshr i32 %[[LINEAR]], 5
; CHECK: %[[AREAS:.*]] = call ptr @__tx_warp_matrix_areas()
; s8 A and B widen to s32 (8 x 4 bytes at lane * 32; B at 2048), C (s32)
; goes as it is to 4096 + lane * 32. The lane's elements are put together
; in registers (each i32 register holds four s8), not through memory.
; CHECK-NOT: alloca
; CHECK: %[[A0:.*]] = bitcast i32 %a0 to <4 x i8>
; CHECK: %[[A1:.*]] = bitcast i32 %a1 to <4 x i8>
; CHECK: %[[A:.*]] = shufflevector <4 x i8> %[[A0]], <4 x i8> %[[A1]], <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7>
; CHECK: sext <8 x i8> %[[A]] to <8 x i32>
; CHECK: mul i64 %[[LANE64]], 32
; CHECK: store <8 x i32> %{{.*}}, ptr %{{.*}}, align 4
; CHECK: add i64 2048,
; CHECK: add i64 4096,
; CHECK: call void @llvm.nvvm.bar.warp.sync(i32 -1)
; CHECK: %[[FIRST:.*]] = icmp eq i64 %{{.*}}, 0
; CHECK: br i1 %[[FIRST]]
; CHECK: call void @__tx_warp_mma(ptr %{{.*}}, ptr @wmma.op)
; CHECK: call void @llvm.nvvm.bar.warp.sync(i32 -1)
; CHECK: add i64 6144,
; CHECK: load <8 x i32>, ptr %{{.*}}, align 4
; CHECK: load { i32, i32, i32, i32, i32, i32, i32, i32 }, ptr
; CHECK-NOT: llvm.nvvm.wmma

define { float, float } @mma_f16_dup(<2 x half> %a0, <2 x half> %a1, <2 x half> %a2, <2 x half> %a3, <2 x half> %a4, <2 x half> %a5, <2 x half> %a6, <2 x half> %a7, <2 x half> %b0, <2 x half> %b1, <2 x half> %b2, <2 x half> %b3, <2 x half> %b4, <2 x half> %b5, <2 x half> %b6, <2 x half> %b7, <2 x half> %c0, <2 x half> %c1, <2 x half> %c2, <2 x half> %c3) {
  %d = call { float, float, float, float, float, float, float, float } @llvm.nvvm.wmma.m16n16k16.mma.col.row.f32.f16(<2 x half> %a0, <2 x half> %a1, <2 x half> %a2, <2 x half> %a3, <2 x half> %a4, <2 x half> %a5, <2 x half> %a6, <2 x half> %a7, <2 x half> %b0, <2 x half> %b1, <2 x half> %b2, <2 x half> %b3, <2 x half> %b4, <2 x half> %b5, <2 x half> %b6, <2 x half> %b7, <2 x half> %c0, <2 x half> %c1, <2 x half> %c2, <2 x half> %c3)
  %x = extractvalue { float, float, float, float, float, float, float, float } %d, 0
  %y = extractvalue { float, float, float, float, float, float, float, float } %d, 7
  %r0 = insertvalue { float, float } undef, float %x, 0
  %r = insertvalue { float, float } %r0, float %y, 1
  ret { float, float } %r
}
; f16 A and B: eight registers each, of which the lane's eight halves are
; the first four; they, and C (f16), widen to f32.
; CHECK-LABEL: define { float, float } @mma_f16_dup(
; CHECK-COUNT-3: fpext <8 x half> %{{.*}} to <8 x float>
; CHECK: call void @__tx_warp_mma(

declare { i32, i32, i32, i32, i32, i32, i32, i32 } @llvm.nvvm.wmma.m16n16k16.mma.row.col.s8.satfinite(i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32)
declare { float, float, float, float, float, float, float, float } @llvm.nvvm.wmma.m16n16k16.mma.col.row.f32.f16(<2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>, <2 x half>)

; Independent products in a row share one exchange: both publish, one pair
; of __syncwarp, lane 0 computes both (areas 0 and 1 of the warp), the
; extractvalue between them moves below the results.
define float @two_products(double %a, double %b, double %c0, double %c1) {
  %d = call { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.row.f64(double %a, double %b, double %c0, double %c1)
  %x = extractvalue { double, double } %d, 0
  %e = call { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.col.f64(double %a, double %b, double %c1, double %c0)
  %y = extractvalue { double, double } %e, 1
  %s = fadd double %x, %y
  %r = fptrunc double %s to float
  ret float %r
}
; CHECK-LABEL: define float @two_products(
; CHECK-COUNT-5: store <{{[12]}} x double>
; CHECK-NOT: store
; CHECK: call void @llvm.nvvm.bar.warp.sync(i32 -1)
; CHECK-NOT: call void @llvm.nvvm.bar.warp.sync
; CHECK: call void @__tx_warp_mma(ptr %{{.*}}, ptr @wmma.op.2)
; CHECK: %[[SECOND:.*]] = mul i64 %{{.*}}, 8192
; CHECK: call void @__tx_warp_mma(ptr %{{.*}}, ptr @wmma.op.3)
; CHECK: call void @llvm.nvvm.bar.warp.sync(i32 -1)
; CHECK-NOT: call void @llvm.nvvm.bar.warp.sync
; CHECK: %x = extractvalue
; CHECK: %y = extractvalue
; CHECK: ret float

; A product using another's result waits for it: two exchanges.
define double @dependent(double %a, double %b, double %c0, double %c1) {
  %d = call { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.row.f64(double %a, double %b, double %c0, double %c1)
  %x = extractvalue { double, double } %d, 0
  %e = call { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.row.f64(double %x, double %b, double %c1, double %c0)
  %y = extractvalue { double, double } %e, 1
  ret double %y
}
; CHECK-LABEL: define double @dependent(
; CHECK-COUNT-4: call void @llvm.nvvm.bar.warp.sync(i32 -1)

declare { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.row.f64(double, double, double, double)
declare { double, double } @llvm.nvvm.wmma.m8n8k4.mma.row.col.f64(double, double, double, double)

; Inline PTX's mma.sync (from TranslateInlinePTX): the PTX ISA's layout,
; element by element. f64 m8n8k4: A's element is row G = lane / 4, column
; T = lane % 4 (T * 1 element per register + 0) of the 8x4 tile; B's row T,
; column G.
define { i64, i64 } @mma_sync_f64(i64 %a, i64 %b, i64 %c0, i64 %c1) {
  %d = call { i64, i64 } @__tx.mma.m8n8k4.f64.f64.f64.f64(i64 %a, i64 %b, i64 %c0, i64 %c1)
  ret { i64, i64 } %d
}
; CHECK-LABEL: define { i64, i64 } @mma_sync_f64(
; CHECK: %[[G:.*]] = lshr i64 %[[LANE:.*]], 2
; CHECK: %[[T:.*]] = and i64 %[[LANE]], 3
; CHECK: %[[TE:.*]] = mul i64 %[[T]], 1
; CHECK: %[[COL:.*]] = add i64 %[[TE]], 0
; CHECK: %[[ROW:.*]] = mul i64 %[[G]], 4
; CHECK: add i64 %[[ROW]], %[[COL]]
; CHECK: store double %{{.*}}, ptr %{{.*}}, align 8
; CHECK: %[[BROW:.*]] = mul i64 %{{.*}}, 8
; CHECK: call void @__tx_warp_mma(
; CHECK: load double, ptr %{{.*}}, align 8
; CHECK: insertvalue { i64, i64 }
; CHECK-NOT: __tx.mma

declare { i64, i64 } @__tx.mma.m8n8k4.f64.f64.f64.f64(i64, i64, i64, i64)

; Single bits (and 4-bit integers) go as the lane's registers are: m16n8k128
; b1 A register r is 32 bits of row G + 8 r, from column 32 T, one i32 store
; at bit (row * 128 + column) / 8; B's register is 32 bits of column G (B is
; column-major for them), at byte (G * 128 + 32 T) / 8. Its descriptor is
; checked above.
define { i32, i32, i32, i32 } @mma_sync_b1(i32 %a0, i32 %a1, i32 %b0, i32 %c0, i32 %c1, i32 %c2, i32 %c3) {
  %d = call { i32, i32, i32, i32 } @__tx.mma.m16n8k128.s32.b1.b1.s32.and(i32 %a0, i32 %a1, i32 %b0, i32 %c0, i32 %c1, i32 %c2, i32 %c3)
  ret { i32, i32, i32, i32 } %d
}
; CHECK-LABEL: define { i32, i32, i32, i32 } @mma_sync_b1(
; CHECK: %[[ROW0:.*]] = mul i64 %{{.*}}, 128
; CHECK: %[[BIT0:.*]] = add i64 %[[ROW0]], %{{.*}}
; CHECK: %[[BITS0:.*]] = mul i64 %[[BIT0]], 1
; CHECK: %[[BYTE0:.*]] = udiv i64 %[[BITS0]], 8
; CHECK: %[[AT0:.*]] = getelementptr i8, ptr %{{.*}}, i64 %[[BYTE0]]
; CHECK: store i32 %a0, ptr %[[AT0]], align 4
; CHECK: store i32 %a1, ptr
; CHECK: store i32 %b0, ptr
; CHECK: call void @__tx_warp_mma(ptr %{{.*}}, ptr @[[B1OP]])
; CHECK-NOT: __tx.mma

declare { i32, i32, i32, i32 } @__tx.mma.m16n8k128.s32.b1.b1.s32.and(i32, i32, i32, i32, i32, i32, i32)
