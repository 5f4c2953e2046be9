; Tensor-core instructions: mma.sync becomes a call of __tx.mma.<form> with
; the raw registers (LowerWarpMatrix lowers it); ldmatrix fetches the row
; addresses other lanes name with two 32-bit shuffles each and loads the
; lane's own 32 bits (two halves with .trans), stmatrix stores them there;
; movmatrix is two shuffles. Other forms are errors.
; RUN: %tx-opt -passes=tx-translate-inline-ptx -S %s | %FileCheck %s
; RUN: %not %tx-opt -passes=tx-translate-inline-ptx -S %S/Inputs/matrix-errors.ll 2>&1 | %FileCheck %s --check-prefix=ERR

define { float, float, float, float } @mma(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, float %c0, float %c1, float %c2, float %c3) {
  %r = call { float, float, float, float } asm sideeffect "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {$0,$1,$2,$3}, {$4,$5,$6,$7}, {$8,$9}, {$10,$11,$12,$13};", "=f,=f,=f,=f,r,r,r,r,r,r,f,f,f,f"(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, float %c0, float %c1, float %c2, float %c3)
  ret { float, float, float, float } %r
}
; CHECK-LABEL: define { float, float, float, float } @mma(
; CHECK: %[[C0:.*]] = bitcast float %c0 to i32
; CHECK: %[[D:.*]] = call { i32, i32, i32, i32 } @__tx.mma.m16n8k16.f32.f16.f16.f32(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, i32 %[[C0]],
; CHECK: extractvalue { i32, i32, i32, i32 } %[[D]], 0

define { i32, i32, i32, i32 } @mma_s8(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3) {
  %r = call { i32, i32, i32, i32 } asm sideeffect "mma.sync.aligned.m16n8k32.row.col.satfinite.s32.s8.s8.s32 {$0,$1,$2,$3}, {$4,$5,$6,$7}, {$8,$9}, {$10,$11,$12,$13};", "=r,=r,=r,=r,r,r,r,r,r,r,r,r,r,r"(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3)
  ret { i32, i32, i32, i32 } %r
}
; CHECK-LABEL: define { i32, i32, i32, i32 } @mma_s8(
; CHECK: call { i32, i32, i32, i32 } @__tx.mma.m16n8k32.s32.s8.s8.s32.satfinite(

define { i32, i32 } @ldmatrix_x2_trans(i32 %addr) {
  %r = call { i32, i32 } asm sideeffect "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {$0,$1}, [$2];", "=r,=r,r"(i32 %addr)
  ret { i32, i32 } %r
}
; Two matrices, two rows each for .trans: four pairs of shuffles, 16-bit
; loads at the lane's column (lane / 4).
; CHECK-LABEL: define { i32, i32 } @ldmatrix_x2_trans(
; CHECK-COUNT-8: call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1,
; CHECK: load i16
; CHECK: shl i32 %{{.*}}, 16

define i32 @ldmatrix_x1(i64 %addr) {
  %r = call i32 asm sideeffect "ldmatrix.sync.aligned.m8n8.x1.b16 {$0}, [$1];", "=r,l"(i64 %addr)
  ret i32 %r
}
; CHECK-LABEL: define i32 @ldmatrix_x1(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1,
; CHECK: load i32, ptr %{{.*}}, align 4

define { i32, i32, i32, i32 } @mma_s4_k64(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3) {
  %r = call { i32, i32, i32, i32 } asm sideeffect "mma.sync.aligned.m16n8k64.row.col.s32.s4.u4.s32 {$0,$1,$2,$3}, {$4,$5,$6,$7}, {$8,$9}, {$10,$11,$12,$13};", "=r,=r,=r,=r,r,r,r,r,r,r,r,r,r,r"(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1, i32 %c0, i32 %c1, i32 %c2, i32 %c3)
  ret { i32, i32, i32, i32 } %r
}
; CHECK-LABEL: define { i32, i32, i32, i32 } @mma_s4_k64(
; CHECK: call { i32, i32, i32, i32 } @__tx.mma.m16n8k64.s32.s4.u4.s32(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1,

define { i32, i32 } @mma_b1(i32 %a, i32 %b, i32 %c0, i32 %c1) {
  %r = call { i32, i32 } asm sideeffect "mma.sync.aligned.m8n8k128.row.col.s32.b1.b1.s32.xor.popc {$0,$1}, {$2}, {$3}, {$4,$5};", "=r,=r,r,r,r,r"(i32 %a, i32 %b, i32 %c0, i32 %c1)
  ret { i32, i32 } %r
}
; CHECK-LABEL: define { i32, i32 } @mma_b1(
; CHECK: call { i32, i32 } @__tx.mma.m8n8k128.s32.b1.b1.s32.xor(i32 %a, i32 %b, i32 %c0, i32 %c1)

define void @stmatrix_x2_trans(i32 %addr, i32 %r0, i32 %r1) {
  call void asm sideeffect "stmatrix.sync.aligned.m8n8.x2.trans.shared::cta.b16 [$0], {$1,$2};", "r,r,r,~{memory}"(i32 %addr, i32 %r0, i32 %r1)
  ret void
}
; Each register's halves go to rows 2 (lane % 4) and 2 (lane % 4) + 1 of
; its matrix, at column lane / 4.
; CHECK-LABEL: define void @stmatrix_x2_trans(
; CHECK: %[[LO:.*]] = trunc i32 %r0 to i16
; CHECK: store i16 %[[LO]], ptr %{{.*}}, align 2
; CHECK: %[[HI:.*]] = lshr i32 %r0, 16
; CHECK: trunc i32 %[[HI]] to i16
; CHECK: store i16
; CHECK: trunc i32 %r1 to i16
; CHECK-NOT: load

define void @stmatrix_x1(i64 %addr, i32 %r0) {
  call void asm sideeffect "stmatrix.sync.aligned.m8n8.x1.b16 [$0], {$1};", "l,r,~{memory}"(i64 %addr, i32 %r0)
  ret void
}
; CHECK-LABEL: define void @stmatrix_x1(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1,
; CHECK: store i32 %r0, ptr %{{.*}}, align 4

define i32 @movmatrix(i32 %a) {
  %r = call i32 asm sideeffect "movmatrix.sync.aligned.m8n8.trans.b16 $0, $1;", "=r,r"(i32 %a)
  ret i32 %r
}
; Halves h of the result come from lane 4 (2 (lane % 4) + h) + lane / 8,
; its half (lane / 4) % 2.
; CHECK-LABEL: define i32 @movmatrix(
; CHECK-COUNT-2: call i32 @llvm.nvvm.shfl.sync.idx.i32(i32 -1, i32 %a,
; CHECK-NOT: call i32 @llvm.nvvm.shfl
; CHECK: ret i32

; ERR: error: inline PTX instruction 'mma.sync.aligned.m8n8k4.row.col.f32.f16.f16.f32' is not supported on the CPU backend (in device function 'volta')
; ERR: error: inline PTX instruction 'mma.sync.aligned.m16n8k128.row.col.s32.b1.b1.s32.xor' is not supported on the CPU backend (in device function 'no_popc')
; ERR: error: inline PTX instruction 'mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32.xor.popc' is not supported on the CPU backend (in device function 'bitop_on_bytes')
; ERR: error: inline PTX instruction 'stmatrix.sync.aligned.m16n8.x1.trans.shared.b8' is not supported on the CPU backend (in device function 'stmatrix_b8')
; ERR: error: 'mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32' needs 4 registers in operand 2 (in device function 'too_few')
