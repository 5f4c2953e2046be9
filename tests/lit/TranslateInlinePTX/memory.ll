; Loads and stores keep their memory orders (cache hints mean nothing on a
; CPU); atomics default to relaxed; .shared addresses are offsets from the
; block's shared memory; cp.async copies at once.
; RUN: %tx-opt -passes=tx-translate-inline-ptx -S %s | %FileCheck %s

define { i64, i64 } @load_nc_v2(ptr %p) {
  %r = call { i64, i64 } asm sideeffect "ld.global.nc.v2.u64 {$0, $1}, [$2];", "=l,=l,l"(ptr %p)
  ret { i64, i64 } %r
}
; CHECK-LABEL: define { i64, i64 } @load_nc_v2(
; CHECK: load <2 x i64>, ptr %{{[0-9]+}}, align 16
; CHECK: extractelement <2 x i64> %{{[0-9]+}}, i64 1

; A strong vector access (CUB's look-back descriptor, a status and a
; value) is one access, so a reader sees both halves of one store: of 64
; bits one atomic access, wider ones through the runtime.
define { i32, i32 } @relaxed_v2(ptr %p, i32 %a, i32 %b) {
  call void asm sideeffect "st.relaxed.gpu.v2.u32 [$0], {$1, $2};", "l,r,r,~{memory}"(ptr %p, i32 %a, i32 %b)
  %r = call { i32, i32 } asm sideeffect "ld.relaxed.gpu.v2.u32 {$0, $1}, [$2];", "=r,=r,l,~{memory}"(ptr %p)
  ret { i32, i32 } %r
}
; CHECK-LABEL: define { i32, i32 } @relaxed_v2(
; CHECK: %[[PAIR:[0-9]+]] = bitcast <2 x i32> %{{[0-9]+}} to i64
; CHECK-NEXT: store atomic i64 %[[PAIR]], ptr %{{[0-9]+}} monotonic, align 8
; CHECK: %[[LOADED:[0-9]+]] = load atomic i64, ptr %{{[0-9]+}} monotonic, align 8
; CHECK-NEXT: bitcast i64 %[[LOADED]] to <2 x i32>

define { i64, i64 } @acquire_v2_u64(ptr %p) {
  %r = call { i64, i64 } asm sideeffect "ld.acquire.gpu.v2.u64 {$0, $1}, [$2];", "=l,=l,l,~{memory}"(ptr %p)
  ret { i64, i64 } %r
}
; CHECK-LABEL: define { i64, i64 } @acquire_v2_u64(
; CHECK: %strong.access = alloca <2 x i64>
; CHECK: call void @__tx_strong_load(ptr %{{[0-9]+}}, ptr %strong.access, i32 16)
; CHECK: load <2 x i64>, ptr %strong.access

; .cg/.cv/.volatile on global memory is how blocks talk (CUB's look-back
; writes a tile's status and 8-byte value with st.cg.v2.u64): relaxed, so
; a 16-byte descriptor is read whole and a spin loop's load stays in the
; loop. On shared memory (one worker runs the block) they stay weak.
define { i64, i64 } @cache_global_v2_u64(ptr %p, i64 %a, i64 %b) {
  call void asm sideeffect "st.global.cg.v2.u64 [$0], {$1, $2};", "l,l,l,~{memory}"(ptr %p, i64 %a, i64 %b)
  %r = call { i64, i64 } asm sideeffect "ld.global.cg.v2.u64 {$0, $1}, [$2];", "=l,=l,l,~{memory}"(ptr %p)
  ret { i64, i64 } %r
}
; CHECK-LABEL: define { i64, i64 } @cache_global_v2_u64(
; CHECK: call void @__tx_strong_store(ptr %{{[0-9]+}}, ptr %strong.access{{[0-9]*}}, i32 16)
; CHECK: call void @__tx_strong_load(ptr %{{[0-9]+}}, ptr %strong.access{{[0-9]*}}, i32 16)

define i32 @coherent_scalars(ptr %p, i32 %v) {
  call void asm sideeffect "st.cv.u32 [$0], $1;", "l,r,~{memory}"(ptr %p, i32 %v)
  %a = call i32 asm sideeffect "ld.volatile.u32 $0, [$1];", "=r,l,~{memory}"(ptr %p)
  %b = call { i32, i32 } asm sideeffect "ld.global.cg.v2.u32 {$0, $1}, [$2];", "=r,=r,l,~{memory}"(ptr %p)
  %c = call i32 asm sideeffect "ld.volatile.shared.u32 $0, [$1];", "=r,r,~{memory}"(i32 16)
  %d = call i32 asm sideeffect "ld.global.cs.u32 $0, [$1];", "=r,l,~{memory}"(ptr %p)
  %s = add i32 %a, %c
  %t = add i32 %s, %d
  ret i32 %t
}
; CHECK-LABEL: define i32 @coherent_scalars(
; CHECK: store atomic i32 %v, ptr %{{[0-9]+}} monotonic, align 4
; CHECK: load atomic volatile i32, ptr %{{[0-9]+}} monotonic, align 4
; CHECK: load atomic i64, ptr %{{[0-9]+}} monotonic, align 8
; CHECK: load volatile i32, ptr
; CHECK: load i32, ptr %{{[0-9]+}}, align 4

define void @store_release(ptr %p, i32 %v) {
  call void asm sideeffect "st.release.gpu.global.b32 [$0+8], $1;", "l,r,~{memory}"(ptr %p, i32 %v)
  call void asm sideeffect "st.volatile.global.u32 [$0], $1;", "l,r,~{memory}"(ptr %p, i32 %v)
  ret void
}
; CHECK-LABEL: define void @store_release(
; CHECK: getelementptr i8, ptr %{{[0-9]+}}, i64 8
; CHECK: store atomic i32 %v, ptr %{{[0-9]+}} release, align 4
; CHECK: store atomic volatile i32 %v, ptr %{{[0-9]+}} monotonic, align 4

; A guarded store touches memory: it stays behind a branch on its guard.
define void @guarded_store(ptr %p, i32 %v, i32 %n) {
  call void asm sideeffect "{ .reg .pred q; setp.lt.s32 q, $2, 8; @q st.global.u32 [$0], $1; }", "l,r,r,~{memory}"(ptr %p, i32 %v, i32 %n)
  ret void
}
; CHECK-LABEL: define void @guarded_store(
; CHECK: icmp slt i32 %n, 8
; CHECK: br i1 %{{[0-9]+}}, label %ptx.guarded, label %ptx.join
; CHECK: ptx.guarded:
; CHECK: store i32 %v, ptr
; CHECK-NEXT: br label %ptx.join

define i32 @atomics(ptr %p, i32 %v) {
  %a = call i32 asm sideeffect "atom.add.acquire.gpu.u32 $0, [$1], $2;", "=r,l,r,~{memory}"(ptr %p, i32 %v)
  %c = call i32 asm sideeffect "atom.global.cas.b32 $0, [$1], $2, $3;", "=r,l,r,r,~{memory}"(ptr %p, i32 %a, i32 %v)
  %i = call i32 asm sideeffect "atom.inc.u32 $0, [$1], 15;", "=r,l,~{memory}"(ptr %p)
  call void asm sideeffect "red.relaxed.sys.global.max.s32 [$0], $1;", "l,r,~{memory}"(ptr %p, i32 %v)
  %s = add i32 %c, %i
  ret i32 %s
}
; CHECK-LABEL: define i32 @atomics(
; CHECK: atomicrmw add ptr %{{[0-9]+}}, i32 %v acquire
; CHECK: cmpxchg ptr %{{[0-9]+}}, i32 %{{[0-9]+}}, i32 %v monotonic monotonic
; CHECK: atomicrmw uinc_wrap ptr %{{[0-9]+}}, i32 15 monotonic
; CHECK: atomicrmw max ptr %{{[0-9]+}}, i32 %v monotonic

define i32 @shared_window(i32 %offset) {
  %r = call i32 asm sideeffect "ld.shared.u32 $0, [$1+4];", "=r,r"(i32 %offset)
  ret i32 %r
}
; CHECK-LABEL: define i32 @shared_window(
; CHECK-DAG: %[[WIDE:[0-9]+]] = zext i32 %offset to i64
; CHECK-DAG: %[[BASE:[0-9]+]] = call ptr @__tx_shared_base()
; CHECK: %[[AT:[0-9]+]] = getelementptr i8, ptr %[[BASE]], i64 %[[WIDE]]
; CHECK: getelementptr i8, ptr %[[AT]], i64 4

define void @cp_async(i32 %dst, ptr %src, i32 %n) {
  call void asm sideeffect "cp.async.ca.shared.global [$0], [$1], 16, $2;", "r,l,r,~{memory}"(i32 %dst, ptr %src, i32 %n)
  call void asm sideeffect "cp.async.commit_group;", "~{memory}"()
  call void asm sideeffect "cp.async.wait_group 0;", "~{memory}"()
  call void asm sideeffect "fence.acq_rel.gpu;", "~{memory}"()
  ret void
}
; CHECK-LABEL: define void @cp_async(
; CHECK: call ptr @__tx_shared_base()
; CHECK: call i32 @llvm.umin.i32(i32 %n, i32 16)
; CHECK: call void @llvm.memset.p0.i64(ptr {{.*}}, i8 0, i64 16, i1 false)
; CHECK: call void @llvm.memcpy.p0.p0.i64(
; CHECK: fence acq_rel
