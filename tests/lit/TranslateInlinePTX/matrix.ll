; Tensor-core instructions: mma.sync becomes a call of __tx.mma.<form> with
; the raw registers (LowerWarpMatrix lowers it); ldmatrix fetches the row
; addresses other lanes name with two 32-bit shuffles each and loads the
; lane's own 32 bits (two halves with .trans). Other forms are errors.
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

; ERR: error: inline PTX instruction 'mma.sync.aligned.m16n8k64.row.col.s32.s4.s4.s32' is not supported on the CPU backend (in device function 's4')
; ERR: error: 'mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32' needs 4 registers in operand 2 (in device function 'too_few')
