; Integer instructions follow the PTX ISA: carries chain through add.cc /
; addc, .wide and .hi products widen, shifts clamp, bfe sign-fills. After
; SROA and InstCombine the translations are plain arithmetic.
; RUN: %tx-opt -passes=tx-translate-inline-ptx,sroa,instcombine -S %s | %FileCheck %s

; A 64-bit add from two 32-bit halves: the carry of the low add feeds the
; high one.
define { i32, i32 } @add64(i32 %alo, i32 %ahi, i32 %blo, i32 %bhi) {
  %r = call { i32, i32 } asm "add.cc.u32 $0, $2, $4; addc.u32 $1, $3, $5;", "=r,=r,r,r,r,r"(i32 %alo, i32 %ahi, i32 %blo, i32 %bhi)
  ret { i32, i32 } %r
}
; CHECK-LABEL: define { i32, i32 } @add64(
; CHECK: %[[LO:[a-z.0-9]+]] = add i32 %alo, %blo
; CHECK: %[[CARRY:[a-z.0-9]+]] = icmp ult i32 %[[LO]], %alo
; CHECK: %[[HI:[0-9]+]] = add i32 %ahi, %bhi
; CHECK: %[[CIN:[0-9]+]] = zext i1 %[[CARRY]] to i32
; CHECK: add i32 %[[HI]], %[[CIN]]

define i64 @mul_wide(i32 %a, i32 %b) {
  %r = call i64 asm "mul.wide.s32 $0, $1, $2;", "=l,r,r"(i32 %a, i32 %b)
  ret i64 %r
}
; CHECK-LABEL: define i64 @mul_wide(
; CHECK: sext i32 %a to i64
; CHECK: sext i32 %b to i64
; CHECK: mul nsw i64

define i32 @mul_hi(i32 %a, i32 %b) {
  %r = call i32 asm "mul.hi.u32 $0, $1, $2;", "=r,r,r"(i32 %a, i32 %b)
  ret i32 %r
}
; CHECK-LABEL: define i32 @mul_hi(
; CHECK: mul nuw i64
; CHECK: lshr i64 %{{[0-9]+}}, 32

; A shift by the width or more gives 0, not poison.
define i32 @shl(i32 %a, i32 %n) {
  %r = call i32 asm "shl.b32 $0, $1, $2;", "=r,r,r"(i32 %a, i32 %n)
  ret i32 %r
}
; CHECK-LABEL: define i32 @shl(
; CHECK: icmp ugt i32 %n, 31
; CHECK: select i1

; With constant operands the bit-field instructions fold to constants:
; bfe.s32 of 0x0000f000 at 12, length 4 is the sign-extended 0xf (-1);
; bfi puts 0xab into 0x12345678 at bit 8 (0x1234ab78); prmt's selector
; 0x3210 is the identity, 0x0123 reverses the bytes.
define i32 @bfe() {
  %r = call i32 asm "bfe.s32 $0, $1, 12, 4;", "=r,r"(i32 61440)
  ret i32 %r
}
; CHECK-LABEL: define i32 @bfe(
; CHECK: ret i32 -1

define i32 @bfi() {
  %r = call i32 asm "bfi.b32 $0, $1, $2, 8, 8;", "=r,r,r"(i32 171, i32 305419896)
  ret i32 %r
}
; CHECK-LABEL: define i32 @bfi(
; CHECK: ret i32 305441656

; bmsk: bits [a, a + b) (1, 2 -> 0x6, PTX's own example); a field past
; bit 31 runs to the top (28, 8 -> 0xf0000000), and so does one 32 bits or
; wider under .clamp (8, 40 -> 0xffffff00); .clamp gives nothing from bit
; 32 on, .wrap takes a and b modulo 32 (40, 4 -> bits 8..11), and a width
; of 0 (or 32, wrapped) is no mask.
define [6 x i32] @bmsk() {
  %a = call i32 asm "bmsk.wrap.b32 $0, 1, 2;", "=r"()
  %b = call i32 asm "bmsk.wrap.b32 $0, 28, 8;", "=r"()
  %c = call i32 asm "bmsk.clamp.b32 $0, 8, 40;", "=r"()
  %d = call i32 asm "bmsk.clamp.b32 $0, 40, 4;", "=r"()
  %e = call i32 asm "bmsk.wrap.b32 $0, 40, 4;", "=r"()
  %f = call i32 asm "bmsk.wrap.b32 $0, 5, 32;", "=r"()
  %r0 = insertvalue [6 x i32] poison, i32 %a, 0
  %r1 = insertvalue [6 x i32] %r0, i32 %b, 1
  %r2 = insertvalue [6 x i32] %r1, i32 %c, 2
  %r3 = insertvalue [6 x i32] %r2, i32 %d, 3
  %r4 = insertvalue [6 x i32] %r3, i32 %e, 4
  %r5 = insertvalue [6 x i32] %r4, i32 %f, 5
  ret [6 x i32] %r5
}
; CHECK-LABEL: define [6 x i32] @bmsk(
; CHECK: ret [6 x i32] [i32 6, i32 -268435456, i32 -256, i32 0, i32 3840, i32 0]

define i32 @prmt_reverse() {
  %r = call i32 asm "prmt.b32 $0, $1, 0, 0x0123;", "=r,r"(i32 305419896)
  ret i32 %r
}
; CHECK-LABEL: define i32 @prmt_reverse(
; CHECK: ret i32 2018915346

; lop3's table is its own result on the inputs 0xf0, 0xcc, 0xaa (the PTX
; ISA's definition): 0x96 is a ^ b ^ c, 0xe8 the majority.
define i32 @lop3() {
  %x = call i32 asm "lop3.b32 $0, $1, $2, $3, 0x96;", "=r,r,r,r"(i32 240, i32 204, i32 170)
  %m = call i32 asm "lop3.b32 $0, $1, $2, $3, 0xe8;", "=r,r,r,r"(i32 240, i32 204, i32 170)
  %r = shl i32 %x, 8
  %s = or i32 %r, %m
  ret i32 %s
}
; CHECK-LABEL: define i32 @lop3(
; CHECK: ret i32 38632

define i32 @bfind() {
  %r = call i32 asm "bfind.u32 $0, $1;", "=r,r"(i32 4096)
  ret i32 %r
}
; CHECK-LABEL: define i32 @bfind(
; CHECK: ret i32 12

; dp4a: 1*5 + 2*6 + 3*7 + 4*8 + 100 = 170.
define i32 @dp4a() {
  %r = call i32 asm "dp4a.u32.u32 $0, $1, $2, $3;", "=r,r,r,r"(i32 67305985, i32 134678021, i32 100)
  ret i32 %r
}
; CHECK-LABEL: define i32 @dp4a(
; CHECK: ret i32 170

; cvt.pack (int4 and int8 packing): a and b clamp to the narrow type, b
; goes into the lowest bits, a above it, then c's low bits.
define i32 @pack_s4(i32 %a, i32 %b, i32 %c) {
  %r = call i32 asm "cvt.pack.sat.s4.s32.b32 $0, $1, $2, $3;", "=r,r,r,r"(i32 %a, i32 %b, i32 %c)
  ret i32 %r
}
; CHECK-LABEL: define i32 @pack_s4(
; CHECK-DAG: %[[BLO:[0-9]+]] = call i32 @llvm.smax.i32(i32 %b, i32 -8)
; CHECK-DAG: %[[BHI:[0-9]+]] = call i32 @llvm.smin.i32(i32 %[[BLO]], i32 7)
; CHECK-DAG: %[[BF:[0-9]+]] = and i32 %[[BHI]], 15
; CHECK-DAG: %[[ALO:[0-9]+]] = call i32 @llvm.smax.i32(i32 %a, i32 -8)
; CHECK-DAG: %[[AHI:[0-9]+]] = call i32 @llvm.smin.i32(i32 %[[ALO]], i32 7)
; CHECK-DAG: %[[AF:[0-9]+]] = shl {{.*}}i32 %[[AHI]], 4
; CHECK-DAG: %[[CF:[0-9]+]] = shl i32 %c, 8
; CHECK: ret i32

define i32 @pack_u16(i32 %a, i32 %b) {
  %r = call i32 asm "cvt.pack.sat.u16.s32 $0, $1, $2;", "=r,r,r"(i32 %a, i32 %b)
  ret i32 %r
}
; CHECK-LABEL: define i32 @pack_u16(
; CHECK-DAG: call i32 @llvm.smax.i32(i32 %b, i32 0)
; CHECK-DAG: call i32 @llvm.smin.i32(i32 %{{[0-9]+}}, i32 65535)
; CHECK-DAG: call i32 @llvm.smax.i32(i32 %a, i32 0)
; CHECK-DAG: shl {{.*}}i32 %{{[0-9]+}}, 16
; CHECK: ret i32
