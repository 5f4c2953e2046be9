define void @s4(i32 %a, i32 %b, i32 %c) {
  call void asm sideeffect "mma.sync.aligned.m16n8k64.row.col.s32.s4.s4.s32 {$0,$1,$2,$3}, {$0,$1,$2,$0}, {$1,$2}, {$0,$1,$2,$0};", "r,r,r"(i32 %a, i32 %b, i32 %c)
  ret void
}
define void @too_few(i32 %a) {
  call void asm sideeffect "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {$0,$0,$0,$0}, {$0,$0}, {$0,$0}, {$0,$0,$0,$0};", "r"(i32 %a)
  ret void
}
