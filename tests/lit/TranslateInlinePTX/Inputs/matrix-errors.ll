define void @volta(i32 %a, float %c) {
  call void asm sideeffect "mma.sync.aligned.m8n8k4.row.col.f32.f16.f16.f32 {$1,$1,$1,$1,$1,$1,$1,$1}, {$0,$0}, {$0,$0}, {$1,$1,$1,$1,$1,$1,$1,$1};", "r,f"(i32 %a, float %c)
  ret void
}
define void @no_popc(i32 %a) {
  call void asm sideeffect "mma.sync.aligned.m16n8k128.row.col.s32.b1.b1.s32.xor {$0,$0,$0,$0}, {$0,$0}, {$0}, {$0,$0,$0,$0};", "r"(i32 %a)
  ret void
}
define void @bitop_on_bytes(i32 %a) {
  call void asm sideeffect "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32.xor.popc {$0,$0,$0,$0}, {$0,$0,$0,$0}, {$0,$0}, {$0,$0,$0,$0};", "r"(i32 %a)
  ret void
}
define void @stmatrix_b8(i32 %addr, i32 %r) {
  call void asm sideeffect "stmatrix.sync.aligned.m16n8.x1.trans.shared.b8 [$0], {$1};", "r,r"(i32 %addr, i32 %r)
  ret void
}
define void @too_few(i32 %a) {
  call void asm sideeffect "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {$0,$0,$0,$0}, {$0,$0}, {$0,$0}, {$0,$0,$0,$0};", "r"(i32 %a)
  ret void
}
