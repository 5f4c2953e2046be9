; The PTX path writes PTX ISA 7.8 unless a module's inline PTX needs a later
; version: mma.sync with fp8 operands needs 8.4.
; RUN: %tx-opt -ptx-pipeline -mcpu=sm_90 %s -o - | %FileCheck %s --check-prefix=FP8
; RUN: %tx-opt -ptx-pipeline -mcpu=sm_90 %S/Inputs/base.ll -o - | %FileCheck %s --check-prefix=BASE
; FP8: .version 8.4
; FP8: mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e5m2.f32
; BASE: .version 7.8

target triple = "nvptx64-nvidia-cuda"

define void @fp8(ptr %d, i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1) {
  %r = call { float, float, float, float } asm sideeffect "mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e5m2.f32 {$0,$1,$2,$3}, {$4,$5,$6,$7}, {$8,$9}, {$0,$1,$2,$3};", "=f,=f,=f,=f,r,r,r,r,r,r"(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %b0, i32 %b1)
  %x = extractvalue { float, float, float, float } %r, 0
  store float %x, ptr %d
  ret void
}
